/**
 * An in-memory `Host` for tests (loader, API client, session, UI components): Jira responses are
 * configured per method and path, every request is recorded, and in-flight requests are counted
 * so tests can assert the loader's concurrency cap.
 */

import type { FlagType, Host, HostContext, JiraRequest, JiraResponse } from "./host";

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

export interface FakeHostOptions {
  readonly context?: Partial<HostContext>;
  /** Token for the n-th `getServerToken` call (0-based); default `token-1`, `token-2`, … */
  readonly token?: (call: { readonly count: number; readonly fresh: boolean }) => string;
  /** Routes keyed `"METHOD /rest/path"`. */
  readonly routes?: Readonly<Record<string, FakeHandler | FakeReply>>;
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
  readonly requests: RecordedRequest[] = [];
  readonly tokenCalls: { fresh: boolean }[] = [];
  readonly openedIssues: string[] = [];
  readonly flags: { type: FlagType; title: string; body?: string }[] = [];
  readonly gadgetTitles: string[] = [];
  resizeCount = 0;
  inFlight = 0;
  maxInFlight = 0;
  context: HostContext;
  private readonly routes = new Map<string, FakeHandler>();
  private readonly tokenFor: (call: { readonly count: number; readonly fresh: boolean }) => string;

  constructor(options: FakeHostOptions = {}) {
    this.context = { ...DEFAULT_FAKE_CONTEXT, ...options.context };
    this.tokenFor = options.token ?? ((call) => `token-${call.count + 1}`);
    for (const [route, handler] of Object.entries(options.routes ?? {})) {
      const [method, pathname] = route.split(" ", 2);
      this.on(method as "GET" | "POST", pathname ?? "", handler);
    }
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

  async getServerToken(options: { fresh?: boolean } = {}): Promise<string> {
    const fresh = options.fresh === true;
    const count = this.tokenCalls.length;
    this.tokenCalls.push({ fresh });
    return this.tokenFor({ count, fresh });
  }

  async getContext(): Promise<HostContext> {
    return this.context;
  }

  openIssue(issueKey: string): void {
    this.openedIssues.push(issueKey);
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
