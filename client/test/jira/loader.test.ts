import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldsToLoad, type JiraIssue } from "../../src/engine/index";
import { createFakeHost, jiraErrorReply, type FakeHost, type FakeReply, type RecordedRequest } from "../support/fakeHost";
import { installFakeJira, type FakeJiraOptions } from "../support/fakeJira";
import {
  APPROXIMATE_COUNT_PATH,
  loadReportIssues,
  loadSequentially,
  SEARCH_PATH,
  type LoadOptions,
  type LoadOutcome,
  type LoadProgress,
} from "../../src/jira/loader";
import { FIELDS, makeIssues, reportDefinition } from "./fixtures";

const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Harness {
  host: FakeHost;
  pages: JiraIssue[][];
  progress: LoadProgress[];
  sleeps: number[];
  run(extra?: Partial<LoadOptions>): Promise<LoadOutcome>;
}

function harness(jira: Partial<FakeJiraOptions> & { issues: readonly JiraIssue[] }, fields = ["summary", "status"]): Harness {
  const host = createFakeHost();
  installFakeJira(host, { latency: () => tick(), ...jira });
  const pages: JiraIssue[][] = [];
  const progress: LoadProgress[] = [];
  const sleeps: number[] = [];
  return {
    host,
    pages,
    progress,
    sleeps,
    run: (extra = {}) =>
      loadReportIssues({
        host,
        jql: "project = EX ORDER BY created DESC",
        fields,
        onPage: (issues) => pages.push(issues),
        onProgress: (p) => progress.push(p),
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        ...extra,
      }),
  };
}

const isChunk = (r: RecordedRequest): boolean => r.pathname === SEARCH_PATH && String((r.body as { jql: string }).jql).startsWith("id in");
const isIdPage = (r: RecordedRequest): boolean => r.pathname === SEARCH_PATH && !isChunk(r);
const chunkIds = (r: RecordedRequest): string[] => /\(([^)]*)\)/.exec((r.body as { jql: string }).jql)![1]!.split(",");
const deliveredIds = (pages: JiraIssue[][]): string[] => pages.flat().map((i) => i.id);

describe("loadReportIssues: request plan", () => {
  it("counts, pages ids by 5,000 and fetches ≤ 100-id chunks with exactly the requested fields", async () => {
    const issues = makeIssues(1234);
    const h = harness({ issues, idPageCap: 500 }, ["summary", "customfield_10016"]);
    const outcome = await h.run();

    expect(outcome).toEqual({ status: "complete", loaded: 1234 });
    expect(h.host.requestsTo(APPROXIMATE_COUNT_PATH)).toHaveLength(1);
    const idPages = h.host.requests.filter(isIdPage);
    expect(idPages).toHaveLength(3);
    for (const page of idPages)
      expect(page.body).toMatchObject({ jql: "project = EX ORDER BY created DESC", fields: ["id"], maxResults: 5000 });
    expect((idPages[1]!.body as { nextPageToken?: string }).nextPageToken).toBe("page:500");
    const chunks = h.host.requests.filter(isChunk);
    expect(chunks).toHaveLength(13); // 500 → 5 chunks, 500 → 5, 234 → 3
    for (const chunk of chunks) {
      expect(chunkIds(chunk).length).toBeLessThanOrEqual(100);
      expect(chunk.body).toMatchObject({ fields: ["summary", "customfield_10016"], maxResults: 100 });
    }
    expect(h.host.requests).toHaveLength(1 + 3 + 13);
    expect(new Set(deliveredIds(h.pages)).size).toBe(1234);
    expect(deliveredIds(h.pages)).toHaveLength(1234);
  });

  it.each([1, 2, 3, 6, 10])("never has more than %i requests in flight", async (concurrency) => {
    const h = harness({ issues: makeIssues(3000), idPageCap: 1000 });
    const outcome = await h.run({ concurrency });
    expect(outcome.status).toBe("complete");
    expect(h.host.maxInFlight).toBeLessThanOrEqual(concurrency);
    // There is enough work to use the whole cap.
    expect(h.host.maxInFlight).toBe(concurrency);
  });

  it("halves the requests in flight each time Jira says the rate limit is near", async () => {
    const inFlightAtChunk: number[] = [];
    const h = harness({
      issues: makeIssues(3000),
      idPageCap: 1000,
      headers: (request) => {
        if (isChunk(request)) inFlightAtChunk.push(h.host.inFlight);
        return { "X-RateLimit-NearLimit": "true" };
      },
    });
    const outcome = await h.run({ concurrency: 8 });
    expect(outcome).toEqual({ status: "complete", loaded: 3000 });
    // Count and the first id page were in flight together; every answer then halved the cap
    // (8 → 4 → 2 → 1), so the chunks ran one at a time.
    expect(h.host.maxInFlight).toBe(2);
    expect(inFlightAtChunk.slice(2).every((n) => n === 1)).toBe(true);
  });

  it("keeps the full cap when Jira does not say the limit is near", async () => {
    const h = harness({ issues: makeIssues(3000), idPageCap: 1000, headers: () => ({ "X-RateLimit-NearLimit": "false" }) });
    expect((await h.run({ concurrency: 8 })).status).toBe("complete");
    expect(h.host.maxInFlight).toBe(8);
  });

  it("delivers pages while ids are still being collected", async () => {
    const h = harness({ issues: makeIssues(1000), idPageCap: 200 });
    const order: string[] = [];
    const outcome = await h.run({
      onPage: (issues) => {
        order.push("page");
        h.pages.push(issues);
      },
      onProgress: (p) => order.push(p.phase),
    });
    expect(outcome.status).toBe("complete");
    // The first page arrives before the id phase has finished.
    expect(order.indexOf("page")).toBeLessThan(order.indexOf("fields"));
    expect(h.pages.length).toBe(10);
  });

  it("reports the approximate count and phases in order", async () => {
    const h = harness({ issues: makeIssues(250), approximateCount: 260 });
    await h.run();
    const phases = [...new Set(h.progress.map((p) => p.phase))];
    expect(phases).toEqual(["counting", "ids", "fields", "done"]);
    expect(h.progress.at(-1)).toMatchObject({ phase: "done", loaded: 250, approximateTotal: 260, retries: 0 });
    expect(h.progress.filter((p) => p.phase === "fields" || p.phase === "done").every((p) => p.approximateTotal === 260)).toBe(true);
  });

  it("requests exactly the fields the report needs", async () => {
    const definition = reportDefinition({
      grouping_rules: [{ field: "assignee" }],
      filtering_rules: [{ field: "labels", operator: "any_of", operands: ["alpha"] }],
      formula_fields: [
        { key: "formula_points_per_hour", name: "Pts/h", expression: "customfield_10016 / timespent", result_type: "number" },
      ],
    });
    const fields = [...fieldsToLoad(definition, FIELDS)];
    const h = harness({ issues: makeIssues(150) }, fields);
    await h.run();
    const requested = h.host.requests.filter(isChunk).map((r) => (r.body as { fields: string[] }).fields);
    expect(requested.length).toBe(2);
    for (const f of requested) expect(f).toEqual(fields);
    expect(new Set(fields)).toEqual(new Set(["summary", "status", "timespent", "customfield_10016", "created", "assignee", "labels"]));
  });

  it("loads nothing and completes for an empty result", async () => {
    const h = harness({ issues: [] });
    expect(await h.run()).toEqual({ status: "complete", loaded: 0 });
    expect(h.host.requests.filter(isChunk)).toHaveLength(0);
    expect(h.pages).toHaveLength(0);
  });

  it("de-duplicates ids that appear on two id pages", async () => {
    const issues = makeIssues(120);
    const h = harness({ issues: [...issues, issues[5]!], idPageCap: 60 });
    const outcome = await h.run();
    expect(outcome).toEqual({ status: "complete", loaded: 120 });
    expect(deliveredIds(h.pages)).toHaveLength(120);
  });

  it("follows page tokens inside a chunk when Jira answers fewer than 100 issues", async () => {
    const h = harness({ issues: makeIssues(230), fieldPageCap: 40 });
    expect(await h.run()).toEqual({ status: "complete", loaded: 230 });
    expect(new Set(deliveredIds(h.pages)).size).toBe(230);
  });

  it("drops ids deleted since the id pages were read and keeps the rest of the chunk", async () => {
    const issues = makeIssues(150);
    let deleted = false;
    const h = harness({
      issues,
      fault: (r) => {
        if (isChunk(r) && chunkIds(r).includes("10007")) {
          deleted = true;
          return jiraErrorReply(400, ["An issue with id '10007' does not exist for field 'id'."]);
        }
        return undefined;
      },
    });
    const outcome = await h.run();
    expect(deleted).toBe(true);
    expect(outcome).toEqual({ status: "complete", loaded: 149 });
    expect(deliveredIds(h.pages)).not.toContain("10007");
  });

  it("sends `key` when the report needs no field, so issues still carry their keys", async () => {
    const h = harness({ issues: makeIssues(3) }, []);
    await h.run();
    expect(h.host.requests.filter(isChunk)[0]!.body).toMatchObject({ fields: ["key"] });
    expect(h.pages.flat().map((i) => i.key)).toEqual(["EX-1", "EX-2", "EX-3"]);
  });
});

const rateLimited = (headers: Record<string, string> = {}): FakeReply => jiraErrorReply(429, ["Rate limit exceeded."], headers);

describe("loadReportIssues: rate limits and errors", () => {
  it("honours Retry-After and pauses the whole planner, not just one request", async () => {
    let release: () => void = () => {};
    const sleeps: number[] = [];
    let requestsAtPause = -1;
    let limited = false;
    const h = harness({
      issues: makeIssues(800),
      idPageCap: 800,
      fault: (r) => {
        if (!limited && isChunk(r)) {
          limited = true;
          return rateLimited({ "Retry-After": "3" });
        }
        return undefined;
      },
    });
    const done = h.run({
      sleep: (ms) => {
        sleeps.push(ms);
        requestsAtPause = h.host.requests.length;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    while (requestsAtPause < 0) await tick();
    // Requests already in flight finish, but nothing new is sent while the gate is closed.
    await tick(30);
    expect(h.host.requests.length).toBe(requestsAtPause);
    expect(h.host.inFlight).toBe(0);
    expect(h.progress.at(-1)?.waitingForRateLimitMs).toBeGreaterThanOrEqual(3000);
    release();
    const outcome = await done;
    expect(outcome).toEqual({ status: "complete", loaded: 800 });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(h.progress.at(-1)).toMatchObject({ retries: 1 });
    expect(h.progress.at(-1)?.waitingForRateLimitMs).toBeUndefined();
  });

  const bare429: FakeReply = { status: 429, headers: {}, body: "" };
  it.each<[string, FakeReply, number[], number[]]>([
    ["429 without Retry-After", jiraErrorReply(429, ["Try later"]), [0.5, 0.5], [750, 1500]],
    ["429 with no headers and no body (as Forge may hand it over)", bare429, [0.5, 0.5], [750, 1500]],
    ["429, jitter low", jiraErrorReply(429, ["Try later"]), [0, 0], [500, 1000]],
    ["429, jitter high", jiraErrorReply(429, ["Try later"]), [1, 1], [1000, 2000]],
    ["503 without Retry-After", jiraErrorReply(503, ["Try later"]), [0.5, 0.5], [750, 1500]],
    ["500", jiraErrorReply(500, ["Try later"]), [0.5, 0.5], [375, 750]],
  ])("backs off exponentially with jitter: %s", async (_name, reply, randoms, expected) => {
    let failures = 0;
    const h = harness({
      issues: makeIssues(50),
      fault: (r) => (isChunk(r) && failures++ < 2 ? reply : undefined),
    });
    const values = [...randoms];
    const outcome = await h.run({ random: () => values.shift() ?? 0.5 });
    expect(outcome.status).toBe("complete");
    expect(h.sleeps).toEqual(expected);
    expect(h.progress.at(-1)?.retries).toBe(2);
  });

  it("retries a 5xx a bounded number of times, then stops with a reason", async () => {
    const h = harness({ issues: makeIssues(100), fault: (r) => (isChunk(r) ? jiraErrorReply(500, ["Internal server error"]) : undefined) });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ status: "stopped", loaded: 0, code: "server_error" });
    if (outcome.status !== "stopped") throw new Error("expected a stop");
    expect(outcome.reason).toMatch(/HTTP 500/);
    expect(outcome.error?.status).toBe(500);
    expect(h.host.requests.filter(isChunk)).toHaveLength(5);
    expect(h.progress.at(-1)?.phase).toBe("stopped");
  });

  it("stops when the rate limit does not clear", async () => {
    const h = harness({ issues: makeIssues(10), fault: (r) => (isChunk(r) ? rateLimited({ "Retry-After": "1" }) : undefined) });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ status: "stopped", code: "rate_limited" });
    expect(h.host.requests.filter(isChunk)).toHaveLength(9);
  });

  it("stops rather than waiting an hour for an exhausted quota", async () => {
    const h = harness({ issues: makeIssues(10), fault: (r) => (isChunk(r) ? rateLimited({ "Retry-After": "3600" }) : undefined) });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ status: "stopped", code: "rate_limited" });
    expect(h.sleeps).toEqual([]);
  });

  it("stops on bad JQL with Jira's messages verbatim and loads nothing", async () => {
    const message =
      "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)";
    const h = harness({ issues: makeIssues(10), fault: (r) => (isChunk(r) ? undefined : jiraErrorReply(400, [message])) });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ status: "stopped", loaded: 0, code: "bad_request" });
    if (outcome.status !== "stopped") throw new Error("expected a stop");
    expect(outcome.error?.errorMessages).toEqual([message]);
    expect(outcome.error?.status).toBe(400);
    expect(h.pages).toHaveLength(0);
    expect(h.sleeps).toEqual([]);
  });

  it.each([401, 403])("stops with a permission reason on %i", async (status) => {
    const h = harness({ issues: makeIssues(10), fault: () => jiraErrorReply(status, ["You do not have permission."]) });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ status: "stopped", code: "permission" });
    if (outcome.status !== "stopped") throw new Error("expected a stop");
    expect(outcome.reason).toMatch(/permission/);
    expect(outcome.error?.status).toBe(status);
  });

  it("keeps loading when only the approximate count fails", async () => {
    const h = harness({
      issues: makeIssues(30),
      fault: (r) => (r.pathname === APPROXIMATE_COUNT_PATH ? jiraErrorReply(404, ["Not found"]) : undefined),
    });
    expect(await h.run()).toEqual({ status: "complete", loaded: 30 });
    expect(h.progress.at(-1)?.approximateTotal).toBeNull();
  });

  it("stops promptly on abort, even with requests that never answer", async () => {
    const controller = new AbortController();
    let chunkRequests = 0;
    const h = harness({
      issues: makeIssues(500),
      latency: (r) => (isChunk(r) && ++chunkRequests > 1 ? new Promise<void>(() => {}) : tick()),
    });
    const outcome = await h.run({
      signal: controller.signal,
      onPage: (issues) => {
        h.pages.push(issues);
        controller.abort();
      },
    });
    expect(outcome).toMatchObject({ status: "stopped", code: "aborted", loaded: 100 });
    expect(h.pages).toHaveLength(1);
  });

  it("stops, rather than going on partially, when a page consumer throws", async () => {
    const h = harness({ issues: makeIssues(300) });
    const outcome = await h.run({
      onPage: () => {
        throw new Error("engine bug");
      },
    });
    expect(outcome).toMatchObject({ status: "stopped", code: "unexpected", reason: "Loading failed: engine bug" });
  });

  it("returns at once when already aborted", async () => {
    const h = harness({ issues: makeIssues(10) });
    const controller = new AbortController();
    controller.abort();
    expect(await h.run({ signal: controller.signal })).toMatchObject({ status: "stopped", code: "aborted", loaded: 0 });
    expect(h.pages).toHaveLength(0);
  });
});

describe("loadReportIssues: any bounded interleaving of failures", () => {
  it("loads exactly the full id set, each issue once", async () => {
    const faultKind = fc.constantFrom<"ok" | "429" | "429-header" | "500" | "503">("ok", "ok", "429", "429-header", "500", "503");
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 420 }),
        fc.integer({ min: 1, max: 160 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(faultKind, { maxLength: 60 }),
        async (s, total, idPageCap, concurrency, faults) => {
          const issues = makeIssues(total);
          const failuresPerRequest = new Map<string, number>();
          const host = createFakeHost();
          let drawn = 0;
          installFakeJira(host, {
            issues,
            idPageCap,
            fieldPageCap: 100,
            latency: () => s.schedule(Promise.resolve()),
            fault: (r) => {
              const kind = faults[drawn++ % Math.max(1, faults.length)] ?? "ok";
              const key = JSON.stringify(r.body);
              const failed = failuresPerRequest.get(key) ?? 0;
              // Within the retry bounds: at most 3 failures in a row for the same request.
              if (kind === "ok" || failed >= 3) return undefined;
              failuresPerRequest.set(key, failed + 1);
              if (kind === "429") return rateLimited();
              if (kind === "429-header") return rateLimited({ "Retry-After": "2" });
              return jiraErrorReply(Number(kind), ["Server trouble"]);
            },
          });
          const delivered: string[] = [];
          const load = loadReportIssues({
            host,
            jql: "project = EX",
            fields: ["summary"],
            concurrency,
            onPage: (page) => delivered.push(...page.map((i) => i.id)),
            onProgress: () => {},
            sleep: () => s.schedule(Promise.resolve()),
          });
          const outcome = await s.waitFor(load);
          expect(outcome).toEqual({ status: "complete", loaded: total });
          expect(delivered.length).toBe(total);
          expect(new Set(delivered)).toEqual(new Set(issues.map((i) => i.id)));
          expect(host.maxInFlight).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("loadSequentially", () => {
  it("pages /search/jql by 100 with the fields, one request at a time", async () => {
    const h = harness({ issues: makeIssues(250) }, ["summary"]);
    const outcome = await loadSequentially({
      host: h.host,
      jql: "project = EX",
      fields: ["summary"],
      onPage: (issues) => h.pages.push(issues),
      onProgress: (p) => h.progress.push(p),
      sleep: async () => {},
    });
    expect(outcome).toEqual({ status: "complete", loaded: 250 });
    const searches = h.host.requestsTo(SEARCH_PATH);
    expect(searches).toHaveLength(3);
    for (const s of searches) expect(s.body).toMatchObject({ jql: "project = EX", fields: ["summary"], maxResults: 100 });
    expect(h.host.maxInFlight).toBe(1);
    expect(h.pages.map((p) => p.length)).toEqual([100, 100, 50]);
  });
});
