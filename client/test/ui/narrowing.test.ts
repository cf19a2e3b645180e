import { describe, expect, it } from "vitest";
import {
  flattenReport,
  getIssueKey,
  type DisplayRow,
  type GroupNode,
  type ReportDefinition,
  type ReportResult,
} from "../../src/engine/index";
import { findGroupPath, narrowedExportName, narrowTo } from "../../src/ui/viewer/narrowing";
import { rowKey } from "../../src/ui/viewer/tableSearch";
import { buildResult, makeIssues } from "./fixtures";

const statusThenLabels: ReportDefinition = {
  columns: [{ field: "summary" }, { field: "customfield_10016", aggregation: "sum" }],
  grouping_rules: [{ field: "status" }, { field: "labels" }],
};
const result = buildResult(statusThenLabels, makeIssues(12));
const topLevel = result.root.children!;
const done = topLevel.find((g) => g.label === "Done")!;
const doneBeta = done.children!.find((g) => g.label === "beta")!;

/** The rows under `group` in the whole report's display rows: everything after its row up to its next sibling. */
function subtreeInFullReport(group: GroupNode): readonly DisplayRow[] {
  const all = flattenReport(result);
  const at = all.findIndex((row) => row.kind === "group" && row.group === group);
  const after = all.slice(at + 1);
  const end = after.findIndex((row) => row.kind === "total" || (row.kind === "group" && row.group.depth <= group.depth));
  return after.slice(0, end);
}

const keysOf = (r: ReportResult, rows: readonly DisplayRow[]) =>
  rows.map((row) => (row.kind === "issue" ? getIssueKey(r, row.row) : row.kind === "group" ? row.group.id : "total"));

describe("narrowing the table to one group", () => {
  it.each<[string, GroupNode, readonly GroupNode[]]>([
    ["a top-level group", done, [done]],
    ["a nested group", doneBeta, [done, doneBeta]],
  ])("finds the path of %s by its id", (_name, group, path) => {
    expect(findGroupPath(result.root, group.id)).toEqual(path);
  });

  it("finds no path for an id the result does not have", () => {
    expect(findGroupPath(result.root, "no such group")).toBeNull();
  });

  it.each<[string, GroupNode]>([
    ["a group with nested groups", done],
    ["a group of issues", doneBeta],
  ])("shows the subtree of %s and its total as the total", (_name, group) => {
    const narrowed = narrowTo(result, group.id);
    const rows = flattenReport(narrowed.result);
    const body = rows.slice(0, -1);
    const total = rows[rows.length - 1]!;

    expect(keysOf(narrowed.result, body)).toEqual(keysOf(result, subtreeInFullReport(group)));
    expect(total.kind).toBe("total");
    expect(total.group.issueCount).toBe(group.issueCount);
    expect(total.group.aggregateValue(1)).toBe(group.aggregateValue(1));
    expect(narrowed.result.grandTotal.map((cell) => cell?.display ?? null)).toEqual(group.aggregates.map((cell) => cell?.display ?? null));
    expect(narrowed.result.matchedIssueCount).toBe(group.issueCount);
  });

  it("keeps each row's identity, so search and focus find the same rows", () => {
    const narrowed = narrowTo(result, doneBeta.id);
    const inNarrowed = flattenReport(narrowed.result).slice(0, -1).map(rowKey);
    const inFull = subtreeInFullReport(doneBeta).map(rowKey);
    expect(inNarrowed).toEqual(inFull);
  });

  it.each<[string, string | null]>([
    ["nothing narrowed", null],
    ["a group that no longer exists", "gone"],
  ])("shows the whole report for %s", (_name, id) => {
    const narrowed = narrowTo(result, id);
    expect(narrowed.result).toBe(result);
    expect(narrowed.path).toEqual([]);
  });

  it("finds the group again when the report re-computes with more issues", () => {
    const more = buildResult(statusThenLabels, makeIssues(30));
    const narrowed = narrowTo(more, doneBeta.id);
    expect(narrowed.path.map((g) => g.label)).toEqual(["Done", "beta"]);
    expect(narrowed.result.root.issueCount).toBeGreaterThan(doneBeta.issueCount);
  });

  it.each<[string, readonly string[], string]>([
    ["the whole report", [], "Sprint report"],
    ["a nested group", ["Data Platform", "In Progress"], "Sprint report - Data Platform - In Progress"],
  ])("names the export of %s after the path", (_name, labels, expected) => {
    expect(narrowedExportName("Sprint report", labels)).toBe(expected);
  });
});
