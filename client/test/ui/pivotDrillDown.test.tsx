// @vitest-environment jsdom
/**
 * Drill-down from a pivot cell in the viewer: the table narrowed to the cell's issues, grouped as
 * the report groups them, with a breadcrumb from the view's name; the slice holds while more pages
 * arrive; the total's "Open in Jira" has the cell's JQL; the exports act on the table; Escape
 * and the breadcrumb's root bring the pivot back with focus on the cell.
 */

import { act, fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ReportPublic } from "../../src/api/resources.gen";
import type { PivotView } from "../../src/engine/index";
import { ReportViewer } from "../../src/ui/viewer/ReportViewer";
import { buildResult, makeIssues, report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

type StoredView = ReportPublic["views"][number];

const PIVOT: PivotView = {
  kind: "pivot",
  id: "pivot",
  name: "Labels by status",
  rows: [{ field: "labels" }],
  columns: [{ field: "status" }],
  values: [{ field: "summary", aggregation: "count" }],
};

async function openPivot() {
  // The stored shape spells out every default; the engine reads the same fields.
  const r = report({ views: [PIVOT as StoredView, { kind: "table", id: "table", name: "Table", conditional_formats: [] }] });
  const services = makeServices({ api: new FakeApi([r]) });
  renderUi(<ReportViewer reportId={r.id} onBack={() => undefined} />, services);
  await screen.findByRole("heading", { name: r.name });
  const session = services.sessions[0]!;
  const show = (count: number, status: "loading" | "complete") =>
    act(() =>
      session.emit({
        status,
        result: buildResult(r, makeIssues(count)),
        progress: { phase: status === "complete" ? "done" : "issues", loaded: count, approximateTotal: 24, retries: 0 },
        ...(status === "complete" ? { outcome: { status: "complete", loaded: count } } : {}),
      } as Parameters<typeof session.emit>[0]),
    );
  return { r, services, show };
}

const cell = (label: string, status: string) => {
  const row = document.querySelector<HTMLElement>(`[data-testid="pivot-row"][data-path="${label}"]`)!;
  const index = [...document.querySelectorAll<HTMLElement>('[data-testid="pivot-column"]')].find((th) => th.dataset.path === status)!
    .dataset.columnIndex;
  return row.querySelector<HTMLElement>(`[data-testid="pivot-cell"][data-column-index="${index}"]`)!;
};
const crumbs = () =>
  [...screen.getByTestId("drill-breadcrumb").querySelectorAll("li")].map((li) => li.textContent!.replace("›", "").trim());
const totalText = () => screen.getByTestId("row-total").textContent ?? "";

describe("drill-down from a pivot cell", () => {
  it("narrows the table to the cell's issues, holds while pages arrive, and goes back to the cell", async () => {
    const { show, services } = await openPivot();
    show(12, "loading");
    // Even issues are "alpha", every third one "To Do": EX-1 and EX-7 of the first 12.
    expect(cell("alpha", "To Do").textContent).toBe("2");
    fireEvent.click(cell("alpha", "To Do"));

    expect(screen.queryByTestId("pivot-table")).toBeNull();
    expect(crumbs()).toEqual(["Labels by status", "alpha", "To Do"]);
    expect(screen.getByTestId("drill-breadcrumb").parentElement!.textContent).toContain("Esc goes back to Labels by status");
    expect(totalText()).toContain("2 issues");
    // The report's own grouping (status) over the cell's issues.
    expect([...document.querySelectorAll<HTMLElement>('[data-testid="row-group"]')].map((g) => g.dataset.groupKey)).toEqual(["To Do"]);
    const link = screen.getByTestId("row-total").querySelector<HTMLAnchorElement>('[data-testid="open-in-jira"]')!;
    expect(decodeURIComponent(link.href)).toContain('jql=(project = EX) AND labels = "alpha" AND status = 1');
    expect(link.getAttribute("aria-label")).toBe("Open in Jira: issues in alpha › To Do");

    // More pages: the same cell, found again in the new result.
    show(24, "complete");
    expect(crumbs()).toEqual(["Labels by status", "alpha", "To Do"]);
    expect(totalText()).toContain("4 issues");

    // The exports are the narrowed table's, named after the path.
    fireEvent.click(screen.getByTestId("export-menu"));
    expect(screen.queryByTestId("export-pivot-csv-shown")).toBeNull();
    fireEvent.click(screen.getByTestId("export-csv-shown"));
    await act(async () => {});
    expect(services.exports.downloads.map((d) => d.filename)).toEqual(["Open work by status - alpha - To Do.csv"]);

    // A coarser crumb: the label's row total.
    fireEvent.click(screen.getByRole("button", { name: "alpha" }));
    expect(crumbs()).toEqual(["Labels by status", "alpha"]);
    expect(totalText()).toContain("12 issues");

    fireEvent.keyDown(screen.getByTestId("drill-breadcrumb"), { key: "Escape" });
    expect(screen.getByTestId("pivot-table")).toBeTruthy();
    expect(document.activeElement).toBe(cell("alpha", "To Do"));
  });

  it("goes back to the pivot from the breadcrumb's root", async () => {
    const { show } = await openPivot();
    show(12, "complete");
    fireEvent.keyDown(cell("beta", "Done"), { key: "Enter" });
    expect(crumbs()).toEqual(["Labels by status", "beta", "Done"]);
    fireEvent.click(screen.getByRole("button", { name: "Labels by status" }));
    expect(screen.getByTestId("pivot-table")).toBeTruthy();
    expect(document.activeElement).toBe(cell("beta", "Done"));

    // The grand total: every issue, still with a way back.
    fireEvent.click(screen.getByTestId("pivot-grand-total"));
    expect(crumbs()).toEqual(["Labels by status", "Total"]);
    expect(totalText()).toContain("12 issues");
    fireEvent.click(screen.getByRole("button", { name: "Labels by status" }));
    expect(screen.getByTestId("pivot-table")).toBeTruthy();
  });
});
