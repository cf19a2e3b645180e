/**
 * The Rollbook server on Connect: same-origin `fetch` carrying the context JWT from
 * `AP.context.getToken`, cached until shortly before it expires. A 401 gets one retry with a
 * token straight from Jira, since a cached one may have expired or been revoked.
 */

import { unreachableError } from "../api/errors";
import { callAp, type ConnectAp } from "./connectAp";
import type { ServerRequest, ServerResponse } from "./host";

// Context JWTs live ~15 minutes; refreshing a minute early absorbs clock skew with the server.
const TOKEN_REFRESH_MARGIN_MS = 60_000;

export interface ConnectServerOptions {
  /** Prefix for `/api/...`; "" (the app's own origin, where the iframe page comes from). */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/** Payload of a JWT, undecoded signature; null when it is not a readable JWT. */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const base64 = part
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === "object" ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The context JWT with a cache; `fresh` skips it (after the server answered 401). */
export function createTokenSource(ap: ConnectAp, now: () => number): (options?: { fresh?: boolean }) => Promise<string> {
  let cached: { token: string; refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;

  function fetchToken(): Promise<string> {
    const request = callAp<string>((callback) => ap.context.getToken(callback)).then((token) => {
      if (typeof token !== "string" || token === "") throw new Error("Jira did not issue a context token");
      const exp = decodeJwtPayload(token)?.exp;
      // A token whose expiry cannot be read is used once and not cached.
      const refreshAt = typeof exp === "number" ? exp * 1000 - TOKEN_REFRESH_MARGIN_MS : 0;
      cached = { token, refreshAt };
      return token;
    });
    pending = request;
    const clear = (): void => {
      if (pending === request) pending = null;
    };
    request.then(clear, clear);
    return request;
  }

  return (options = {}) => {
    if (!options.fresh) {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      if (pending) return pending;
    }
    return fetchToken();
  };
}

function checkBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  if (trimmed === "" || trimmed.startsWith("/")) {
    // A protocol-relative "//host" would leave our origin.
    if (trimmed.startsWith("//")) throw new Error("the API base URL must be on the app's own origin");
    return trimmed;
  }
  const origin = typeof location !== "undefined" ? location.origin : null;
  if (origin === null || new URL(trimmed).origin !== origin) throw new Error("the API base URL must be on the app's own origin");
  return trimmed;
}

async function toServerResponse(response: Response): Promise<ServerResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  let body: unknown;
  try {
    const text = await response.text();
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status alone speaks.
    body = undefined;
  }
  return { status: response.status, headers, body };
}

export function createConnectServerCaller(
  token: (options?: { fresh?: boolean }) => Promise<string>,
  options: ConnectServerOptions = {},
): (request: ServerRequest) => Promise<ServerResponse> {
  const baseUrl = checkBaseUrl(options.baseUrl ?? "");
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(request: ServerRequest, fresh: boolean): Promise<Response> {
    const jwt = await token(fresh ? { fresh: true } : {});
    const init: RequestInit = {
      method: request.method,
      headers: {
        ...(request.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...request.headers,
        Authorization: `JWT ${jwt}`,
      },
      // The context JWT is the only credential; no cookies go with API calls.
      credentials: "omit",
      cache: "no-store",
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    };
    try {
      return await doFetch(`${baseUrl}${request.path}`, init);
    } catch (error) {
      throw unreachableError(String(error));
    }
  }

  return async (request) => {
    let response = await send(request, false);
    if (response.status === 401) response = await send(request, true);
    return toServerResponse(response);
  };
}
