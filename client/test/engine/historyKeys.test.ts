/** History field keys: parsing, names, the editor's choices, and what a report with them loads. */

import { describe, expect, it } from "vitest";
import { groupPredicate } from "../../src/engine/drilldown/groupPredicate";
import { parseHistoryKey } from "../../src/engine/history/historyKeys";
import { MEASURED_KINDS } from "../../src/engine/history/historyMeasures";
import {
  fieldsToLoad,
  historyFieldChoices,
  historyFieldName,
  needsChangelog,
  resolveFieldSpec,
  type ReportDefinition,
} from "../../src/engine/index";
import { planReport } from "../../src/engine/plan";
import { HISTORY_FIELDS } from "../../src/engine/vocabulary.gen";
import { FIELDS } from "./fixtures";
import { DONE, IP, REV, STATUSES, TODO } from "./historyFixtures";

describe("parseHistoryKey", () => {
  it.each<[string, string | null, unknown]>([
    ["history_time_in_status_10001", "time_in_status", { kind: "status", id: "10001" }],
    ["history_time_in_category_indeterminate", "time_in_category", { kind: "category", key: "indeterminate" }],
    ["history_transitions", "transitions", null],
    ["history_transitions_into_3", "transitions_into", { kind: "status", id: "3" }],
    ["history_first_entered_10003", "first_entered", { kind: "status", id: "10003" }],
    ["history_last_left_10003", "last_left", { kind: "status", id: "10003" }],
    ["history_cycle_time", "cycle_time", null],
    ["history_lead_time", "lead_time", null],
    ["history_status_age", "status_age", null],
    ["history_time_in_status", null, null],
    ["history_time_in_status_abc", null, null],
    ["history_time_in_category_closed", null, null],
    ["history_cycle_time_10001", null, null],
    ["history_transitions_into_", null, null],
    ["history_age", null, null],
    ["status", null, null],
  ])("%s", (key, kind, parameter) => {
    const parsed = parseHistoryKey(key);
    expect(parsed?.kind ?? null).toBe(kind);
    if (kind !== null) expect(parsed!.parameter).toEqual(parameter);
  });

  it("every kind of the shared vocabulary is computed", () => {
    expect([...HISTORY_FIELDS.keys()].filter((kind) => !MEASURED_KINDS.has(kind))).toEqual([]);
  });
});

describe("names", () => {
  it.each([
    [`history_time_in_status_${IP}`, "Time in status: In Progress"],
    ["history_time_in_category_done", "Time in category: Done"],
    ["history_time_in_category_new", "Time in category: To Do"],
    ["history_time_in_category_indeterminate", "Time in category: In Progress"],
    ["history_transitions", "Transitions"],
    [`history_transitions_into_${REV}`, "Transitions into: In Review"],
    [`history_first_entered_${IP}`, "First entered: In Progress"],
    [`history_last_left_${IP}`, "Last left: In Progress"],
    ["history_cycle_time", "Cycle time"],
    ["history_lead_time", "Lead time"],
    ["history_status_age", "Current status age"],
    ["history_time_in_status_424242", "Time in status: 424242"],
    ["history_nonsense", "history_nonsense"],
  ])("%s is %s", (key, name) => expect(historyFieldName(key, STATUSES)).toBe(name));

  it("field specs carry the type and name; an unknown history key is unknown", () => {
    expect(resolveFieldSpec("history_cycle_time", undefined, STATUSES)).toMatchObject({
      type: "duration",
      name: "Cycle time",
      source: "history",
      unknown: false,
    });
    expect(resolveFieldSpec(`history_first_entered_${DONE}`, undefined, STATUSES)).toMatchObject({
      type: "datetime",
      name: "First entered: Done",
    });
    expect(resolveFieldSpec("history_transitions", undefined, STATUSES)).toMatchObject({ type: "number" });
    expect(resolveFieldSpec("history_time_in_category_closed", undefined, STATUSES)).toMatchObject({ type: "text", unknown: true });
  });
});

describe("historyFieldChoices", () => {
  const choices = historyFieldChoices(STATUSES);

  it("offers every kind once per status or category, in the vocabulary's order", () => {
    expect(choices.length).toBe(4 * STATUSES.length + 3 + 4);
    expect(choices.slice(0, 5).map((c) => c.key)).toEqual([
      `history_time_in_status_${TODO}`,
      `history_time_in_status_${IP}`,
      `history_time_in_status_${REV}`,
      `history_time_in_status_${DONE}`,
      "history_time_in_category_new",
    ]);
    expect(new Set(choices.map((c) => c.key)).size).toBe(choices.length);
    for (const choice of choices) {
      expect(choice.name).toBe(historyFieldName(choice.key, STATUSES));
      expect(choice.type).toBe(HISTORY_FIELDS.get(parseHistoryKey(choice.key)!.kind)!.type);
    }
  });

  it("without statuses, only the kinds without a status", () => {
    expect(historyFieldChoices([]).map((c) => c.name)).toEqual([
      "Time in category: To Do",
      "Time in category: In Progress",
      "Time in category: Done",
      "Transitions",
      "Cycle time",
      "Lead time",
      "Current status age",
    ]);
  });
});

describe("what a report with history fields loads", () => {
  it.each<[string, ReportDefinition, boolean, string[]]>([
    ["no history field", { columns: [{ field: "summary" }] }, false, ["summary"]],
    [
      "a history column",
      { columns: [{ field: "summary" }, { field: "history_cycle_time" }] },
      true,
      ["summary", "created", "status", "resolutiondate"],
    ],
    [
      "status already read",
      { columns: [{ field: "status" }], sorting_rules: [{ field: "history_status_age" }] },
      true,
      ["status", "created", "resolutiondate"],
    ],
    [
      "a history filter",
      { filtering_rules: [{ field: "history_transitions", operator: "gt", operands: [2] }] },
      true,
      ["created", "status", "resolutiondate"],
    ],
    [
      "a history grouping",
      { grouping_rules: [{ field: `history_first_entered_${IP}`, bucket: { kind: "date", unit: "month" } }] },
      true,
      ["created", "status", "resolutiondate"],
    ],
    ["an unknown history key needs no changelog", { columns: [{ field: "history_nonsense" }] }, false, []],
  ])("%s", (_name, definition, needs, load) => {
    expect(needsChangelog(definition, FIELDS)).toBe(needs);
    expect(fieldsToLoad(definition, FIELDS)).toEqual(load);
  });

  it("an unknown history key is a warning, not a Jira field", () => {
    const plan = planReport({ columns: [{ field: "history_time_in_status_x" }] }, FIELDS, STATUSES);
    expect(plan.warnings).toEqual([
      { code: "unknown_field", field: "history_time_in_status_x", message: expect.stringContaining("not a history field") },
    ]);
  });

  it("the history settings reach the plan with defaults filled in", () => {
    const plan = planReport(
      { columns: [{ field: "history_cycle_time" }], history: { cycle_end: { kind: "status", id: DONE } } },
      FIELDS,
      STATUSES,
    );
    expect(plan.history).toEqual({
      cycleStart: { kind: "category", id: "indeterminate" },
      cycleEnd: { kind: "status", id: DONE },
      workingTime: null,
    });
  });
});

describe("drill-down links", () => {
  it("a group of a history field has no JQL: Jira cannot search derived values", () => {
    const spec = resolveFieldSpec("history_cycle_time", undefined, STATUSES);
    expect(
      groupPredicate({ field: "history_cycle_time", spec, bucket: { kind: "number", size: 3600 }, key: 7200, isEmpty: false }),
    ).toBeNull();
    expect(groupPredicate({ field: "history_cycle_time", spec, bucket: null, key: null, isEmpty: true })).toBeNull();
  });
});
