import { describe, expect, it } from "vitest";
import { formatCell, getIssueKey } from "../../src/engine/index";
import { neutraliseFormula, quoteCsvField, toCsv } from "../../src/export/csv";
import { groupedReport, HOSTILE_SUMMARY } from "./fixtures";

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

describe("toCsv", () => {
  const { result, rows } = groupedReport();
  const csv = toCsv(result, rows);
  const table = parseCsv(csv.slice(1));

  it("starts with a UTF-8 BOM and uses CRLF rows", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, "");
    expect(/(^|[^\r])\n/.test(outsideQuotes)).toBe(false);
  });

  it("has one header row, then one row per display row, all the same width", () => {
    expect(table[0]).toEqual(["Group", "Issues", "Key", "Summary", "Time Spent", "Story Points", "Created", "Due date"]);
    expect(table).toHaveLength(rows.length + 1);
    for (const row of table) expect(row).toHaveLength(8);
  });

  it("writes group rows with their label, issue count and aggregates, indented by level", () => {
    rows.forEach((row, i) => {
      const line = table[i + 1]!;
      if (row.kind === "group") {
        expect(line[0]).toBe("› ".repeat(row.group.depth - 1) + row.group.label);
        expect(line[1]).toBe(String(row.group.issueCount));
        expect(line[4]).toBe(String(row.group.aggregates[2]?.raw ?? ""));
      } else if (row.kind === "total") {
        expect(line.slice(0, 2)).toEqual(["Total", String(result.root.issueCount)]);
      } else {
        expect(line.slice(0, 2)).toEqual(["", ""]);
      }
    });
    expect(rows.some((r) => r.kind === "group" && r.group.depth === 2)).toBe(true);
  });

  it("writes raw values: numbers as numbers (negative ones unprefixed), dates as ISO", () => {
    const issueRows = rows.flatMap((row, i) => (row.kind === "issue" ? [{ row: row.row, line: table[i + 1]! }] : []));
    for (const { row, line } of issueRows) {
      expect(line[2]).toBe(getIssueKey(result, row));
      const spent = formatCell(result, row, 2).raw;
      expect(line[4]).toBe(spent === null ? "" : String(spent));
      const created = formatCell(result, row, 4).raw as string;
      expect(line[6]).toBe(created);
      expect(line[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    }
    expect(issueRows.some(({ line }) => line[5] === "-3.0" || line[5] === "-3")).toBe(true);
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
