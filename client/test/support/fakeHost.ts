/**
 * An in-memory `Host` for tests (loader, API client, session, UI components): Jira and Rollbook
 * server responses are configured per method and path, every request is recorded, and in-flight
 * Jira requests are counted so tests can assert the loader's concurrency cap.
 */

import type {
  DashboardItem,
  GadgetChoice,
  FlagType,
  Host,
  HostContext,
  HostKind,
  HostPage,
  PageNavigation,
  JiraRequest,
  JiraResponse,
  ServerRequest,
  ServerResponse,
} from "../../src/host/host";

export interface RecordedRequest {
  readonly method: "GET" | "POST";
  /** As passed to `requestJira`, query string included. */
  readonly path: string;
  /** Path without the query string: what routes match on. */
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** 0-based order in which requests were made. */
  readonly sequence: number;
}

/** A handler's answer: a full response, or a JSON body with an optional status and headers. */
export type FakeReply = JiraResponse | { readonly status?: number; readonly headers?: Record<string, string>; readonly json: unknown };

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** A Rollbook server answer: a JSON body (or none) with an optional status and headers. */
export interface FakeServerReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
}

export type FakeServerHandler = (request: ServerRequest) => FakeServerReply | Promise<FakeServerReply>;

export interface FakeHostOptions {
  readonly kind?: HostKind;
  readonly context?: Partial<HostContext>;
  readonly page?: HostPage;
  /** Routes keyed `"METHOD /rest/path"`. */
  readonly routes?: Readonly<Record<string, FakeHandler | FakeReply>>;
  /** Rollbook server routes keyed `"METHOD /api/path"` (query string ignored). */
  readonly serverRoutes?: Readonly<Record<string, FakeServerHandler | FakeServerReply>>;
  /** Called when the UI opens the full report page; false: the host cannot. Default: recorded only. */
  readonly openReportPage?: ((reportId: string) => void) | false;
}

export const DEFAULT_FAKE_CONTEXT: HostContext = {
  accountId: "5b10a2844c20165700ede21g",
  siteUrl: "https://example.atlassian.net",
  timeZone: "UTC",
};

export function jsonReply(json: unknown, status = 200, headers: Record<string, string> = {}): JiraResponse {
  return { status, headers: lowerCased(headers), body: JSON.stringify(json) };
}

/** Jira's `ErrorCollection` error body. */
export function jiraErrorReply(status: number, errorMessages: readonly string[], headers: Record<string, string> = {}): JiraResponse {
  return jsonReply({ errorMessages, errors: {} }, status, headers);
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function toResponse(reply: FakeReply): JiraResponse {
  if ("json" in reply) return jsonReply(reply.json, reply.status ?? 200, reply.headers ?? {});
  return { status: reply.status, headers: lowerCased({ ...reply.headers }), body: reply.body };
}

export class FakeHost implements Host {
  readonly kind: HostKind;
  readonly requests: RecordedRequest[] = [];
  readonly serverRequests: ServerRequest[] = [];
  readonly openedIssues: string[] = [];
  /** JQL of every issue search opened in Jira's navigator. */
  readonly openedSearches: string[] = [];
  readonly openedReports: string[] = [];
  /** Each `navigatePage` call, in order. */
  readonly pageNavigations: (string | null)[] = [];
  /** Each `navigatePage` call with its options (editor, in place of the current entry). */
  readonly pageNavigationDetails: { reportId: string | null; editing: boolean; replace: boolean }[] = [];
  /** The gadget's report by dashboard item id. */
  readonly gadgetReports = new Map<string, string>();
  /** The gadget's view by dashboard item id, when one was chosen (else its report's first view). */
  readonly gadgetViews = new Map<string, string>();
  /** When set, `getGadgetReport` rejects with it. */
  gadgetReadError: unknown = undefined;
  /** When set, `chooseGadgetReport` rejects with it. */
  gadgetWriteError: unknown = undefined;
  page: HostPage;
  openReportPage?: (reportId: string) => void;
  readonly flags: { type: FlagType; title: string; body?: string }[] = [];
  readonly gadgetTitles: string[] = [];
  resizeCount = 0;
  inFlight = 0;
  maxInFlight = 0;
  context: HostContext;
  private readonly routes = new Map<string, FakeHandler>();
  private readonly serverRoutes = new Map<string, FakeServerHandler>();
  private serverFallback: FakeServerHandler | null = null;
  private readonly pageListeners = new Set<(reportId: string | null, editing: boolean) => void>();

  constructor(options: FakeHostOptions = {}) {
    this.kind = options.kind ?? "connect";
    this.context = { ...DEFAULT_FAKE_CONTEXT, ...options.context };
    this.page = options.page ?? { kind: "reports", reportId: null };
    for (const [route, handler] of Object.entries(options.routes ?? {})) {
      const [method, pathname] = route.split(" ", 2);
      this.on(method as "GET" | "POST", pathname ?? "", handler);
    }
    for (const [route, handler] of Object.entries(options.serverRoutes ?? {})) {
      const [method, pathname] = route.split(" ", 2);
      this.onServer(method as ServerRequest["method"], pathname ?? "", handler);
    }
    const open = options.openReportPage;
    if (open !== false) {
      this.openReportPage = (reportId) => {
        this.openedReports.push(reportId);
        open?.(reportId);
      };
    }
  }

  /** Answers every Rollbook server call that no route matches. */
  onAnyServerCall(handler: FakeServerHandler): this {
    this.serverFallback = handler;
    return this;
  }

  /** Answers the Rollbook server's `method pathname` (query string ignored). */
  onServer(method: ServerRequest["method"], pathname: string, handler: FakeServerHandler | FakeServerReply): this {
    this.serverRoutes.set(`${method} ${pathname}`, typeof handler === "function" ? handler : () => handler);
    return this;
  }

  /** Answers `method pathname` (query string ignored) with a handler or a fixed reply. */
  on(method: "GET" | "POST", pathname: string, handler: FakeHandler | FakeReply): this {
    this.routes.set(`${method} ${pathname}`, typeof handler === "function" ? handler : () => handler);
    return this;
  }

  requestsTo(pathname: string): RecordedRequest[] {
    return this.requests.filter((r) => r.pathname === pathname);
  }

  async requestJira(path: string, request: JiraRequest = {}): Promise<JiraResponse> {
    // As the real hosts do: nothing but Jira's REST API goes through this door.
    if (!path.startsWith("/rest/")) throw new Error(`not a Jira REST path: ${path}`);
    const method = request.method ?? "GET";
    const queryStart = path.indexOf("?");
    const pathname = queryStart >= 0 ? path.slice(0, queryStart) : path;
    const recorded: RecordedRequest = {
      method,
      path,
      pathname,
      query: new URLSearchParams(queryStart >= 0 ? path.slice(queryStart + 1) : ""),
      // A deep copy, so later mutation by the caller cannot rewrite history.
      body: request.body === undefined ? undefined : JSON.parse(JSON.stringify(request.body)),
      sequence: this.requests.length,
    };
    this.requests.push(recorded);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const handler = this.routes.get(`${method} ${pathname}`);
      if (!handler) return jiraErrorReply(404, [`No fake route for ${method} ${pathname}`]);
      return toResponse(await handler(recorded));
    } finally {
      this.inFlight--;
    }
  }

  async callServer(request: ServerRequest): Promise<ServerResponse> {
    // A deep copy, as for Jira requests.
    this.serverRequests.push(JSON.parse(JSON.stringify(request)) as ServerRequest);
    const pathname = request.path.split("?", 1)[0]!;
    const handler = this.serverRoutes.get(`${request.method} ${pathname}`) ?? this.serverFallback;
    if (!handler)
      return {
        status: 404,
        headers: { "content-type": "application/json" },
        body: { error: "not_found", message: `No fake server route for ${request.method} ${pathname}` },
      };
    const reply = await handler(request);
    return {
      status: reply.status ?? 200,
      headers: lowerCased({ ...(reply.json !== undefined ? { "content-type": "application/json" } : {}), ...reply.headers }),
      body: reply.json === undefined ? undefined : JSON.parse(JSON.stringify(reply.json)),
    };
  }

  async getContext(): Promise<HostContext> {
    return this.context;
  }

  async getPage(): Promise<HostPage> {
    return this.page;
  }

  navigatePage(reportId: string | null, options?: PageNavigation): void {
    this.pageNavigations.push(reportId);
    this.pageNavigationDetails.push({ reportId, editing: options?.editing === true, replace: options?.replace === true });
  }

  onPageNavigation(listener: (reportId: string | null, editing: boolean) => void): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }

  /** The user moved through the host page's history (Back, Forward) to `reportId`, or the list. */
  goBackTo(reportId: string | null, editing = false): void {
    for (const listener of [...this.pageListeners]) listener(reportId, editing);
  }

  async getGadgetReport(item: DashboardItem): Promise<GadgetChoice | null> {
    if (this.gadgetReadError !== undefined) throw this.gadgetReadError;
    const reportId = this.gadgetReports.get(item.id);
    return reportId === undefined ? null : { reportId, viewId: this.gadgetViews.get(item.id) ?? null };
  }

  async chooseGadgetReport(item: DashboardItem, choice: GadgetChoice): Promise<void> {
    if (this.gadgetWriteError !== undefined) throw this.gadgetWriteError;
    this.gadgetReports.set(item.id, choice.reportId);
    if (choice.viewId === null) this.gadgetViews.delete(item.id);
    else this.gadgetViews.set(item.id, choice.viewId);
  }

  openIssue(issueKey: string): void {
    this.openedIssues.push(issueKey);
  }

  openIssueSearch(jql: string): void {
    this.openedSearches.push(jql);
  }

  resize(): void {
    this.resizeCount++;
  }

  showFlag(flag: { type: FlagType; title: string; body?: string }): void {
    this.flags.push(flag);
  }

  setGadgetTitle(title: string): void {
    this.gadgetTitles.push(title);
  }
}

export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  return new FakeHost(options);
}
