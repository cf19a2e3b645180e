import { describe, expect, it } from "vitest";
import type { JiraIssue } from "../../src/engine/jira";
import type { GroupNode, ReportResult } from "../../src/engine/result";
import { run } from "./helpers";
import { getIssueKey } from "../../src/engine/index";

/** Issues with story points drawn from `points` (null = empty), labels from a few, in a fixed pattern. */
function issues(count: number, points: readonly (number | null)[]): JiraIssue[] {
  const labels = ["a", "b", "c"];
  return Array.from({ length: count }, (_, i) => ({
    id: String(1000 + i),
    key: `EX-${i + 1}`,
    fields: {
      customfield_10016: points[(i * 7) % points.length],
      labels: labels.filter((_, l) => (i >> l) % 2 === 1),
      status: { id: String(i % 3), name: ["To Do", "Doing", "Done"][i % 3] },
      created: "2024-01-01T00:00:00.000+0000",
    },
  }));
}

/** The median over a group's distinct issues, from the Jira JSON. */
function expectedMedian(source: readonly JiraIssue[], result: ReportResult, node: GroupNode): number | null {
  const byKey = new Map(source.map((i) => [i.key, i.fields!.customfield_10016]));
  const keys = new Set(Array.from(result.rows.subarray(node.rowStart, node.rowEnd), (r) => getIssueKey(result, r)!));
  const values = [...keys].map((k) => byKey.get(k)).filter((v): v is number => typeof v === "number");
  values.sort((a, b) => a - b);
  if (values.length === 0) return null;
  const m = values.length >> 1;
  return values.length % 2 ? values[m]! : (values[m - 1]! + values[m]!) / 2;
}

describe("medians of every group", () => {
  // Few distinct values are counted per group; more than 32 take the per-group selection.
  const few = [1, 2, 3, 5, 8, 13, null, 0, -0, 2.5];
  const many = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? null : i * 1.5 - 7));

  it.each([
    ["few values, single-valued levels", few, [{ field: "status" }]],
    ["few values, multi-valued level above", few, [{ field: "labels" }, { field: "status" }]],
    ["few values, multi-valued level below", few, [{ field: "status" }, { field: "labels" }]],
    ["many values, multi-valued level above", many, [{ field: "labels" }, { field: "status" }]],
    ["only empty values", [null], [{ field: "labels" }]],
  ])("%s", (_, points, grouping_rules) => {
    const source = issues(300, points);
    const result = run(
      { columns: [{ field: "issuekey" }, { field: "customfield_10016", aggregation: "median" }], grouping_rules },
      { issues: source },
    );
    let groups = 0;
    const visit = (node: GroupNode): void => {
      groups++;
      const expected = expectedMedian(source, result, node);
      const actual = node.aggregateValue(1);
      if (expected === null) expect(actual).toBeNull();
      else expect(actual).toBeCloseTo(expected, 12);
      node.children?.forEach(visit);
    };
    visit(result.root);
    expect(groups).toBeGreaterThan(3);
  });
});
