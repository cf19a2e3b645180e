/**
 * Entry point of the Rollbook client inside the Jira iframe: reads which page the server shell
 * asked for (`#root[data-page]`), connects to Jira through Connect's `AP`, and mounts the UI.
 */

import { createRoot } from "react-dom/client";
import { createApiClient } from "./api/client";
import { createConnectHost } from "./host/connectHost";
import { createReportSession } from "./session/reportSession";
import { App } from "./ui/app/App";
import { createJiraHelpers } from "./ui/app/jiraHelpers";
import { reportIdFromSearch } from "./ui/app/navigation";
import { ErrorBanner } from "./ui/common/ErrorBanner";
import type { PageKind, Services } from "./ui/services";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/table.css";
import "./styles/editor.css";
import "./styles/print.css";

const PAGES: readonly PageKind[] = ["reports", "project", "admin", "gadget"];
const AP_WAIT_MS = 10_000;
const AP_POLL_MS = 25;

/** all.js is a classic script before this module, so AP is normally there; a slow CDN or host may be late. */
async function waitForAp(): Promise<NonNullable<Window["AP"]> | null> {
  const deadline = Date.now() + AP_WAIT_MS;
  while (!window.AP) {
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, AP_POLL_MS));
  }
  return window.AP;
}

/** Connect names the iframe with JSON whose `extension_id` is `<appKey>__<moduleKey>__…`. */
function appKeyOfFrame(): string | undefined {
  try {
    const config = JSON.parse(window.name) as { extension_id?: unknown };
    const id = typeof config.extension_id === "string" ? config.extension_id.split("__")[0] : undefined;
    return id || undefined;
  } catch {
    return undefined;
  }
}

// Bounds how long the first render waits for the host page's URL.
const LOCATION_WAIT_MS = 1000;

type LocationCallback = (location: unknown) => void;
type GetLocation = (callback: LocationCallback) => unknown;

/** `AP.navigator.getLocation` answers `{href, …}`; the older `AP.env.getLocation` / `AP.getLocation` a string. */
function hrefOf(location: unknown): string | null {
  if (typeof location === "string") return location;
  const href = typeof location === "object" && location !== null ? (location as { href?: unknown }).href : undefined;
  return typeof href === "string" ? href : null;
}

/**
 * The report to open: `?report=` / `?ac.report=` on the iframe URL, else `ac.report` on the
 * Jira page's URL, for hosts that do not copy `ac.*` parameters into the iframe URL.
 */
async function initialReportId(ap: NonNullable<Window["AP"]>): Promise<string | null> {
  const own = reportIdFromSearch(window.location.search);
  if (own) return own;
  const loose = ap as { navigator?: { getLocation?: GetLocation }; env?: { getLocation?: GetLocation }; getLocation?: GetLocation };
  const owner = typeof loose.navigator?.getLocation === "function" ? loose.navigator : typeof loose.env?.getLocation === "function" ? loose.env : loose;
  const getLocation = owner.getLocation;
  if (typeof getLocation !== "function") return null;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), LOCATION_WAIT_MS);
    const answer = (location: unknown) => {
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
      if (returned && typeof (returned as Promise<unknown>).then === "function") (returned as Promise<unknown>).then(answer, () => answer(null));
    } catch {
      answer(null);
    }
  });
}

async function start(): Promise<void> {
  const rootElement = document.getElementById("root");
  if (!rootElement) return;
  const root = createRoot(rootElement);
  const data = rootElement.dataset;
  const page = PAGES.find((p) => p === data.page) ?? "reports";

  const ap = await waitForAp();
  if (!ap) {
    root.render(<ErrorBanner title="Rollbook could not start" message="Rollbook runs inside Jira: open it from your Jira site." />);
    return;
  }
  const host = createConnectHost(ap);
  const appKey = appKeyOfFrame();
  // HTML lower-cases attribute names: the shell's data-projectKey arrives as dataset.projectkey.
  const projectKey = data.projectkey ?? data.projectKey;
  const services: Services = {
    host,
    api: createApiClient(host),
    jira: createJiraHelpers(host),
    createSession: () => createReportSession({ host }),
    loadExporters: () => import("./export/index"),
    page,
    ...(projectKey ? { projectKey } : {}),
    ...(ap.navigator
      ? {
          openReportPage: (reportId: string) =>
            ap.navigator?.go("addonModule", { ...(appKey ? { addonKey: appKey } : {}), moduleKey: "reports", customData: { report: reportId } }),
        }
      : {}),
  };
  const reportId = page === "admin" ? null : await initialReportId(ap);
  root.render(<App services={services} initialReportId={reportId} />);
}

void start();
