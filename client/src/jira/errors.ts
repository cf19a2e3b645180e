/**
 * Jira's error answers as one exception type, carrying Jira's own `ErrorCollection` messages so
 * the UI can show them verbatim (a bad JQL message is more useful than any paraphrase).
 */

import type { JiraResponse } from "../host/host";

export class JiraApiError extends Error {
  override readonly name = "JiraApiError";

  constructor(
    readonly status: number,
    /** `ErrorCollection.errorMessages`, exactly as Jira sent them. */
    readonly errorMessages: readonly string[],
    /** `ErrorCollection.errors` (field → message). */
    readonly errors: Readonly<Record<string, string>>,
    readonly path: string,
  ) {
    super([...errorMessages, ...Object.values(errors)].join(" ") || `Jira answered HTTP ${status} for ${path}`);
  }

  /** Every message Jira gave: general ones first, then per-field ones. */
  get messages(): string[] {
    return [...this.errorMessages, ...Object.values(this.errors)];
  }
}

/** Reads an `ErrorCollection` body defensively: any other body gives no messages. */
export function parseErrorCollection(body: string): { errorMessages: string[]; errors: Record<string, string> } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== "object") return { errorMessages: [], errors: {} };
    const { errorMessages, errors } = parsed as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(errorMessages) ? errorMessages.filter((m): m is string => typeof m === "string") : [];
    const fieldErrors: Record<string, string> = {};
    if (errors && typeof errors === "object") {
      for (const [field, message] of Object.entries(errors as Record<string, unknown>)) {
        if (typeof message === "string") fieldErrors[field] = message;
      }
    }
    return { errorMessages: messages, errors: fieldErrors };
  } catch {
    return { errorMessages: [], errors: {} };
  }
}

export function jiraApiError(response: JiraResponse, path: string): JiraApiError {
  const { errorMessages, errors } = parseErrorCollection(response.body);
  return new JiraApiError(response.status, errorMessages, errors, path);
}

/** Parses a successful JSON answer; throws a `JiraApiError` for an error status or unreadable body. */
export function readJson<T>(response: JiraResponse, path: string): T {
  if (response.status < 200 || response.status >= 300) throw jiraApiError(response, path);
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new JiraApiError(response.status, ["Jira sent a response that could not be read."], {}, path);
  }
}
