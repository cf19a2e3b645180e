/**
 * Runs the client's report engine on issues a test fetched from jirasim's REST API and prints the
 * whole result as one JSON document: columns, every group (depth-first, in display order) with
 * its label path, typed key path, issue count and aggregate cells, the grand total, and the issue
 * keys in display order. Called through `support.engine.run_engine`.
 * Usage (from client/): node --import tsx ../tests/support/report_engine.ts INPUT.json
 * where INPUT is {definition, fields, pages, timeZone, now?}.
 */

import { readFileSync } from "node:fs";
import { createReportEngine, flattenReport, getIssueKey, type AggregateCell, type GroupNode, type ReportDefinition } from "../../client/src/engine";

interface Input {
  definition: ReportDefinition;
  fields: never[];
  pages: never[][];
  timeZone: string;
  /** ISO instant for relative dates and NOW(); the wall clock when absent. */
  now?: string;
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

console.log(
  JSON.stringify({
    columns: result.columns.map((c) => ({ field: c.field, label: c.label, aggregation: c.aggregation })),
    groups,
    total: describe(result.root, [], []),
    matched: result.matchedIssueCount,
    issueKeys,
  }),
);
