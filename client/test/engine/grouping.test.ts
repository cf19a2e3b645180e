import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bucketFns } from "../../src/engine/grouping/bucketFns";
import { getIssueKey, type GroupNode, type ReportResult } from "../../src/engine/index";
import type { FilterRule, GroupRule } from "../../src/engine/model";
import { parseIsoDay } from "../../src/engine/time/parse";
import { issuesArbitrary } from "./arbitraries";
import { findGroup, labels, run, shape } from "./helpers";

const grouped = (rules: GroupRule[], timeZone?: string) =>
  run(
    { grouping_rules: rules, columns: [{ field: "summary" }, { field: "customfield_10016", aggregation: "sum" }] },
    timeZone ? { timeZone } : {},
  );
const counts = (group: GroupNode) => (group.children ?? []).map((g) => [g.label, g.issueCount]);

describe("bucket functions", () => {
  it("every registered bucket has cases below", () =>
    expect(bucketFns.names()).toEqual(["day", "week", "month", "quarter", "year", "number"]));

  it.each([
    ["day", "2024-03-31", "2024-03-31", "2024-03-31"],
    ["week", "2024-12-30", "2025-W01", "2024-12-30"],
    ["week", "2027-01-03", "2026-W53", "2026-12-28"],
    ["week", "2024-06-27", "2024-W26", "2024-06-24"],
    ["month", "2024-02-29", "2024-02", "2024-02-01"],
    ["quarter", "2024-06-30", "2024-Q2", "2024-04-01"],
    ["quarter", "2024-10-01", "2024-Q4", "2024-10-01"],
    ["year", "2024-12-31", "2024", "2024-01-01"],
  ])("%s bucket of %s is %s starting %s", (unit, day, label, start) => {
    const fn = bucketFns.get(unit)!;
    const key = fn.key(parseIsoDay(day), 0);
    expect(fn.label(key, 0)).toBe(label);
    expect(fn.start(key, 0)).toBe(parseIsoDay(start));
  });

  it.each([
    [7, 5, "5 – 10", 5],
    [5, 5, "5 – 10", 5],
    [-0.5, 5, "-5 – 0", -5],
    [0.35, 0.1, "0.3 – 0.4", 0.3],
  ])("number bin of %d (size %d) is %s", (value, size, label, start) => {
    const fn = bucketFns.get("number")!;
    const key = fn.key(value, size);
    expect(fn.label(key, size)).toBe(label);
    expect(fn.start(key, size)).toBe(start);
  });
});

describe("date buckets in the viewer's time zone", () => {
  it.each<[GroupRule["bucket"], string | undefined, [string, number][]]>([
    [
      { kind: "date", unit: "year" },
      undefined,
      [
        ["2024", 13],
        ["2025", 1],
      ],
    ],
    [
      { kind: "date", unit: "year" },
      "UTC",
      [
        ["2023", 1],
        ["2024", 13],
      ],
    ],
    [
      { kind: "date", unit: "quarter" },
      undefined,
      [
        ["2024-Q1", 6],
        ["2024-Q2", 5],
        ["2024-Q4", 2],
        ["2025-Q1", 1],
      ],
    ],
    [
      { kind: "date", unit: "month" },
      undefined,
      [
        ["2024-01", 2],
        ["2024-02", 1],
        ["2024-03", 3],
        ["2024-04", 1],
        ["2024-05", 1],
        ["2024-06", 3],
        ["2024-10", 1],
        ["2024-12", 1],
        ["2025-01", 1],
      ],
    ],
  ])("created by %j (zone %s)", (bucket, timeZone, expected) => {
    expect(counts(grouped([{ field: "created", bucket }], timeZone).root)).toEqual(expected);
  });

  it("ISO weeks: the last days of 2024 belong to 2025-W01", () => {
    const result = grouped([{ field: "created", bucket: { kind: "date", unit: "week" } }]);
    expect(findGroup(result.root, "2025-W01").issueCount).toBe(2);
    expect(findGroup(result.root, "2025-W01").key).toBe("2024-12-30");
  });

  it("days around DST changes use local days", () => {
    const result = grouped([{ field: "created", bucket: { kind: "date", unit: "day" } }]);
    expect(labels(result.root)).toContain("2024-03-31");
    expect(labels(result.root)).toContain("2024-10-27");
    expect(labels(result.root)).toContain("2024-06-26");
    expect(labels(result.root)).not.toContain("2024-06-25");
  });

  it("dates without a bucket group by day; date-only fields ignore the zone", () => {
    const berlin = grouped([{ field: "duedate" }]);
    const kiritimati = grouped([{ field: "duedate" }], "Pacific/Kiritimati");
    expect(counts(berlin.root)).toEqual(counts(kiritimati.root));
    expect(findGroup(berlin.root, "2024-03-31").issueCount).toBe(2);
  });
});

describe("grouping", () => {
  it("number bins with (none) last", () => {
    const result = grouped([{ field: "customfield_10016", bucket: { kind: "number", size: 5 } }]);
    expect(counts(result.root)).toEqual([
      ["0 – 5", 8],
      ["5 – 10", 3],
      ["10 – 15", 1],
      ["(none)", 2],
    ]);
    expect(result.root.children!.map((g) => g.key)).toEqual([0, 5, 10, null]);
  });

  it("multi-valued fields put an issue under each value", () => {
    const result = grouped([{ field: "labels" }]);
    expect(counts(result.root)).toEqual([
      ["__proto__", 1],
      ["api", 2],
      ["backend", 3],
      ["constructor", 1],
      ["frontend", 4],
      ["null", 1],
      ["ops", 3],
      ["security", 1],
      ["undefined", 1],
      ["ux", 3],
      ["(none)", 2],
    ]);
    expect(result.root.issueCount).toBe(14);
    expect(result.rows.length).toBe(22);
  });

  it('a label "null" and the (none) group are different groups', () => {
    const result = grouped([{ field: "labels" }]);
    const none = findGroup(result.root, "(none)");
    const nullLabel = findGroup(result.root, "null");
    expect(none.key).toBeNull();
    expect(none.isEmptyGroup).toBe(true);
    expect(nullLabel.key).toBe("null");
    expect(nullLabel.isEmptyGroup).toBe(false);
    expect(none.id).not.toBe(nullLabel.id);
  });

  it("show_empty: false drops issues without a value from every level and the total", () => {
    const result = grouped([{ field: "assignee", show_empty: false }]);
    expect(labels(result.root)).not.toContain("(none)");
    expect(result.root.issueCount).toBe(12);
    expect(result.matchedIssueCount).toBe(12);
  });

  it("order by key descending keeps (none) last", () => {
    const result = grouped([{ field: "priority", order: { by: "key", direction: "desc" } }]);
    expect(labels(result.root)).toEqual(["Highest", "High", "Medium", "Low", "Lowest", "(none)"]);
  });

  it("status groups follow the category order", () => {
    expect(labels(grouped([{ field: "status" }]).root)).toEqual(["Backlog", "To Do", "Code Review", "In Progress", "Done"]);
  });

  it("order by an aggregate, groups with an empty aggregate after the rest", () => {
    const result = grouped([
      { field: "assignee", order: { by: "aggregate", direction: "desc", field: "customfield_10016", aggregation: "sum" } },
    ]);
    expect(labels(result.root)).toEqual(["bob brown", "Alice Adams", "Carol Chen", "<img src=x onerror=alert(1)>", "null", "(none)"]);
  });

  it("order by count ascending, ties by key", () => {
    const result = grouped([{ field: "status", order: { by: "aggregate", direction: "asc", field: "issuekey", aggregation: "count" } }]);
    expect(counts(result.root)).toEqual([
      ["Backlog", 1],
      ["Code Review", 2],
      ["In Progress", 3],
      ["To Do", 4],
      ["Done", 4],
    ]);
  });

  it("nested levels: rows are sorted within groups and ranges nest", () => {
    const result = run({
      grouping_rules: [{ field: "status" }, { field: "assignee" }],
      sorting_rules: [{ field: "customfield_10016", direction: "desc" }],
    });
    const done = findGroup(result.root, "Done");
    expect(shape(result, done)).toEqual([
      { label: "Alice Adams", count: 3, keys: ["EX-10", "EX-1", "OPS-10"] },
      { label: "bob brown", count: 1, keys: ["EX-6"] },
    ]);
    for (const child of done.children!) {
      expect(child.rowStart).toBeGreaterThanOrEqual(done.rowStart);
      expect(child.rowEnd).toBeLessThanOrEqual(done.rowEnd);
    }
    expect(result.root.rowEnd - result.root.rowStart).toBe(14);
  });

  it("group keys are typed", () => {
    const byStatus = grouped([{ field: "status" }]);
    expect(findGroup(byStatus.root, "Done").key).toBe("10002");
    const byMonth = grouped([{ field: "created", bucket: { kind: "date", unit: "month" } }]);
    expect(findGroup(byMonth.root, "2025-01").key).toBe("2025-01-01");
    const byFlag = grouped([{ field: "customfield_10080" }]);
    expect(byFlag.root.children!.map((g) => g.key)).toEqual([false, true, null]);
  });

  it("a bucket that does not fit the field is ignored with a warning", () => {
    const result = grouped([{ field: "status", bucket: { kind: "date", unit: "month" } }]);
    expect(result.warnings.map((w) => w.code)).toEqual(["bucket"]);
    expect(labels(result.root)).toHaveLength(5);
  });
});

/** Leaves as `path → issue keys`, for comparing two results. */
function leaves(result: ReportResult, keep?: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (g: GroupNode) => {
    if (g.children) return g.children.forEach(visit);
    const keysInGroup = Array.from(result.rows.subarray(g.rowStart, g.rowEnd), (r) => getIssueKey(result, r)!).filter(
      (k) => !keep || keep.has(k),
    );
    if (keysInGroup.length > 0) out.set(g.id, keysInGroup);
  };
  visit(result.root);
  return out;
}

describe("properties", () => {
  const groupRules = fc.subarray<GroupRule>(
    [
      { field: "status" },
      { field: "labels" },
      { field: "assignee" },
      { field: "created", bucket: { kind: "date", unit: "month" } },
      { field: "customfield_10016", bucket: { kind: "number", size: 3 } },
    ],
    { minLength: 1, maxLength: 3 },
  );
  const filterRule = fc.constantFrom<FilterRule>(
    { field: "customfield_10016", operator: "gte", operands: [2] },
    { field: "labels", operator: "any_of", operands: ["a", "null"] },
    { field: "assignee", operator: "is_empty", operands: [] },
    { field: "created", operator: "before", operands: ["2024-06-01"] },
    { field: "status", operator: "none_of", operands: ["Done"] },
  );

  it("filtering then grouping equals grouping then filtering the leaves", () => {
    fc.assert(
      fc.property(issuesArbitrary(), groupRules, filterRule, (issues, grouping_rules, rule) => {
        const filteredThenGrouped = run({ grouping_rules, filtering_rules: [rule] }, { issues });
        const filteredOnly = run({ filtering_rules: [rule] }, { issues });
        const keep = new Set(Array.from(filteredOnly.rows, (r) => getIssueKey(filteredOnly, r)!));
        const groupedOnly = run({ grouping_rules }, { issues });
        expect(leaves(groupedOnly, keep)).toEqual(leaves(filteredThenGrouped));
      }),
      { numRuns: 150 },
    );
  });
});
