// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/api/client";
import { ReportsApp } from "../../src/ui/app/ReportsApp";
import { importedMark } from "../../src/ui/list/ImportedMark";
import { importSource } from "../../src/ui/list/ImportDialog";
import { ReportList } from "../../src/ui/list/ReportList";
import { TrashView } from "../../src/ui/list/TrashView";
import { ReportRows } from "../../src/ui/list/ReportRows";
import { OTHER, report, summaryOf } from "./fixtures";
import { FakeApi, flush, makeServices, renderUi } from "./helpers";

const noop = () => undefined;

function renderList(
  reports = [
    report({ name: "Open work by status" }),
    report({
      name: "Bugs by assignee",
      created_by: OTHER,
      people: { access: "open", administrators: [OTHER], viewer_users: [], viewer_groups: [] },
    }),
  ],
) {
  const api = new FakeApi(reports);
  const services = makeServices({ api });
  const handlers = { opened: [] as string[], edited: [] as string[], created: 0, trash: 0 };
  renderUi(
    <ReportList
      onOpen={(id) => handlers.opened.push(id)}
      onEdit={(id) => handlers.edited.push(id)}
      onCreate={() => handlers.created++}
      onShowTrash={() => handlers.trash++}
    />,
    services,
  );
  return { api, services, handlers, reports };
}

const rowOf = (name: string) => screen.getByRole("button", { name }).closest("tr") as HTMLElement;

describe("ReportList", () => {
  it("lists reports with owner, access and last update", async () => {
    const { reports } = renderList();
    await screen.findByText("Alice Admin");
    const rows = screen.getAllByTestId("report-list-row");
    expect(rows).toHaveLength(2);
    const first = rowOf("Open work by status");
    expect(first.textContent).toContain("Alice Admin");
    expect(first.textContent).toContain("Private");
    expect(first.getAttribute("data-report-id")).toBe(reports[0]!.id);
    const second = rowOf("Bugs by assignee");
    expect(second.textContent).toContain("Olga Other");
    expect(second.textContent).toContain("Open");
    // Not an administrator of this one: no edit or delete.
    expect(within(second).queryByRole("button", { name: "Edit Bugs by assignee" })).toBeNull();
    expect(within(second).queryByRole("button", { name: "Delete Bugs by assignee" })).toBeNull();
    expect(within(first).getByRole("button", { name: "Edit Open work by status" })).toBeTruthy();
  });

  it("searches on the server as the user types", async () => {
    const { api } = renderList();
    await screen.findByText("Open work by status");
    fireEvent.change(screen.getByLabelText("Search reports"), { target: { value: "bugs" } });
    await waitFor(() => expect(screen.queryByText("Open work by status")).toBeNull());
    expect(screen.getByText("Bugs by assignee")).toBeTruthy();
    expect(api.callsTo("listReports").at(-1)).toEqual([{ search: "bugs", offset: 0, limit: 50 }]);
  });

  it("opens, edits and creates through its callbacks", async () => {
    const { handlers, reports } = renderList();
    fireEvent.click(await screen.findByRole("button", { name: "Open work by status" }));
    fireEvent.click(screen.getByRole("button", { name: "Edit Open work by status" }));
    fireEvent.click(screen.getByRole("button", { name: "Create report" }));
    expect(handlers.opened).toEqual([reports[0]!.id]);
    expect(handlers.edited).toEqual([reports[0]!.id]);
    expect(handlers.created).toBe(1);
  });

  it("moves a report to the trash after confirmation, and restores it from the trash", async () => {
    const r = report({ name: "Quarterly", id: "00000000-0000-4000-8000-00000000aaaa" });
    const api = new FakeApi([r]);
    const services = makeServices({ api });
    renderUi(<ReportsApp initialReportId={null} />, services);
    fireEvent.click(await screen.findByRole("button", { name: "Delete Quarterly" }));
    const dialog = screen.getByRole("dialog", { name: "Move report to trash?" });
    // Esc cancels without deleting.
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.callsTo("deleteReport")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Delete Quarterly" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Move to trash" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Quarterly" })).toBeNull());
    expect(api.callsTo("deleteReport")).toEqual([[r.id]]);
    expect(screen.getByTestId("list-empty")).toBeTruthy();
    expect(services.host.flags.at(-1)?.title).toBe("Moved to trash");

    fireEvent.click(screen.getByRole("button", { name: "Trash" }));
    const trashRow = await screen.findByTestId("trash-row");
    expect(trashRow.textContent).toContain("Quarterly");
    fireEvent.click(within(trashRow).getByRole("button", { name: "Restore Quarterly" }));
    await waitFor(() => expect(screen.getByText("The trash is empty.")).toBeTruthy());
    expect(api.callsTo("restoreReport")).toEqual([[r.id]]);

    fireEvent.click(screen.getByRole("button", { name: "← Reports" }));
    expect(await screen.findByRole("button", { name: "Quarterly" })).toBeTruthy();
  });

  it("duplicates a report", async () => {
    const { api } = renderList();
    fireEvent.click(await screen.findByRole("button", { name: "Duplicate Open work by status" }));
    expect(await screen.findByRole("button", { name: "Copy of Open work by status" })).toBeTruthy();
    expect(api.callsTo("duplicateReport")).toHaveLength(1);
  });

  it("exports one definition as a JSON download", async () => {
    const { services, reports } = renderList();
    fireEvent.click(await screen.findByRole("button", { name: "Export Open work by status" }));
    await waitFor(() => expect(services.exports.downloads).toHaveLength(1));
    const download = services.exports.downloads[0]!;
    expect(download.filename).toBe("Open-work-by-status.rollbook.json");
    expect(download.mime).toBe("application/json");
    const file = JSON.parse(download.data as string);
    expect(file.format).toBe("rollbook.report-export");
    expect(file.reports[0].id).toBe(reports[0]!.id);
  });

  it("imports definitions from a chosen file with the chosen options", async () => {
    const { api } = renderList([]);
    await screen.findByTestId("list-empty");
    const exported = {
      format: "rollbook.report-export",
      format_version: 1,
      exported_at: "2024-07-01T00:00:00Z",
      reports: [{ ...report({ name: "Imported one" }) }],
    };
    const file = new File([JSON.stringify(exported)], "reports.json", { type: "application/json" });
    fireEvent.change(screen.getByTestId("import-file"), { target: { files: [file] } });
    const dialog = await screen.findByRole("dialog", { name: "Import reports" });
    fireEvent.click(within(dialog).getByLabelText(/Make me the only administrator/));
    fireEvent.click(within(dialog).getByRole("button", { name: "Import 1 report" }));
    expect(await screen.findByRole("button", { name: "Imported one" })).toBeTruthy();
    const [sent, options] = api.callsTo("importReports")[0]!;
    expect((sent as { reports: unknown[] }).reports).toHaveLength(1);
    expect(options).toEqual({ keep_ids: false, people: "importer_only", source: "reports.json" });
  });

  it("marks an imported report with a lozenge, the date and where it came from", () => {
    const made = summaryOf(report({ name: "Twin" }));
    const copy = { ...summaryOf(report({ name: "Twin" })), imported_at: "2026-12-05T10:00:00Z", imported_from: "twin.json" };
    const actions = { onOpen: noop, onEdit: noop, onDuplicate: noop, onExport: noop, onDelete: noop };
    renderUi(
      <ReportRows reports={[made, copy]} names={new Map()} accountId={null} timeZone="UTC" actions={actions} busyId={null} />,
      makeServices(),
    );
    const [first, second] = screen.getAllByTestId("report-list-row");
    expect(within(first!).queryByTestId("imported-mark")).toBeNull();
    const mark = within(second!).getByTestId("imported-mark");
    expect(mark.textContent).toMatch(/^Imported on .*2026/);
    expect(mark.getAttribute("title")).toMatch(/^Imported .*2026.* from twin\.json$/);
  });

  it("lists only the project's reports on a project page", async () => {
    const api = new FakeApi([report({ name: "Roll report", projects: ["ROLL"] }), report({ name: "Web report", projects: ["WEB"] })]);
    renderUi(
      <ReportList onOpen={noop} onEdit={noop} onCreate={noop} onShowTrash={noop} />,
      makeServices({ api, page: "project", projectKey: "ROLL" }),
    );
    expect(await screen.findByRole("button", { name: "Roll report" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Web report" })).toBeNull();
    expect(api.callsTo("listReports")[0]).toEqual([{ search: "", offset: 0, limit: 50, project: "ROLL" }]);
    expect(screen.getByTestId("project-scope").textContent).toContain("ROLL");
  });

  it("deletes a report in the trash forever after confirmation, and says how long the trash keeps reports", async () => {
    const r = report({ name: "Old", deleted_at: "2024-07-01T09:00:00Z" });
    const api = new FakeApi([r]);
    renderUi(<TrashView onBack={noop} />, makeServices({ api }));
    const row = await screen.findByTestId("trash-row");
    expect(screen.getByTestId("trash-retention").textContent).toContain("kept until someone restores them or deletes them forever");
    fireEvent.click(within(row).getByRole("button", { name: "Delete forever Old" }));
    const dialog = screen.getByRole("dialog", { name: "Delete report forever?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(api.callsTo("deleteReportForever")).toHaveLength(0);
    fireEvent.click(within(row).getByRole("button", { name: "Delete forever Old" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete forever" }));
    await waitFor(() => expect(screen.getByText("The trash is empty.")).toBeTruthy());
    expect(api.callsTo("deleteReportForever")).toEqual([[r.id]]);
  });

  it("rejects a file that is not a Rollbook export", async () => {
    const { api } = renderList([]);
    await screen.findByTestId("list-empty");
    const file = new File(['{"hello": "world"}'], "other.json", { type: "application/json" });
    fireEvent.change(screen.getByTestId("import-file"), { target: { files: [file] } });
    expect((await screen.findByTestId("error-banner")).textContent).toContain("not a Rollbook report export");
    expect(api.callsTo("importReports")).toHaveLength(0);
  });

  it("shows the server's message in a banner", async () => {
    const api = new FakeApi([report()]).fail(
      "listReports",
      new ApiError(503, "group_check_unavailable", "Jira could not confirm group membership"),
    );
    renderUi(<ReportList onOpen={noop} onEdit={noop} onCreate={noop} onShowTrash={noop} />, makeServices({ api }));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Jira could not confirm group membership");
  });

  it("shows an empty state with a create button", async () => {
    const { handlers } = renderList([]);
    const empty = await screen.findByTestId("list-empty");
    fireEvent.click(within(empty).getByRole("button", { name: "Create report" }));
    expect(handlers.created).toBe(1);
  });

  it("pages through more than 50 reports", async () => {
    const many = Array.from({ length: 60 }, (_, i) => report({ name: `Report ${String(i).padStart(2, "0")}` }));
    const { api } = renderList(many);
    await screen.findByText("1–50 of 60");
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByText("51–60 of 60");
    expect(api.callsTo("listReports").at(-1)).toEqual([{ search: "", offset: 50, limit: 50 }]);
    await act(flush);
  });
});

describe("ReportsApp navigation", () => {
  it("opens the viewer from the URL's report id", async () => {
    const r = report({ name: "Linked report" });
    const services = makeServices({ api: new FakeApi([r]) });
    renderUi(<ReportsApp initialReportId={r.id} />, services);
    expect(await screen.findByRole("heading", { name: "Linked report" })).toBeTruthy();
    expect(services.sessions).toHaveLength(1);
  });

  it("goes from the list to the viewer and back", async () => {
    const r = report({ name: "Round trip" });
    const services = makeServices({ api: new FakeApi([r]) });
    renderUi(<ReportsApp initialReportId={null} />, services);
    fireEvent.click(await screen.findByRole("button", { name: "Round trip" }));
    expect(await screen.findByRole("heading", { name: "Round trip" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "← Reports" }));
    expect(await screen.findByRole("heading", { name: "Reports" })).toBeTruthy();
    expect(services.sessions[0]!.disposed).toBe(true);
  });
});

describe("importedMark", () => {
  it.each([
    ["not imported", { imported_at: null, imported_from: null }, null],
    [
      "imported from a file",
      { imported_at: "2026-12-05T23:30:00Z", imported_from: "team.rollbook.json" },
      { date: "Dec 6, 2026, 12:30 AM", sentence: "Imported Dec 6, 2026, 12:30 AM from team.rollbook.json" },
    ],
    [
      "imported without a source",
      { imported_at: "2026-12-05T23:30:00Z", imported_from: null },
      { date: "Dec 6, 2026, 12:30 AM", sentence: "Imported Dec 6, 2026, 12:30 AM" },
    ],
  ])("%s", (_case, summary, expected) => {
    expect(importedMark(summary, "Europe/Berlin", "en-US")).toEqual(expected);
  });
});

describe("importSource", () => {
  it.each([
    ["a plain name", "reports.json", "reports.json"],
    ["control characters removed", "re\u0007ports\n.json", "reports.json"],
    ["cut to 255 characters", "x".repeat(300), "x".repeat(255)],
  ])("%s", (_case, name, expected) => {
    expect(importSource(name)).toBe(expected);
  });
});
