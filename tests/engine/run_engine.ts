/**
 * Runs the report engine over issues saved by `test_engine_on_jirasim.py` and prints every
 * group as JSON lines: {path: [labels...], count, sum} — the test compares them with its own
 * computation. Usage (from client/): node --import tsx ../tests/engine/run_engine.ts INPUT.json
 */

import { readFileSync } from "node:fs";
import { createReportEngine, type GroupNode, type ReportDefinition } from "../../client/src/engine";

interface Input {
  definition: ReportDefinition;
  fields: never[];
  pages: never[][];
  timeZone: string;
}

const input = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Input;
const engine = createReportEngine({
  definition: input.definition,
  fields: input.fields,
  now: () => new Date("2026-11-01T00:00:00Z"),
  timeZone: input.timeZone,
});
for (const page of input.pages) engine.addIssues(page);
const result = engine.compute();
const sumColumn = result.columns.findIndex((column) => column.aggregation === "sum");

const visit = (group: GroupNode, path: (string | number | boolean | null)[]): void => {
  const here = group.depth === 0 ? path : [...path, group.key];
  console.log(JSON.stringify({ path: here, count: group.issueCount, sum: group.aggregateValue(sumColumn) }));
  for (const child of group.children ?? []) visit(child, here);
};
visit(result.root, []);
