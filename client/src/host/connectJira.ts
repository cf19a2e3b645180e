/**
 * Jira REST calls over `AP.request`, normalised to `JiraResponse`. AP calls cross a postMessage
 * bridge, so everything coming back is treated as untrusted and possibly partial (the `xhr` is a
 * serialised subset of an XMLHttpRequest).
 */

import type { ApRequestOptions, ApXhr, ConnectAp } from "./connectAp";
import type { JiraRequest, JiraResponse } from "./host";

// Headers the loader reads (`jira/requests.ts`); asked for one by one when the bridge only
// offers getResponseHeader.
const WANTED_HEADERS = ["retry-after", "x-ratelimit-nearlimit"];

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

export function requestJiraOverAp(bridge: ConnectAp, path: string, request: JiraRequest = {}): Promise<JiraResponse> {
  if (!path.startsWith("/rest/")) return Promise.reject(new Error(`not a Jira REST path: ${path}`));
  const method = request.method ?? "GET";
  // No success/error functions: all.js answers AP.request with a promise, and functions cannot
  // cross its postMessage bridge (Simple-XDM removes each one with a console warning).
  const options: ApRequestOptions = { url: path, type: method, cache: false, headers: { Accept: "application/json" } };
  if (method === "POST") {
    options.data = JSON.stringify(request.body ?? {});
    options.contentType = "application/json";
  }
  let returned: unknown;
  try {
    returned = bridge.request(options);
  } catch (error) {
    return Promise.resolve().then(() => failureResponse(error));
  }
  if (!returned || typeof (returned as Promise<unknown>).then !== "function") {
    return Promise.reject(new Error("Jira request could not be made: AP.request returned no promise (all.js too old)"));
  }
  return (returned as Promise<unknown>).then(successResponse, failureResponse);
}
