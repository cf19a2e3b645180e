/** Grouped and ungrouped reports over the shared fixtures, with hostile text and a negative number, for the export tests. */

import { createReportEngine, flattenReport, type DisplayRow, type JiraIssue, type ReportResult } from "../../src/engine/index";
import { FIELDS, makeIssues, reportDefinition } from "../jira/fixtures";

export const HOSTILE_SUMMARY = 'Ends </t></is></c><c r="Z9"><v>1</v></c> & "quotes" \'apos\' \u0001bell \uD800lone';
export const HOSTILE_SUMMARY_IN_XML = 'Ends </t></is></c><c r="Z9"><v>1</v></c> & "quotes" \'apos\' \uFFFDbell \uFFFDlone';

export function issues(): JiraIssue[] {
  const list = makeIssues(24);
  list[1]!.fields!.summary = HOSTILE_SUMMARY;
  list[2]!.fields!.summary = "-2 degrees, @channel";
  list[4]!.fields!.customfield_10016 = -3;
  return list;
}

export function groupedReport(): { result: ReportResult; rows: DisplayRow[] } {
  const engine = createReportEngine({
    definition: reportDefinition({
      grouping_rules: [{ field: "status" }, { field: "assignee" }],
      columns: [
        { field: "summary" },
        { field: "timespent", aggregation: "sum" },
        { field: "customfield_10016", aggregation: "sum" },
        { field: "created", aggregation: "earliest", format: { type: "datetime" } },
        { field: "duedate", aggregation: "latest" },
      ],
    }),
    fields: FIELDS,
    now: () => new Date("2025-01-15T12:00:00Z"),
    timeZone: "UTC",
  });
  engine.addIssues(issues());
  const result = engine.compute();
  return { result, rows: flattenReport(result) };
}

/** No grouping, the report's own key column, a duration in days and a percent. */
export function ungroupedReport(): { result: ReportResult; rows: DisplayRow[] } {
  const engine = createReportEngine({
    definition: reportDefinition({
      columns: [
        { field: "issuekey" },
        { field: "timespent", aggregation: "sum", format: { type: "duration", duration_style: "days", decimals: 2 } },
        { field: "customfield_10016", aggregation: "average" },
        { field: "duedate", format: { type: "date", date_style: "long" } },
      ],
    }),
    fields: FIELDS,
    now: () => new Date("2025-01-15T12:00:00Z"),
    timeZone: "UTC",
  });
  engine.addIssues(issues());
  const result = engine.compute();
  return { result, rows: flattenReport(result) };
}
