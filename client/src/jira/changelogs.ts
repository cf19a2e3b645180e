/**
 * Changelogs for the fetch planner (issue 14, docs/engine.md#history-fields): each issue the loader
 * delivers carries its status changes in Jira's own `expand=changelog` shape, complete or
 * marked incomplete — never silently partial.
 *
 * - `"bulkfetch"` (Forge): `POST /changelog/bulkfetch` for 1,000 ids at a time (the first 100
 *   alone, for fast first rows), status items only, following `nextPageToken`; a field page
 *   waits for the changelogs of its ids.
 * - `"expand"` (Connect, which may not call bulkfetch): field pages ask for `expand=changelog`;
 *   Jira cuts that changelog short (`total` above what came), so those issues get their whole
 *   changelog from `GET /issue/{id}/changelog`, 100 histories a page.
 *
 * Every request goes through the planner's slots, retries and rate-limit gate (`send`). A
 * changelog request that still fails after its retries leaves its issues with an incomplete
 * changelog and the load goes on; a permission error or an abort still stops it.
 */

import { completeHistories, type JiraChangeHistory, type JiraChangelog, type JiraIssue } from "../engine/index";
import { abortable, LoadStopped, type JiraCaller } from "./requests";

export type ChangelogMode = "bulkfetch" | "expand";

export const BULK_CHANGELOG_PATH = "/rest/api/3/changelog/bulkfetch";
/** Jira's limit of issues per bulkfetch request. */
export const BULK_CHANGELOG_ISSUES = 1000;
/**
 * The first group is one field page's worth: the first rows wait for their changelogs, and Jira
 * gathers 100 issues' histories sooner than 1,000's. One request more per report.
 */
export const FIRST_BULK_GROUP = 100;
/** Jira's largest bulkfetch page (change histories). */
export const BULK_CHANGELOG_PAGE = 10000;
/** Jira's largest page of one issue's changelog. */
export const ISSUE_CHANGELOG_PAGE = 100;
/** Only status changes feed the history fields. */
export const CHANGELOG_FIELD_IDS: readonly string[] = ["status"];

export function issueChangelogPath(issueId: string): string {
  return `/rest/api/3/issue/${encodeURIComponent(issueId)}/changelog`;
}

/** What an issue carries when its changelog could not be loaded: anything not complete. */
export function incompleteChangelog(): JiraChangelog {
  return { startAt: 0, maxResults: 0, total: 1, histories: [] };
}

/** Complete ⇔ `histories` is an array and `total`, when given, is no more than it holds: the
 * engine's own test, so the loader counts as missing exactly what the engine leaves empty. */
export function isCompleteChangelog(changelog: unknown): boolean {
  return completeHistories(changelog) !== null;
}

export type { JiraChangeHistory, JiraChangelog };

function withChangelog(issue: JiraIssue, changelog: JiraChangelog): JiraIssue {
  return { ...issue, changelog };
}

function completeChangelog(histories: JiraChangeHistory[]): JiraChangelog {
  return { startAt: 0, maxResults: histories.length, total: histories.length, histories };
}

/**
 * Whether a changelog request that failed leaves its issues incomplete rather than stopping the
 * load: retries spent on rate limits, server errors or silence, an unreadable answer, or an
 * issue Jira no longer finds. Permission, bad requests and aborts stop the load as they do for
 * issue pages.
 */
export function leavesChangelogIncomplete(error: unknown): error is LoadStopped {
  if (!(error instanceof LoadStopped)) return false;
  if (error.code === "rate_limited" || error.code === "server_error" || error.code === "network" || error.code === "unreadable")
    return true;
  return error.code === "bad_request" && error.error?.status === 404;
}

/** Why changelogs are missing, short enough for "…empty for the other 12 (reason)". */
export function missingChangelogReason(error: LoadStopped): string {
  switch (error.code) {
    case "rate_limited":
      return "Jira kept limiting the request rate";
    case "server_error":
      return `Jira failed${error.error ? ` with HTTP ${error.error.status}` : ""}`;
    case "network":
      return "Jira did not answer";
    case "unreadable":
      return "Jira sent an answer that could not be read";
    default:
      return "Jira did not find the issue";
  }
}

/** Sends one changelog request through the planner (slot with priority, retries, gate). */
export type ChangelogSend = <T>(call: (caller: JiraCaller) => Promise<T>) => Promise<T>;

export interface ChangelogLoader {
  /** Extra members of each field page's search body. */
  readonly searchExtras: Readonly<Record<string, unknown>>;
  /** Ids as the id pages stream them in, in order (bulkfetch groups them by 1,000). */
  addIds(ids: readonly string[]): void;
  /** No more ids: fetch the last, partial group. */
  endIds(): void;
  /** The issues of one field page with their changelogs (complete or marked incomplete). */
  attach(issues: readonly JiraIssue[]): Promise<JiraIssue[]>;
  /** The first reason a changelog went missing, or null. */
  readonly reason: string | null;
}

interface ChangelogContext {
  readonly send: ChangelogSend;
  readonly signal: AbortSignal;
}

/** Records the first failure's reason and turns a failure into "incomplete", or rethrows it. */
class FailureLog {
  reason: string | null = null;

  absorb(error: unknown): void {
    if (!leavesChangelogIncomplete(error)) throw error;
    this.reason ??= missingChangelogReason(error);
  }
}

interface BulkPage {
  issueChangeLogs?: { issueId?: unknown; changeHistories?: unknown }[];
  nextPageToken?: string | null;
}

/** Histories by issue id for one group: null when the group's requests failed. */
type GroupHistories = ReadonlyMap<string, JiraChangeHistory[]> | null;

/** Up to 1,000 ids whose changelogs one bulkfetch run (with its pages) loads; field pages of
 * these ids wait for `result`, which exists before the group is full and sent. */
class BulkGroup {
  readonly ids: string[] = [];
  readonly result: Promise<GroupHistories>;
  private begin: () => void = () => {};

  constructor(fetch: (ids: readonly string[]) => Promise<GroupHistories>) {
    this.result = new Promise<GroupHistories>((resolve, reject) => {
      this.begin = () => void fetch(this.ids).then(resolve, reject);
    });
    // A stopping error reaches the load through the field pages that wait for the group.
    this.result.catch(() => {});
  }

  start(): void {
    this.begin();
  }
}

function bulkfetchLoader({ send, signal }: ChangelogContext): ChangelogLoader {
  const failures = new FailureLog();
  const groupOf = new Map<string, BulkGroup>();
  let filling: BulkGroup | null = null;
  let groupsSent = 0;

  const fetchGroup = async (ids: readonly string[]): Promise<GroupHistories> => {
    const byIssue = new Map<string, JiraChangeHistory[]>(ids.map((id) => [id, []]));
    let token: string | null = null;
    try {
      for (;;) {
        const body: Record<string, unknown> = {
          issueIdsOrKeys: ids,
          fieldIds: CHANGELOG_FIELD_IDS,
          maxResults: BULK_CHANGELOG_PAGE,
          ...(token ? { nextPageToken: token } : {}),
        };
        const page = await send((caller) => caller.post<BulkPage>(BULK_CHANGELOG_PATH, body));
        // One issue's histories may span pages: it appears on each, with the next ones.
        for (const log of page.issueChangeLogs ?? []) {
          const histories = byIssue.get(String(log?.issueId));
          if (histories && Array.isArray(log.changeHistories)) histories.push(...(log.changeHistories as JiraChangeHistory[]));
        }
        if (typeof page.nextPageToken !== "string" || page.nextPageToken === "") return byIssue;
        token = page.nextPageToken;
      }
    } catch (error) {
      // Any issue of the group may have had histories on the page that failed.
      failures.absorb(error);
      return null;
    }
  };

  const sendFilling = (): void => {
    if (!filling) return;
    filling.start();
    filling = null;
    groupsSent++;
  };

  return {
    searchExtras: {},
    addIds(ids) {
      for (const id of ids) {
        if (groupOf.has(id)) continue;
        filling ??= new BulkGroup(fetchGroup);
        filling.ids.push(id);
        groupOf.set(id, filling);
        if (filling.ids.length === (groupsSent === 0 ? FIRST_BULK_GROUP : BULK_CHANGELOG_ISSUES)) sendFilling();
      }
    },
    endIds: sendFilling,
    async attach(issues) {
      const out: JiraIssue[] = [];
      for (const issue of issues) {
        const group = groupOf.get(issue.id);
        // An id no id page listed (none should be) has no changelog: incomplete, not empty.
        const histories = group ? await abortable(group.result, signal) : null;
        const found = histories?.get(issue.id);
        out.push(withChangelog(issue, found ? completeChangelog(found) : incompleteChangelog()));
      }
      return out;
    },
    get reason() {
      return failures.reason;
    },
  };
}

interface IssueChangelogPage {
  values?: unknown;
  total?: unknown;
  isLast?: unknown;
}

function expandLoader({ send, signal }: ChangelogContext): ChangelogLoader {
  const failures = new FailureLog();

  const fetchWhole = async (issueId: string): Promise<JiraChangelog> => {
    const histories: JiraChangeHistory[] = [];
    try {
      for (;;) {
        const path = `${issueChangelogPath(issueId)}?startAt=${histories.length}&maxResults=${ISSUE_CHANGELOG_PAGE}`;
        const page = await send((caller) => caller.get<IssueChangelogPage>(path));
        const values = Array.isArray(page.values) ? (page.values as JiraChangeHistory[]) : [];
        histories.push(...values);
        const total = typeof page.total === "number" ? page.total : null;
        if (page.isLast === true || values.length === 0 || (total !== null && histories.length >= total)) break;
      }
    } catch (error) {
      failures.absorb(error);
      return incompleteChangelog();
    }
    return completeChangelog(histories);
  };

  return {
    searchExtras: { expand: "changelog" },
    addIds() {},
    endIds() {},
    async attach(issues) {
      return Promise.all(
        issues.map(async (issue) =>
          // Jira embeds a cut changelog (`total` above what came): the issue's own pages replace it.
          isCompleteChangelog(issue.changelog) ? issue : withChangelog(issue, await abortable(fetchWhole(issue.id), signal)),
        ),
      );
    },
    get reason() {
      return failures.reason;
    },
  };
}

export function createChangelogLoader(mode: ChangelogMode, context: ChangelogContext): ChangelogLoader {
  return mode === "bulkfetch" ? bulkfetchLoader(context) : expandLoader(context);
}
