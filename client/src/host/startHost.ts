/**
 * Finds the host this frame runs in. Forge puts its bridge script first in the page, so
 * `window.__bridge` is there before any module runs: then the Forge adapter, and
 * `@forge/bridge` with it, is loaded by dynamic `import()` — never on Connect, where importing
 * the package would throw. Otherwise the frame waits for Connect's `AP` (all.js).
 */

import type { ConnectAp } from "./connectAp";
import { createConnectHost } from "./connectHost";
import type { Host } from "./host";

const AP_WAIT_MS = 10_000;
const AP_POLL_MS = 25;

declare global {
  interface Window {
    /** Forge's bridge, defined by the script Forge puts first in a Custom UI page. */
    __bridge?: { callBridge?: unknown };
  }
}

/** The globals the host is recognised by; `window` in the browser. */
export interface HostFrame {
  readonly __bridge?: { callBridge?: unknown };
  readonly AP?: ConnectAp;
}

/** all.js is a classic script before the entry module, so AP is normally there; a slow CDN or host may be late. */
async function waitForAp(frame: HostFrame, waitMs: number): Promise<ConnectAp | null> {
  const deadline = Date.now() + waitMs;
  while (!frame.AP) {
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, AP_POLL_MS));
  }
  return frame.AP;
}

/** The host, or null outside Jira. */
export async function startHost(frame: HostFrame = window, apWaitMs = AP_WAIT_MS): Promise<Host | null> {
  if (typeof frame.__bridge?.callBridge === "function") {
    const { startForgeHost } = await import("./forgeStart");
    return startForgeHost();
  }
  const ap = await waitForAp(frame, apWaitMs);
  return ap ? createConnectHost(ap) : null;
}
