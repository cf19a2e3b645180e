/**
 * History fields (issue 14) against values worked out by hand from docs/engine.md#history-fields: every
 * field on each kind of history, through the whole engine (columns read from `issue.changelog`).
 */

import { describe, expect, it } from "vitest";
import { jiraInstantMs } from "../../src/engine/history/jiraInstant";
import type { JiraIssue } from "../../src/engine/jira";
import { DONE, H, historyIssue, historyValues, IP, NOW, REV, runHistory, stamp, T0, TODO, UNKNOWN } from "./historyFixtures";

const SCENARIOS: Record<string, JiraIssue> = {
  simple: historyIssue(
    DONE,
    [
      [10, TODO, IP],
      [30, IP, DONE],
    ],
    { resolved: 31 },
  ),
  "entered-many-times": historyIssue(
    DONE,
    [
      [10, TODO, IP],
      [20, IP, REV],
      [25, REV, IP],
      [40, IP, REV],
      [45, REV, IP],
      [50, IP, REV],
      [60, REV, DONE],
    ],
    { resolved: 60 },
  ),
  reopened: historyIssue(IP, [
    [10, TODO, IP],
    [20, IP, DONE],
    [30, DONE, IP],
  ]),
  "reopened-done-again": historyIssue(DONE, [
    [10, TODO, IP],
    [20, IP, DONE],
    [30, DONE, IP],
    [40, IP, DONE],
  ]),
  "created-in-done": historyIssue(DONE, []),
  "never-started": historyIssue(TODO, []),
  "straight-to-done": historyIssue(DONE, [[10, TODO, DONE]], { resolved: 10 }),
  "still-in-progress": historyIssue(IP, [[10, TODO, IP]]),
  "same-instant": historyIssue(
    DONE,
    [
      [10, TODO, IP],
      [10, IP, REV],
      [20, REV, DONE],
    ],
    { resolved: 20, shuffle: true },
  ),
  "unknown-status": historyIssue(
    DONE,
    [
      [10, TODO, UNKNOWN],
      [20, UNKNOWN, DONE],
    ],
    { resolved: 20 },
  ),
  "clock-skew": historyIssue(
    DONE,
    [
      [-5, TODO, IP],
      [105, IP, DONE],
    ],
    { resolved: 105 },
  ),
  "incomplete-total-above-histories": historyIssue(DONE, [[10, TODO, DONE]], {
    resolved: 30,
    changelog: { startAt: 0, maxResults: 0, total: 1, histories: [] },
  }),
  "incomplete-no-changelog": historyIssue(DONE, [], { resolved: 30, changelog: null }),
  "ends-in-another-status": historyIssue(DONE, [[10, TODO, IP]], { resolved: 10 }),
};

const FIELDS: Record<string, string> = {
  "time-todo": `history_time_in_status_${TODO}`,
  "time-ip": `history_time_in_status_${IP}`,
  "time-review": `history_time_in_status_${REV}`,
  "time-done": `history_time_in_status_${DONE}`,
  "time-unknown": `history_time_in_status_${UNKNOWN}`,
  "cat-new": "history_time_in_category_new",
  "cat-progress": "history_time_in_category_indeterminate",
  "cat-done": "history_time_in_category_done",
  transitions: "history_transitions",
  "into-ip": `history_transitions_into_${IP}`,
  "first-ip": `history_first_entered_${IP}`,
  "last-left-ip": `history_last_left_${IP}`,
  "first-done": `history_first_entered_${DONE}`,
  cycle: "history_cycle_time",
  lead: "history_lead_time",
  age: "history_status_age",
};
const COUNTS = new Set(["transitions", "into-ip"]);
const DATES = new Set(["first-ip", "last-left-ip", "first-done"]);
const N = null;
const EMPTY = Array<null>(16).fill(null);
// One row per scenario, in FIELDS order. Durations and dates in hours from T0; N = empty.
const EXPECTED: Record<string, readonly (number | null)[]> = {
  simple: [10, 20, 0, 70, 0, 10, 20, 70, 2, 1, 10, 30, 30, 20, 31, 70],
  "entered-many-times": [10, 30, 20, 40, 0, 10, 50, 40, 7, 3, 10, 50, 60, 50, 60, 40],
  reopened: [10, 80, 0, 10, 0, 10, 80, 10, 3, 2, 10, 20, 20, N, N, 70],
  "reopened-done-again": [10, 20, 0, 70, 0, 10, 20, 70, 4, 2, 10, 40, 20, 30, 40, 60],
  "created-in-done": [0, 0, 0, 100, 0, 0, 0, 100, 0, 0, N, N, 0, N, 0, 100],
  "never-started": [100, 0, 0, 0, 0, 100, 0, 0, 0, 0, N, N, N, N, N, 100],
  "straight-to-done": [10, 0, 0, 90, 0, 10, 0, 90, 1, 0, N, N, 10, N, 10, 90],
  "still-in-progress": [10, 90, 0, 0, 0, 10, 90, 0, 1, 1, 10, N, N, N, N, 90],
  "same-instant": [10, 0, 10, 80, 0, 10, 10, 80, 3, 1, 10, 10, 20, 10, 20, 80],
  "unknown-status": [10, 0, 0, 80, 10, 10, 0, 80, 2, 0, N, N, 20, N, 20, 80],
  "clock-skew": [0, 100, 0, 0, 0, 0, 100, 0, 2, 1, 0, 100, 100, 100, 100, 0],
  "incomplete-total-above-histories": EMPTY,
  "incomplete-no-changelog": EMPTY,
  "ends-in-another-status": EMPTY,
};

function expected(value: number | null, field: string): number | null {
  if (value === null || COUNTS.has(field)) return value;
  return DATES.has(field) ? (T0 + value * H) * 1000 : value * H;
}

const NAMES = Object.keys(FIELDS);
const CASES = Object.entries(EXPECTED).flatMap(([scenario, row]) =>
  NAMES.map((name, n) => [scenario, name, expected(row[n]!, name)] as const),
);
const computed = new Map(
  Object.entries(SCENARIOS).map(([scenario, issue]) => [scenario, historyValues(Object.values(FIELDS), [issue])[0]!]),
);

describe("history fields on each kind of history", () => {
  it("the table covers every field and scenario", () => {
    expect(Object.values(EXPECTED).every((row) => row.length === NAMES.length)).toBe(true);
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(CASES)("%s: %s = %j", (scenario, name, value) => {
    expect(computed.get(scenario)![NAMES.indexOf(name)]).toBe(value);
  });
});

const EXTRA: Record<string, JiraIssue> = {
  "same-instant-in-review": historyIssue(REV, [
    [10, TODO, IP],
    [10, IP, REV],
  ]),
};

describe("cycle time with other start and end points", () => {
  const cases = [
    ["simple, from To Do", { cycle_start: { kind: "category", id: "new" } }, "simple", 30],
    [
      "simple, In Progress status to Done status",
      { cycle_start: { kind: "status", id: IP }, cycle_end: { kind: "status", id: DONE } },
      "simple",
      20,
    ],
    ["many entries, from In Review (first entry)", { cycle_start: { kind: "status", id: REV } }, "entered-many-times", 40],
    ["many entries, end at In Review (last entry, not in it now)", { cycle_end: { kind: "status", id: REV } }, "entered-many-times", null],
    ["same instant, In Progress to In Review: 0 s", { cycle_end: { kind: "status", id: REV } }, "same-instant-in-review", 0],
    ["never started, from To Do to Done", { cycle_start: { kind: "category", id: "new" } }, "never-started", null],
    ["created in Done, from To Do", { cycle_start: { kind: "category", id: "new" } }, "created-in-done", null],
    ["unknown status into Done is an entry into done", { cycle_start: { kind: "status", id: UNKNOWN } }, "unknown-status", 10],
  ] as const;
  it.each(cases)("%s", (_name, history, scenario, hours) => {
    const issue = SCENARIOS[scenario] ?? EXTRA[scenario]!;
    const [value] = historyValues(["history_cycle_time"], [issue], { history } as never)[0]!;
    expect(value).toBe(hours === null ? null : hours * H);
  });

  it("the end before the start is empty", () => {
    const issue = historyIssue(DONE, [
      [10, TODO, DONE],
      [20, DONE, REV],
      [30, REV, DONE],
    ]);
    const definition = { history: { cycle_start: { kind: "status", id: REV }, cycle_end: { kind: "status", id: TODO } } } as never;
    expect(historyValues(["history_cycle_time"], [issue], definition)[0]).toEqual([null]);
  });
});

describe("instants", () => {
  it("milliseconds are dropped before any arithmetic, and order by ms then history id", () => {
    const issue = historyIssue(DONE, []);
    issue.changelog!.histories = [
      { id: "7", created: stamp(10, 900), items: [{ field: "status", from: IP, fromString: "", to: DONE, toString: "" }] },
      { id: "9", created: stamp(10, 100), items: [{ field: "status", from: REV, fromString: "", to: IP, toString: "" }] },
      { id: "8", created: stamp(10, 100), items: [{ field: "status", from: TODO, fromString: "", to: REV, toString: "" }] },
    ];
    const fields = [`history_time_in_status_${TODO}`, `history_first_entered_${REV}`, `history_last_left_${IP}`, "history_transitions"];
    expect(historyValues(fields, [issue])[0]).toEqual([10 * H, (T0 + 10 * H) * 1000, (T0 + 10 * H) * 1000, 3]);
  });

  it("now before created: every duration is 0", () => {
    const issue = historyIssue(DONE, [[1, TODO, DONE]], { created: stamp(200) });
    const fields = ["history_status_age", `history_time_in_status_${DONE}`, "history_lead_time", `history_first_entered_${DONE}`];
    expect(historyValues(fields, [issue])[0]).toEqual([0, 0, 0, (T0 + 200 * H) * 1000]);
  });

  it("other fields' items are ignored, and issues without status changes keep their current status", () => {
    const issue = historyIssue(IP, []);
    issue.changelog!.histories = [
      { id: "1", created: stamp(5), items: [{ field: "labels", from: null, fromString: null, to: "x", toString: "x" }] },
    ];
    expect(historyValues(["history_transitions", `history_time_in_status_${IP}`], [issue])[0]).toEqual([0, 100 * H]);
  });
});

describe("completeness", () => {
  it("counts issues whose changelog is incomplete; their fields are empty, never 0", () => {
    const issues = [SCENARIOS.simple!, SCENARIOS["incomplete-total-above-histories"]!, SCENARIOS["incomplete-no-changelog"]!];
    const result = runHistory({ columns: [{ field: "history_transitions", aggregation: "count" }] }, issues);
    expect(result.history).toEqual({ issues: 3, incomplete: 2 });
    expect(result.grandTotal[0]!.value).toBe(1);
  });

  it("a report without history fields has no history counts", () => {
    expect(runHistory({ columns: [{ field: "summary" }] }, [SCENARIOS.simple!]).history).toBeNull();
  });

  it("a history 'now' is read when the engine is created, not at compute", async () => {
    const { createReportEngine } = await import("../../src/engine/index");
    let clock = NOW.getTime();
    const engine = createReportEngine({
      definition: { columns: [{ field: "history_status_age" }] },
      fields: [],
      statuses: [],
      now: () => new Date(clock),
      timeZone: "UTC",
    });
    clock += 5 * H * 1000;
    engine.addIssues([historyIssue(TODO, [])]);
    const { getCellValue } = await import("../../src/engine/index");
    expect(getCellValue(engine.compute(), 0, 0)).toBe(100 * H);
    engine.clear();
    engine.addIssues([historyIssue(TODO, [])]);
    expect(getCellValue(engine.compute(), 0, 0)).toBe(105 * H);
  });
});

describe("Jira timestamps of change histories", () => {
  it.each([
    ["2024-11-05T07:42:47.328+0000", Date.UTC(2024, 10, 5, 7, 42, 47, 328)],
    ["2024-02-29T23:59:59.999+0000", Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ["2024-03-01T00:00:00.000+0000", Date.UTC(2024, 2, 1)],
    ["2026-03-29T03:30:00.500+0200", Date.UTC(2026, 2, 29, 1, 30, 0, 500)],
    ["2026-11-01T01:30:00.000-0500", Date.UTC(2026, 10, 1, 6, 30)],
    ["2024-11-05T07:42:47.328Z", Date.UTC(2024, 10, 5, 7, 42, 47, 328)],
    ["2024-11-05T07:42:47+05:30", Date.UTC(2024, 10, 5, 2, 12, 47)],
    ["2024-13-05T07:42:47.328+0000", NaN],
    ["2024-11-05T07:4x:47.328+0000", NaN],
    ["not a date", NaN],
  ])("%s", (text, ms) => expect(jiraInstantMs(text)).toBe(ms));

  it("a non-string is no instant", () => {
    expect(jiraInstantMs(null)).toBeNaN();
    expect(jiraInstantMs(1_700_000_000_000)).toBeNaN();
  });
});
