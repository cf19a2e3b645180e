/**
 * Jira's changelog routes over `installFakeJira`: `POST /changelog/bulkfetch` (token pages of
 * change histories, filtered by field id, grouped by issue), `GET /issue/{id}/changelog`
 * (offset pages of 100) and `expand=changelog` on `/search/jql`, cut to the newest
 * `expandLimit` histories with the real `total`, as Jira (and jirasim) cut it.
 */

import type { JiraIssue } from "../../src/engine/index";
import type { JiraChangeHistory as EngineChangeHistory } from "../../src/jira/changelogs";
import { createFakeHost, type FakeHost, type FakeReply, type RecordedRequest } from "../support/fakeHost";
import { COUNT_PATH, installFakeJira, SEARCH_PATH, type FakeJiraOptions } from "../support/fakeJira";

export const BULK_PATH = "/rest/api/3/changelog/bulkfetch";
export const issueChangelogPathname = (id: string): string => `/rest/api/3/issue/${id}/changelog`;

/** As Jira sends them: items also name their `fieldId` (what bulkfetch filters on). */
export interface JiraChangeHistory extends Omit<EngineChangeHistory, "items"> {
  items: (EngineChangeHistory["items"][number] & { fieldId?: string })[];
}

export interface FakeChangelogOptions {
  /** Each issue's histories, oldest first; an issue not listed has none. */
  readonly histories: ReadonlyMap<string, JiraChangeHistory[]>;
  /** Change histories per bulkfetch page, at most (Jira: the request's maxResults). */
  readonly bulkPageCap?: number;
  /** Histories `expand=changelog` embeds (jirasim's search: 20). */
  readonly expandLimit?: number;
}

const STATUS_NAMES: Record<string, string> = { "1": "To Do", "3": "In Progress", "5": "Done", "10": "In Review" };

/** `count` status changes for an issue, a day apart from 2024-01-01, cycling To Do → In Progress →
 * In Review → Done → To Do; each history also changes the assignee (bulkfetch filters it out). */
export function statusHistories(issueId: string, count: number): JiraChangeHistory[] {
  const cycle = ["1", "3", "10", "5"];
  return Array.from({ length: count }, (_, i) => {
    const from = cycle[i % 4]!;
    const to = cycle[(i + 1) % 4]!;
    return {
      id: `${issueId}${String(i).padStart(4, "0")}`,
      created: new Date(Date.UTC(2024, 0, 1 + i, 9)).toISOString().replace("Z", "+0000"),
      items: [
        { field: "status", fieldtype: "jira", fieldId: "status", from, fromString: STATUS_NAMES[from]!, to, toString: STATUS_NAMES[to]! },
        { field: "assignee", fieldtype: "jira", fieldId: "assignee", from: null, fromString: null, to: "u1", toString: "User 1" },
      ],
    };
  });
}

/** Histories for `issues`: issue n (0-based) has `perIssue(n)` status changes. */
export function historiesFor(issues: readonly JiraIssue[], perIssue: (n: number) => number): Map<string, JiraChangeHistory[]> {
  return new Map(issues.map((issue, n) => [issue.id, statusHistories(issue.id, perIssue(n))]));
}

interface BulkBody {
  issueIdsOrKeys: string[];
  fieldIds?: string[];
  maxResults?: number;
  nextPageToken?: string;
}

function bulkfetch(body: BulkBody, options: FakeChangelogOptions): unknown {
  const wanted = body.fieldIds && body.fieldIds.length > 0 ? new Set(body.fieldIds) : null;
  const entries: { issueId: string; history: JiraChangeHistory }[] = [];
  for (const issueId of body.issueIdsOrKeys) {
    for (const history of options.histories.get(issueId) ?? []) {
      const items = history.items.filter((item) => !wanted || wanted.has(item.fieldId ?? item.field));
      if (items.length > 0) entries.push({ issueId, history: { ...history, items } });
    }
  }
  // Jira's order: by change date, then issue id.
  entries.sort((a, b) => a.history.created.localeCompare(b.history.created) || Number(a.issueId) - Number(b.issueId));
  const size = Math.min(body.maxResults ?? 1000, options.bulkPageCap ?? Number.POSITIVE_INFINITY);
  const offset = body.nextPageToken ? Number(body.nextPageToken.replace("bulk:", "")) : 0;
  const page = entries.slice(offset, offset + size);
  const byIssue = new Map<string, JiraChangeHistory[]>();
  for (const { issueId, history } of page) byIssue.set(issueId, [...(byIssue.get(issueId) ?? []), history]);
  const end = offset + page.length;
  return {
    issueChangeLogs: [...byIssue]
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
    ...(end < entries.length ? { nextPageToken: `bulk:${end}` } : {}),
  };
}

/**
 * A fake host with Jira's search (`installFakeJira`) and changelog routes. `jira.fault` and
 * `jira.latency` apply to every route, changelog ones included.
 */
export function changelogJira(jira: FakeJiraOptions, options: FakeChangelogOptions): FakeHost {
  const host = createFakeHost();
  // The search itself: a second fake host, so its answers can be given changelogs here.
  const search = createFakeHost();
  installFakeJira(search, { ...jira, fault: undefined, latency: undefined });
  const guarded =
    (answer: (request: RecordedRequest) => FakeReply | Promise<FakeReply>) =>
    async (request: RecordedRequest): Promise<FakeReply> => {
      await jira.latency?.(request);
      const fault = await jira.fault?.(request);
      if (fault) return fault;
      const reply = await answer(request);
      return jira.headers && "json" in reply ? { ...reply, headers: { ...reply.headers, ...jira.headers(request) } } : reply;
    };
  const expandLimit = options.expandLimit ?? 20;

  host.on(
    "POST",
    SEARCH_PATH,
    guarded(async (request) => {
      const answer = await search.requestJira(SEARCH_PATH, { method: "POST", body: request.body });
      const page = JSON.parse(answer.body) as { issues?: JiraIssue[] };
      const expand = String((request.body as { expand?: unknown }).expand ?? "").split(",");
      if (!expand.includes("changelog")) return { status: answer.status, json: page };
      for (const issue of page.issues ?? []) {
        const all = options.histories.get(issue.id) ?? [];
        // Newest first and cut, as Jira embeds them.
        const histories = [...all].reverse().slice(0, expandLimit);
        (issue as { changelog?: unknown }).changelog = { startAt: 0, maxResults: histories.length, total: all.length, histories };
      }
      return { status: answer.status, json: page };
    }),
  );
  host.on(
    "POST",
    COUNT_PATH,
    guarded(async (request) => {
      const answer = await search.requestJira(COUNT_PATH, { method: "POST", body: request.body });
      return { status: answer.status, json: JSON.parse(answer.body) };
    }),
  );
  host.on(
    "POST",
    BULK_PATH,
    guarded((request) => ({ json: bulkfetch(request.body as BulkBody, options) })),
  );
  for (const issue of jira.issues) {
    host.on(
      "GET",
      issueChangelogPathname(issue.id),
      guarded((request) => {
        const all = options.histories.get(issue.id) ?? [];
        const startAt = Number(request.query.get("startAt") ?? 0);
        const maxResults = Math.min(Number(request.query.get("maxResults") ?? 100), 100);
        const values = all.slice(startAt, startAt + maxResults);
        return { json: { startAt, maxResults, total: all.length, isLast: startAt + maxResults >= all.length, values } };
      }),
    );
  }
  return host;
}
