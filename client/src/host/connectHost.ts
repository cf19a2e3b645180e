/**
 * The Connect host adapter: `Host` over Atlassian Connect's iframe API (`AP`, from all.js).
 *
 * AP calls cross a postMessage bridge, so everything coming back is treated as untrusted and
 * possibly partial (the `xhr` of `AP.request` is a serialised subset of an XMLHttpRequest).
 */

import type { DashboardItem, FlagType, Host, HostContext, JiraRequest, JiraResponse } from "./host";

/** A serialised XMLHttpRequest as AP.request hands it over; any member may be missing. */
export interface ApXhr {
  status?: number;
  statusText?: string;
  responseText?: string;
  headers?: unknown;
  getResponseHeader?: (name: string) => string | null | undefined;
  getAllResponseHeaders?: () => string;
}

export interface ApRequestOptions {
  url: string;
  type: string;
  data?: string;
  contentType?: string;
  cache?: boolean;
  headers?: Record<string, string>;
  success?: (responseText: unknown, statusText?: string, xhr?: ApXhr) => void;
  error?: (xhr: ApXhr | undefined, statusText?: string, errorThrown?: unknown) => void;
}

type MaybePromise<T> = Promise<T> | T | void;
type Callback<T> = (value: T) => void;

/** The part of `AP` Rollbook uses (types after `@types/atlassian-connect-js`, all optional where hosts differ). */
export interface ConnectAp {
  request(options: ApRequestOptions): MaybePromise<unknown>;
  context: {
    getToken(callback?: Callback<string>): MaybePromise<string>;
    getContext(callback?: Callback<unknown>): MaybePromise<unknown>;
  };
  navigator?: { go(target: string, context?: Record<string, unknown>): void };
  user?: {
    getCurrentUser(callback?: Callback<{ atlassianAccountId?: string | null }>): MaybePromise<{ atlassianAccountId?: string | null }>;
    getTimeZone?(callback?: Callback<string>): MaybePromise<string>;
  };
  resize?(width?: string | number, height?: string | number): void;
  sizeToParent?(hideFooter?: boolean): void;
  flag?: { create(options: { title: string; body?: string; type?: FlagType; close?: "manual" | "auto" }): unknown };
  jira?: {
    isDashboardItemEditable?(callback?: Callback<boolean>): MaybePromise<boolean>;
    setDashboardItemTitle?(title: string): void;
  };
}

declare global {
  interface Window {
    AP?: ConnectAp;
  }
}

/** What the adapter reads from the page; injectable so tests need no DOM. */
export interface ConnectEnvironment {
  /** The iframe URL's query string (carries `xdm_e` and `cp`). */
  readonly search: string;
  readonly referrer: string;
  /** `dataset` of the `#root` element rendered by the server's page shell. */
  readonly rootDataset: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  readonly defaultTimeZone: () => string;
}

// Context JWTs live ~15 minutes; refreshing a minute early absorbs clock skew with the server.
const TOKEN_REFRESH_MARGIN_MS = 60_000;
// Headers the loader reads (`jira/requests.ts`); asked for one by one when the bridge only
// offers getResponseHeader.
const WANTED_HEADERS = ["retry-after", "x-ratelimit-nearlimit"];

function browserEnvironment(): ConnectEnvironment {
  const hasDocument = typeof document !== "undefined";
  const root = hasDocument ? document.getElementById("root") : null;
  return {
    search: typeof location !== "undefined" ? location.search : "",
    referrer: hasDocument ? document.referrer : "",
    rootDataset: root ? { ...root.dataset } : {},
    now: () => Date.now(),
    defaultTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/**
 * Calls an AP function that takes a callback and/or returns a promise (both styles exist across
 * all.js versions and hosts) and settles once with whichever answers first.
 */
function callAp<T>(invoke: (callback: Callback<T>) => MaybePromise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      const returned = invoke(resolve);
      if (returned && typeof (returned as Promise<T>).then === "function") (returned as Promise<T>).then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
}

function xhrOf(reason: unknown): ApXhr | undefined {
  if (!reason || typeof reason !== "object") return undefined;
  const candidate = reason as { xhr?: unknown; status?: unknown; responseText?: unknown };
  if (candidate.xhr && typeof candidate.xhr === "object") return candidate.xhr as ApXhr;
  if ("status" in candidate || "responseText" in candidate) return candidate as ApXhr;
  return undefined;
}

function headersOf(xhr: ApXhr | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!xhr) return out;
  const raw = xhr.headers;
  if (raw && typeof raw === "object") {
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === "string" || typeof value === "number") out[name.toLowerCase()] = String(value);
    }
  }
  if (typeof xhr.getAllResponseHeaders === "function") {
    try {
      for (const line of String(xhr.getAllResponseHeaders() ?? "").split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
      }
    } catch {
      // A bridge that serialised the method but not its state: the other sources still apply.
    }
  }
  if (typeof xhr.getResponseHeader === "function") {
    for (const name of WANTED_HEADERS) {
      if (name in out) continue;
      try {
        const value = xhr.getResponseHeader(name);
        if (value !== null && value !== undefined) out[name] = String(value);
      } catch {
        // As above: missing headers are simply absent.
      }
    }
  }
  return out;
}

function textOf(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  return body === undefined || body === null ? "" : JSON.stringify(body);
}

function successResponse(value: unknown): JiraResponse {
  // Promise style resolves {body, xhr}; callback style passes the response text itself.
  const wrapped = value && typeof value === "object" && "body" in value ? (value as { body: unknown; xhr?: ApXhr }) : { body: value };
  const xhr = wrapped.xhr;
  const status = typeof xhr?.status === "number" && xhr.status > 0 ? xhr.status : 200;
  const body = wrapped.body !== undefined ? textOf(wrapped.body) : textOf(xhr?.responseText);
  return { status, headers: headersOf(xhr), body };
}

function failureResponse(reason: unknown): JiraResponse {
  const xhr = xhrOf(reason);
  const status = typeof xhr?.status === "number" ? xhr.status : 0;
  // Status 0: the bridge or the network failed; there is no HTTP answer to hand back.
  if (status <= 0) {
    const detail = reason && typeof reason === "object" && "err" in reason ? String((reason as { err: unknown }).err) : String(reason);
    throw new Error(`Jira request could not be made: ${detail}`);
  }
  return { status, headers: headersOf(xhr), body: textOf(xhr?.responseText) };
}

/** Payload of a JWT, undecoded signature; null when it is not a readable JWT. */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === "object" ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
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
  let cachedToken: { token: string; refreshAt: number } | null = null;
  let pendingToken: Promise<string> | null = null;
  let contextPromise: Promise<HostContext> | null = null;

  function fetchToken(): Promise<string> {
    const request = callAp<string>((callback) => bridge.context.getToken(callback)).then((token) => {
      if (typeof token !== "string" || token === "") throw new Error("Jira did not issue a context token");
      const exp = decodeJwtPayload(token)?.exp;
      // A token whose expiry cannot be read is used once and not cached.
      const refreshAt = typeof exp === "number" ? exp * 1000 - TOKEN_REFRESH_MARGIN_MS : 0;
      cachedToken = { token, refreshAt };
      return token;
    });
    pendingToken = request;
    const clear = (): void => {
      if (pendingToken === request) pendingToken = null;
    };
    request.then(clear, clear);
    return request;
  }

  async function timeZone(): Promise<string> {
    if (typeof bridge.user?.getTimeZone === "function") {
      try {
        const zone = await callAp<string>((callback) => bridge.user!.getTimeZone!(callback));
        if (typeof zone === "string" && zone !== "") return zone;
      } catch {
        // Fall through to the browser's zone.
      }
    }
    return environment.defaultTimeZone();
  }

  async function loadContext(): Promise<HostContext> {
    const [jiraContext, user, zone] = await Promise.all([
      callAp<unknown>((callback) => bridge.context.getContext(callback)).catch(() => ({})),
      bridge.user
        ? callAp<{ atlassianAccountId?: string | null }>((callback) => bridge.user!.getCurrentUser(callback)).catch(() => null)
        : Promise.resolve(null),
      timeZone(),
    ]);
    let accountId = nonEmpty(user?.atlassianAccountId);
    // Without AP.user the context token's subject is the same account id.
    if (!accountId) accountId = nonEmpty(decodeJwtPayload(await host.getServerToken())?.sub);
    if (!accountId) throw new Error("Jira did not say who the current user is");
    const data = environment.rootDataset;
    // The page shell writes data-projectKey; HTML lower-cases attribute names, so it arrives as
    // dataset.projectkey, while data-project-key arrives as dataset.projectKey.
    const projectKey = nonEmpty(data.projectKey, data.projectkey, nested(jiraContext, "jira", "project", "key"));
    const dashboardItem = await dashboardItemOf(data, jiraContext);
    return {
      accountId,
      siteUrl: siteUrlOf(environment),
      timeZone: zone,
      ...(projectKey !== undefined ? { projectKey } : {}),
      ...(dashboardItem !== undefined ? { dashboardItem } : {}),
    };
  }

  async function dashboardItemOf(data: ConnectEnvironment["rootDataset"], jiraContext: unknown): Promise<DashboardItem | undefined> {
    const id = nonEmpty(data.dashboardItemId, data.dashboarditemid, nested(jiraContext, "jira", "dashboardItem", "id"));
    const dashboardId = nonEmpty(data.dashboardId, data.dashboardid, nested(jiraContext, "jira", "dashboard", "id"));
    if (id === undefined || dashboardId === undefined) return undefined;
    const isEditable = bridge.jira?.isDashboardItemEditable;
    // Without Jira's answer nobody may change the gadget's report: fail closed.
    const editable =
      typeof isEditable === "function" ? await callAp<boolean>((callback) => isEditable.call(bridge.jira, callback)).then((v) => v === true, () => false) : false;
    return { id, dashboardId, editable };
  }

  const host: Host = {
    requestJira(path: string, request: JiraRequest = {}): Promise<JiraResponse> {
      if (!path.startsWith("/rest/")) return Promise.reject(new Error(`not a Jira REST path: ${path}`));
      const method = request.method ?? "GET";
      return new Promise<JiraResponse>((resolve, reject) => {
        let settled = false;
        const succeed = (value: unknown): void => {
          if (settled) return;
          settled = true;
          resolve(successResponse(value));
        };
        const fail = (reason: unknown): void => {
          if (settled) return;
          settled = true;
          try {
            resolve(failureResponse(reason));
          } catch (error) {
            reject(error);
          }
        };
        const options: ApRequestOptions = {
          url: path,
          type: method,
          cache: false,
          headers: { Accept: "application/json" },
          success: (body, _statusText, xhr) => succeed({ body, xhr }),
          error: (xhr) => fail(xhr ? { xhr } : undefined),
        };
        if (method === "POST") {
          options.data = JSON.stringify(request.body ?? {});
          options.contentType = "application/json";
        }
        try {
          const returned = bridge.request(options);
          if (returned && typeof (returned as Promise<unknown>).then === "function") (returned as Promise<unknown>).then(succeed, fail);
        } catch (error) {
          fail(error);
        }
      });
    },

    getServerToken(options: { fresh?: boolean } = {}): Promise<string> {
      if (!options.fresh) {
        if (cachedToken && environment.now() < cachedToken.refreshAt) return Promise.resolve(cachedToken.token);
        if (pendingToken) return pendingToken;
      }
      return fetchToken();
    },

    getContext(): Promise<HostContext> {
      contextPromise ??= loadContext();
      // A failed lookup is not remembered, so a later call can succeed.
      contextPromise.catch(() => {
        contextPromise = null;
      });
      return contextPromise;
    },

    openIssue(issueKey: string): void {
      bridge.navigator?.go("issue", { issueKey });
    },

    resize(): void {
      // The dashboard gadget sizes to its content; full pages fill the space Jira gives them.
      if (environment.rootDataset.page === "gadget" || typeof bridge.sizeToParent !== "function") bridge.resize?.();
      else bridge.sizeToParent();
    },

    setGadgetTitle(title: string): void {
      if (environment.rootDataset.page === "gadget") bridge.jira?.setDashboardItemTitle?.(title);
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
