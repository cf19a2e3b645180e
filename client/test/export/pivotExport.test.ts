/**
 * Pivot exports (export/pivot.ts): the grid a pivot view writes to CSV and XLSX — a label column
 * per row level (nested rows repeat their outer groups), both column levels and the value names
 * in header rows, row totals, the column totals row and the grand total; shares as shown
 * ("25.0%") or as fractions (raw); group names that look like formulas are neutralised.
 */

import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { computePivot, createReportEngine, type PivotView, type ReportResult } from "../../src/engine/index";
import type { JiraIssue } from "../../src/engine/jira";
import { pivotExportTable, toPivotCsv, toPivotXlsx } from "../../src/export/pivot";
import { definition, FIELDS, ISSUES, NOW, TIME_ZONE } from "../engine/fixtures";

const VIEW: PivotView = {
  kind: "pivot",
  id: "p",
  name: "Status by priority",
  rows: [{ field: "status" }, { field: "labels" }],
  columns: [{ field: "priority" }],
  values: [
    { field: "summary", aggregation: "count" },
    { field: "timespent", aggregation: "sum" },
  ],
  percent_of: "total",
};

function run(view: PivotView): ReportResult {
  // A label a spreadsheet would run as a formula.
  const issues: JiraIssue[] = ISSUES.map((issue, i) => (i === 0 ? { ...issue, fields: { ...issue.fields, labels: ["=cmd()"] } } : issue));
  const engine = createReportEngine({
    definition: definition({ columns: [{ field: "summary" }], views: [view] }),
    fields: FIELDS,
    now: () => NOW,
    timeZone: TIME_ZONE,
  });
  engine.addIssues(issues);
  return engine.compute();
}

/** RFC 4180 fields of each CSV line (enough for these files: quotes, commas, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("pivot export grid", () => {
  const result = run(VIEW);
  const pivot = computePivot(result, VIEW);
  const columns = pivot.columns.map((c) => c.path[0]!.label);

  it("heads the file with the column groups, then the row fields and value names", () => {
    const [first, second, ...rest] = parseCsv(toPivotCsv(result, VIEW, "shown"));
    expect(first!.slice(0, 2)).toEqual(["", ""]);
    // One column per leaf column × value, then the totals (one per value).
    expect(first!.slice(2)).toEqual([...columns.flatMap((label) => [label, label]), "Total", "Total"]);
    expect(second!.slice(0, 2)).toEqual(["Status", "Labels"]);
    expect(second![2]).toBe("Count of Summary (% of grand total)");
    expect(second![3]).toBe("Sum of Time Spent (% of grand total)");
    expect(rest.every((row) => row.length === first!.length)).toBe(true);
  });

  it("writes each row's labels per level, its cells and total, then the totals row", () => {
    const rows = parseCsv(toPivotCsv(result, VIEW, "shown")).slice(2);
    const done = pivot.rows.find((r) => r.label === "Done")!;
    const doneRow = rows.find((r) => r[0] === "Done" && r[1] === "")!;
    expect(doneRow.slice(2)).toEqual([
      ...done.cells.flatMap((values) => values.map((c) => c.display)),
      ...done.total.map((c) => c.display),
    ]);
    // A nested row repeats its outer group, so the file filters by either level.
    const nested = done.children!.find((child) => !child.label.startsWith("="))!;
    expect(rows.some((r) => r[0] === "Done" && r[1] === nested.label)).toBe(true);
    const total = rows[rows.length - 1]!;
    expect(total[0]).toBe("Total");
    expect(total.slice(-2)).toEqual(["100.0%", "100.0%"]);
    expect(total.slice(2, -2)).toEqual(pivot.columns.flatMap((c) => c.total.map((cell) => cell.display)));
  });

  it("writes shares as fractions in raw mode", () => {
    const table = pivotExportTable(result, VIEW, "raw");
    const total = table.rows[table.rows.length - 1]!;
    expect(total.cells.slice(-2)).toEqual([
      { kind: "number", value: 1, percent: true },
      { kind: "number", value: 1, percent: true },
    ]);
    const done = pivot.rows.find((r) => r.label === "Done")!;
    const doneRow = table.rows.find((r) => r.cells[0]?.kind === "text" && r.cells[0].text === "Done")!;
    expect(doneRow.cells[2]).toEqual(
      done.cells[0]![0]!.share === null ? null : { kind: "number", value: done.cells[0]![0]!.share, percent: true },
    );
    expect(table.rows[0]!.cells[2]).toEqual({ kind: "text", text: "Count of Summary (fraction of grand total)" });
  });

  it("writes plain values, durations in seconds, without shares", () => {
    const view: PivotView = { ...VIEW, percent_of: "none" };
    const table = pivotExportTable(result, view, "raw", computePivot(result, view));
    const total = table.rows[table.rows.length - 1]!;
    const grand = computePivot(result, view).grandTotal;
    expect(total.cells.slice(-2)).toEqual([
      { kind: "number", value: grand[0]!.value, percent: false },
      { kind: "number", value: grand[1]!.value, percent: false },
    ]);
    expect(table.rows[0]!.cells[3]).toEqual({ kind: "text", text: "Sum of Time Spent (seconds)" });
  });

  it("neutralises group names that a spreadsheet would run", () => {
    const csv = toPivotCsv(result, VIEW, "shown");
    expect(csv).toContain(",'=cmd(),");
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it("writes the same grid to XLSX, with both header rows", () => {
    const files = unzipSync(toPivotXlsx(result, VIEW, "raw"));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain("Count of Summary (fraction of grand total)");
    expect(sheet).toContain(">Total<");
    expect(sheet).toContain(">Status<");
    // The header rows and the row labels stay in view.
    expect(sheet).toContain('<pane xSplit="2" ySplit="2" topLeftCell="C3" activePane="bottomRight" state="frozen"/>');
  });
});
