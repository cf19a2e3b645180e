// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ReportPublic } from "../../src/api/resources.gen";
import { GadgetPage } from "../../src/ui/gadget/GadgetPage";
import { buildResult, makeIssues, report } from "./fixtures";
import { ApiError } from "../../src/api/client";
import { FakeApi, makeServices, renderUi } from "./helpers";

// ECharts draws nothing in jsdom: a stand-in that "draws" at once, so the chart view is ready.
vi.mock("../../src/ui/viewer/chart/echarts", () => ({
  createChart: () => ({
    setOption: () => {},
    on: () => {},
    off: () => {},
    dispatchAction: () => {},
    resize: () => {},
    dispose: () => {},
    renderToSVGString: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    getWidth: () => 400,
    getHeight: () => 300,
  }),
}));

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver;
});

describe("GadgetPage", () => {
  it("lets the user pick a report, then shows its totals and top groups", async () => {
    const r = report({ name: "Team load" });
    const opened: string[] = [];
    const services = makeServices({
      api: new FakeApi([r, report({ name: "Other" })]),
      page: "gadget",
      openReportPage: (id) => opened.push(id),
    });
    renderUi(<GadgetPage initialReportId={null} />, services);
    fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect((await screen.findByRole("heading", { name: "Team load" })).className).toBe("rb-gadget__title");
    const session = services.sessions[0]!;
    expect(session.runs).toEqual([r]);

    act(() => session.emit({ status: "complete", result: buildResult(r, makeIssues(30)), outcome: { status: "complete", loaded: 30 } }));
    const summary = screen.getByTestId("gadget-summary");
    expect(
      within(summary)
        .getAllByTestId("gadget-group")
        .map((row) => row.querySelector("th")!.textContent),
    ).toEqual(["To Do", "In Progress", "Done"]);
    const total = within(summary).getByTestId("gadget-total");
    expect(total.textContent).toContain("30");
    const points = Array.from({ length: 30 }, (_, i) => (i % 8) + 1).reduce((a, b) => a + b, 0);
    expect(total.querySelector('[data-column="customfield_10016"]')!.textContent).toBe(String(points));
    expect(screen.getByTestId("completeness").textContent).toBe("All 30 issues loaded");

    fireEvent.click(screen.getByTestId("open-full-report"));
    expect(opened).toEqual([r.id]);
    // Not on a dashboard: nothing to store the choice for.
    expect(services.host.gadgetReports.size).toBe(0);
  });

  const onDashboard = (editable: boolean, where: { choosableHere?: boolean; titledByHost?: boolean } = {}) => ({
    dashboardItem: {
      id: "10000",
      dashboardId: "10100",
      editable,
      choosableHere: where.choosableHere ?? true,
      titledByHost: where.titledByHost ?? true,
    },
  });

  it("on a dashboard, stores the chosen report for the dashboard item and titles the gadget", async () => {
    const r = report({ name: "Team load" });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget", context: onDashboard(true) });
    renderUi(<GadgetPage initialReportId={null} />, services);
    fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(await screen.findByRole("heading", { name: "Team load" })).toBeTruthy();
    expect([...services.host.gadgetReports]).toEqual([["10000", r.id]]);
    // The title is set from an effect, which may run just after the heading is painted.
    await waitFor(() => expect(services.host.gadgetTitles).toEqual(["Team load"]));
    // Jira's title bar shows the name; the gadget's own heading stays for screen readers only.
    expect(screen.getByRole("heading", { name: "Team load" }).className).toBe("rb-visually-hidden");
  });

  it.each([
    ["an editor can change it", true],
    ["a viewer cannot", false],
  ])("shows the stored report without asking; %s", async (_name, editable) => {
    const r = report({ name: "Stored" });
    const services = makeServices({ api: new FakeApi([r, report({ name: "Other" })]), page: "gadget", context: onDashboard(editable) });
    services.host.gadgetReports.set("10000", r.id);
    renderUi(<GadgetPage initialReportId={null} />, services);
    expect(await screen.findByRole("heading", { name: "Stored" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Change" }) !== null).toBe(editable);
    if (!editable) return;
    fireEvent.click(screen.getByRole("button", { name: "Change" }));
    expect(((await screen.findByLabelText("Report to show")) as HTMLSelectElement).value).toBe(r.id);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByRole("heading", { name: "Stored" })).toBeTruthy();
  });

  it("tells a viewer that nobody has chosen a report yet, and offers no picker", async () => {
    const services = makeServices({ api: new FakeApi([report()]), page: "gadget", context: onDashboard(false) });
    renderUi(<GadgetPage initialReportId={null} />, services);
    expect(await screen.findByText(/No report is chosen for this gadget yet/)).toBeTruthy();
    expect(screen.queryByLabelText("Report to show")).toBeNull();
  });

  it("says so when the stored choice cannot be read", async () => {
    const services = makeServices({ api: new FakeApi([report()]), page: "gadget", context: onDashboard(true) });
    services.host.gadgetReadError = new ApiError(0, "network", "Rollbook could not be reached");
    renderUi(<GadgetPage initialReportId={null} />, services);
    expect(await screen.findByText("The gadget could not load its settings")).toBeTruthy();
    expect(screen.getByText(/Rollbook could not be reached/)).toBeTruthy();
    expect(screen.queryByLabelText("Report to show")).toBeNull();
  });

  it("keeps the picker and says why when the choice cannot be saved", async () => {
    const r = report({ name: "Secret" });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget", context: onDashboard(true) });
    services.host.gadgetWriteError = new ApiError(403, "report_forbidden", "you may not view this report");
    renderUi(<GadgetPage initialReportId={null} />, services);
    fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(await screen.findByText(/you may not view this report/)).toBeTruthy();
    expect(screen.getByLabelText("Report to show")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Secret" })).toBeNull();
  });

  it("shows the report from its URL without asking", async () => {
    const r = report({ name: "Linked" });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget" });
    renderUi(<GadgetPage initialReportId={r.id} />, services);
    expect(await screen.findByRole("heading", { name: "Linked" })).toBeTruthy();
    expect(screen.queryByLabelText("Report to show")).toBeNull();
    // Without a host that can navigate, no dead link is offered.
    expect(screen.queryByTestId("open-full-report")).toBeNull();
  });

  it("limits the groups it lists", async () => {
    const r = report({
      grouping_rules: [
        { field: "summary", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: true },
      ],
    });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget" });
    renderUi(<GadgetPage initialReportId={r.id} />, services);
    await screen.findByRole("heading", { name: r.name });
    act(() =>
      services.sessions[0]!.emit({
        status: "complete",
        result: buildResult(r, makeIssues(25)),
        outcome: { status: "complete", loaded: 25 },
      }),
    );
    expect(screen.getAllByTestId("gadget-group")).toHaveLength(10);
    expect(screen.getByText("and 15 more groups")).toBeTruthy();
  });

  describe("where the report is chosen in the host's separate settings view (Forge)", () => {
    const inView = (editable: boolean) => onDashboard(editable, { choosableHere: false, titledByHost: false });

    it.each([
      ["an editor is sent to the settings view", true, /Choose one in the gadget's settings \(Edit\)/],
      ["a viewer is told someone else can choose", false, /Someone who can edit this dashboard can choose one/],
    ])("offers no picker in the gadget itself: %s", async (_name, editable, message) => {
      renderUi(
        <GadgetPage initialReportId={null} />,
        makeServices({ api: new FakeApi([report()]), page: "gadget", context: inView(editable) }),
      );
      expect(await screen.findByText(/No report is chosen for this gadget yet/)).toBeTruthy();
      expect(screen.getByText(message)).toBeTruthy();
      expect(screen.queryByLabelText("Report to show")).toBeNull();
    });

    it("shows the stored report under its own visible title, with no Change button", async () => {
      const r = report({ name: "Stored" });
      const services = makeServices({ api: new FakeApi([r]), page: "gadget", context: inView(true) });
      services.host.gadgetReports.set("10000", r.id);
      renderUi(<GadgetPage initialReportId={null} />, services);
      expect((await screen.findByRole("heading", { name: "Stored" })).className).toBe("rb-gadget__title");
      expect(screen.queryByRole("button", { name: "Change" })).toBeNull();
    });

    it("stores the choice made in the settings view", async () => {
      const r = report({ name: "Team load" });
      const services = makeServices({ api: new FakeApi([r]), page: "gadgetSettings", context: onDashboard(true, { titledByHost: false }) });
      renderUi(<GadgetPage initialReportId={null} settingsOnly />, services);
      fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
      fireEvent.click(screen.getByRole("button", { name: "Show" }));
      expect(await screen.findByRole("heading", { name: "Team load" })).toBeTruthy();
      expect([...services.host.gadgetReports]).toEqual([["10000", r.id]]);
    });
  });

  it("shows the first 3 aggregated columns of a wide report and says how many it leaves out", async () => {
    const aggregated = [
      { field: "summary", aggregation: "count" },
      { field: "customfield_10016", aggregation: "sum" },
      { field: "timespent", aggregation: "sum" },
      { field: "created", aggregation: "earliest" },
      { field: "labels", aggregation: "count_distinct" },
    ] as const;
    const r = report({
      columns: [{ field: "assignee" }, ...aggregated].map((c) => ({
        field: c.field,
        label: null,
        format: null,
        aggregation: "aggregation" in c ? c.aggregation : null,
        width: null,
      })),
    });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget" });
    renderUi(<GadgetPage initialReportId={r.id} />, services);
    await screen.findByRole("heading", { name: r.name });
    act(() =>
      services.sessions[0]!.emit({
        status: "complete",
        result: buildResult(r, makeIssues(12)),
        outcome: { status: "complete", loaded: 12 },
      }),
    );
    const headers = within(screen.getByTestId("gadget-summary")).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual(["Group", "Issues", "Summary", "Story Points", "Time Spent"]);
    expect(screen.getByTestId("gadget-hidden-columns").textContent).toBe("Showing 3 of 5 columns. Open the full report for all of them.");
  });

  describe("sizes its frame to its content", () => {
    /** A ResizeObserver the test triggers by hand, as the browser does after a layout change. */
    class ManualResizeObserver {
      static instances: ManualResizeObserver[] = [];
      observed: Element[] = [];
      disconnected = false;
      constructor(readonly callback: () => void) {
        ManualResizeObserver.instances.push(this);
      }
      observe(element: Element) {
        this.observed.push(element);
      }
      disconnect() {
        this.disconnected = true;
      }
      unobserve() {}
    }

    it.each([
      ["the no-permission message", () => new FakeApi([]).fail("getReport", new ApiError(403, "forbidden", "No permission"))],
      ["a report", () => new FakeApi([report({ id: "00000000-0000-4000-8000-000000009999" })])],
    ])("asks the host to resize whenever the page's size changes: %s", async (_state, api) => {
      ManualResizeObserver.instances = [];
      const original = globalThis.ResizeObserver;
      globalThis.ResizeObserver = ManualResizeObserver as unknown as typeof ResizeObserver;
      try {
        const services = makeServices({ api: api(), page: "gadget" });
        const view = renderUi(<GadgetPage initialReportId="00000000-0000-4000-8000-000000009999" />, services);
        await screen.findByTestId("gadget");
        const [observer] = ManualResizeObserver.instances;
        expect(observer!.observed).toEqual([document.body]);
        const before = services.host.resizeCount;
        act(() => observer!.callback());
        expect(services.host.resizeCount).toBe(before + 1);
        view.unmount();
        expect(observer!.disconnected).toBe(true);
      } finally {
        globalThis.ResizeObserver = original;
      }
    });
  });

  describe("the view it shows", () => {
    const VIEWS: ReportPublic["views"] = [
      { kind: "table", id: "table", name: "Table", conditional_formats: [] },
      {
        kind: "chart",
        id: "by-status",
        name: "Issues by status",
        chart_type: "bar",
        series: "aggregates",
        measures: [{ field: "issuekey", aggregation: "count" }],
        cumulative: false,
      },
      {
        kind: "pivot",
        id: "status-by-assignee",
        name: "Status by assignee",
        rows: [{ field: "status", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: true }],
        columns: [
          { field: "assignee", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: true },
        ],
        values: [{ field: "issuekey", aggregation: "count" }],
        percent_of: "none",
        row_order: { by: "key", value: null, direction: "asc" },
        column_order: { by: "key", value: null, direction: "asc" },
        row_totals: true,
        column_totals: true,
        conditional_formats: [],
      },
    ];
    const onDashboard = { dashboardItem: { id: "10000", dashboardId: "10100", editable: true, choosableHere: true, titledByHost: false } };

    function stored(viewId: string | null, options: { views?: ReportPublic["views"]; open?: string[] } = {}) {
      const r = report({ name: "Views", views: options.views ?? VIEWS });
      const open = options.open;
      const services = makeServices({
        api: new FakeApi([r]),
        page: "gadget",
        context: onDashboard,
        ...(open ? { openReportPage: (id: string) => open.push(id) } : {}),
      });
      services.host.gadgetReports.set("10000", r.id);
      if (viewId !== null) services.host.gadgetViews.set("10000", viewId);
      return { r, services };
    }

    async function showResult(services: ReturnType<typeof makeServices>, r: ReturnType<typeof report>) {
      renderUi(<GadgetPage initialReportId={null} />, services);
      await screen.findByRole("heading", { name: r.name });
      act(() =>
        services.sessions[0]!.emit({
          status: "complete",
          result: buildResult(r, makeIssues(12)),
          outcome: { status: "complete", loaded: 12 },
        }),
      );
    }

    it("offers the chosen report's views, starting on its first, and stores the one chosen", async () => {
      const r = report({ name: "Views", views: VIEWS });
      const services = makeServices({ api: new FakeApi([r]), page: "gadget", context: onDashboard });
      renderUi(<GadgetPage initialReportId={null} />, services);
      fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
      const views = (await screen.findByLabelText("View to show")) as HTMLSelectElement;
      expect([...views.options].map((o) => o.textContent)).toEqual(["Table", "Issues by status", "Status by assignee"]);
      expect(views.value).toBe("table");
      fireEvent.change(views, { target: { value: "by-status" } });
      fireEvent.click(screen.getByRole("button", { name: "Show" }));
      expect(await screen.findByRole("heading", { name: "Views" })).toBeTruthy();
      expect(await services.host.getGadgetReport(onDashboard.dashboardItem)).toEqual({ reportId: r.id, viewId: "by-status" });
      expect(screen.getByTestId("gadget-view-name").textContent).toBe("Issues by status");
    });

    it("offers no view choice for a report with one view, and stores none", async () => {
      const r = report({ name: "One view" });
      const services = makeServices({ api: new FakeApi([r]), page: "gadget", context: onDashboard });
      renderUi(<GadgetPage initialReportId={null} />, services);
      fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
      await waitFor(() => expect(services.api.callsTo("getReport")).toHaveLength(1));
      expect(screen.queryByLabelText("View to show")).toBeNull();
      fireEvent.click(screen.getByRole("button", { name: "Show" }));
      expect(await screen.findByRole("heading", { name: "One view" })).toBeTruthy();
      expect(await services.host.getGadgetReport(onDashboard.dashboardItem)).toEqual({ reportId: r.id, viewId: null });
      expect(screen.queryByTestId("gadget-view-name")).toBeNull();
    });

    it.each([
      ["a table view: the report in brief", "table", "gadget-summary"],
      ["a chart view: the chart", "by-status", "chart"],
      ["a pivot view: the pivot", "status-by-assignee", "pivot-table"],
      ["no stored view: the first", null, "gadget-summary"],
      ["a view deleted since: the first", "deleted-view", "gadget-summary"],
    ])("shows %s", async (_case, viewId, shown) => {
      const { r, services } = stored(viewId);
      await showResult(services, r);
      expect(screen.getByTestId(shown)).toBeTruthy();
      for (const other of ["gadget-summary", "chart", "pivot-table"].filter((id) => id !== shown)) {
        expect(screen.queryByTestId(other)).toBeNull();
      }
    });

    it("draws the chart at the gadget's fixed chart height", async () => {
      const { r, services } = stored("by-status");
      await showResult(services, r);
      await waitFor(() => expect(screen.getByTestId("chart").dataset.ready).toBe("true"));
      expect(screen.getByTestId("gadget-chart").className).toBe("rb-gadget__chart");
    });

    it.each([
      ["a chart mark (Enter on the current mark)", "by-status"],
      ["a pivot cell", "status-by-assignee"],
    ])("opens the full report from %s, as a gadget cannot narrow its view", async (_case, viewId) => {
      const open: string[] = [];
      const { r, services } = stored(viewId, { open });
      await showResult(services, r);
      if (viewId === "by-status") {
        const chart = screen.getByTestId("chart");
        await waitFor(() => expect(chart.dataset.ready).toBe("true"));
        fireEvent.keyDown(chart, { key: "ArrowRight" });
        fireEvent.keyDown(chart, { key: "Enter" });
      } else {
        fireEvent.click(screen.getAllByTestId("pivot-cell")[0]!);
      }
      expect(open).toEqual([r.id]);
    });

    it("reopens the picker on the stored view", async () => {
      const { r, services } = stored("status-by-assignee");
      renderUi(<GadgetPage initialReportId={null} />, services);
      await screen.findByRole("heading", { name: r.name });
      fireEvent.click(screen.getByRole("button", { name: "Change" }));
      const views = (await screen.findByLabelText("View to show")) as HTMLSelectElement;
      expect(views.value).toBe("status-by-assignee");
    });
  });
});
