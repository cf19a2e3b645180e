// @vitest-environment jsdom
/**
 * The pivot panel (ui/viewer/pivot): the DOM contract other tests read (cells, totals, paths),
 * spanning headers of two column levels, one Tab stop with arrow keys over the cells, drill-down
 * from a cell and from a total, conditional tones with their words (a share compares as a
 * fraction), the pivot's warnings; the grid moves; and the pivot exports in the Export menu.
 */

import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ReportPublic } from "../../src/api/resources.gen";
import { computePivot, type JiraIssue, type PivotView, type ReportResult } from "../../src/engine/index";
import { ExportMenu } from "../../src/ui/viewer/ExportMenu";
import type { PivotDrill } from "../../src/ui/viewer/pivot/pivotDrill";
import { type GridShape, moveInGrid } from "../../src/ui/viewer/pivot/pivotGrid";
import { PivotPanel } from "../../src/ui/viewer/pivot/PivotPanel";
import { buildResult, makeIssues, report } from "./fixtures";
import { makeServices, renderUi } from "./helpers";

afterEach(cleanup);

const VIEW: PivotView = {
  kind: "pivot",
  id: "pivot",
  name: "Work by person",
  rows: [{ field: "status" }, { field: "assignee" }],
  columns: [{ field: "labels" }],
  values: [
    { field: "summary", aggregation: "count" },
    { field: "customfield_10016", aggregation: "sum" },
  ],
};

/** Every third issue carries both labels: the labels' totals are not sums of their cells. */
function issues(): JiraIssue[] {
  return makeIssues(12).map((issue, i) => (i % 3 === 0 ? { ...issue, fields: { ...issue.fields, labels: ["alpha", "beta"] } } : issue));
}

function resultFor(view: PivotView): ReportResult {
  const stored = report();
  return buildResult({ ...stored, views: [view] }, issues());
}

function renderPivot(view: PivotView = VIEW, onDrillDown?: (drill: PivotDrill) => void) {
  const result = resultFor(view);
  const stored = report({ views: [view as ReportPublic["views"][number]] });
  render(<PivotPanel result={result} view={view} report={stored} label="Open work" siteUrl={null} onDrillDown={onDrillDown} />);
  return { result, pivot: computePivot(result, view), table: screen.getByTestId("pivot-table") };
}

const cellsOf = (el: HTMLElement, testId: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];

describe("PivotPanel", () => {
  it("draws the contract: a captioned table, leaf columns, nested rows, cells, totals", () => {
    const { pivot, table } = renderPivot();
    expect(table.tagName).toBe("TABLE");
    expect(table.querySelector("caption")?.textContent).toContain("Open work: Work by person");
    const columns = cellsOf(table, "pivot-column");
    expect(columns.map((th) => th.dataset.path)).toEqual(pivot.columns.map((c) => c.path[0]!.label));
    expect(columns.map((th) => th.getAttribute("scope"))).toEqual(columns.map(() => "col"));
    // Two values: each column spans a sub-column per value.
    expect(columns.every((th) => th.getAttribute("colspan") === "2")).toBe(true);

    const rows = cellsOf(table, "pivot-row");
    const outer = pivot.rows[0]!;
    const first = rows[0]!;
    expect(first.dataset.depth).toBe("1");
    expect(first.dataset.path).toBe(outer.label);
    expect(rows[1]!.dataset.depth).toBe("2");
    expect(rows[1]!.dataset.path).toBe(`${outer.label} › ${outer.children![0]!.label}`);
    expect(first.querySelector("th")?.getAttribute("scope")).toBe("row");
    const cells = cellsOf(first, "pivot-cell");
    expect(cells).toHaveLength(pivot.columns.length * 2);
    expect(cells.map((td) => [td.dataset.columnIndex, td.dataset.valueIndex, td.textContent])).toEqual(
      outer.cells.flatMap((values, c) => values.map((cell, v) => [String(c), String(v), cell.display])),
    );
    expect(cellsOf(first, "pivot-row-total").map((td) => td.textContent)).toEqual(outer.total.map((c) => c.display));

    const totalRow = screen.getByTestId("pivot-total-row");
    expect(cellsOf(totalRow, "pivot-column-total").map((td) => td.textContent)).toEqual(
      pivot.columns.flatMap((c) => c.total.map((cell) => cell.display)),
    );
    expect(cellsOf(totalRow, "pivot-grand-total").map((td) => td.textContent)).toEqual(pivot.grandTotal.map((c) => c.display));
    expect(pivot.grandTotal[0]!.value).toBe(12);
  });

  it("spans outer column headers over their nested columns, paths joined with ›", () => {
    const view: PivotView = {
      ...VIEW,
      rows: [{ field: "assignee" }],
      columns: [{ field: "status" }, { field: "labels" }],
      values: [VIEW.values[0]!],
    };
    const { pivot, table } = renderPivot(view);
    const leaves = cellsOf(table, "pivot-column");
    expect(leaves.map((th) => th.dataset.path)).toEqual(pivot.columns.map((c) => c.path.map((p) => p.label).join(" › ")));
    const outer = [...table.querySelectorAll("thead tr")][0]!.querySelectorAll(".rb-pivot__column-header");
    expect([...outer].map((th) => Number(th.getAttribute("colspan")))).toEqual(pivot.headers[0]!.map((h) => h.span));
  });

  it("is one Tab stop; arrows move between cells; Enter drills down from a cell and from a total", () => {
    const drills: PivotDrill[] = [];
    const { pivot, table } = renderPivot(VIEW, (drill) => drills.push(drill));
    const stops = () => table.querySelectorAll('[tabindex="0"]');
    expect(stops()).toHaveLength(1);
    const start = stops()[0] as HTMLElement;
    start.focus();
    fireEvent.keyDown(start, { key: "ArrowRight" });
    expect(document.activeElement).toBe(cellsOf(table, "pivot-cell")[1]);
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect((document.activeElement as HTMLElement).closest("tr")).toBe(cellsOf(table, "pivot-row")[1]);
    expect(stops()).toHaveLength(1);

    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    const outer = pivot.rows[0]!;
    const inner = outer.children![0]!;
    expect(drills[0]!.slice.levels.map((l) => [l.field, l.label])).toEqual([
      ["status", outer.label],
      ["assignee", inner.label],
      ["labels", pivot.columns[0]!.path[0]!.label],
    ]);
    expect(drills[0]!.viewName).toBe("Work by person");

    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(document.activeElement?.getAttribute("data-testid")).toBe("pivot-row-total");
    fireEvent.keyDown(document.activeElement!, { key: " " });
    expect(drills[1]!.slice.levels.map((l) => l.field)).toEqual(["status", "assignee"]);

    fireEvent.click(within(screen.getByTestId("pivot-total-row")).getAllByTestId("pivot-grand-total")[0]!);
    expect(drills[2]!.slice.levels).toEqual([]);
  });

  it("tints cells by a value's thresholds, totals included, with the threshold in words", () => {
    const view: PivotView = { ...VIEW, conditional_formats: [{ value: 0, thresholds: [{ at_least: 4, color: "green" }] }] };
    const { table } = renderPivot(view);
    const grand = within(screen.getByTestId("pivot-total-row")).getAllByTestId("pivot-grand-total")[0]!;
    expect(grand.dataset.tone).toBe("green");
    expect(grand.getAttribute("aria-label")).toBe("12 (at least 4)");
    expect(grand.textContent).toBe("12");
    // The second value has no format.
    expect(cellsOf(table, "pivot-cell").filter((td) => td.dataset.valueIndex === "1" && td.dataset.tone)).toEqual([]);
  });

  it("compares a share as a fraction", () => {
    const view: PivotView = {
      ...VIEW,
      values: [VIEW.values[0]!],
      percent_of: "total",
      conditional_formats: [{ value: 0, thresholds: [{ at_least: 0.5, color: "red" }] }],
    };
    renderPivot(view);
    const grand = within(screen.getByTestId("pivot-total-row")).getByTestId("pivot-grand-total");
    expect(grand.textContent).toBe("100.0%");
    expect(grand.dataset.tone).toBe("red");
    expect(grand.getAttribute("aria-label")).toBe("100.0% (at least 50.0%)");
  });

  it("shows the pivot's warnings", () => {
    renderPivot({ ...VIEW, values: [{ field: "summary", aggregation: "sum" }] });
    expect(screen.getByTestId("pivot-warnings").textContent).toContain("does not apply");
  });
});

describe("moveInGrid", () => {
  // 3 body rows × 4 positions, the last column only in the totals' row (no row totals).
  const shape: GridShape = { rows: 4, columns: 4, has: ({ r, c }) => c < 3 || r === 3 };
  it.each([
    ["right", { r: 0, c: 1 }, { r: 0, c: 2 }],
    ["right", { r: 0, c: 2 }, { r: 0, c: 2 }],
    ["left", { r: 0, c: 0 }, { r: 0, c: 0 }],
    ["up", { r: 3, c: 3 }, { r: 3, c: 3 }],
    ["down", { r: 2, c: 2 }, { r: 3, c: 2 }],
    ["rowEnd", { r: 1, c: 0 }, { r: 1, c: 2 }],
    ["rowEnd", { r: 3, c: 0 }, { r: 3, c: 3 }],
    ["rowStart", { r: 3, c: 3 }, { r: 3, c: 0 }],
    ["first", { r: 3, c: 3 }, { r: 0, c: 0 }],
    ["last", { r: 0, c: 0 }, { r: 3, c: 3 }],
  ] as const)("%s from %o goes to %o", (move, from, to) => {
    expect(moveInGrid(shape, from, move)).toEqual(to);
  });
});

describe("ExportMenu on a pivot view", () => {
  it("offers the pivot's four exports, named after the view", async () => {
    const services = makeServices();
    const calls: string[] = [];
    services.exports.toPivotCsv = (_result, view, mode) => {
      calls.push(`csv ${view.id} ${mode}`);
      return "csv";
    };
    services.exports.toPivotXlsx = (_result, view, mode) => {
      calls.push(`xlsx ${view.id} ${mode}`);
      return new Uint8Array([80, 75]);
    };
    renderUi(<ExportMenu result={resultFor(VIEW)} view={VIEW} reportName="Open work" disabled={false} onError={() => {}} />, services);
    fireEvent.click(screen.getByTestId("export-menu"));
    expect(screen.queryByTestId("export-csv-shown")).toBeNull();
    fireEvent.click(screen.getByTestId("export-menu"));
    for (const id of ["export-pivot-csv-shown", "export-pivot-csv-raw", "export-pivot-xlsx-shown", "export-pivot-xlsx-raw"]) {
      fireEvent.click(screen.getByTestId("export-menu"));
      fireEvent.click(screen.getByTestId(id));
      await waitFor(() => expect(calls).toHaveLength(services.exports.downloads.length));
    }
    await waitFor(() => expect(services.exports.downloads).toHaveLength(4));
    expect(calls).toEqual(["csv pivot shown", "csv pivot raw", "xlsx pivot shown", "xlsx pivot raw"]);
    expect(services.exports.downloads.map((d) => d.filename)).toEqual([
      "Open work - Work by person.csv",
      "Open work - Work by person.csv",
      "Open work - Work by person.xlsx",
      "Open work - Work by person.xlsx",
    ]);
  });
});
