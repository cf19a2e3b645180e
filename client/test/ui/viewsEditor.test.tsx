// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/api/client";
import type { ReportUpdate } from "../../src/api/definition.gen";
import type { ReportPublic } from "../../src/api/resources.gen";
import ReportEditor from "../../src/ui/editor/ReportEditor";
import { report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

async function openViews(r: ReportPublic = report({ name: "Sprint burn" })) {
  const api = new FakeApi([r]);
  const saved: ReportPublic[] = [];
  renderUi(<ReportEditor reportId={r.id} onSaved={(s) => saved.push(s)} onCancel={() => {}} />, makeServices({ api }));
  await screen.findByTestId("report-editor");
  fireEvent.click(screen.getByRole("tab", { name: /^Views/ }));
  await screen.findByTestId("views-pane");
  return { api, saved };
}

const save = () => fireEvent.click(screen.getByRole("button", { name: "Save" }));
const sentViews = (api: FakeApi) => (api.callsTo("updateReport").at(-1)![1] as ReportUpdate).views;
const rows = () => screen.getAllByTestId("view-row");

describe("Views pane", () => {
  it("lists the views, the first one opening, and adds a pivot and a chart with defaults from the report", async () => {
    const { api } = await openViews();
    expect(rows()).toHaveLength(1);
    expect(within(rows()[0]!).getByTestId("opens-first")).toBeTruthy();
    // The last view cannot be removed.
    expect((screen.getByRole("button", { name: "Remove Table (table)" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Add pivot" }));
    fireEvent.click(screen.getByRole("button", { name: "Add chart" }));
    expect(rows().map((r) => r.dataset.viewId)).toEqual(["table", "pivot", "chart"]);
    fireEvent.click(screen.getByRole("button", { name: "Move Chart (chart) up" }));
    expect(rows().map((r) => r.dataset.viewId)).toEqual(["table", "chart", "pivot"]);
    fireEvent.change(screen.getByLabelText("Name of view 3"), { target: { value: "By status" } });

    save();
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    const views = sentViews(api);
    expect(views.map((v) => [v.kind, v.id, v.name])).toEqual([
      ["table", "table", "Table"],
      ["chart", "chart", "Chart"],
      // Renaming keeps the id: a gadget showing the view keeps finding it.
      ["pivot", "pivot", "By status"],
    ]);
    expect(views[1]).toMatchObject({ chart_type: "bar", series: "aggregates", measures: [{ field: "issuekey", aggregation: "count" }] });
    expect(views[2]).toMatchObject({
      rows: [{ field: "status", bucket: null }],
      columns: [{ field: "assignee" }],
      values: [{ field: "issuekey", aggregation: "count" }],
      row_totals: true,
      column_totals: true,
    });
  });

  it("colours a duration column with thresholds in hours, and explains thresholds out of order", async () => {
    const { api } = await openViews();
    const table = screen.getByTestId("table-settings");
    fireEvent.click(within(table).getByRole("button", { name: "Add conditional formatting" }));
    // Only number and duration columns can be coloured.
    const column = within(table).getByLabelText("Column") as HTMLSelectElement;
    expect([...column.options].map((o) => o.text)).toEqual(["Time Spent", "Points"]);
    fireEvent.change(within(table).getByLabelText("Threshold 1 at least (hours)"), { target: { value: "8" } });
    fireEvent.click(within(table).getByRole("button", { name: "Add threshold" }));
    fireEvent.change(within(table).getByLabelText("Threshold 2 at least (hours)"), { target: { value: "4" } });
    fireEvent.change(within(table).getByLabelText("Threshold 2 colour"), { target: { value: "red" } });
    expect(within(table).getByTestId("thresholds-order").textContent).toContain("Threshold 2 must be higher than threshold 1.");
    expect(
      within(table)
        .getAllByTestId("threshold-swatch")
        .map((s) => [s.dataset.tone, s.textContent]),
    ).toEqual([
      ["green", "at least 8h"],
      ["red", "at least 4h"],
    ]);
    fireEvent.change(within(table).getByLabelText("Threshold 2 at least (hours)"), { target: { value: "12" } });
    expect(within(table).queryByTestId("thresholds-order")).toBeNull();
    save();
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    expect(sentViews(api)[0]).toMatchObject({
      conditional_formats: [
        {
          field: "timespent",
          thresholds: [
            { at_least: 28800, color: "green" },
            { at_least: 43200, color: "red" },
          ],
        },
      ],
    });
  });

  it("a chart without a grouping level says so and leads to the Grouping pane; pie offers one measure and no running totals", async () => {
    await openViews(report({ grouping_rules: [] }));
    fireEvent.click(screen.getByRole("button", { name: "Add chart" }));
    const chart = screen.getByTestId("chart-settings");
    fireEvent.change(within(chart).getByLabelText("Chart type"), { target: { value: "pie" } });
    expect((within(chart).getByRole("checkbox", { name: /Running totals/ }) as HTMLInputElement).disabled).toBe(true);
    expect(within(chart).getByTestId("cumulative-note").textContent).toContain("pie or donut");
    expect(within(chart).queryByRole("button", { name: "Add measure" })).toBeNull();
    fireEvent.click(within(chart).getByRole("button", { name: /Grouping pane/ }));
    expect(screen.getByRole("tab", { name: /^Grouping/ }).getAttribute("aria-selected")).toBe("true");
  });

  it("a pivot's share thresholds are entered in percent and stored as fractions", async () => {
    const { api } = await openViews();
    fireEvent.click(screen.getByRole("button", { name: "Add pivot" }));
    const pivot = screen.getByTestId("pivot-settings");
    fireEvent.change(within(pivot).getByLabelText("Show"), { target: { value: "row" } });
    fireEvent.click(within(pivot).getByRole("button", { name: "Add conditional formatting" }));
    fireEvent.change(within(pivot).getByLabelText("Threshold 1 at least (%)"), { target: { value: "25" } });
    save();
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    expect(sentViews(api)[1]).toMatchObject({ percent_of: "row", conditional_formats: [{ value: 0, thresholds: [{ at_least: 0.25 }] }] });
  });

  it("shows the server's errors in a view on the Views tab, with their count, keeping the edits", async () => {
    const { api } = await openViews();
    fireEvent.click(screen.getByRole("button", { name: "Add chart" }));
    api.fail(
      "updateReport",
      new ApiError(422, "invalid_report", "invalid report", [
        { loc: ["body", "views", 1, "measures", 0, "field"], msg: "formula_gone is not a field of this report", type: "unknown_field" },
      ]),
    );
    fireEvent.click(screen.getByRole("tab", { name: /^General/ }));
    save();
    expect(await screen.findByText("field: formula_gone is not a field of this report")).toBeTruthy();
    const tab = screen.getByRole("tab", { name: /^Views/ });
    expect(tab.getAttribute("aria-selected")).toBe("true");
    expect(within(tab).getByLabelText("1 error")).toBeTruthy();
    expect(rows().map((r) => r.dataset.viewId)).toEqual(["table", "chart"]);
  });

  it("offers second-level series with two grouping levels, and running totals along a date axis", async () => {
    const order = { by: "key" as const, direction: "asc" as const, field: null, aggregation: null };
    const { api } = await openViews(
      report({
        grouping_rules: [
          { field: "created", bucket: { kind: "date", unit: "month" }, order, show_empty: true },
          { field: "assignee", bucket: null, order, show_empty: true },
        ],
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Add chart" }));
    const chart = screen.getByTestId("chart-settings");
    fireEvent.change(within(chart).getByLabelText("Chart type"), { target: { value: "line" } });
    const cumulative = within(chart).getByRole("checkbox", { name: /Running totals/ }) as HTMLInputElement;
    expect(cumulative.disabled).toBe(false);
    fireEvent.click(cumulative);
    fireEvent.change(within(chart).getByLabelText("Series"), { target: { value: "second_level" } });
    expect(within(chart).getByRole("option", { name: "One per Assignee (second grouping level)" })).toBeTruthy();
    // One series per assignee draws one measure.
    expect(within(chart).queryByRole("button", { name: "Add measure" })).toBeNull();
    save();
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    expect(sentViews(api)[1]).toMatchObject({ chart_type: "line", series: "second_level", cumulative: true });
  });
});
