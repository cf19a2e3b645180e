/**
 * A tiny Jira search over a fixed list of issues, installed on a `FakeHost`: enough of
 * `/search/jql` (ids-only pages, `id in (…)` chunks, page tokens, page caps) and
 * `/search/approximate-count` for the loader, the session and UI component tests.
 * Any other JQL selects every issue (it stands for the report's base JQL).
 */

import type { FieldDetails, JiraIssue } from "../../src/engine/index";
import type { FakeHandler, FakeHost, FakeReply, RecordedRequest } from "./fakeHost";

export const SEARCH_PATH = "/rest/api/3/search/jql";
export const COUNT_PATH = "/rest/api/3/search/approximate-count";
export const FIELD_PATH = "/rest/api/3/field";

export interface FakeJiraOptions {
  /** Every issue of the site; `id in (…)` chunks select from these. */
  readonly issues: readonly JiraIssue[];
  /** Which issues any other JQL (a report's base JQL) selects; default all. */
  readonly match?: (jql: string, issue: JiraIssue) => boolean;
  readonly fields?: readonly FieldDetails[];
  /** Issues per page when only `id`/`key` is requested (Jira: 5,000). */
  readonly idPageCap?: number;
  /** Issues per page when fields are requested (Jira: about 100). */
  readonly fieldPageCap?: number;
  /** Default: the number of issues. */
  readonly approximateCount?: number;
  /** Runs before each answer; a reply returned here is sent instead (to inject 429, 5xx, 400). */
  readonly fault?: (request: RecordedRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;
  /** Awaited before each answer, e.g. to hold requests open and measure concurrency. */
  readonly latency?: (request: RecordedRequest) => Promise<void>;
  /** Extra headers on each successful answer (e.g. `X-RateLimit-NearLimit`). */
  readonly headers?: (request: RecordedRequest) => Record<string, string>;
}

interface SearchBody {
  jql?: string;
  fields?: string[];
  maxResults?: number;
  nextPageToken?: string;
}

const ID_IN = /^\s*id\s+in\s*\(([^)]*)\)\s*(?:order\s+by\s+.*)?$/i;

function select(options: FakeJiraOptions, jql: string): readonly JiraIssue[] {
  const ids = ID_IN.exec(jql);
  if (ids) {
    const wanted = new Set(ids[1]!.split(",").map((id) => id.trim().replace(/^"|"$/g, "")));
    return options.issues.filter((issue) => wanted.has(issue.id));
  }
  const match = options.match;
  return match ? options.issues.filter((issue) => match(jql, issue)) : options.issues;
}

function render(issue: JiraIssue, fields: readonly string[]): JiraIssue {
  if (fields.length === 0 || (fields.length === 1 && fields[0] === "id")) return { id: issue.id } as JiraIssue;
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (issue.fields && field in issue.fields) picked[field] = issue.fields[field];
  return { id: issue.id, key: issue.key, fields: picked };
}

export function installFakeJira(host: FakeHost, options: FakeJiraOptions): void {
  const idPageCap = options.idPageCap ?? 5000;
  const fieldPageCap = options.fieldPageCap ?? 100;
  const guarded =
    (answer: FakeHandler): FakeHandler =>
    async (request) => {
      await options.latency?.(request);
      const fault = await options.fault?.(request);
      if (fault) return fault;
      const reply = await answer(request);
      return options.headers && "json" in reply ? { ...reply, headers: { ...reply.headers, ...options.headers(request) } } : reply;
    };

  host.on(
    "POST",
    SEARCH_PATH,
    guarded((request) => {
      const body = (request.body ?? {}) as SearchBody;
      const fields = body.fields ?? ["id"];
      const idsOnly = fields.every((f) => f === "id" || f === "key");
      const size = Math.min(body.maxResults ?? 50, idsOnly ? idPageCap : fieldPageCap);
      const offset = body.nextPageToken ? Number(body.nextPageToken.replace("page:", "")) : 0;
      const matching = select(options, body.jql ?? "");
      const page = matching.slice(offset, offset + size);
      const end = offset + page.length;
      const isLast = end >= matching.length;
      return { json: { issues: page.map((issue) => render(issue, fields)), isLast, ...(isLast ? {} : { nextPageToken: `page:${end}` }) } };
    }),
  );
  host.on(
    "POST",
    COUNT_PATH,
    guarded((request) => ({
      json: { count: options.approximateCount ?? select(options, String((request.body as SearchBody | undefined)?.jql ?? "")).length },
    })),
  );
  host.on(
    "GET",
    FIELD_PATH,
    guarded(() => ({ json: options.fields ?? [] })),
  );
}
