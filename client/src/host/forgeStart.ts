/**
 * The Forge side of the entry point, loaded by dynamic `import()` only when the frame has
 * Forge's `window.__bridge`: it is the one module that imports `@forge/bridge`, so on Connect
 * neither it nor the package is ever fetched or evaluated.
 */

import { invokeRemote, Modal, requestJira, router, showFlag, view } from "@forge/bridge";
import { createForgeHost, enableForgeTheming, type ForgeBridge } from "./forgeHost";
import type { Host } from "./host";

const forgeBridge: ForgeBridge = { requestJira, invokeRemote, router, showFlag, view, Modal };

/** Follows the host's theme (before the first render, so nothing flashes) and returns the host. */
export async function startForgeHost(): Promise<Host> {
  await enableForgeTheming(forgeBridge);
  return createForgeHost(forgeBridge);
}
