import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { aggregationFns, type MergeableAggregationFn } from "../../src/engine/aggregation/aggregationFns";
import { getIssueKey, type GroupNode, type ReportResult } from "../../src/engine/index";
import type { JiraIssue } from "../../src/engine/jira";
import type { AggregationName, Column, GroupRule } from "../../src/engine/model";
import { issuesArbitrary } from "./arbitraries";
import { findGroup, run } from "./helpers";

const total = (field: string, aggregation: AggregationName, format?: Column["format"]) => {
  const result = run({ columns: [{ field, aggregation, ...(format ? { format } : {}) }] });
  return result.grandTotal[0]!;
};

const AGGREGATION_CASES: [string, AggregationName, unknown, string][] = [
  ["customfield_10016", "count", 12, "12"],
  ["issuekey", "count", 14, "14"],
  ["assignee", "count", 12, "12"],
  ["labels", "count", 12, "12"],
  ["status", "count_distinct", 5, "5"],
  ["assignee", "count_distinct", 5, "5"],
  ["labels", "count_distinct", 10, "10"],
  ["customfield_10016", "count_distinct", 8, "8"],
  ["summary", "count_distinct", 13, "13"],
  ["customfield_10080", "count_distinct", 2, "2"],
  ["customfield_10016", "sum", 45.5, "45.5"],
  ["timespent", "sum", 164_700, "45.8h"],
  ["customfield_10016", "average", 45.5 / 12, "3.79"],
  ["customfield_10016", "min", 0, "0"],
  ["customfield_10016", "max", 13, "13"],
  ["timespent", "min", 0, "0.0h"],
  ["timespent", "max", 86_400, "24.0h"],
  ["customfield_10016", "median", 2.75, "2.75"],
  ["timespent", "median", 7200, "2.0h"],
  ["customfield_10016", "p50", 2.5, "2.5"],
  ["customfield_10016", "p85", 8, "8"],
  ["customfield_10016", "p95", 13, "13"],
  ["timespent", "p50", 7200, "2.0h"],
  ["timespent", "p85", 28_800, "8.0h"],
  ["timespent", "p95", 86_400, "24.0h"],
  ["created", "earliest", Date.parse("2023-12-31T23:59:59.999Z"), "Jan 1, 2024, 12:59 AM"],
  ["created", "latest", Date.parse("2024-12-31T23:30:00Z"), "Jan 1, 2025, 12:30 AM"],
  ["duedate", "earliest", Date.UTC(2024, 0, 19), "Jan 19, 2024"],
  ["duedate", "latest", Date.UTC(2025, 0, 1), "Jan 1, 2025"],
  ["created", "min", Date.parse("2023-12-31T23:59:59.999Z"), "Jan 1, 2024, 12:59 AM"],
];

describe("aggregations over the fixtures (grand total)", () => {
  it("every registered aggregation has cases", () => {
    expect(aggregationFns.names().filter((n) => !AGGREGATION_CASES.some(([, a]) => a === n))).toEqual([]);
  });

  it.each(AGGREGATION_CASES)("%s %s = %j (%s)", (field, aggregation, value, display) => {
    const cell = total(field, aggregation);
    expect(cell.value).toBe(value);
    expect(cell.display).toBe(display);
  });

  it("sums use the column format; counts never do", () => {
    expect(total("timespent", "sum", { type: "duration", duration_style: "jira" }).display).toBe("1w 5h 45m");
    expect(total("customfield_10016", "sum", { type: "number", decimals: 1 }).display).toBe("45.5");
    expect(total("customfield_10016", "count", { type: "percent" }).display).toBe("12");
  });

  it("an aggregation that does not fit the type is dropped with a warning", () => {
    const result = run({ columns: [{ field: "summary", aggregation: "sum" }] });
    expect(result.grandTotal[0]).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(["aggregation"]);
  });

  it("empty groups aggregate to empty, count to 0", () => {
    const result = run({
      columns: [
        { field: "customfield_10016", aggregation: "sum" },
        { field: "summary", aggregation: "count" },
      ],
      filtering_rules: [{ field: "status", operator: "any_of", operands: ["nope"] }],
    });
    expect(result.grandTotal[0]!.value).toBeNull();
    expect(result.grandTotal[1]!.value).toBe(0);
  });
});

describe("exact rollups at every level", () => {
  const columns: Column[] = [
    { field: "customfield_10016", aggregation: "sum" },
    { field: "customfield_10016", aggregation: "average" },
    { field: "customfield_10016", aggregation: "median" },
  ];

  it("a parent above a multi-valued level counts each issue once", () => {
    const result = run({ columns, grouping_rules: [{ field: "status" }, { field: "labels" }] });
    const done = findGroup(result.root, "Done");
    expect(done.issueCount).toBe(4);
    expect(done.aggregates[0]!.value).toBe(23);
    const childSum = done.children!.reduce((s, c) => s + (c.aggregates[0]!.value as number), 0);
    expect(childSum).toBeGreaterThan(23);
    expect(result.root.aggregates[0]!.value).toBe(45.5);
  });

  it("averages and medians at a parent come from its issues, not its children", () => {
    const result = run({ columns, grouping_rules: [{ field: "assignee" }] });
    expect(result.root.aggregates[1]!.value).toBeCloseTo(45.5 / 12, 12);
    expect(result.root.aggregates[2]!.value).toBe(2.75);
    const bob = findGroup(result.root, "bob brown");
    expect(bob.aggregates[2]!.value).toBe(5);
  });
});

describe("mergeable state", () => {
  const mergeable = aggregationFns.entries().filter((fn): fn is MergeableAggregationFn<unknown> => fn.mergeable);

  it("registers count, sum, average, min, max, earliest and latest as mergeable", () => {
    expect(mergeable.map((fn) => fn.name)).toEqual(["count", "sum", "average", "min", "max", "earliest", "latest"]);
  });

  it.each(mergeable.map((fn) => [fn.name, fn] as const))("%s: merging chunk states equals folding everything (property)", (_name, fn) => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(NaN), fc.integer({ min: -1000, max: 1000 })), { maxLength: 50 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (values, cuts) => {
          const all = values.reduce((s, v) => fn.add(s, v), fn.init());
          const bounds = [0, ...cuts.map((c) => c % (values.length + 1)).sort((a, b) => a - b), values.length];
          let merged = fn.init();
          for (let i = 0; i + 1 < bounds.length; i++)
            merged = fn.merge(
              merged,
              values.slice(bounds[i], bounds[i + 1]).reduce((s, v) => fn.add(s, v), fn.init()),
            );
          expect(fn.value(merged)).toEqual(fn.value(all));
          if (fn.addRows) {
            const rows = Int32Array.from(values.keys());
            expect(fn.value(fn.addRows(fn.init(), Float64Array.from(values), rows, 0, rows.length))).toEqual(fn.value(all));
          }
        },
      ),
    );
  });
});

/** Reference aggregates over a node's distinct issues, straight from the Jira JSON. */
function reference(issues: readonly JiraIssue[], result: ReportResult, node: GroupNode) {
  const byKey = new Map(issues.map((i) => [i.key, i.fields!]));
  const keysInNode = new Set(Array.from(result.rows.subarray(node.rowStart, node.rowEnd), (r) => getIssueKey(result, r)!));
  const points = [...keysInNode].map((k) => byKey.get(k)!.customfield_10016).filter((v): v is number => typeof v === "number");
  const spent = [...keysInNode].map((k) => byKey.get(k)!.timespent).filter((v): v is number => typeof v === "number");
  const created = [...keysInNode].map((k) => Date.parse((byKey.get(k)!.created as string).replace("+0000", "Z")));
  const sorted = [...points].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return {
    issues: keysInNode.size,
    count: points.length,
    sum: points.length ? points.reduce((a, b) => a + b, 0) : null,
    average: points.length ? points.reduce((a, b) => a + b, 0) / points.length : null,
    min: points.length ? Math.min(...points) : null,
    max: points.length ? Math.max(...points) : null,
    median: sorted.length === 0 ? null : sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2,
    spentSum: spent.length ? spent.reduce((a, b) => a + b, 0) : null,
    earliest: created.length ? Math.min(...created) : null,
  };
}

const COLUMNS: Column[] = [
  { field: "customfield_10016", aggregation: "count" },
  { field: "customfield_10016", aggregation: "sum" },
  { field: "customfield_10016", aggregation: "average" },
  { field: "customfield_10016", aggregation: "min" },
  { field: "customfield_10016", aggregation: "max" },
  { field: "customfield_10016", aggregation: "median" },
  { field: "timespent", aggregation: "sum" },
  { field: "created", aggregation: "earliest" },
];

function checkEveryNode(
  issues: readonly JiraIssue[],
  grouping_rules: GroupRule[],
  check: (node: GroupNode, expected: ReturnType<typeof reference>) => void,
) {
  const result = run({ columns: COLUMNS, grouping_rules }, { issues });
  const visit = (node: GroupNode) => {
    check(node, reference(issues, result, node));
    node.children?.forEach(visit);
  };
  visit(result.root);
}

const close = (actual: unknown, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual as number).toBeCloseTo(expected, 9);
};

describe("properties", () => {
  const singleValued = fc.subarray<GroupRule>(
    [
      { field: "status" },
      { field: "assignee" },
      { field: "created", bucket: { kind: "date", unit: "month" } },
      { field: "customfield_10016", bucket: { kind: "number", size: 4 } },
    ],
    { minLength: 1, maxLength: 3 },
  );
  const withMulti = fc
    .subarray<GroupRule>([{ field: "labels" }, { field: "status" }, { field: "assignee" }], { minLength: 1, maxLength: 3 })
    .chain((rules) => fc.shuffledSubarray(rules, { minLength: rules.length, maxLength: rules.length }));

  it("mergeable aggregates rolled up from children equal the aggregate over the leaves, at every depth", () => {
    fc.assert(
      fc.property(issuesArbitrary(), singleValued, (issues, rules) =>
        checkEveryNode(issues, rules, (node, expected) => {
          const values = node.aggregates.map((a) => a!.value);
          expect(values[0]).toBe(expected.count);
          close(values[1], expected.sum);
          close(values[2], expected.average);
          close(values[3], expected.min);
          close(values[4], expected.max);
          close(values[6], expected.spentSum);
          expect(values[7]).toBe(expected.earliest);
          expect(node.issueCount).toBe(expected.issues);
        }),
      ),
      { numRuns: 150 },
    );
  });

  it("median and average at a parent equal those over its distinct issues, also above multi-valued levels", () => {
    fc.assert(
      fc.property(issuesArbitrary(), withMulti, (issues, rules) =>
        checkEveryNode(issues, rules, (node, expected) => {
          close(node.aggregates[2]!.value, expected.average);
          close(node.aggregates[5]!.value, expected.median);
          close(node.aggregates[1]!.value, expected.sum);
          expect(node.aggregates[0]!.value).toBe(expected.count);
          expect(node.issueCount).toBe(expected.issues);
        }),
      ),
      { numRuns: 150 },
    );
  });
});
