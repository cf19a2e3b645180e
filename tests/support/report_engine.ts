/**
 * Runs the client's report engine on issues a test fetched from jirasim's REST API and prints the
 * whole result as one JSON document: columns, every group (depth-first, in display order) with
 * its label path, typed key path, issue count and aggregate cells, the grand total, and the issue
 * keys in display order. Called through `support.engine.run_engine`.
 * With `pivots` in the input it also prints each pivot view computed from that result (rows
 * depth-first with their key paths, leaf columns, every cell and total).
 * Usage (from client/): node --import tsx ../tests/support/report_engine.ts INPUT.json
 * where INPUT is {definition, fields, pages, timeZone, now?, pivots?}.
 */

import { readFileSync } from "node:fs";
import {
  computePivot,
  createReportEngine,
  flattenReport,
  getIssueKey,
  type AggregateCell,
  type GroupNode,
  type PivotCell,
  type PivotResult,
  type PivotRow,
  type PivotView,
  type ReportDefinition,
} from "../../client/src/engine";

interface Input {
  definition: ReportDefinition;
  fields: never[];
  pages: never[][];
  timeZone: string;
  /** ISO instant for relative dates and NOW(); the wall clock when absent. */
  now?: string;
  pivots?: PivotView[];
}

const input = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Input;
const engine = createReportEngine({
  definition: input.definition,
  fields: input.fields,
  now: () => (input.now ? new Date(input.now) : new Date()),
  timeZone: input.timeZone,
});
for (const page of input.pages) engine.addIssues(page);
const result = engine.compute();

const cell = (c: AggregateCell | null | undefined) => (c ? { value: c.value, display: c.display, raw: c.raw } : null);
type Key = GroupNode["key"];
const describe = (group: GroupNode, path: string[], keyPath: Key[]) => ({
  path,
  keyPath,
  id: group.id,
  label: group.isEmptyGroup ? "(none)" : group.label,
  depth: group.depth,
  count: group.issueCount,
  aggregates: result.columns.map((column) => cell(group.aggregates[column.index])),
});

const groups: ReturnType<typeof describe>[] = [];
const visit = (group: GroupNode, path: string[], keyPath: Key[]): void => {
  for (const child of group.children ?? []) {
    const here = [...path, child.isEmptyGroup ? "(none)" : child.label];
    const keys = [...keyPath, child.key];
    groups.push(describe(child, here, keys));
    visit(child, here, keys);
  }
};
visit(result.root, [], []);

const issueKeys: string[] = [];
for (const row of flattenReport(result)) {
  if (row.kind === "issue") issueKeys.push(getIssueKey(result, row.row) ?? "");
}

const pivotCell = (c: PivotCell) => ({ value: c.value, share: c.share, display: c.display });
const describePivot = (pivot: PivotResult) => {
  const rows: { keyPath: unknown[]; count: number; total: unknown[]; cells: unknown[][] }[] = [];
  const visitRow = (row: PivotRow, keyPath: unknown[]): void => {
    const keys = [...keyPath, row.key];
    rows.push({ keyPath: keys, count: row.issueCount, total: row.total.map(pivotCell), cells: row.cells.map((c) => c.map(pivotCell)) });
    for (const child of row.children ?? []) visitRow(child, keys);
  };
  for (const row of pivot.rows) visitRow(row, []);
  return {
    columns: pivot.columns.map((c) => ({ keyPath: c.path.map((g) => g.key), count: c.issueCount, total: c.total.map(pivotCell) })),
    rows,
    grandTotal: pivot.grandTotal.map(pivotCell),
    count: pivot.issueCount,
    warnings: pivot.warnings,
  };
};

console.log(
  JSON.stringify({
    pivots: (input.pivots ?? []).map((view) => describePivot(computePivot(result, view))),
    columns: result.columns.map((c) => ({ field: c.field, label: c.label, aggregation: c.aggregation })),
    groups,
    total: describe(result.root, [], []),
    matched: result.matchedIssueCount,
    issueKeys,
  }),
);
