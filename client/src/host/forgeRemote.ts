/**
 * The Rollbook server through Forge Remote: `invokeRemote` answers in two shapes on failure —
 * a rejected promise (Forge's docs: 401, non-JSON body, network error, timeout) or, in
 * `@forge/bridge` 7.2.0, a resolved error object when the host answers `{success: false}`.
 * Both become an `ApiError`; every real answer becomes a `ServerResponse`.
 */

import { ApiError, unreachableError } from "../api/errors";
import type { ServerResponse } from "./host";

// Forge's wording for a FIT the remote refused, and the plain HTTP spellings of the same.
const UNAUTHORIZED = /\b401\b|unauthori[sz]ed|verify the Forge Invocation Token/i;

function messageOf(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (reason && typeof reason === "object") {
    const { message, error } = reason as { message?: unknown; error?: unknown };
    if (typeof message === "string") return message;
    if (typeof error === "string") return error;
  }
  return String(reason);
}

/** A failed invocation: 401 when the remote could not verify who the user is, else unreachable. */
export function invocationError(reason: unknown): ApiError {
  const message = messageOf(reason);
  const status = reason && typeof reason === "object" ? (reason as { status?: unknown }).status : undefined;
  if (status === 401 || UNAUTHORIZED.test(message)) {
    return new ApiError(
      401,
      "forge_unauthorized",
      `Jira could not prove to the Rollbook server who you are (${message}). Reload the page to try again.`,
    );
  }
  return unreachableError(message);
}

/** Header values as Forge may hand them over: strings, arrays (the declared type) or numbers. */
function headersOf(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!raw || typeof raw !== "object") return headers;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(value)) headers[name.toLowerCase()] = value.map(String).join(", ");
    else if (typeof value === "string" || typeof value === "number") headers[name.toLowerCase()] = String(value);
  }
  return headers;
}

function bodyOf(raw: unknown): unknown {
  if (typeof raw !== "string") return raw ?? undefined;
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** What `invokeRemote` resolved with: a response, or the error object of a failed invocation. */
export function serverResponseOf(answer: unknown): ServerResponse {
  const candidate = answer && typeof answer === "object" ? (answer as { status?: unknown; headers?: unknown; body?: unknown }) : null;
  const isResponse =
    candidate !== null &&
    typeof candidate.status === "number" &&
    candidate.status >= 100 &&
    candidate.status <= 599 &&
    ("headers" in candidate || "body" in candidate);
  if (!isResponse) throw invocationError(answer ?? "no answer");
  return { status: candidate.status as number, headers: headersOf(candidate.headers), body: bodyOf(candidate.body) };
}
