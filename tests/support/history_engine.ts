/**
 * Runs the client's report engine on issues with changelogs a test fetched from jirasim, and
 * prints every history field of every issue as one JSON document: `{history, values}` where
 * `values[issueId]` lists the fields' values in the input's order (numbers: counts, durations in
 * seconds, datetimes in epoch ms; null when empty) and `history` is `ReportResult.history`.
 * Called through tests/engine/test_history_engine_vs_reference.py.
 * Usage (from client/): node --import tsx ../tests/support/history_engine.ts INPUT.json
 * where INPUT is {fields, statuses, issues, now, history?}.
 */

import { readFileSync } from "node:fs";
import { createReportEngine, getCellValue, getIssueId, type HistorySettings, type JiraIssue, type JiraStatus } from "../../client/src/engine";

interface Input {
  /** History field keys, one column each. */
  fields: string[];
  statuses: JiraStatus[];
  issues: JiraIssue[];
  /** ISO instant: the run's "now". */
  now: string;
  history?: HistorySettings | null;
}

const input = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Input;
const engine = createReportEngine({
  definition: { columns: input.fields.map((field) => ({ field })), history: input.history ?? null },
  fields: [],
  statuses: input.statuses,
  now: () => new Date(input.now),
  // The viewer's zone: history fields do not depend on it (working time has its own zone).
  timeZone: "Pacific/Auckland",
});
engine.addIssues(input.issues);
const result = engine.compute();

const values: Record<string, (number | null)[]> = {};
for (const row of result.rows) {
  values[getIssueId(result, row) ?? ""] = input.fields.map((_, column) => getCellValue(result, row, column) as number | null);
}
console.log(JSON.stringify({ history: result.history, warnings: result.warnings, values }));
