/**
 * The Connect host adapter: `Host` over Atlassian Connect's iframe API (`AP`, from all.js).
 * Jira calls go through `AP.request` (`connectJira.ts`), server calls through `fetch` with the
 * context JWT (`connectServer.ts`); the page comes from the server's page shell (`connectPage.ts`).
 */

import { askOverAp, closeDialogOverAp, dialogRequestOverAp } from "./connectDialog";
import { callAp, type Callback, type ConnectAp } from "./connectAp";
import { createConnectPageHistory } from "./connectHistory";
import { requestJiraOverAp } from "./connectJira";
import { appKeyOfFrame, connectPage, openReportPageOverAp } from "./connectPage";
import { createConnectServerCaller, createTokenSource, decodeJwtPayload } from "./connectServer";
import { issueSearchPath, type DashboardItem, type Host, type HostContext, type HostPage } from "./host";
import { readServerGadgetReport, storeServerGadgetReport } from "./serverGadgets";

export type { ApRequestOptions, ApXhr, ConnectAp } from "./connectAp";
export { decodeJwtPayload } from "./connectServer";

/** What the adapter reads from the page; injectable so tests need no DOM. */
export interface ConnectEnvironment {
  /** The iframe URL's query string (carries `xdm_e` and `cp`). */
  readonly search: string;
  readonly referrer: string;
  /** `dataset` of the `#root` element rendered by the server's page shell. */
  readonly rootDataset: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  readonly defaultTimeZone: () => string;
  /** `window.name`: Connect's JSON frame configuration, which names the app key. */
  readonly frameName?: string;
  /** For the Rollbook server; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Prefix for `/api/...`; default "" (the app's own origin). */
  readonly apiBaseUrl?: string;
}

function browserEnvironment(): ConnectEnvironment {
  const hasDocument = typeof document !== "undefined";
  const root = hasDocument ? document.getElementById("root") : null;
  return {
    search: typeof location !== "undefined" ? location.search : "",
    referrer: hasDocument ? document.referrer : "",
    rootDataset: root ? { ...root.dataset } : {},
    now: () => Date.now(),
    defaultTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    frameName: typeof window !== "undefined" ? window.name : "",
  };
}

function siteUrlOf(environment: ConnectEnvironment): string {
  const params = new URLSearchParams(environment.search);
  const host = params.get("xdm_e");
  if (host) return (host + (params.get("cp") ?? "")).replace(/\/+$/, "");
  try {
    return environment.referrer ? new URL(environment.referrer).origin : "";
  } catch {
    return "";
  }
}

function nested(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function nonEmpty(...values: unknown[]): string | undefined {
  for (const value of values) {
    if ((typeof value === "string" && value !== "") || typeof value === "number") return String(value);
  }
  return undefined;
}

export function createConnectHost(
  ap: ConnectAp | undefined = typeof window !== "undefined" ? window.AP : undefined,
  environment: ConnectEnvironment = browserEnvironment(),
): Host {
  if (!ap) throw new Error("Atlassian Connect (AP) is not available: Rollbook must run inside Jira");
  const bridge = ap;
  const token = createTokenSource(bridge, environment.now);
  const callServer = createConnectServerCaller(token, {
    ...(environment.fetch ? { fetch: environment.fetch } : {}),
    ...(environment.apiBaseUrl !== undefined ? { baseUrl: environment.apiBaseUrl } : {}),
  });
  const data = environment.rootDataset;
  let contextPromise: Promise<HostContext> | null = null;
  let pagePromise: Promise<HostPage> | null = null;

  async function optionalUserSetting(read: ((callback: Callback<string>) => unknown) | undefined): Promise<string | undefined> {
    if (typeof read !== "function") return undefined;
    try {
      const value = await callAp<string>((callback) => read.call(bridge.user, callback) as Promise<string> | void);
      return typeof value === "string" && value !== "" ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async function loadContext(): Promise<HostContext> {
    const [jiraContext, user, zone, locale] = await Promise.all([
      callAp<unknown>((callback) => bridge.context.getContext(callback)).catch(() => ({})),
      bridge.user
        ? callAp<{ atlassianAccountId?: string | null }>((callback) => bridge.user!.getCurrentUser(callback)).catch(() => null)
        : Promise.resolve(null),
      optionalUserSetting(bridge.user?.getTimeZone),
      optionalUserSetting(bridge.user?.getLocale),
    ]);
    let accountId = nonEmpty(user?.atlassianAccountId);
    // Without AP.user the context token's subject is the same account id.
    if (!accountId) accountId = nonEmpty(decodeJwtPayload(await token())?.sub);
    if (!accountId) throw new Error("Jira did not say who the current user is");
    // The page shell writes data-projectKey; HTML lower-cases attribute names, so it arrives as
    // dataset.projectkey, while data-project-key arrives as dataset.projectKey.
    const projectKey = nonEmpty(data.projectKey, data.projectkey, nested(jiraContext, "jira", "project", "key"));
    const dashboardItem = await dashboardItemOf(jiraContext);
    return {
      accountId,
      siteUrl: siteUrlOf(environment),
      timeZone: zone ?? environment.defaultTimeZone(),
      ...(locale !== undefined ? { locale } : {}),
      ...(projectKey !== undefined ? { projectKey } : {}),
      ...(dashboardItem !== undefined ? { dashboardItem } : {}),
    };
  }

  async function dashboardItemOf(jiraContext: unknown): Promise<DashboardItem | undefined> {
    const id = nonEmpty(data.dashboardItemId, data.dashboarditemid, nested(jiraContext, "jira", "dashboardItem", "id"));
    const dashboardId = nonEmpty(data.dashboardId, data.dashboardid, nested(jiraContext, "jira", "dashboard", "id"));
    if (id === undefined || dashboardId === undefined) return undefined;
    const isEditable = bridge.jira?.isDashboardItemEditable;
    // Without Jira's answer nobody may change the gadget's report: fail closed.
    const editable =
      typeof isEditable === "function"
        ? await callAp<boolean>((callback) => isEditable.call(bridge.jira, callback)).then(
            (v) => v === true,
            () => false,
          )
        : false;
    return { id, dashboardId, editable, choosableHere: true, titledByHost: true };
  }

  const appKey = appKeyOfFrame(environment.frameName ?? "");
  const pageHistory = createConnectPageHistory(bridge);

  async function loadPage(): Promise<HostPage> {
    const page = await connectPage(bridge, data, environment.search);
    if (page.kind !== "reports" && page.kind !== "project") return page;
    // The page URL's `#!` state is the newest word on the report (Back, reload, a shared link).
    const fromHistory = await pageHistory.initialAddress();
    const opened: HostPage =
      fromHistory === undefined ? page : { ...page, reportId: fromHistory.reportId, ...(fromHistory.editing ? { editing: true } : {}) };
    pageHistory.opened({ reportId: opened.reportId, editing: opened.editing === true });
    return opened;
  }
  const host: Host = {
    kind: "connect",
    requestJira: (path, request) => requestJiraOverAp(bridge, path, request),
    callServer,

    getContext(): Promise<HostContext> {
      contextPromise ??= loadContext();
      // A failed lookup is not remembered, so a later call can succeed.
      contextPromise.catch(() => {
        contextPromise = null;
      });
      return contextPromise;
    },

    getPage(): Promise<HostPage> {
      pagePromise ??= loadPage();
      return pagePromise;
    },

    // The Jira page URL names the report after `#!` (AP.history), as Jira does for page modules.
    navigatePage: (reportId, options) => pageHistory.navigate({ reportId, editing: options?.editing === true }, options?.replace === true),
    onPageNavigation: (listener) => pageHistory.listen((address) => listener(address.reportId, address.editing)),
    ...(typeof bridge.history?.back === "function" ? { navigatePageBack: () => void pageHistory.back() } : {}),

    ...(bridge.navigator ? { openReportPage: (reportId: string) => openReportPageOverAp(bridge, appKey, reportId) } : {}),

    getGadgetReport: (item) => readServerGadgetReport(host, item.id),
    chooseGadgetReport: (item, choice) => storeServerGadgetReport(host, item, choice),

    openIssue(issueKey: string): void {
      bridge.navigator?.go("issue", { issueKey });
    },

    openIssueSearch(jql: string): void {
      // Connect has no navigator target for a search; "site" opens any page of the site.
      bridge.navigator?.go("site", { relativeUrl: issueSearchPath(jql) });
    },

    ask: (request) => askOverAp(bridge, request),
    confirm: (request) => askOverAp(bridge, request).then((answer) => answer.confirmed),
    dialogRequest: () => dialogRequestOverAp(bridge),
    closeDialog: (confirmed, values) => closeDialogOverAp(bridge, confirmed, values),

    resize(): void {
      // The dashboard gadget sizes to its content; full pages fill the space Jira gives them.
      if (data.page === "gadget" || typeof bridge.sizeToParent !== "function") bridge.resize?.();
      else bridge.sizeToParent();
    },

    setGadgetTitle(title: string): void {
      if (data.page === "gadget") bridge.jira?.setDashboardItemTitle?.(title);
    },

    showFlag(flag): void {
      bridge.flag?.create({
        title: flag.title,
        ...(flag.body !== undefined ? { body: flag.body } : {}),
        type: flag.type,
        close: flag.type === "error" ? "manual" : "auto",
      });
    },
  };
  return host;
}
