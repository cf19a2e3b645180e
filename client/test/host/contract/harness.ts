/**
 * What the host contract suite needs from each host under test: the host itself, built for one
 * scenario (which page, which report in the URL, what the gadget has stored), a way to script
 * Jira's and the Rollbook server's answers underneath it, and read-outs of what it asked the
 * platform to do (navigate, show flags, store the gadget's report) in one host-neutral shape.
 */

import type { FlagType, Host, PageKind } from "../../../src/host/host";

export const ACCOUNT_ID = "acc-1";
export const SITE_URL = "https://acme.atlassian.net";
export const TIME_ZONE = "Europe/Berlin";
export const PROJECT_KEY = "EX";
export const GADGET_ID = "10000";
export const DASHBOARD_ID = "10100";

export interface Scenario {
  readonly page: Exclude<PageKind, "gadgetSettings" | "confirm">;
  /** The report the host page's URL names. */
  readonly reportInUrl?: string;
  /** Whether Jira lets the user edit the dashboard (gadget page). */
  readonly dashboardEditor?: boolean;
  /** The gadget's settings view, where hosts with one (Forge) let the report be chosen. */
  readonly gadgetEditView?: boolean;
  /** The gadget's stored report: in the host's own gadget settings, or on the Rollbook server
   * (where Connect keeps it, and where a Forge gadget finds a choice migrated from Connect). */
  readonly gadgetChoice?: { readonly where: "host" | "server"; readonly reportId: string; readonly viewId?: string };
}

export interface JiraAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ServerAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
}

/** Ways the server cannot answer: unreachable (a rejected call, or on Forge also the bridge's
 * resolved error object) or refusing to believe who the user is. */
export type ServerFailure = "unreachable" | "unreachable-resolved" | "unauthorized";

export interface SeenJiraRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

export interface SeenServerRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface SeenFlag {
  readonly type: FlagType;
  readonly title: string;
  readonly body?: string;
}

export interface HostHarness {
  readonly host: Host;
  /** Whether a gadget's report is chosen in the gadget view itself (else in a settings view). */
  readonly choosesInGadgetView: boolean;
  /** Whether the host page's URL carries the open report (and has Back/Forward for it). */
  readonly keepsReportInUrl: boolean;
  answerJira(answer: JiraAnswer | "network-failure"): void;
  answerServer(answer: ServerAnswer): void;
  failServer(failure: ServerFailure): void;
  jiraRequests(): SeenJiraRequest[];
  serverRequests(): SeenServerRequest[];
  openedIssues(): string[];
  openedReports(): string[];
  flags(): SeenFlag[];
  /** The reports the host page's URL was set to, in order (null: the list). */
  urlReports(): (string | null)[];
  /** The user pressed Back or Forward to a URL naming `reportId` (null: the list). */
  userNavigates(reportId: string | null): void;
  /** The gadget's report as the platform stored it. */
  storedGadgetChoice(): string | null;
  /** The gadget's view as the platform stored it (null: none, so the report's first). */
  storedGadgetView(): string | null;
}

export type HarnessFactory = (scenario: Scenario) => HostHarness | Promise<HostHarness>;

/** The Rollbook server behind Connect's fetch and Forge's invokeRemote: scripted answers, plus
 * the gadget routes with real state so a stored choice can be read back. */
export class FakeRollbookServer {
  readonly requests: SeenServerRequest[] = [];
  readonly gadgets = new Map<string, string>();
  readonly gadgetViews = new Map<string, string>();
  failure: ServerFailure | null = null;
  private readonly answers: ServerAnswer[] = [];

  answer(answer: ServerAnswer): void {
    this.answers.push(answer);
  }

  handle(request: SeenServerRequest): ServerAnswer {
    this.requests.push(request);
    const gadget = /^\/api\/gadgets\/([^/?]+)$/.exec(request.path);
    if (gadget) {
      const id = decodeURIComponent(gadget[1]!);
      if (request.method === "PUT") {
        const { report_id, dashboard_id, view_id } = request.body as { report_id: string; dashboard_id: string; view_id?: string | null };
        this.gadgets.set(id, report_id);
        if (view_id) this.gadgetViews.set(id, view_id);
        else this.gadgetViews.delete(id);
        return {
          status: 200,
          json: {
            dashboard_item_id: id,
            dashboard_id,
            report_id,
            view_id: view_id ?? null,
            updated_at: "2026-01-01T00:00:00Z",
            updated_by: ACCOUNT_ID,
          },
        };
      }
      const reportId = this.gadgets.get(id);
      if (reportId === undefined) return { status: 404, json: { error: "gadget_not_configured", message: "no report chosen" } };
      return {
        status: 200,
        json: {
          dashboard_item_id: id,
          dashboard_id: DASHBOARD_ID,
          report_id: reportId,
          view_id: this.gadgetViews.get(id) ?? null,
          updated_at: "2026-01-01T00:00:00Z",
          updated_by: ACCOUNT_ID,
        },
      };
    }
    return (
      this.answers.shift() ?? {
        status: 404,
        json: { error: "not_found", message: `nothing scripted for ${request.method} ${request.path}` },
      }
    );
  }
}

/** What a harness over a real adapter records from the fake platform, and the part of
 * `HostHarness` that reads it back (the same for every platform). */
export class PlatformRecording {
  readonly jiraAnswers: (JiraAnswer | "network-failure")[] = [];
  readonly jiraRequests: SeenJiraRequest[] = [];
  readonly openedIssues: string[] = [];
  readonly openedReports: string[] = [];
  readonly flags: SeenFlag[] = [];
  readonly server = new FakeRollbookServer();

  readers(): Pick<
    HostHarness,
    "answerJira" | "answerServer" | "failServer" | "jiraRequests" | "serverRequests" | "openedIssues" | "openedReports" | "flags"
  > {
    return {
      answerJira: (answer) => void this.jiraAnswers.push(answer),
      answerServer: (answer) => this.server.answer(answer),
      failServer: (failure) => {
        this.server.failure = failure;
      },
      jiraRequests: () => this.jiraRequests,
      serverRequests: () => this.server.requests,
      openedIssues: () => this.openedIssues,
      openedReports: () => this.openedReports,
      flags: () => this.flags,
    };
  }
}
