/**
 * Reading errors from the API client without depending on its class identity (fakes in tests and
 * the real `ApiError` look alike), and turning them into sentences for banners.
 */

export interface ApiErrorDetail {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

export interface ApiErrorLike {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail?: readonly ApiErrorDetail[];
  readonly currentVersion?: number;
}

export function asApiError(error: unknown): ApiErrorLike | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as Partial<ApiErrorLike>;
  if (typeof e.status !== "number" || typeof e.code !== "string") return null;
  return e as ApiErrorLike;
}

/** Sentences the user can act on; the server's own message is shown verbatim after ours. */
const KNOWN: Record<string, string> = {
  report_forbidden: "You don't have permission to do this with this report.",
  report_not_found: "This report was deleted or doesn't exist.",
  group_check_unavailable: "Jira could not confirm your group membership right now. Try again in a moment.",
  jira_admin_required: "Only Jira administrators can do this.",
};

export function errorMessage(error: unknown): string {
  const api = asApiError(error);
  if (api) {
    const known = KNOWN[api.code];
    if (api.code === "invalid_report" && api.detail && api.detail.length > 0) {
      return api.detail.map((d) => `${d.loc.join(".")}: ${d.msg}`).join("\n");
    }
    if (known && api.message && !known.includes(api.message)) return `${known} (${api.message})`;
    return known ?? (api.message || `The server answered ${api.status}.`);
  }
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "Something went wrong.";
}
