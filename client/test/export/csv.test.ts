import { describe, expect, it } from "vitest";
import { formatCell, getCellValue, getIssueKey } from "../../src/engine/index";
import { neutraliseFormula, quoteCsvField, toCsv } from "../../src/export/csv";
import type { ExportMode } from "../../src/export/table";
import { groupedReport, HOSTILE_SUMMARY, ungroupedReport } from "./fixtures";

/** RFC 4180 reader for checking the output (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("neutraliseFormula", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+44 20 1234", "'+44 20 1234"],
    ["-2 degrees", "'-2 degrees"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["a=b", "a=b"],
    ["", ""],
    ["Plain text", "Plain text"],
  ])("%j → %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});

describe("quoteCsvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(quoteCsvField(input)).toBe(expected);
  });
});

describe("toCsv, raw values", () => {
  const { result, rows } = groupedReport();
  const csv = toCsv(result, rows, "raw");
  const table = parseCsv(csv.slice(1));

  it("starts with a UTF-8 BOM and uses CRLF rows", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, "");
    expect(/(^|[^\r])\n/.test(outsideQuotes)).toBe(false);
  });

  it("has one header row with the key column and units, then one row per display row, all the same width", () => {
    expect(table[0]).toEqual(["Group", "Issues", "Key", "Summary", "Time Spent (seconds)", "Story Points", "Created", "Due date"]);
    expect(table).toHaveLength(rows.length + 1);
    for (const row of table) expect(row).toHaveLength(8);
  });

  it("writes group rows with their label, issue count and aggregates, indented by level", () => {
    rows.forEach((row, i) => {
      const line = table[i + 1]!;
      if (row.kind === "group") {
        expect(line[0]).toBe("› ".repeat(row.group.depth - 1) + row.group.label);
        expect(line[1]).toBe(String(row.group.issueCount));
        expect(line[2]).toBe("");
        expect(line[4]).toBe(String(row.group.aggregates[1]?.value ?? ""));
      } else if (row.kind === "total") {
        expect(line.slice(0, 2)).toEqual(["Total", String(result.root.issueCount)]);
      } else {
        expect(line.slice(0, 2)).toEqual(["", ""]);
      }
    });
    expect(rows.some((r) => r.kind === "group" && r.group.depth === 2)).toBe(true);
  });

  it("writes every issue's key and raw values: numbers, durations in seconds, dates as ISO", () => {
    const issueRows = rows.flatMap((row, i) => (row.kind === "issue" ? [{ row: row.row, line: table[i + 1]! }] : []));
    expect(issueRows.map(({ line }) => line[2])).toEqual(issueRows.map(({ row }) => getIssueKey(result, row)));
    for (const { row, line } of issueRows) {
      const seconds = getCellValue(result, row, 1);
      expect(line[4]).toBe(seconds === null ? "" : String(seconds));
      const created = formatCell(result, row, 3).raw as string;
      expect(line[6]).toBe(created);
      expect(line[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      const due = getCellValue(result, row, 4);
      expect(line[7]).toMatch(due === null ? /^$/ : /^\d{4}-\d{2}-\d{2}$/);
    }
    expect(issueRows.some(({ line }) => Number(line[4]) >= 3600)).toBe(true);
    expect(issueRows.some(({ line }) => line[5] === "-3")).toBe(true);
    expect(csv).not.toContain("'-3");
  });

  it("neutralises formulas in text and keeps hostile text intact otherwise", () => {
    const summaries = table.slice(1).map((line) => line[3]);
    expect(summaries).toContain(`'=HYPERLINK("http://evil","x") <b>&</b> 3`);
    expect(summaries).toContain("'-2 degrees, @channel");
    expect(summaries).toContain(HOSTILE_SUMMARY);
    expect(summaries.filter((s) => s && /^[=+\-@]/.test(s))).toEqual([]);
  });
});

describe("toCsv, values as shown", () => {
  const { result, rows } = groupedReport();
  const table = parseCsv(toCsv(result, rows, "shown").slice(1));

  it("names the unit a value is shown in", () => {
    expect(table[0]).toEqual(["Group", "Issues", "Key", "Summary", "Time Spent (hours)", "Story Points", "Created", "Due date"]);
  });

  it("writes each cell's text as the viewer shows it, aggregates included", () => {
    rows.forEach((row, i) => {
      const line = table[i + 1]!;
      if (row.kind === "issue") {
        for (let column = 0; column < result.columns.length; column++) {
          expect(line[column + 3]).toBe(neutraliseFormula(formatCell(result, row.row, column).display));
        }
      } else {
        for (let column = 1; column < result.columns.length; column++) {
          expect(line[column + 3]).toBe(neutraliseFormula(row.group.aggregates[column]?.display ?? ""));
        }
      }
    });
    expect(table.some((line) => /^\d+(\.\d)?h$/.test(line[4]!))).toBe(true);
  });
});

describe("toCsv of an ungrouped report", () => {
  const { result, rows } = ungroupedReport();

  it.each<[ExportMode, string[]]>([
    ["shown", ["Key", "Time Spent (days)", "Story Points", "Due date"]],
    ["raw", ["Key", "Time Spent (seconds)", "Story Points", "Due date"]],
  ])("has no Group or Issues column and no second key column (%s)", (mode, header) => {
    const table = parseCsv(toCsv(result, rows, mode).slice(1));
    expect(table[0]).toEqual(header);
    const issueLines = table.slice(1, -1);
    expect(issueLines.map((line) => line[0])).toEqual(
      rows.filter((r) => r.kind === "issue").map((r) => getIssueKey(result, (r as { row: number }).row)),
    );
    expect(table.at(-1)![0]).toBe("Total");
  });

  it("shows a format's decimals and style, and writes raw numbers", () => {
    const shown = parseCsv(toCsv(result, rows, "shown").slice(1));
    const raw = parseCsv(toCsv(result, rows, "raw").slice(1));
    expect(shown.at(-1)![1]).toMatch(/^\d+\.\d{2}d$/);
    expect(Number(raw.at(-1)![1])).toBe(result.grandTotal[1]!.value);
    expect(shown.slice(1).some((line) => /^[A-Z][a-z]+ \d{1,2}, \d{4}$/.test(line[3]!))).toBe(true);
    expect(raw.slice(1).every((line) => /^(\d{4}-\d{2}-\d{2})?$/.test(line[3]!))).toBe(true);
  });
});
