// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { createReportEngine, type JiraIssue, type ReportEngine, type ReportEngineOptions } from "../../src/engine/index";
import { createFakeHost, jiraErrorReply } from "../support/fakeHost";
import { installFakeJira, type FakeJiraOptions } from "../support/fakeJira";
import { JiraApiError } from "../../src/jira/errors";
import { PRIORITY_SEARCH_PATH } from "../../src/jira/priorities";
import { createReportSession, type ReportSession, type SessionState } from "../../src/session/reportSession";
import { FIELDS, makeIssues, reportDefinition } from "../jira/fixtures";

const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Two projects on one site; a report's base JQL picks one of them.
const EX = makeIssues(230, "EX", 10001);
const OPS = makeIssues(40, "OPS", 20001);
const byProject = (jql: string, issue: JiraIssue): boolean => issue.key.startsWith(jql.includes("OPS") ? "OPS-" : "EX-");

const sessions: ReportSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function setup(jira: Partial<FakeJiraOptions> = {}) {
  const host = createFakeHost();
  installFakeJira(host, { issues: [...EX, ...OPS], fields: FIELDS, match: byProject, latency: () => tick(), ...jira });
  const engines: ReportEngine[] = [];
  const engineOptions: ReportEngineOptions[] = [];
  const clears: number[] = [];
  const engineFactory = (options: ReportEngineOptions): ReportEngine => {
    engineOptions.push(options);
    const engine = createReportEngine(options);
    const index = engines.length;
    const clear = engine.clear.bind(engine);
    engine.clear = () => {
      clears.push(index);
      clear();
    };
    engines.push(engine);
    return engine;
  };
  const session = createReportSession({ host, engineFactory, recomputeIntervalMs: 0 });
  sessions.push(session);
  const states: SessionState[] = [];
  session.subscribe((s) => states.push(s));
  return { host, session, engines, engineOptions, clears, states };
}

const debug = () => window.__rollbookDebug!;
const sortedKeys = (keys: string[]) => [...keys].sort();

describe("createReportSession", () => {
  describe("priority order", () => {
    const byPriority = reportDefinition({ sorting_rules: [{ field: "priority", direction: "desc" }] });
    const ORDER = ["10000", "1", "2", "3", "4", "5"];

    it("gives the engine the site's priority order when the report uses priority", async () => {
      const { host, session, engineOptions } = setup();
      host.on("GET", PRIORITY_SEARCH_PATH, { json: { isLast: true, values: ORDER.map((id) => ({ id })) } });
      expect((await session.run(byPriority)).status).toBe("complete");
      expect(engineOptions[0]!.priorityOrder).toEqual(ORDER);
    });

    it("does not ask when the report does not use priority", async () => {
      const { host, session, engineOptions } = setup();
      await session.run(reportDefinition());
      expect(host.requestsTo(PRIORITY_SEARCH_PATH)).toEqual([]);
      expect(engineOptions[0]!.priorityOrder).toBeUndefined();
    });

    it("runs the report on priority ids when Jira refuses the look-up", async () => {
      const { host, session, engineOptions } = setup();
      host.on("GET", PRIORITY_SEARCH_PATH, jiraErrorReply(403, ["Forbidden"]));
      expect((await session.run(byPriority)).status).toBe("complete");
      expect(engineOptions[0]!.priorityOrder).toBeUndefined();
    });
  });

  it("the debug hook answers before any report runs", () => {
    expect(debug().heldIssueKeys()).toEqual([]);
    expect(debug().heldIssueCount()).toBe(0);
  });

  it("dispose forgets the session", async () => {
    const { session } = setup();
    await session.run(reportDefinition());
    expect(debug().heldIssueCount()).toBe(230);
    session.dispose();
    expect(debug().heldIssueCount()).toBe(0);
  });

  it("runs a report: loading, then complete with every issue in the result", async () => {
    const { session, states, host } = setup();
    const outcome = await session.run(reportDefinition());
    expect(outcome).toEqual({ status: "complete", loaded: 230 });
    const state = session.current();
    expect(state.status).toBe("complete");
    expect(state.result?.loadedIssueCount).toBe(230);
    expect(state.progress).toMatchObject({ phase: "done", loaded: 230, approximateTotal: 230 });
    expect(states[0]).toMatchObject({ status: "loading", result: null });
    // Rows appeared while loading, before the run completed.
    expect(states.some((s) => s.status === "loading" && (s.result?.loadedIssueCount ?? 0) > 0)).toBe(true);
    expect(host.requestsTo("/rest/api/3/field")).toHaveLength(1);
  });

  it("a second run clears the first: only the second report's issues are held", async () => {
    const { session, engines, clears, host } = setup();
    await session.run(reportDefinition());
    expect(debug().heldIssueCount()).toBe(230);
    expect(sortedKeys(debug().heldIssueKeys())).toEqual(sortedKeys(EX.map((i) => i.key)));

    await session.run(reportDefinition({ jql: "project = OPS" }));
    expect(clears).toContain(0);
    expect(engines[0]!.issueCount).toBe(0);
    expect(sortedKeys(debug().heldIssueKeys())).toEqual(sortedKeys(OPS.map((i) => i.key)));
    expect(debug().heldIssueCount()).toBe(40);
    // Field metadata is fetched once per page life.
    expect(host.requestsTo("/rest/api/3/field")).toHaveLength(1);
  });

  it("a run started while another loads stops the first and ignores its late pages", async () => {
    let releaseFirst: () => void = () => {};
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstChunkSeen = false;
    const { session, engines } = setup({
      latency: async (r) => {
        await tick();
        const jql = String((r.body as { jql?: string } | undefined)?.jql ?? "");
        if (jql.startsWith("id in (100")) {
          firstChunkSeen = true;
          await held;
        }
      },
    });
    const first = session.run(reportDefinition());
    while (!firstChunkSeen) await tick();
    const second = session.run(reportDefinition({ jql: "project = OPS" }));
    expect(await first).toMatchObject({ status: "stopped", code: "aborted" });
    releaseFirst();
    expect(await second).toEqual({ status: "complete", loaded: 40 });
    await tick(20);
    expect(engines[0]!.issueCount).toBe(0);
    expect(sortedKeys(debug().heldIssueKeys())).toEqual(sortedKeys(OPS.map((i) => i.key)));
    expect(session.current().status).toBe("complete");
  });

  it("discard empties everything", async () => {
    const { session, clears } = setup();
    await session.run(reportDefinition());
    session.discard();
    expect(clears).toEqual([0]);
    expect(debug().heldIssueKeys()).toEqual([]);
    expect(debug().heldIssueCount()).toBe(0);
    expect(session.current()).toEqual({ status: "idle", progress: null, result: null, outcome: null, error: null });
  });

  it("leaving the page discards the report", async () => {
    const { session } = setup();
    await session.run(reportDefinition());
    window.dispatchEvent(new Event("pagehide"));
    expect(debug().heldIssueCount()).toBe(0);
    expect(session.current().status).toBe("idle");
  });

  it("keeps what loaded and says why when Jira stops the load", async () => {
    const { session } = setup({
      fault: (r) =>
        r.pathname.startsWith("/rest/api/3/search")
          ? jiraErrorReply(400, ["The value 'NOPE' does not exist for the field 'project'."])
          : undefined,
    });
    const outcome = await session.run(reportDefinition({ jql: "project = NOPE" }));
    expect(outcome).toMatchObject({ status: "stopped", code: "bad_request" });
    const state = session.current();
    expect(state.status).toBe("stopped");
    expect(state.error).toBeInstanceOf(JiraApiError);
    expect((state.error as JiraApiError).errorMessages).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    expect(state.result?.loadedIssueCount).toBe(0);
  });

  it("reports an error when the field metadata cannot be read, and asks again next run", async () => {
    let failFields = true;
    const { session, host } = setup({
      fault: (r) => (r.pathname === "/rest/api/3/field" && failFields ? jiraErrorReply(403, ["down"]) : undefined),
    });
    const outcome = await session.run(reportDefinition());
    expect(outcome).toMatchObject({ status: "stopped", code: "permission" });
    expect(session.current().status).toBe("error");
    failFields = false;
    expect((await session.run(reportDefinition())).status).toBe("complete");
    expect(host.requestsTo("/rest/api/3/field")).toHaveLength(2);
  });

  it("recomputes at most once per interval while loading, and once at the end", async () => {
    const host = createFakeHost();
    installFakeJira(host, { issues: EX, fields: FIELDS, latency: () => tick() });
    let computes = 0;
    const session = createReportSession({
      host,
      recomputeIntervalMs: 10_000,
      engineFactory: (options) => {
        const engine = createReportEngine(options);
        const compute = engine.compute.bind(engine);
        engine.compute = () => {
          computes++;
          return compute();
        };
        return engine;
      },
    });
    sessions.push(session);
    await session.run(reportDefinition());
    // Empty result up front, the first page at once, then nothing until the final compute.
    expect(computes).toBe(3);
    expect(session.current().result?.loadedIssueCount).toBe(230);
  });

  it.each([
    ["de_DE", undefined, "de-DE"],
    ["fr-FR", "en-GB", "fr-FR"],
    [undefined, "en-GB", "en-GB"],
    [undefined, undefined, undefined],
  ])("runs the engine in the host's locale %s (option %s): %s", async (hostLocale, optionLocale, expected) => {
    const host = createFakeHost(hostLocale ? { context: { locale: hostLocale } } : {});
    installFakeJira(host, { issues: EX, fields: FIELDS });
    const locales: (string | undefined)[] = [];
    const session = createReportSession({
      host,
      ...(optionLocale ? { locale: optionLocale } : {}),
      engineFactory: (options) => {
        locales.push(options.locale);
        return createReportEngine(options);
      },
    });
    sessions.push(session);
    await session.run(reportDefinition());
    expect(locales).toEqual([expected]);
  });

  it("a throwing subscriber does not break the run or the other subscribers", async () => {
    const { session, states } = setup();
    // jsdom has no reportError(), so the session falls back to console.error.
    const report = vi.spyOn(console, "error").mockImplementation(() => {});
    session.subscribe(() => {
      throw new Error("listener bug");
    });
    const after = vi.fn();
    session.subscribe(after);
    expect((await session.run(reportDefinition())).status).toBe("complete");
    expect(report).toHaveBeenCalled();
    expect(after).toHaveBeenCalledTimes(states.length);
    report.mockRestore();
  });

  it("unsubscribe stops notifications", async () => {
    const { session } = setup();
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    unsubscribe();
    await session.run(reportDefinition());
    expect(listener).not.toHaveBeenCalled();
  });
});

describe("privacy: no browser storage", () => {
  it("a run writes nothing to localStorage, sessionStorage or cookies", async () => {
    const { session } = setup();
    await session.run(reportDefinition());
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
  });
});
