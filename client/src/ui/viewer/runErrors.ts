/**
 * Turns a failed or stopped report run, or a failed report load, into one clear banner: Jira's
 * own JQL message verbatim, rate limiting, missing permission, a deleted report, an unavailable
 * group check. Errors are read by shape, not class, so fakes and real errors look alike.
 */

import { asApiError } from "../common/errors";
import type { SessionState } from "../ports";

export type RunErrorKind = "jql" | "rate_limited" | "permission" | "not_found" | "group_check" | "network" | "server" | "other";

export interface RunError {
  readonly kind: RunErrorKind;
  readonly title: string;
  readonly message: string;
}

/** Jira's own messages (`JiraApiError.messages`), read defensively. */
function jiraMessages(error: unknown): string[] {
  if (typeof error !== "object" || error === null) return [];
  const messages = (error as { messages?: unknown }).messages;
  if (Array.isArray(messages)) return messages.filter((m): m is string => typeof m === "string" && m !== "");
  return [];
}

function statusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === "number" ? status : undefined;
}

/** Errors of loading the report definition from the Rollbook server. */
export function describeLoadError(error: unknown): RunError {
  const api = asApiError(error);
  if (api?.code === "report_not_found" || api?.status === 404) {
    return {
      kind: "not_found",
      title: "Report not found",
      message: "This report was deleted or doesn't exist. Its administrators can restore a deleted report from the trash.",
    };
  }
  if (api?.code === "group_check_unavailable") {
    return {
      kind: "group_check",
      title: "Access could not be checked",
      message: "Jira could not confirm your group membership right now, so this report stays hidden. Try again in a moment.",
    };
  }
  if (api?.code === "report_forbidden" || api?.status === 403) {
    return {
      kind: "permission",
      title: "No permission",
      message: "You don't have permission to view this report. Ask one of its administrators to share it with you.",
    };
  }
  return {
    kind: "other",
    title: "The report could not be loaded",
    message: api?.message || (error instanceof Error ? error.message : "Something went wrong."),
  };
}

/** What stopped a run, from the loader's stop code and Jira's error (`LoadOutcome.code` / `.error`). */
export function describeRunError(code: string | undefined, error: unknown, reason?: string): RunError {
  const messages = jiraMessages(error);
  const status = statusOf(error);
  const fallback = reason || (error instanceof Error ? error.message : "") || "Something went wrong.";
  switch (code) {
    case "bad_request":
      // A 400 from search is Jira rejecting the JQL: its message, verbatim, is the useful part.
      if (status === 400 || status === undefined)
        return { kind: "jql", title: "Jira rejected the report's JQL", message: messages.join("\n") || fallback };
      return { kind: "other", title: "Jira refused the request", message: messages.join("\n") || fallback };
    case "rate_limited":
      return {
        kind: "rate_limited",
        title: "Jira is rate limiting",
        message: reason || "Jira is limiting this site's requests; loading stopped. Try again in a few minutes.",
      };
    case "permission":
      return {
        kind: "permission",
        title: "No permission",
        message: messages.join("\n") || reason || "Jira did not let you read these issues.",
      };
    case "network":
      return { kind: "network", title: "Jira could not be reached", message: fallback };
    case "server_error":
    case "unreadable":
      return { kind: "server", title: "Jira failed to answer", message: fallback };
    default:
      return { kind: "other", title: "The report could not be run", message: messages.join("\n") || fallback };
  }
}

/** The banner for a session state, if any. A run cancelled by the user or by a newer run shows none. */
export function sessionError(state: SessionState): RunError | null {
  const outcome = state.outcome;
  if (outcome?.status === "stopped") {
    if (outcome.code === "aborted") return null;
    return describeRunError(outcome.code, outcome.error ?? state.error, outcome.reason);
  }
  if (state.status === "error") return describeRunError(undefined, state.error, state.error?.message);
  return null;
}
