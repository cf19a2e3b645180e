import { describe, expect, it } from "vitest";
import {
  andJql,
  groupJql,
  groupPath,
  groupPredicate,
  jqlClauseName,
  quoteJql,
  splitOrderBy,
  type GroupLevel,
} from "../../src/engine/drilldown/index";
import type { GroupNode } from "../../src/engine/index";
import type { GroupRule } from "../../src/engine/model";
import { findGroup, run } from "./helpers";

describe("JQL text", () => {
  it.each([
    ["plain", "backend", '"backend"'],
    ["double quote", 'say "hi"', '"say \\"hi\\""'],
    ["backslash", "a\\b", '"a\\\\b"'],
    ["single quote", "it's", '"it\'s"'],
    ["newline and tab", "a\nb\tc", '"a\\nb\\tc"'],
    ["control character", "a\u0001b", '"a\\u0001b"'],
    ["reserved characters", "50% {x} #1", '"50% {x} #1"'],
  ])("quotes %s", (_name, value, quoted) => expect(quoteJql(value)).toBe(quoted));

  it.each([
    ["no order", "project = EX", "project = EX", ""],
    ["order by", "project = EX ORDER BY created DESC", "project = EX", "ORDER BY created DESC"],
    ["lower case", "project = EX order   by key", "project = EX", "order   by key"],
    ["after a parenthesis", "(a = 1)ORDER BY key", "(a = 1)", "ORDER BY key"],
    ["inside quotes", 'summary ~ "order by" ORDER BY key', 'summary ~ "order by"', "ORDER BY key"],
    ["escaped quote", 'summary ~ "a \\" order by" ', 'summary ~ "a \\" order by"', ""],
    ["only order", "ORDER BY rank", "", "ORDER BY rank"],
    ["field named like it", "orderly = 1", "orderly = 1", ""],
  ])("splits ORDER BY: %s", (_name, jql, where, orderBy) => expect(splitOrderBy(jql)).toEqual({ where, orderBy }));

  it.each([
    ["total keeps the base", "project = EX ORDER BY key", [], "project = EX ORDER BY key"],
    ["OR base is bracketed", "project = EX OR project = OPS", ["status = 3"], "(project = EX OR project = OPS) AND status = 3"],
    ["order stays last", "project = EX ORDER BY key", ["a = 1", "b = 2"], "(project = EX) AND a = 1 AND b = 2 ORDER BY key"],
    ["empty base", "", ["labels is EMPTY"], "labels is EMPTY"],
    ["order-only base", "ORDER BY key", ["a = 1"], "a = 1 ORDER BY key"],
  ])("ANDs clauses: %s", (_name, base, clauses, expected) => expect(andJql(base, clauses)).toBe(expected));

  it.each([
    ["status", "status"],
    ["fixVersions", "fixVersion"],
    ["versions", "affectedVersion"],
    ["components", "component"],
    ["timeoriginalestimate", "originalEstimate"],
    ["resolutiondate", "resolved"],
    ["customfield_10016", "cf[10016]"],
  ])("clause name of %s is %s", (field, clause) => expect(jqlClauseName(field)).toBe(clause));
});

const field = (type: string, entryKind = "label", source = "fields") => ({ type, entryKind, source }) as GroupLevel["spec"];
const level = (overrides: Partial<GroupLevel> & Pick<GroupLevel, "field" | "spec">): GroupLevel => ({
  bucket: null,
  key: null,
  isEmpty: false,
  ...overrides,
});

describe("group predicates per grouping kind", () => {
  it.each<[string, GroupLevel, string | null]>([
    ["status by id", level({ field: "status", spec: field("option", "status"), key: "10001" }), "status = 10001"],
    ["priority by id", level({ field: "priority", spec: field("option", "priority"), key: "2" }), "priority = 2"],
    ["project by id", level({ field: "project", spec: field("option", "option"), key: "10000" }), "project = 10000"],
    ["issue type by id", level({ field: "issuetype", spec: field("option", "option"), key: "10001" }), "issuetype = 10001"],
    ["non-numeric option id is quoted", level({ field: "resolution", spec: field("option"), key: "Won't" }), 'resolution = "Won\'t"'],
    [
      "custom select by option id",
      level({ field: "customfield_10030", spec: field("option", "option"), key: "10100" }),
      "cf[10030] = 10100",
    ],
    [
      "cascading select",
      level({ field: "customfield_10090", spec: field("option", "option"), key: "10300/10301" }),
      "cf[10090] in cascadeOption(10300, 10301)",
    ],
    ["user by account id", level({ field: "assignee", spec: field("user", "user"), key: "557058:abc-1" }), 'assignee = "557058:abc-1"'],
    ["unassigned", level({ field: "assignee", spec: field("user", "user"), isEmpty: true }), "assignee is EMPTY"],
    ["label text", level({ field: "labels", spec: field("multi", "label"), key: 'a"b' }), 'labels = "a\\"b"'],
    ["no labels", level({ field: "labels", spec: field("multi", "label"), isEmpty: true }), "labels is EMPTY"],
    ["component by id", level({ field: "components", spec: field("multi", "option"), key: "10400" }), "component = 10400"],
    ["fix version by id", level({ field: "fixVersions", spec: field("multi", "version"), key: "10500" }), "fixVersion = 10500"],
    ["sprint by id", level({ field: "customfield_10020", spec: field("multi", "sprint"), key: "2" }), "cf[10020] = 2"],
    ["multi-user", level({ field: "customfield_10050", spec: field("multi", "user"), key: "u-1" }), 'cf[10050] = "u-1"'],
    ["parent issue", level({ field: "parent", spec: field("issuelink", "issue"), key: "EX-1" }), 'parent = "EX-1"'],
    ["issue key", level({ field: "issuekey", spec: field("issuelink", "issue", "issue_key"), key: "EX-1" }), 'key = "EX-1"'],
    ["number value", level({ field: "customfield_10016", spec: field("number"), key: 0.5 }), "cf[10016] = 0.5"],
    ["negative number", level({ field: "customfield_10016", spec: field("number"), key: -2 }), 'cf[10016] = "-2"'],
    [
      "number bin",
      level({ field: "customfield_10016", spec: field("number"), bucket: { kind: "number", size: 5 }, key: 5 }),
      "cf[10016] >= 5 AND cf[10016] < 10",
    ],
    [
      "fractional bin keeps the engine's rounding",
      level({ field: "customfield_10016", spec: field("number"), bucket: { kind: "number", size: 0.1 }, key: 0.3 }),
      "cf[10016] >= 0.3 AND cf[10016] < 0.4",
    ],
    [
      "empty number bin",
      level({ field: "customfield_10016", spec: field("number"), bucket: { kind: "number", size: 5 }, isEmpty: true }),
      "cf[10016] is EMPTY",
    ],
    ["duration in minutes", level({ field: "timespent", spec: field("duration"), key: 5400 }), 'timespent = "90m"'],
    [
      "duration bin",
      level({ field: "timeoriginalestimate", spec: field("duration"), bucket: { kind: "number", size: 3600 }, key: 7200 }),
      'originalEstimate >= "120m" AND originalEstimate < "180m"',
    ],
    [
      "datetime day (default)",
      level({ field: "created", spec: field("datetime"), key: "2026-03-29" }),
      'created >= "2026-03-29 00:00" AND created < "2026-03-30 00:00"',
    ],
    [
      "datetime ISO week",
      level({ field: "created", spec: field("datetime"), bucket: { kind: "date", unit: "week" }, key: "2026-12-28" }),
      'created >= "2026-12-28 00:00" AND created < "2027-01-04 00:00"',
    ],
    [
      "datetime month",
      level({ field: "created", spec: field("datetime"), bucket: { kind: "date", unit: "month" }, key: "2026-12-01" }),
      'created >= "2026-12-01 00:00" AND created < "2027-01-01 00:00"',
    ],
    [
      "datetime quarter",
      level({ field: "updated", spec: field("datetime"), bucket: { kind: "date", unit: "quarter" }, key: "2026-10-01" }),
      'updated >= "2026-10-01 00:00" AND updated < "2027-01-01 00:00"',
    ],
    [
      "datetime year",
      level({ field: "resolutiondate", spec: field("datetime"), bucket: { kind: "date", unit: "year" }, key: "2024-01-01" }),
      'resolved >= "2024-01-01 00:00" AND resolved < "2025-01-01 00:00"',
    ],
    [
      "date field month (no time)",
      level({ field: "duedate", spec: field("date"), bucket: { kind: "date", unit: "month" }, key: "2024-02-01" }),
      'duedate >= "2024-02-01" AND duedate < "2024-03-01"',
    ],
    [
      "no due date",
      level({ field: "duedate", spec: field("date"), bucket: { kind: "date", unit: "month" }, isEmpty: true }),
      "duedate is EMPTY",
    ],
    ["text has no exact JQL", level({ field: "summary", spec: field("text"), key: "Login" }), null],
    ["empty text", level({ field: "summary", spec: field("text"), isEmpty: true }), "summary is EMPTY"],
    ["boolean has no JQL", level({ field: "customfield_10080", spec: field("boolean"), key: true }), null],
    ["formula has no JQL", level({ field: "f_ratio", spec: field("number", "label", "formula"), key: 1 }), null],
    ["unknown field", level({ field: "nope", spec: undefined, key: "x" }), null],
  ])("%s", (_name, input, expected) => expect(groupPredicate(input)).toBe(expected));

  it("a path with one level JQL cannot say has no JQL", () => {
    const status = level({ field: "status", spec: field("option", "status"), key: "3" });
    const summary = level({ field: "summary", spec: field("text"), key: "x" });
    expect(groupJql("project = EX", [status])).toBe("(project = EX) AND status = 3");
    expect(groupJql("project = EX", [status, summary])).toBeNull();
  });
});

describe("group paths", () => {
  const rules: GroupRule[] = [{ field: "status" }, { field: "labels" }];
  const result = run({ grouping_rules: rules, columns: [{ field: "summary" }] });

  const everyGroup = (node: GroupNode): GroupNode[] => (node.children ?? []).flatMap((child) => [child, ...everyGroup(child)]);

  it("leads from the top level down to every group, multi-valued levels included", () => {
    const groups = everyGroup(result.root);
    expect(groups.length).toBeGreaterThan(4);
    for (const group of groups) {
      const path = groupPath(result.root, group)!;
      expect(path.map((g) => g.depth)).toEqual(Array.from({ length: group.depth }, (_, i) => i + 1));
      expect(path.at(-1)).toBe(group);
      // Each step is a child of the one before.
      for (const [i, step] of path.entries()) expect((i === 0 ? result.root : path[i - 1]!).children).toContain(step);
    }
  });

  it("is empty for the total", () => expect(groupPath(result.root, result.root)).toEqual([]));

  it("builds JQL from the path's keys", () => {
    const group = findGroup(result.root, "Done", "frontend");
    const levels = groupPath(result.root, group)!.map((g, i) => ({
      field: g.field!,
      spec: result.data.table.spec(g.field!),
      bucket: rules[i]!.bucket,
      key: g.key,
      isEmpty: g.isEmptyGroup,
    }));
    expect(groupJql("project = EX ORDER BY key", levels)).toBe(
      `(project = EX) AND status = ${String(levels[0]!.key)} AND labels = "frontend" ORDER BY key`,
    );
  });
});
