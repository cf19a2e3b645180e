/**
 * The contract harness over the Forge host with the REAL `@forge/bridge` 7.2.0 package: a fake
 * `globalThis.__bridge` plays the Jira page (the `callBridge` names and payload shapes of
 * docs/platform.md#forge-bridge-host-calls), installed before the package is imported, since the package binds to
 * `__bridge.callBridge` at import time.
 */

import { appPathOfReport, reportIdFromAppPath } from "../../../src/host/reportLinks";
import {
  PlatformRecording,
  ACCOUNT_ID,
  DASHBOARD_ID,
  GADGET_ID,
  PROJECT_KEY,
  SITE_URL,
  TIME_ZONE,
  type HarnessFactory,
  type HostHarness,
  type Scenario,
  type SeenFlag,
} from "./harness";

export type CallBridge = (name: string, payload?: unknown) => Promise<unknown>;

/** Every call the frame made, by name, for assertions on the exact bridge payloads. */
export interface BridgeLog {
  readonly calls: { readonly name: string; readonly payload: unknown }[];
}

let activeBridge: CallBridge = () => Promise.reject(new Error("no Forge scenario is active"));
(globalThis as { __bridge?: unknown }).__bridge = { callBridge: (name: string, payload?: unknown) => activeBridge(name, payload) };

// A frame resolves `new Request("")` (which @forge/bridge builds for every requestJira) against
// its document URL; Node has no document, so give Request the base a frame would have.
const NodeRequest = globalThis.Request;
globalThis.Request = class FrameRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, "https://frame.invalid/index.html") : input, init);
  }
} as typeof Request;

const { startForgeHost } = await import("../../../src/host/forgeStart");

export const FORGE_CLOUD_ID = "5f2b8a9e-0c1d-4e3f-9a8b-7c6d5e4f3a2b";

function extensionOf(scenario: Scenario): Record<string, unknown> {
  switch (scenario.page) {
    case "reports":
      return { type: "jira:globalPage" };
    case "project":
      return { type: "jira:projectPage", project: { id: "10000", key: PROJECT_KEY, type: "software" } };
    case "admin":
      return { type: "jira:adminPage" };
    case "gadget":
      return {
        type: "jira:dashboardGadget",
        gadget: { id: GADGET_ID },
        dashboard: { id: DASHBOARD_ID },
        gadgetConfiguration:
          scenario.gadgetChoice?.where === "host"
            ? {
                reportId: scenario.gadgetChoice.reportId,
                ...(scenario.gadgetChoice.viewId ? { viewId: scenario.gadgetChoice.viewId } : {}),
              }
            : {},
        ...(scenario.dashboardEditor !== undefined ? { editable: scenario.dashboardEditor } : {}),
        ...(scenario.gadgetEditView ? { entryPoint: "edit" } : {}),
      };
  }
}

export interface ForgeScenarioOptions {
  /** Overrides the `extension` getContext answers (e.g. the gadget's edit view). */
  readonly extension?: Record<string, unknown>;
  readonly answer?: (name: string, payload: unknown) => Promise<unknown> | undefined;
}

export async function forgeHarnessWithLog(scenario: Scenario, options: ForgeScenarioOptions = {}): Promise<HostHarness & BridgeLog> {
  const recording = new PlatformRecording();
  const { jiraAnswers, jiraRequests, openedIssues, openedReports, flags, server } = recording;
  const urlReports: (string | null)[] = [];
  const submitted: { reportId: string; viewId?: string }[] = [];
  const calls: BridgeLog["calls"] = [];
  if (scenario.gadgetChoice?.where === "server") {
    server.gadgets.set(GADGET_ID, scenario.gadgetChoice.reportId);
    if (scenario.gadgetChoice.viewId) server.gadgetViews.set(GADGET_ID, scenario.gadgetChoice.viewId);
  }
  const historyListeners: ((location: { pathname: string }, action: string) => void)[] = [];
  const history = {
    location: { pathname: appPathOfReport(scenario.page === "admin" ? null : (scenario.reportInUrl ?? null)) },
    listen(listener: (location: { pathname: string }, action: string) => void) {
      historyListeners.push(listener);
      return () => historyListeners.splice(historyListeners.indexOf(listener), 1);
    },
    push(path: string) {
      urlReports.push(reportIdFromAppPath(path));
      move({ pathname: path }, "PUSH");
    },
  };
  function move(location: { pathname: string }, action: string): void {
    history.location = location;
    for (const listener of [...historyListeners]) listener(location, action);
  }

  // biome-ignore lint/suspicious/noExplicitAny: each handler reads the payload shape of its own bridge call
  const handlers: Record<string, (payload: any) => unknown> = {
    getContext: () => ({
      accountId: ACCOUNT_ID,
      cloudId: FORGE_CLOUD_ID,
      siteUrl: SITE_URL,
      environmentId: "env-1",
      environmentType: "DEVELOPMENT",
      localId: "local-1",
      moduleKey: "rollbook-module",
      locale: "en-US",
      timezone: TIME_ZONE,
      extension: options.extension ?? extensionOf(scenario),
    }),
    fetchProduct: (payload: { restPath: string; fetchRequestInit: { method?: string; body?: string | null } }) => {
      const { method = "GET", body } = payload.fetchRequestInit;
      jiraRequests.push({ method, path: payload.restPath, ...(body ? { body: JSON.parse(body) } : {}) });
      const answer = jiraAnswers.shift();
      if (!answer) throw new Error("no Jira answer scripted");
      if (answer === "network-failure") throw new Error("network down");
      return { status: answer.status, statusText: "", headers: { ...answer.headers }, body: answer.body };
    },
    invoke: (payload: { path: string; method: string; headers?: Record<string, string>; body?: unknown }) => {
      if (server.failure === "unreachable") throw new Error("The remote could not be reached: ConnectError.");
      if (server.failure === "unreachable-resolved") return { success: false, error: { message: "The remote could not be reached" } };
      if (server.failure === "unauthorized") throw new Error("Remote could not verify the Forge Invocation Token");
      const answer = server.handle({
        method: payload.method,
        path: payload.path,
        headers: { ...payload.headers },
        ...(payload.body !== undefined ? { body: payload.body } : {}),
      });
      // As jirasim and Forge send them: every header a list of values, no body when there is none.
      const headers = Object.fromEntries(
        Object.entries({ ...(answer.json !== undefined ? { "content-type": "application/json" } : {}), ...answer.headers }).map(
          ([k, v]) => [k, [v]],
        ),
      );
      return { success: true, payload: { status: answer.status, headers, ...(answer.json !== undefined ? { body: answer.json } : {}) } };
    },
    navigate: (payload: { target?: string; issueKey?: string; moduleKey?: string; path?: string }) => {
      if (payload.target === "issue") openedIssues.push(String(payload.issueKey));
      if (payload.target === "module" && payload.moduleKey === "rollbook-global")
        openedReports.push(String(reportIdFromAppPath(payload.path ?? "/")));
    },
    showFlag: (payload: { type: SeenFlag["type"]; title: string; description?: string }) => {
      flags.push({ type: payload.type, title: payload.title, ...(payload.description !== undefined ? { body: payload.description } : {}) });
      return true;
    },
    createHistory: () => history,
    // As on Jira: only the gadget's edit view can submit.
    submit: (payload: { reportId: string; viewId?: string }) => {
      if (!scenario.gadgetEditView) return false;
      submitted.push(payload);
      return true;
    },
    enableTheming: () => undefined,
  };
  activeBridge = async (name, payload) => {
    calls.push({ name, payload });
    const scripted = options.answer?.(name, payload);
    if (scripted) return scripted;
    const handler = handlers[name];
    if (!handler) throw new Error(`the fake Forge page has no ${name}`);
    return handler(payload);
  };
  const host = await startForgeHost();

  return {
    host,
    calls,
    choosesInGadgetView: false,
    keepsReportInUrl: true,
    ...recording.readers(),
    urlReports: () => urlReports,
    userNavigates: (reportId) => move({ pathname: appPathOfReport(reportId) }, "POP"),
    storedGadgetChoice: () => submitted.at(-1)?.reportId ?? null,
    storedGadgetView: () => submitted.at(-1)?.viewId ?? null,
  };
}

export const forgeHarness: HarnessFactory = (scenario) => forgeHarnessWithLog(scenario);
