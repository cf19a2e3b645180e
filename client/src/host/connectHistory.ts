/**
 * The open report in the Jira page's URL on Connect, through `AP.history`: Jira keeps a page
 * module's state in the page URL's anchor after `#!` (`…/plugins/servlet/ac/<app>/reports#!report=<id>`),
 * so Back, Forward, a reload and a shared link all name the report. The list is the empty state.
 */

import { type ApPopStateEvent, callAp, type ConnectAp } from "./connectAp";
import { reportIdFromSearch } from "./reportLinks";

const STATE_PREFIX = "#!";
/** The event a host delivers popState changes with, where its callbacks answer only once (simple-xdm). */
export const POPSTATE_EVENT = "history_popstate";
// Bounds how long the first render waits for the host's answer.
const STATE_WAIT_MS = 1000;

/** The state after `#!` that names a report, or the list (null). */
export function historyStateOfReport(reportId: string | null): string {
  return reportId === null ? "" : `report=${encodeURIComponent(reportId)}`;
}

/**
 * The report a Jira page URL names: the `#!` state when there is one (empty: the list), else an
 * `ac.report` link parameter (AP.navigator links), else none. Undefined when the URL can't be read.
 */
export function reportIdOfPageUrl(href: string): string | null | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.hash.startsWith(STATE_PREFIX)) return reportIdFromSearch(url.hash.slice(STATE_PREFIX.length));
  return reportIdFromSearch(url.search);
}

/** Whether a Jira page URL carries the app's state (`#!`), which then wins over link parameters. */
export function hasHistoryState(href: string): boolean {
  try {
    return new URL(href).hash.startsWith(STATE_PREFIX);
  } catch {
    return false;
  }
}

export interface ConnectPageHistory {
  /** The report the page URL's `#!` state names; undefined when it has none or the host can't say. */
  initialReport(): Promise<string | null | undefined>;
  /** Tells the history which report the page opened on, so recording it again adds no entry. */
  opened(reportId: string | null): void;
  navigate(reportId: string | null): void;
  listen(listener: (reportId: string | null) => void): () => void;
}

function withTimeout<T>(promise: Promise<T>, fallback: T, waitMs: number): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), waitMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

export function createConnectPageHistory(ap: ConnectAp, waitMs = STATE_WAIT_MS): ConnectPageHistory {
  // The report in the page URL as last seen or set; undefined before anyone said.
  let current: string | null | undefined;
  const listeners = new Set<(reportId: string | null) => void>();
  let subscribed = false;

  const changed = (event: unknown) => {
    const popped = (event ?? {}) as ApPopStateEvent;
    const reportId =
      typeof popped.newURL === "string"
        ? reportIdOfPageUrl(popped.newURL)
        : typeof popped.state === "string"
          ? reportIdFromSearch(popped.state)
          : undefined;
    if (reportId === undefined || reportId === current) return;
    current = reportId;
    for (const listener of [...listeners]) listener(reportId);
  };

  function subscribe(): void {
    if (subscribed || !ap.history) return;
    subscribed = true;
    // Hosts differ in how popState reaches the frame: the callback itself, or an event. Both
    // lead to `changed`, which ignores a change it has already seen.
    try {
      ap.history.popState?.(changed);
    } catch {
      // A host without popState still delivers the event.
    }
    ap.events?.on(POPSTATE_EVENT, changed);
  }

  return {
    async initialReport() {
      const getState = ap.history?.getState;
      if (typeof getState !== "function") return undefined;
      const state = await withTimeout(
        callAp<unknown>((callback) => getState.call(ap.history, "all", callback)),
        undefined,
        waitMs,
      );
      const href = typeof state === "object" && state !== null ? (state as { href?: unknown }).href : undefined;
      if (typeof href !== "string" || !hasHistoryState(href)) return undefined;
      return reportIdOfPageUrl(href);
    },

    opened(reportId) {
      current = reportId;
    },

    navigate(reportId) {
      const history = ap.history;
      if (!history || reportId === current) return;
      const first = current === undefined;
      current = reportId;
      const state = historyStateOfReport(reportId);
      try {
        // The first record names the page the user is already on: no new entry for it.
        if (first && typeof history.replaceState === "function") history.replaceState(state);
        else history.pushState(state);
      } catch {
        // The page stays usable; only its URL does not follow.
      }
    },

    listen(listener) {
      listeners.add(listener);
      subscribe();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
