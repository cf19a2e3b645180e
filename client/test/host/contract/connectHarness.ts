/** The contract harness over the Connect host, with a fake `AP` and a fake `fetch` to the server. */

import { vi } from "vitest";
import { createConnectHost, type ApRequestOptions, type ConnectAp } from "../../../src/host/connectHost";
import { POPSTATE_EVENT } from "../../../src/host/connectHistory";
import { reportIdFromSearch } from "../../../src/host/reportLinks";
import { PlatformRecording, ACCOUNT_ID, DASHBOARD_ID, GADGET_ID, PROJECT_KEY, TIME_ZONE, type HarnessFactory } from "./harness";

const NOW = 1_750_000_000_000;

function contextJwt(): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ sub: ACCOUNT_ID, exp: NOW / 1000 + 900 })}.signature`;
}

function rootDatasetOf(page: string): Record<string, string> {
  if (page === "project") return { page, projectkey: PROJECT_KEY };
  if (page === "gadget") return { page, dashboarditemid: GADGET_ID, dashboardid: DASHBOARD_ID };
  return { page };
}

export const connectHarness: HarnessFactory = (scenario) => {
  const recording = new PlatformRecording();
  const { jiraAnswers, jiraRequests, openedIssues, openedReports, flags, server } = recording;
  if (scenario.gadgetChoice) server.gadgets.set(GADGET_ID, scenario.gadgetChoice.reportId);
  if (scenario.gadgetChoice?.viewId) server.gadgetViews.set(GADGET_ID, scenario.gadgetChoice.viewId);
  // The Jira page's URL as AP.history leaves it: the app's state after `#!`.
  const PAGE_URL = "https://acme.atlassian.net/plugins/servlet/ac/rollbook/reports";
  const urlReports: (string | null)[] = [];
  const popListeners: ((event: unknown) => void)[] = [];
  const recordState = (state: string) => urlReports.push(reportIdFromSearch(state));

  const ap: ConnectAp = {
    request(options: ApRequestOptions) {
      jiraRequests.push({
        method: options.type,
        path: options.url,
        ...(options.data !== undefined ? { body: JSON.parse(options.data) } : {}),
      });
      const answer = jiraAnswers.shift();
      if (!answer) return Promise.reject(new Error("no Jira answer scripted"));
      if (answer === "network-failure") return Promise.reject({ err: "network down", xhr: { status: 0 } });
      const xhr = { status: answer.status, responseText: answer.body, headers: { ...answer.headers } };
      return answer.status < 300 ? Promise.resolve({ body: answer.body, xhr }) : Promise.reject({ err: "error", xhr });
    },
    context: { getToken: () => Promise.resolve(contextJwt()), getContext: () => Promise.resolve({ jira: {} }) },
    navigator: {
      go: vi.fn((target: string, context?: Record<string, unknown>) => {
        if (target === "issue") openedIssues.push(String(context?.issueKey));
        if (target === "addonModule") openedReports.push(String((context?.customData as { report?: unknown } | undefined)?.report));
      }),
    },
    user: { getCurrentUser: () => Promise.resolve({ atlassianAccountId: ACCOUNT_ID }), getTimeZone: () => Promise.resolve(TIME_ZONE) },
    flag: {
      create: (options) =>
        void flags.push({
          type: options.type ?? "info",
          title: options.title,
          ...(options.body !== undefined ? { body: options.body } : {}),
        }),
    },
    jira: { isDashboardItemEditable: (callback) => callback?.(scenario.dashboardEditor ?? false) },
    history: { pushState: recordState, replaceState: recordState, getState: () => Promise.resolve({ href: PAGE_URL }) },
    events: { on: (name, listener) => void (name === POPSTATE_EVENT && popListeners.push(listener)) },
  };

  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (server.failure === "unreachable" || server.failure === "unreachable-resolved") throw new TypeError("Failed to fetch");
    const headers = { "Content-Type": "application/json" };
    if (server.failure === "unauthorized")
      return new Response(JSON.stringify({ error: "token_invalid", message: "not signed by Jira" }), { status: 401, headers });
    const answer = server.handle({
      method: init.method ?? "GET",
      path: String(input),
      headers: { ...(init.headers as Record<string, string>) },
      ...(typeof init.body === "string" ? { body: JSON.parse(init.body) } : {}),
    });
    return new Response(answer.json === undefined ? null : JSON.stringify(answer.json), {
      status: answer.status,
      headers: { ...(answer.json !== undefined ? headers : {}), ...answer.headers },
    });
  }) as typeof fetch;

  const host = createConnectHost(ap, {
    search: `?xdm_e=${encodeURIComponent("https://acme.atlassian.net")}&cp=${scenario.reportInUrl ? `&ac.report=${scenario.reportInUrl}` : ""}`,
    referrer: "",
    rootDataset: rootDatasetOf(scenario.page),
    now: () => NOW,
    defaultTimeZone: () => "UTC",
    frameName: JSON.stringify({ extension_id: "rollbook__reports__1" }),
    fetch: fetchFn,
  });

  return {
    host,
    choosesInGadgetView: true,
    // Connect keeps the open report after `#!` in the Jira page's URL (AP.history).
    keepsReportInUrl: true,
    ...recording.readers(),
    urlReports: () => urlReports,
    userNavigates: (reportId) => {
      const newURL = `${PAGE_URL}#!${reportId === null ? "" : `report=${reportId}`}`;
      for (const listener of [...popListeners]) listener({ newURL });
    },
    storedGadgetChoice: () => server.gadgets.get(GADGET_ID) ?? null,
    storedGadgetView: () => server.gadgetViews.get(GADGET_ID) ?? null,
  };
};
