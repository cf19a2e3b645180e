import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JiraIssue } from "../../src/engine/index";
import { isCompleteChangelog, type JiraChangelog } from "../../src/jira/changelogs";
import { loadReportIssues, SEARCH_PATH, type LoadOptions, type LoadOutcome, type LoadProgress } from "../../src/jira/loader";
import { type FakeHost, type FakeReply, jiraErrorReply, type RecordedRequest } from "../support/fakeHost";
import type { FakeJiraOptions } from "../support/fakeJira";
import { BULK_PATH, changelogJira, type FakeChangelogOptions, historiesFor, type JiraChangeHistory } from "./fakeChangelogs";
import { makeIssues } from "./fixtures";

const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  host: FakeHost;
  pages: JiraIssue[][];
  progress: LoadProgress[];
  outcome: LoadOutcome;
}

async function load(
  jira: Partial<FakeJiraOptions> & { issues: readonly JiraIssue[] },
  changelogs: FakeChangelogOptions,
  extra: Partial<LoadOptions> = {},
): Promise<Run> {
  const host = changelogJira({ latency: () => tick(), ...jira }, changelogs);
  const pages: JiraIssue[][] = [];
  const progress: LoadProgress[] = [];
  const outcome = await loadReportIssues({
    host,
    jql: "project = EX",
    fields: ["status", "created", "resolutiondate"],
    onPage: (issues) => pages.push(issues),
    onProgress: (p) => progress.push(p),
    random: () => 0.5,
    sleep: async () => {},
    ...extra,
  });
  return { host, pages, progress, outcome };
}

const changelogOf = (issue: JiraIssue): JiraChangelog | undefined => (issue as { changelog?: JiraChangelog }).changelog;
const isChunk = (r: RecordedRequest): boolean => r.pathname === SEARCH_PATH && String((r.body as { jql: string }).jql).startsWith("id in");
const isIssueChangelog = (r: RecordedRequest): boolean => /^\/rest\/api\/3\/issue\/\d+\/changelog$/.test(r.pathname);
const bulkIds = (r: RecordedRequest): string[] => (r.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
const statusOnly = (histories: readonly JiraChangeHistory[]): unknown[] =>
  histories.map((h) => ({ ...h, items: h.items.filter((item) => item.field === "status") }));
const byCreated = (histories: readonly JiraChangeHistory[]): JiraChangeHistory[] =>
  [...histories].sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));

describe("changelogs by bulkfetch (Forge)", () => {
  it("fetches 1,000 ids per request (the first 100 alone), status only, and attaches every issue's whole changelog", async () => {
    const issues = makeIssues(2500);
    const histories = historiesFor(issues, (n) => n % 7);
    const run = await load({ issues }, { histories }, { changelog: "bulkfetch" });

    expect(run.outcome).toEqual({ status: "complete", loaded: 2500, changelogs: { missing: 0, reason: null } });
    const bulk = run.host.requestsTo(BULK_PATH);
    expect(bulk.map((r) => bulkIds(r).length)).toEqual([100, 1000, 1000, 400]);
    for (const request of bulk) expect(request.body).toMatchObject({ fieldIds: ["status"], maxResults: 10000 });
    expect(new Set(bulk.flatMap(bulkIds))).toEqual(new Set(issues.map((i) => i.id)));
    // Every delivered issue carries its changelog: no page went out before its changelogs.
    const delivered = run.pages.flat();
    expect(delivered).toHaveLength(2500);
    for (const issue of delivered) {
      const changelog = changelogOf(issue);
      expect(isCompleteChangelog(changelog)).toBe(true);
      expect(byCreated(changelog!.histories!)).toEqual(statusOnly(histories.get(issue.id)!));
    }
    // An issue bulkfetch leaves out (no changes) has a complete, empty changelog.
    expect(changelogOf(delivered.find((i) => i.id === "10001")!)).toMatchObject({ histories: [], total: 0 });
    expect(run.progress.at(-1)).toMatchObject({ phase: "done", changelogsMissing: 0 });
  });

  it("follows nextPageToken and joins an issue's histories spread over pages", async () => {
    const issues = makeIssues(300);
    const histories = historiesFor(issues, (n) => (n % 5) * 3);
    const run = await load({ issues }, { histories, bulkPageCap: 70 }, { changelog: "bulkfetch" });

    expect(run.outcome).toMatchObject({ status: "complete", loaded: 300, changelogs: { missing: 0, reason: null } });
    // Two groups (the first 100 ids, then the other 200), each paged on its own.
    const bulk = run.host.requestsTo(BULK_PATH);
    const groups = [issues.slice(0, 100), issues.slice(100)];
    const pagesOf = (group: typeof issues) => Math.ceil(group.reduce((sum, issue) => sum + histories.get(issue.id)!.length, 0) / 70);
    for (const group of groups) {
      const ids = group.map((i) => i.id);
      const requests = bulk.filter((r) => bulkIds(r)[0] === ids[0]);
      expect(requests).toHaveLength(pagesOf(group));
      for (const request of requests) expect(bulkIds(request)).toEqual(ids);
      expect(requests.map((r) => (r.body as { nextPageToken?: string }).nextPageToken)).toEqual(
        requests.map((_, i) => (i === 0 ? undefined : `bulk:${70 * i}`)),
      );
    }
    expect(bulk).toHaveLength(pagesOf(groups[0]!) + pagesOf(groups[1]!));
    for (const issue of run.pages.flat()) {
      expect(byCreated(changelogOf(issue)!.histories!)).toEqual(statusOnly(histories.get(issue.id)!));
    }
  });

  it("costs one bulkfetch request per 1,000 issues and one for the first 100: 20,000 issues, 21 requests", async () => {
    const issues = makeIssues(20_000);
    const histories = historiesFor(issues, (n) => n % 4);
    const run = await load({ issues }, { histories }, { changelog: "bulkfetch", concurrency: 8 });
    expect(run.outcome).toMatchObject({ status: "complete", loaded: 20_000, changelogs: { missing: 0 } });
    expect(run.host.requestsTo(BULK_PATH)).toHaveLength(21);
    expect(run.host.requests.filter(isChunk)).toHaveLength(200);
    expect(run.host.maxInFlight).toBeLessThanOrEqual(8);
  }, 30_000);

  it("delivers the first page as soon as the first 1,000 changelogs are in, while ids still stream", async () => {
    const issues = makeIssues(3000);
    const order: string[] = [];
    const host = changelogJira({ issues, idPageCap: 1000, latency: () => tick() }, { histories: historiesFor(issues, () => 2) });
    const outcome = await loadReportIssues({
      host,
      jql: "project = EX",
      fields: ["status"],
      changelog: "bulkfetch",
      onPage: (issues) => {
        order.push("page");
        for (const issue of issues) expect(changelogOf(issue)?.histories).toHaveLength(2);
      },
      onProgress: (p) => order.push(p.phase),
      sleep: async () => {},
    });
    expect(outcome.status).toBe("complete");
    expect(order.indexOf("page")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("page")).toBeLessThan(order.indexOf("fields"));
  });

  it("marks the issues of a group whose bulkfetch keeps failing incomplete, counts them and completes", async () => {
    const issues = makeIssues(2300);
    const histories = historiesFor(issues, () => 3);
    // Groups: the first 100 ids, then 1,000 at a time; the second group fails.
    const secondGroup = new Set(issues.slice(100, 1100).map((i) => i.id));
    const storm = (r: RecordedRequest): FakeReply | undefined =>
      r.pathname === BULK_PATH && secondGroup.has(bulkIds(r)[0]!)
        ? jiraErrorReply(429, ["Rate limit exceeded."], { "Retry-After": "1" })
        : undefined;
    const run = await load({ issues, fault: storm }, { histories }, { changelog: "bulkfetch" });

    expect(run.outcome).toEqual({
      status: "complete",
      loaded: 2300,
      changelogs: { missing: 1000, reason: "Jira kept limiting the request rate" },
    });
    // The failing request was retried (8 retries), the other three groups answered at once.
    expect(run.host.requestsTo(BULK_PATH)).toHaveLength(3 + 9);
    const delivered = run.pages.flat();
    expect(delivered).toHaveLength(2300);
    for (const issue of delivered) expect(isCompleteChangelog(changelogOf(issue))).toBe(!secondGroup.has(issue.id));
    expect(run.progress.at(-1)).toMatchObject({ phase: "done", loaded: 2300, changelogsMissing: 1000 });
  });

  it.each<[string, FakeReply, string]>([
    ["HTTP 500 every time", jiraErrorReply(500, ["Internal server error"]), "Jira failed with HTTP 500"],
    ["HTTP 503 every time", jiraErrorReply(503, ["Service Unavailable"]), "Jira kept limiting the request rate"],
  ])("a changelog that fails after its retries (%s) does not stop the load", async (_name, reply, reason) => {
    const issues = makeIssues(150);
    const run = await load(
      { issues, fault: (r) => (r.pathname === BULK_PATH ? reply : undefined) },
      { histories: historiesFor(issues, () => 1) },
      { changelog: "bulkfetch" },
    );
    expect(run.outcome).toEqual({ status: "complete", loaded: 150, changelogs: { missing: 150, reason } });
  });

  it("stops the load when Jira refuses the changelogs for lack of permission", async () => {
    const issues = makeIssues(150);
    const run = await load(
      { issues, fault: (r) => (r.pathname === BULK_PATH ? jiraErrorReply(403, ["Forbidden"]) : undefined) },
      { histories: historiesFor(issues, () => 1) },
      { changelog: "bulkfetch" },
    );
    expect(run.outcome).toMatchObject({ status: "stopped", code: "permission", loaded: 0, changelogs: { missing: 0, reason: null } });
    expect(run.pages).toHaveLength(0);
  });

  it("stops promptly on abort while pages wait for their changelogs", async () => {
    const issues = makeIssues(300);
    const controller = new AbortController();
    const run = await load(
      {
        issues,
        latency: (r) => {
          if (r.pathname !== BULK_PATH) return tick();
          controller.abort();
          return new Promise<void>(() => {});
        },
      },
      { histories: historiesFor(issues, () => 1) },
      { changelog: "bulkfetch", signal: controller.signal },
    );
    expect(run.outcome).toMatchObject({ status: "stopped", code: "aborted", loaded: 0 });
    expect(run.pages).toHaveLength(0);
  });

  it("makes no changelog request, and asks for no changelog, when the report needs none", async () => {
    const issues = makeIssues(1200);
    const run = await load({ issues }, { histories: historiesFor(issues, () => 3) });
    expect(run.outcome).toEqual({ status: "complete", loaded: 1200 });
    expect(run.host.requestsTo(BULK_PATH)).toHaveLength(0);
    expect(run.host.requests.filter(isIssueChangelog)).toHaveLength(0);
    for (const request of run.host.requests.filter(isChunk)) expect(request.body).not.toHaveProperty("expand");
    for (const issue of run.pages.flat()) expect(issue).not.toHaveProperty("changelog");
    expect(run.progress.at(-1)).not.toHaveProperty("changelogsMissing");
  });
});

describe("changelogs by expand=changelog (Connect)", () => {
  it("asks field pages for changelogs and fetches the whole changelog of each cut one, 100 per page", async () => {
    const issues = makeIssues(250);
    // Issue 10 has 250 changes (3 pages), every 25th one 21 (just over the cut), the rest ≤ 20.
    const histories = historiesFor(issues, (n) => (n === 10 ? 250 : n % 25 === 0 ? 21 : n % 21));
    const run = await load({ issues }, { histories, expandLimit: 20 }, { changelog: "expand" });

    expect(run.outcome).toEqual({ status: "complete", loaded: 250, changelogs: { missing: 0, reason: null } });
    expect(run.host.requestsTo(BULK_PATH)).toHaveLength(0);
    for (const request of run.host.requests.filter(isChunk)) expect(request.body).toMatchObject({ expand: "changelog" });
    const cut = issues.filter((i) => histories.get(i.id)!.length > 20).map((i) => i.id);
    expect(cut).toHaveLength(11);
    const perIssue = run.host.requests.filter(isIssueChangelog);
    expect(new Set(perIssue.map((r) => r.pathname))).toEqual(new Set(cut.map((id) => `/rest/api/3/issue/${id}/changelog`)));
    expect(perIssue).toHaveLength(10 + 3);
    const long = perIssue.filter((r) => r.pathname === `/rest/api/3/issue/${issues[10]!.id}/changelog`);
    expect(long.map((r) => [r.query.get("startAt"), r.query.get("maxResults")])).toEqual([
      ["0", "100"],
      ["100", "100"],
      ["200", "100"],
    ]);
    for (const issue of run.pages.flat()) {
      const changelog = changelogOf(issue)!;
      expect(isCompleteChangelog(changelog)).toBe(true);
      expect(byCreated(changelog.histories!)).toEqual(histories.get(issue.id));
    }
  });

  it.each<[string, FakeReply, string]>([
    ["a 429 storm", jiraErrorReply(429, ["Rate limit exceeded."]), "Jira kept limiting the request rate"],
    ["HTTP 500 every time", jiraErrorReply(500, ["Internal server error"]), "Jira failed with HTTP 500"],
    ["issues deleted since the search (404)", jiraErrorReply(404, ["Issue does not exist"]), "Jira did not find the issue"],
  ])("counts the cut changelogs it could not complete (%s), and delivers every issue", async (_name, reply, reason) => {
    const issues = makeIssues(120);
    const histories = historiesFor(issues, (n) => (n % 10 === 0 ? 30 : 2));
    const run = await load(
      { issues, fault: (r) => (isIssueChangelog(r) ? reply : undefined) },
      { histories, expandLimit: 20 },
      { changelog: "expand" },
    );
    expect(run.outcome).toEqual({ status: "complete", loaded: 120, changelogs: { missing: 12, reason } });
    const delivered = run.pages.flat();
    expect(delivered).toHaveLength(120);
    for (const issue of delivered) expect(isCompleteChangelog(changelogOf(issue))).toBe(histories.get(issue.id)!.length <= 20);
  });

  it("keeps the requests in flight under the cap, changelog pages included", async () => {
    const issues = makeIssues(600);
    const histories = historiesFor(issues, (n) => (n % 3 === 0 ? 120 : 1));
    const run = await load({ issues }, { histories }, { changelog: "expand", concurrency: 3 });
    expect(run.outcome).toMatchObject({ status: "complete", changelogs: { missing: 0 } });
    expect(run.host.maxInFlight).toBeLessThanOrEqual(3);
    expect(run.host.requests.filter(isIssueChangelog)).toHaveLength(200 * 2);
  });
});

describe("changelogs: any bounded interleaving of failures", () => {
  it.each<LoadOptions["changelog"]>(["bulkfetch", "expand"])(
    "%s: every issue once, each with its whole changelog",
    async (mode) => {
      const faultKind = fc.constantFrom<"ok" | "429" | "429-header" | "500" | "503">("ok", "ok", "429", "429-header", "500", "503");
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 0, max: 260 }),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 40 }),
          fc.array(faultKind, { maxLength: 40 }),
          async (s, total, concurrency, bulkPageCap, faults) => {
            const issues = makeIssues(total);
            const histories = historiesFor(issues, (n) => (n % 9 === 0 ? 25 : n % 4));
            const failuresPerRequest = new Map<string, number>();
            let drawn = 0;
            const host = changelogJira(
              {
                issues,
                idPageCap: 90,
                latency: () => s.schedule(Promise.resolve()),
                fault: (r) => {
                  const kind = faults[drawn++ % Math.max(1, faults.length)] ?? "ok";
                  const key = `${r.path} ${JSON.stringify(r.body)}`;
                  const failed = failuresPerRequest.get(key) ?? 0;
                  // Within the retry bounds: at most 3 failures in a row for the same request.
                  if (kind === "ok" || failed >= 3) return undefined;
                  failuresPerRequest.set(key, failed + 1);
                  if (kind === "429") return jiraErrorReply(429, ["Rate limit exceeded."]);
                  if (kind === "429-header") return jiraErrorReply(429, ["Rate limit exceeded."], { "Retry-After": "2" });
                  return jiraErrorReply(Number(kind), ["Server trouble"]);
                },
              },
              { histories, bulkPageCap, expandLimit: 20 },
            );
            const delivered: JiraIssue[] = [];
            const outcome = await s.waitFor(
              loadReportIssues({
                host,
                jql: "project = EX",
                fields: ["status"],
                concurrency,
                changelog: mode,
                onPage: (page) => delivered.push(...page),
                onProgress: () => {},
                sleep: () => s.schedule(Promise.resolve()),
              }),
            );
            expect(outcome).toEqual({ status: "complete", loaded: total, changelogs: { missing: 0, reason: null } });
            expect(delivered.map((i) => i.id).sort()).toEqual(issues.map((i) => i.id).sort());
            for (const issue of delivered) {
              const expected = histories.get(issue.id)!;
              expect(byCreated(changelogOf(issue)!.histories!)).toEqual(mode === "bulkfetch" ? statusOnly(expected) : expected);
            }
            expect(host.maxInFlight).toBeLessThanOrEqual(concurrency);
          },
        ),
        { numRuns: 40 },
      );
    },
    60_000,
  );
});
