/** The viewer's loading and completeness sentences, kept pure so tests can pin the wording. */

import type { LoadOutcome, LoadProgress } from "../ports";

/** How changelogs load, when the report has history fields (the loader's choice by host). */
type ChangelogMode = NonNullable<LoadProgress["changelog"]>;

const count = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return count.format(n);
}

/** "1 issue", "1,234 issues". */
export function issueCountText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "issue" : "issues"}`;
}

export function progressText(progress: LoadProgress | null): string {
  if (!progress || (progress.loaded === 0 && progress.approximateTotal === null)) return "Loading…";
  if (progress.approximateTotal !== null && progress.approximateTotal > 0) {
    return `Loading… ${formatCount(progress.loaded)} of about ${issueCountText(progress.approximateTotal)}`;
  }
  return `Loading… ${issueCountText(progress.loaded)}`;
}

export function rateLimitText(waitingMs: number): string {
  return `Jira is rate limiting; waiting ${Math.max(1, Math.ceil(waitingMs / 1000))}s`;
}

export function completenessText(outcome: LoadOutcome, approximateTotal: number | null): string {
  if (outcome.status === "complete") return `All ${issueCountText(outcome.loaded)} loaded`;
  const total =
    approximateTotal !== null && approximateTotal > outcome.loaded
      ? ` of about ${issueCountText(approximateTotal)}`
      : outcome.loaded === 1
        ? " issue"
        : " issues";
  const reason = outcome.reason ? `: ${outcome.reason}` : "";
  return `Stopped after ${formatCount(outcome.loaded)}${total}${reason}`;
}

/** How many filters a report applies to its issues: its filter rules, and each grouping that
 * leaves out issues without a value (`show_empty: false`), which the engine applies as a filter. */
export function filterCountOf(report: {
  readonly filtering_rules?: readonly unknown[];
  readonly grouping_rules?: readonly { readonly show_empty?: boolean | null }[];
}): number {
  const hidingEmpty = (report.grouping_rules ?? []).filter((g) => g.show_empty === false).length;
  return (report.filtering_rules?.length ?? 0) + hidingEmpty;
}

/** "188 issues hidden by the report's 2 filters", or null when the filters hide nothing. */
export function hiddenByFiltersText(loaded: number, matched: number, filterCount: number): string | null {
  const hidden = loaded - matched;
  if (hidden <= 0) return null;
  const filters = filterCount === 1 ? "filter" : filterCount > 1 ? `${formatCount(filterCount)} filters` : "filters";
  return `${issueCountText(hidden)} hidden by the report's ${filters}`;
}

/** Above this many issues a run costs enough of the site's API quota to say so up front. */
export const LARGE_REPORT_ISSUES = 50_000;

/** The API-cost warning for a very large report, or null. Requests: id pages of 5,000 plus
 * field pages of 100 (the fetch planner's sizes); with history fields also the changelogs:
 * bulkfetch reads 1,000 issues a request (more when a thousand issues have over 10,000 changes
 * between them), while `expand=changelog` rides on the field pages and adds a request for each
 * issue whose changelog Jira cuts short, which no one can count ahead. */
export function apiCostText(approximateTotal: number | null, changelog?: ChangelogMode): string | null {
  if (approximateTotal === null || approximateTotal < LARGE_REPORT_ISSUES) return null;
  const bulkfetch = changelog === "bulkfetch" ? Math.ceil(approximateTotal / 1000) : 0;
  const requests = Math.ceil(approximateTotal / 5000) + Math.ceil(approximateTotal / 100) + bulkfetch;
  const what = changelog ? `${issueCountText(approximateTotal)} and their changelogs` : issueCountText(approximateTotal);
  const count =
    changelog === "bulkfetch"
      ? `at least ${formatCount(requests)} requests`
      : changelog === "expand"
        ? `about ${formatCount(requests)} requests, plus more for each issue with a long history`
        : `about ${formatCount(requests)} requests`;
  return (
    `This report reads about ${what} from Jira (${count}), which counts against your site's API rate ` +
    "limits. Narrow the JQL to load less."
  );
}

/** What the engine says of the report's history fields (`ReportResult.history`). */
export interface HistoryCompleteness {
  readonly issues: number;
  readonly incomplete: number;
}

/**
 * "Changelogs for 40 of 250 issues; history fields are empty for the other 210 (Jira kept
 * limiting the request rate).", or null when every loaded issue has its whole changelog. The
 * counts are the engine's (an issue whose changelog does not end in its current status is
 * incomplete too); the reason is the loader's first failure.
 */
export function changelogsMissingText(history: HistoryCompleteness | null, changelogs: LoadOutcome["changelogs"]): string | null {
  if (!history || history.incomplete <= 0) return null;
  const complete = Math.max(0, history.issues - history.incomplete);
  const reason =
    changelogs?.reason ??
    (changelogs && changelogs.missing > 0
      ? null
      : "their changelogs do not end in their current status; Jira may have changed them while loading");
  return (
    `Changelogs for ${formatCount(complete)} of ${issueCountText(history.issues)}; history fields are empty for the other ` +
    `${formatCount(history.incomplete)}${reason ? ` (${reason})` : ""}.`
  );
}
