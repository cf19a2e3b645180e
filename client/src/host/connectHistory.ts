/**
 * The place on the report pages in the Jira page's URL on Connect, through `AP.history`: Jira keeps
 * a page module's state in the page URL's anchor after `#!`
 * (`…/plugins/servlet/ac/<app>/reports#!report=<id>`, `#!report=<id>&edit=1` for its editor,
 * `#!edit=1` for a new report's), so Back, Forward, a reload and a shared link all name it. The
 * list is the empty state.
 */

import { type ApPopStateEvent, callAp, type ConnectAp } from "./connectAp";
import { addressFromSearch, type PageAddress, reportIdFromSearch, searchOfAddress } from "./reportLinks";

const STATE_PREFIX = "#!";
/** The event a host delivers popState changes with, where its callbacks answer only once (simple-xdm). */
export const POPSTATE_EVENT = "history_popstate";
// Bounds how long the first render waits for the host's answer.
const STATE_WAIT_MS = 1000;

/** The state after `#!` that names a place (the list: empty). */
export function historyStateOf(address: PageAddress): string {
  return searchOfAddress(address);
}

/**
 * The place a Jira page URL names: the `#!` state when there is one (empty: the list), else an
 * `ac.report` link parameter (AP.navigator links: a report's viewer), else the list. Undefined
 * when the URL can't be read.
 */
export function addressOfPageUrl(href: string): PageAddress | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.hash.startsWith(STATE_PREFIX)) return addressFromSearch(url.hash.slice(STATE_PREFIX.length));
  return { reportId: reportIdFromSearch(url.search), editing: false };
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
  /** The place the page URL's `#!` state names; undefined when it has none or the host can't say. */
  initialAddress(): Promise<PageAddress | undefined>;
  /** Tells the history which place the page opened on, so recording it again adds no entry. */
  opened(address: PageAddress): void;
  /** Records a place: a new entry, or in place of the current one (`replace`). */
  navigate(address: PageAddress, replace?: boolean): void;
  /** One entry back, as the browser's Back; false when the host has no such call. */
  back(): boolean;
  listen(listener: (address: PageAddress) => void): () => void;
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
  // The `#!` state of the page URL as last seen or set; undefined before anyone said.
  let current: string | undefined;
  const listeners = new Set<(address: PageAddress) => void>();
  let subscribed = false;

  const changed = (event: unknown) => {
    const popped = (event ?? {}) as ApPopStateEvent;
    const address =
      typeof popped.newURL === "string"
        ? addressOfPageUrl(popped.newURL)
        : typeof popped.state === "string"
          ? addressFromSearch(popped.state)
          : undefined;
    if (address === undefined) return;
    const state = historyStateOf(address);
    if (state === current) return;
    current = state;
    for (const listener of [...listeners]) listener(address);
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
    async initialAddress() {
      const getState = ap.history?.getState;
      if (typeof getState !== "function") return undefined;
      const state = await withTimeout(
        callAp<unknown>((callback) => getState.call(ap.history, "all", callback)),
        undefined,
        waitMs,
      );
      const href = typeof state === "object" && state !== null ? (state as { href?: unknown }).href : undefined;
      if (typeof href !== "string" || !hasHistoryState(href)) return undefined;
      return addressOfPageUrl(href);
    },

    opened(address) {
      current = historyStateOf(address);
    },

    navigate(address, replace = false) {
      const history = ap.history;
      const state = historyStateOf(address);
      if (!history || state === current) return;
      // The first record names the page the user is already on: no new entry for it.
      const inPlace = replace || current === undefined;
      current = state;
      try {
        if (inPlace && typeof history.replaceState === "function") history.replaceState(state);
        else history.pushState(state);
      } catch {
        // The page stays usable; only its URL does not follow.
      }
    },

    back() {
      const back = ap.history?.back;
      if (typeof back !== "function") return false;
      try {
        back.call(ap.history);
        return true;
      } catch {
        return false;
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
