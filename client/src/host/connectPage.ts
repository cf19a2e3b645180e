/**
 * Which Connect page a frame shows and the report it opens with. The server's page shell says
 * the page (`#root[data-page]`); a report comes from `?report=` / `?ac.report=` on the iframe URL,
 * else from `ac.report` on the Jira page's URL, for hosts that do not copy `ac.*` parameters
 * into the iframe URL.
 */

import type { Callback, ConnectAp } from "./connectAp";
import type { HostPage, PageKind } from "./host";
import { reportIdFromSearch } from "./reportLinks";

const PAGES: readonly PageKind[] = ["reports", "project", "admin", "gadget", "confirm"];
// Bounds how long the first render waits for the host page's URL.
const LOCATION_WAIT_MS = 1000;

export function pageKindOf(dataset: Readonly<Record<string, string | undefined>>): PageKind {
  return PAGES.find((page) => page === dataset.page) ?? "reports";
}

/** `AP.navigator.getLocation` answers `{href, …}`; the older `AP.env.getLocation` / `AP.getLocation` a string. */
function hrefOf(location: unknown): string | null {
  if (typeof location === "string") return location;
  const href = typeof location === "object" && location !== null ? (location as { href?: unknown }).href : undefined;
  return typeof href === "string" ? href : null;
}

function hostPageReportId(ap: ConnectAp): Promise<string | null> {
  const owner = typeof ap.navigator?.getLocation === "function" ? ap.navigator : typeof ap.env?.getLocation === "function" ? ap.env : ap;
  const getLocation = owner.getLocation;
  if (typeof getLocation !== "function") return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), LOCATION_WAIT_MS);
    const answer: Callback<unknown> = (location) => {
      clearTimeout(timer);
      const href = hrefOf(location);
      try {
        resolve(href ? reportIdFromSearch(new URL(href).search) : null);
      } catch {
        resolve(null);
      }
    };
    try {
      // Both styles exist: a callback, or a returned promise.
      const returned = getLocation.call(owner, answer);
      if (returned && typeof (returned as Promise<unknown>).then === "function")
        (returned as Promise<unknown>).then(answer, () => answer(null));
    } catch {
      answer(null);
    }
  });
}

export async function connectPage(ap: ConnectAp, dataset: Readonly<Record<string, string | undefined>>, search: string): Promise<HostPage> {
  const kind = pageKindOf(dataset);
  // HTML lower-cases attribute names: the shell's data-projectKey arrives as dataset.projectkey.
  const projectKey = kind === "project" ? (dataset.projectkey ?? dataset.projectKey) : undefined;
  // The admin page shows no report.
  const reportId = kind === "admin" || kind === "confirm" ? null : (reportIdFromSearch(search) ?? (await hostPageReportId(ap)));
  return { kind, reportId, ...(projectKey ? { projectKey } : {}) };
}

/** Connect names the iframe with JSON whose `extension_id` is `<appKey>__<moduleKey>__…`. */
export function appKeyOfFrame(frameName: string): string | undefined {
  try {
    const config = JSON.parse(frameName) as { extension_id?: unknown };
    const id = typeof config.extension_id === "string" ? config.extension_id.split("__")[0] : undefined;
    return id || undefined;
  } catch {
    return undefined;
  }
}

/** Opens the general reports page (module `reports`) on one report, through `ac.report`. */
export function openReportPageOverAp(ap: ConnectAp, appKey: string | undefined, reportId: string): void {
  ap.navigator?.go("addonModule", { ...(appKey ? { addonKey: appKey } : {}), moduleKey: "reports", customData: { report: reportId } });
}
