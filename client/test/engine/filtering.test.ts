import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BitSet } from "../../src/engine/filtering/bitset";
import { filterFns } from "../../src/engine/filtering/filterFns";
import type { FilterRule } from "../../src/engine/model";
import { createReportEngine } from "../../src/engine/index";
import { definition, FIELDS, ISSUES, NOW, TIME_ZONE, USERS } from "./fixtures";
import { keys, run } from "./helpers";

const ALL = ["EX-1", "EX-2", "EX-3", "EX-4", "EX-5", "EX-6", "EX-7", "EX-8", "EX-9", "EX-10", "EX-11", "EX-12", "OPS-2", "OPS-10"];
const except = (...excluded: string[]) => ALL.filter((k) => !excluded.includes(k));
const filtered = (rules: FilterRule[], timeZone?: string) => keys(run({ filtering_rules: rules }, timeZone ? { timeZone } : {}));
const covered = new Set<string>();
const rule = (
  field: string,
  operator: FilterRule["operator"],
  operands: FilterRule["operands"] = [],
  extra: Partial<FilterRule> = {},
): FilterRule => {
  covered.add(operator);
  return { field, operator, operands, ...extra };
};

describe("text operators", () => {
  it.each<[string, FilterRule, string[]]>([
    ["equals ignores case", rule("summary", "equals", ["login PAGE"]), ["EX-1"]],
    ["equals, case-sensitive, misses", rule("summary", "equals", ["login page"], { case_sensitive: true }), []],
    ["equals, case-sensitive, hits", rule("summary", "equals", ["Login page"], { case_sensitive: true }), ["EX-1"]],
    ["not_equals keeps empty summaries", rule("summary", "not_equals", ["Login page"]), except("EX-1")],
    ["contains", rule("summary", "contains", ["PAGE"]), ["EX-1"]],
    ["contains, case-sensitive", rule("summary", "contains", ["PAGE"], { case_sensitive: true }), []],
    ["contains unicode, folded", rule("summary", "contains", ["ünï"]), ["EX-10"]],
    ["not_contains", rule("summary", "not_contains", ["a"]), ["EX-2", "EX-11", "EX-12"]],
    ["starts_with", rule("summary", "starts_with", ["NULL"]), ["EX-9"]],
    ["ends_with", rule("summary", "ends_with", ["evil"]), ["EX-9"]],
    ["contains markup literally", rule("summary", "contains", ["<script>"]), ["EX-9"]],
    ["is_empty", rule("summary", "is_empty"), ["EX-11"]],
    ["is_not_empty", rule("summary", "is_not_empty"), except("EX-11")],
    ["text operators on options match labels", rule("status", "starts_with", ["in "]), ["EX-2", "EX-7", "EX-11"]],
    ["text operators on issue links match keys", rule("parent", "equals", ["ex-100"]), ["EX-10", "EX-11"]],
  ])("%s", (_name, r, expected) => expect(filtered([r])).toEqual(expected));
});

describe("number and duration operators", () => {
  it.each<[string, FilterRule, string[]]>([
    ["eq", rule("customfield_10016", "eq", [3]), ["EX-1", "EX-11"]],
    ["eq with a numeric string", rule("customfield_10016", "eq", ["3"]), ["EX-1", "EX-11"]],
    ["ne keeps empties", rule("customfield_10016", "ne", [3]), except("EX-1", "EX-11")],
    ["gt", rule("customfield_10016", "gt", [5]), ["EX-3", "EX-6"]],
    ["gte", rule("customfield_10016", "gte", [5]), ["EX-2", "EX-3", "EX-6", "EX-10"]],
    ["lt", rule("customfield_10016", "lt", [1]), ["EX-8"]],
    ["lte", rule("customfield_10016", "lte", [1]), ["EX-7", "EX-8", "OPS-2"]],
    ["between is inclusive", rule("customfield_10016", "between", [2, 3]), ["EX-1", "EX-5", "EX-11", "EX-12", "OPS-10"]],
    ["between accepts reversed bounds", rule("customfield_10016", "between", [3, 2]), ["EX-1", "EX-5", "EX-11", "EX-12", "OPS-10"]],
    ["is_empty", rule("customfield_10016", "is_empty"), ["EX-4", "EX-9"]],
    ["durations compare in seconds", rule("timespent", "gt", [3600]), ["EX-1", "EX-2", "EX-6", "EX-10", "EX-12", "OPS-10"]],
    ["zero duration is a value", rule("timespent", "eq", [0]), ["EX-11"]],
    ["duration between", rule("timespent", "between", [1800, 5400]), ["EX-5", "EX-7", "EX-12"]],
    ["boolean eq true", rule("customfield_10080", "eq", [true]), ["EX-1"]],
    ["boolean ne true keeps empties", rule("customfield_10080", "ne", [true]), except("EX-1")],
    ["boolean is_not_empty", rule("customfield_10080", "is_not_empty"), ["EX-1", "EX-3"]],
  ])("%s", (_name, r, expected) => expect(filtered([r])).toEqual(expected));
});

describe("date and datetime operators", () => {
  it.each<[string, FilterRule, string[], string?]>([
    ["before, in Berlin EX-12 is already 2024", rule("created", "before", ["2024-01-01"]), []],
    ["before, in UTC EX-12 is still 2023", rule("created", "before", ["2024-01-01"]), ["EX-12"], "UTC"],
    ["on New Year's Day in Berlin", rule("created", "on", ["2025-01-01"]), ["EX-6"]],
    ["on New Year's Eve in UTC", rule("created", "on", ["2024-12-31"]), ["EX-6"], "UTC"],
    ["after is strictly after the day", rule("created", "after", ["2024-12-30"]), ["EX-6"]],
    ["on a local midnight", rule("created", "on", ["2024-06-26"]), ["EX-11"]],
    ["on the spring DST day", rule("created", "on", ["2024-03-31"]), ["EX-5"]],
    ["on the autumn DST day", rule("created", "on", ["2024-10-27"]), ["EX-7"]],
    ["between days, inclusive", rule("created", "between", ["2024-03-31", "2024-04-01"]), ["EX-5", "OPS-2"]],
    ["in_last 7 days (rolling)", rule("created", "in_last", [7, "days"]), ["EX-11"]],
    ["in_last 2 weeks", rule("created", "in_last", [2, "weeks"]), ["EX-9", "EX-10", "EX-11"]],
    ["in_last 1 month", rule("created", "in_last", [1, "months"]), ["EX-9", "EX-10", "EX-11"]],
    ["in_next on past dates", rule("created", "in_next", [30, "days"]), []],
    ["date before", rule("duedate", "before", ["2024-03-31"]), ["EX-1"]],
    ["date on", rule("duedate", "on", ["2024-03-31"]), ["EX-3", "EX-5"]],
    ["date on ignores the zone", rule("duedate", "on", ["2024-03-31"]), ["EX-3", "EX-5"], "Pacific/Kiritimati"],
    ["date after", rule("duedate", "after", ["2024-12-31"]), ["EX-8"]],
    ["date between", rule("duedate", "between", ["2024-04-02", "2024-12-31"]), ["EX-6", "EX-7", "OPS-2"]],
    ["date in_next 6 months", rule("duedate", "in_next", [6, "months"]), ["EX-7"]],
    ["date in_last 3 months", rule("duedate", "in_last", [3, "months"]), ["EX-3", "EX-5", "OPS-2"]],
    ["date is_empty", rule("duedate", "is_empty"), ["EX-2", "EX-4", "EX-9", "EX-10", "EX-11", "EX-12", "OPS-10"]],
    ["datetime is_not_empty", rule("resolutiondate", "is_not_empty"), ["EX-1", "EX-6", "EX-10", "OPS-10"]],
  ])("%s", (_name, r, expected, timeZone) => expect(filtered([r], timeZone)).toEqual(expected));

  it("relative ranges follow the injected clock", () => {
    const result = run({ filtering_rules: [rule("created", "in_last", [1, "days"])] }, { now: new Date("2025-01-01T12:00:00Z") });
    expect(keys(result)).toEqual(["EX-6"]);
  });
});

describe("option, user and multi operators", () => {
  it.each<[string, FilterRule, string[]]>([
    ["status any_of by name", rule("status", "any_of", ["Done"]), ["EX-1", "EX-6", "EX-10", "OPS-10"]],
    [
      "status any_of by name (case) or id",
      rule("status", "any_of", ["done", "10001"]),
      ["EX-1", "EX-5", "EX-6", "EX-10", "EX-12", "OPS-10"],
    ],
    ["status none_of", rule("status", "none_of", ["Done", "To Do"]), ["EX-2", "EX-4", "EX-5", "EX-7", "EX-11", "EX-12"]],
    ["priority none_of keeps issues without priority", rule("priority", "none_of", ["High"]), except("EX-1", "EX-8", "EX-11")],
    ["priority is_empty", rule("priority", "is_empty"), ["EX-9"]],
    ["assignee any_of by account id", rule("assignee", "any_of", [USERS.alice.accountId]), ["EX-1", "EX-5", "EX-10", "OPS-10"]],
    ["assignee none_of keeps unassigned", rule("assignee", "none_of", [USERS.alice.accountId]), except("EX-1", "EX-5", "EX-10", "OPS-10")],
    ["assignee is_empty", rule("assignee", "is_empty"), ["EX-4", "EX-11"]],
    ['a user named "null" is a user', rule("assignee", "any_of", ["null"]), ["EX-9"]],
    ["labels any_of", rule("labels", "any_of", ["frontend"]), ["EX-1", "EX-2", "EX-10", "EX-12"]],
    ["labels all_of", rule("labels", "all_of", ["frontend", "ux"]), ["EX-1", "EX-12"]],
    ["labels none_of", rule("labels", "none_of", ["frontend", "backend"]), ["EX-4", "EX-6", "EX-7", "EX-8", "EX-9", "OPS-2", "OPS-10"]],
    ["labels is_empty", rule("labels", "is_empty"), ["EX-4", "EX-7"]],
    ["prototype-like labels are plain values", rule("labels", "any_of", ["__proto__", "constructor"]), ["EX-9"]],
    ["sprints any_of", rule("customfield_10020", "any_of", ["Sprint 10"]), ["EX-2", "EX-5", "EX-10"]],
    ["parent any_of", rule("parent", "any_of", ["EX-100"]), ["EX-10", "EX-11"]],
    ["issue key any_of", rule("issuekey", "any_of", ["OPS-2", "EX-3"]), ["EX-3", "OPS-2"]],
  ])("%s", (_name, r, expected) => expect(filtered([r])).toEqual(expected));
});

describe("priority order operators", () => {
  // No priorityOrder: positions come from the ids (1 = Highest … 5 = Lowest), as on a default site.
  it.each<[string, FilterRule, string[]]>([
    ["at_least by id", rule("priority", "at_least", ["2"]), ["EX-1", "EX-2", "EX-6", "EX-8", "EX-11", "OPS-2"]],
    ["at_least by name, ignoring case", rule("priority", "at_least", ["high"]), ["EX-1", "EX-2", "EX-6", "EX-8", "EX-11", "OPS-2"]],
    ["at_most Low", rule("priority", "at_most", ["Low"]), ["EX-4", "EX-7", "EX-12"]],
    ["at_most Highest leaves out issues without priority", rule("priority", "at_most", ["Highest"]), except("EX-9")],
    ["an unknown threshold matches nothing", rule("priority", "at_least", ["Blocker"]), []],
    ["values without an order (statuses) never match", rule("status", "at_least", ["Done"]), []],
  ])("%s", (_name, r, expected) => expect(filtered([r])).toEqual(expected));

  // A site order with a priority ("6", Urgent) between High and Medium that no loaded issue has.
  const CUSTOM_ORDER = ["1", "2", "6", "3", "4", "5"];
  const withOrder = (r: FilterRule): string[] => {
    const engine = createReportEngine({
      definition: definition({ filtering_rules: [r] }),
      fields: FIELDS,
      now: () => NOW,
      timeZone: TIME_ZONE,
      priorityOrder: CUSTOM_ORDER,
    });
    engine.addIssues(ISSUES);
    return keys(engine.compute());
  };
  it.each<[string, FilterRule, string[]]>([
    ["at_least a priority no issue has", rule("priority", "at_least", ["6"]), ["EX-1", "EX-2", "EX-6", "EX-8", "EX-11", "OPS-2"]],
    ["at_most a priority no issue has", rule("priority", "at_most", ["6"]), ["EX-3", "EX-4", "EX-5", "EX-7", "EX-10", "EX-12", "OPS-10"]],
    ["at_least Medium in the site's order", rule("priority", "at_least", ["Medium"]), except("EX-4", "EX-7", "EX-9", "EX-12")],
  ])("site order: %s", (_name, r, expected) => expect(withOrder(r)).toEqual(expected));

  it.each<[string, FilterRule["operands"], boolean]>([
    ["one priority", ["2"], true],
    ["no operand", [], false],
    ["two operands", ["1", "2"], false],
    ["an empty name", [""], false],
  ])("validates %s", (_name, operands, valid) => expect(filterFns.get("at_least")!.validate(operands, "option") === undefined).toBe(valid));
});

describe("combining rules", () => {
  it("rules are AND-ed", () => {
    expect(filtered([rule("status", "any_of", ["Done"]), rule("labels", "any_of", ["ops"])])).toEqual(["EX-6", "OPS-10"]);
  });

  it("or_group rules form one OR term AND-ed with the rest", () => {
    const rules = [
      rule("status", "any_of", ["Done"], { or_group: true }),
      rule("priority", "any_of", ["Highest"], { or_group: true }),
      rule("labels", "any_of", ["ops"]),
    ];
    expect(filtered(rules)).toEqual(["EX-6", "OPS-2", "OPS-10"]);
  });

  it("an or_group alone is a plain OR", () => {
    const rules = [rule("status", "any_of", ["Backlog"], { or_group: true }), rule("priority", "any_of", ["Lowest"], { or_group: true })];
    expect(filtered(rules)).toEqual(["EX-4", "EX-7"]);
  });

  it.each<[string, FilterRule]>([
    ["operator for another type", rule("summary", "gt", [3])],
    ["missing operand", rule("customfield_10016", "between", [1])],
    ["bad date", rule("created", "on", ["yesterday"])],
    ["bad unit", rule("created", "in_last", [3, "fortnights"])],
    ["all_of on a single-valued field", rule("status", "all_of", ["Done"])],
  ])("an unusable rule (%s) is ignored with a warning", (_name, r) => {
    const result = run({ filtering_rules: [r] });
    expect(keys(result)).toEqual(ALL);
    expect(result.warnings).toHaveLength(1);
  });
});

describe("bitset", () => {
  it("matches a boolean array for any predicate", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), fc.array(fc.boolean(), { maxLength: 200 }), (a, b) => {
        const n = Math.min(a.length, b.length);
        const x = BitSet.fromPredicate(n, (i) => a[i]!);
        const y = BitSet.fromPredicate(n, (i) => b[i]!);
        const expectAnd = [...Array(n).keys()].filter((i) => a[i] && b[i]);
        const expectOr = [...Array(n).keys()].filter((i) => a[i] || b[i]);
        expect(Array.from(x.and(y).toIndices())).toEqual(expectAnd);
        expect(Array.from(x.or(y).toIndices())).toEqual(expectOr);
        expect(new BitSet(n, true).count()).toBe(n);
      }),
    );
  });
});

describe("coverage", () => {
  it("every registered operator has cases above", () => expect(filterFns.names().filter((n) => !covered.has(n))).toEqual([]));
});
