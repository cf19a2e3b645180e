// @vitest-environment jsdom
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatCell, getCellValue, getIssueKey } from "../../src/engine/index";
import { columnName, escapeXml, excelSerial, toXlsx } from "../../src/export/xlsx";
import { groupedReport, HOSTILE_SUMMARY_IN_XML, ungroupedReport } from "./fixtures";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed: ${error.textContent}`);
  return doc;
}

describe("escapeXml", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<t>", "&lt;t&gt;"],
    [`"q" 'a'`, "&quot;q&quot; &apos;a&apos;"],
    ["bell\u0001 nul\u0000 vt\u000B", "bell\uFFFD nul\uFFFD vt\uFFFD"],
    ["tab\tnewline\n", "tab\tnewline\n"],
    ["lone \uD800 high, lone \uDC00 low", "lone \uFFFD high, lone \uFFFD low"],
    ["pair 😀 kept", "pair 😀 kept"],
    ["\uFFFE\uFFFF", "\uFFFD\uFFFD"],
  ])("%j", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe("columnName", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("%i → %s", (index, name) => {
    expect(columnName(index)).toBe(name);
  });
});

describe("excelSerial", () => {
  it.each<[string, number | null]>([
    ["1970-01-01", 25569],
    ["1900-03-01", 61],
    ["2024-06-01", 45444],
    ["2024-06-01T12:00:00+02:00", 45444.5],
    ["2024-06-01T18:00:00Z", 45444.75],
    ["not a date", null],
  ])("%s → %s", (iso, serial) => {
    expect(excelSerial(iso)).toBe(serial);
  });
});

describe("toXlsx, raw values", () => {
  const { result, rows } = groupedReport();
  const files = unzipSync(toXlsx(result, rows, "raw"));
  const sheet = parse(strFromU8(files["xl/worksheets/sheet1.xml"]!));
  const sheetRows = Array.from(sheet.getElementsByTagNameNS(MAIN_NS, "row"));
  const cellsOf = (row: Element) => Array.from(row.getElementsByTagNameNS(MAIN_NS, "c"));
  const cellAt = (row: Element, column: number) =>
    cellsOf(row).find((c) => c.getAttribute("r")?.replace(/\d+$/, "") === columnName(column));
  const styles = parse(strFromU8(files["xl/styles.xml"]!));
  const numFmtOfStyle = (s: string | null) =>
    styles.getElementsByTagNameNS(MAIN_NS, "cellXfs")[0]!.getElementsByTagNameNS(MAIN_NS, "xf")[Number(s)]!.getAttribute("numFmtId");

  it("contains the six parts of a minimal workbook, each well-formed XML", () => {
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    for (const [, bytes] of Object.entries(files)) expect(() => parse(strFromU8(bytes))).not.toThrow();
  });

  it("keeps the grouping as outline levels, summaries above their details", () => {
    expect(sheetRows).toHaveLength(rows.length + 1);
    rows.forEach((row, i) => {
      expect(Number(sheetRows[i + 1]!.getAttribute("outlineLevel") ?? 0)).toBe(row.outlineLevel);
    });
    expect(rows.some((r) => r.outlineLevel === 2)).toBe(true);
    expect(sheet.getElementsByTagNameNS(MAIN_NS, "sheetFormatPr")[0]!.getAttribute("outlineLevelRow")).toBe("2");
    expect(sheet.getElementsByTagNameNS(MAIN_NS, "outlinePr")[0]!.getAttribute("summaryBelow")).toBe("0");
  });

  it("writes numbers as numbers and dates as serials with a date format", () => {
    let numbers = 0;
    let dates = 0;
    rows.forEach((row, i) => {
      if (row.kind !== "issue") return;
      const line = sheetRows[i + 1]!;
      expect(cellAt(line, 2)!.textContent).toBe(getIssueKey(result, row.row));
      const seconds = getCellValue(result, row.row, 1);
      if (typeof seconds === "number") expect(Number(cellAt(line, 4)!.textContent)).toBe(seconds);
      const points = formatCell(result, row.row, 2).raw;
      const pointsCell = cellAt(line, 5);
      if (typeof points === "number") {
        expect(pointsCell!.getAttribute("t")).toBeNull();
        expect(Number(pointsCell!.textContent)).toBe(points);
        numbers++;
      }
      const created = formatCell(result, row.row, 3).raw as string;
      const createdCell = cellAt(line, 6)!;
      expect(createdCell.getAttribute("t")).toBeNull();
      expect(Number(createdCell.textContent)).toBeCloseTo(excelSerial(created)!, 9);
      expect(numFmtOfStyle(createdCell.getAttribute("s"))).toBe("165");
      const due = formatCell(result, row.row, 4).raw;
      if (typeof due === "string") {
        expect(numFmtOfStyle(cellAt(line, 7)!.getAttribute("s"))).toBe("164");
        dates++;
      }
    });
    expect(numbers).toBeGreaterThan(10);
    expect(dates).toBeGreaterThan(5);
  });

  it("writes group counts and aggregates on group rows", () => {
    rows.forEach((row, i) => {
      if (row.kind === "issue") return;
      const line = sheetRows[i + 1]!;
      expect(Number(cellAt(line, 1)!.textContent)).toBe(row.group.issueCount);
      const sum = row.group.aggregates[2]?.raw;
      if (typeof sum === "number") expect(Number(cellAt(line, 5)!.textContent)).toBeCloseTo(sum, 9);
    });
  });

  it("escapes hostile Jira text so it stays text", () => {
    const texts = Array.from(sheet.getElementsByTagNameNS(MAIN_NS, "t")).map((t) => t.textContent);
    expect(texts).toContain(HOSTILE_SUMMARY_IN_XML);
    expect(texts).toContain(`=HYPERLINK("http://evil","x") <b>&</b> 3`);
    // The injected markup did not create a cell of its own.
    expect(cellsOf(sheetRows[0]!).length).toBe(8);
    expect(Array.from(sheet.getElementsByTagNameNS(MAIN_NS, "c")).some((c) => c.getAttribute("r") === "Z9")).toBe(false);
  });

  it("writes the header in bold and freezes it", () => {
    const header = cellsOf(sheetRows[0]!).map((c) => c.textContent);
    expect(header).toEqual(["Group", "Issues", "Key", "Summary", "Time Spent (seconds)", "Story Points", "Created", "Due date"]);
    expect(sheet.getElementsByTagNameNS(MAIN_NS, "pane")[0]!.getAttribute("state")).toBe("frozen");
  });
});

describe("toXlsx, values as shown", () => {
  const { result, rows } = ungroupedReport();
  const sheet = parse(strFromU8(unzipSync(toXlsx(result, rows, "shown"))["xl/worksheets/sheet1.xml"]!));
  const sheetRows = Array.from(sheet.getElementsByTagNameNS(MAIN_NS, "row"));
  const texts = (row: Element) => Array.from(row.getElementsByTagNameNS(MAIN_NS, "c")).map((c) => c.textContent);

  it("has no Group or Issues column for an ungrouped report, and units in the headers", () => {
    expect(texts(sheetRows[0]!)).toEqual(["Key", "Time Spent (days)", "Story Points", "Due date"]);
  });

  it("writes the text the viewer shows", () => {
    rows.forEach((row, i) => {
      if (row.kind !== "issue") return;
      const shown = result.columns.map((_, column) => formatCell(result, row.row, column).display);
      const cells = Array.from(sheetRows[i + 1]!.getElementsByTagNameNS(MAIN_NS, "c"));
      for (const cell of cells) {
        const column = cell.getAttribute("r")!.charCodeAt(0) - 65;
        expect(cell.textContent).toBe(shown[column]);
      }
    });
  });
});
