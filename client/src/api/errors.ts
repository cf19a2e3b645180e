/** The Rollbook server's errors as one class, whichever host carried the call. */

import type { ServerResponse } from "../host/host";
import type { ErrorDetail } from "./resources.gen";

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The body's `error` code (`version_conflict`, `invalid_report`, `token_expired`, …). */
    readonly code: string,
    message: string,
    /** 422 validation errors, with the path to each offending value. */
    readonly detail?: readonly ErrorDetail[],
    /** 409/412 on update: the version someone else saved. */
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  detail?: unknown;
  current_version?: unknown;
}

function detailOf(value: unknown): ErrorDetail[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((d): d is ErrorDetail => !!d && typeof d === "object" && typeof (d as ErrorDetail).msg === "string");
}

/** A non-2xx answer as an `ApiError`; a body that is not Rollbook's JSON (a proxy's error page) leaves the status alone. */
export function apiErrorOf(response: ServerResponse): ApiError {
  const body: ErrorBody = response.body && typeof response.body === "object" ? (response.body as ErrorBody) : {};
  const code = typeof body.error === "string" ? body.error : `http_${response.status}`;
  const detail = detailOf(body.detail);
  const message =
    typeof body.message === "string"
      ? body.message
      : detail && detail.length > 0
        ? detail.map((d) => d.msg).join("; ")
        : `The Rollbook server answered HTTP ${response.status}.`;
  const currentVersion = typeof body.current_version === "number" ? body.current_version : undefined;
  return new ApiError(response.status, code, message, detail, currentVersion);
}

export function unreachableError(detail: string): ApiError {
  return new ApiError(0, "network_error", `The Rollbook server could not be reached (${detail}).`);
}
