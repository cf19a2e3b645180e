// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/api/client";
import { JiraApiError } from "../../src/jira/errors";
import { LoadStopped } from "../../src/jira/requests";
import { installFakeJira } from "../support/fakeJira";
import { createReportSession } from "../../src/session/reportSession";
import { ReportViewer } from "../../src/ui/viewer/ReportViewer";
import { apiCostText } from "../../src/ui/viewer/statusText";
import { buildResult, FIELDS, HOSTILE_SUMMARIES, makeIssues, report } from "./fixtures";
import { FakeApi, flush, makeServices, renderUi, type TestServices } from "./helpers";

async function openViewer(r = report(), services: TestServices = makeServices({ api: new FakeApi([r]) })) {
  const view = renderUi(<ReportViewer reportId={r.id} onBack={() => undefined} />, services);
  await screen.findByRole("heading", { name: r.name });
  const session = services.sessions[0]!;
  return { view, session, services, r };
}

/** Shows a finished run of `r` over `count` issues. */
async function showResult(count = 30, r = report()) {
  const opened = await openViewer(r);
  const result = buildResult(r, makeIssues(count));
  act(() =>
    opened.session.emit({
      status: "complete",
      result,
      progress: { phase: "done", loaded: count, approximateTotal: count, retries: 0 },
      outcome: { status: "complete", loaded: count },
    }),
  );
  return { ...opened, result };
}

/** Chooses one of the toolbar's secondary actions from its "…" menu. */
function chooseAction(testId: string) {
  fireEvent.click(screen.getByTestId("more-actions"));
  fireEvent.click(screen.getByTestId(testId));
}

const groupRow = (label: string) => document.querySelector<HTMLElement>(`[data-testid="row-group"][data-group-key="${label}"]`)!;

describe("ReportViewer", () => {
  it("runs the stored report through its session", async () => {
    const { session, r } = await openViewer();
    expect(session.runs).toEqual([r]);
    expect(screen.getByTestId("progress").textContent).toContain("Loading…");
  });

  it("shows group rows with key, issue count and aggregates, and a grand total", async () => {
    await showResult(30);
    const table = screen.getByTestId("report-table");
    expect(table.getAttribute("role")).toBe("treegrid");
    const groups = screen.getAllByTestId("row-group");
    expect(groups.map((g) => g.dataset.groupKey)).toEqual(["To Do", "In Progress", "Done"]);
    const todo = groupRow("To Do");
    expect(todo.dataset.depth).toBe("1");
    expect(todo.getAttribute("aria-level")).toBe("1");
    expect(todo.getAttribute("aria-expanded")).toBe("true");
    expect(todo.textContent).toContain("10 issues");
    // Issues 1, 4, 7, … are To Do; points are (i % 8) + 1 over their 0-based index i.
    const expectedPoints = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27].reduce((sum, i) => sum + (i % 8) + 1, 0);
    expect(todo.querySelector('[data-column="customfield_10016"]')!.textContent).toBe(String(expectedPoints));
    expect(todo.querySelector('[data-column="status"]')!.textContent).toBe("10");
    // The total row lies beyond the first window: collapse to bring it in.
    chooseAction("collapse-all");
    const total = screen.getByTestId("row-total");
    expect(total.textContent).toContain("30 issues");
    const allPoints = Array.from({ length: 30 }, (_, i) => (i % 8) + 1).reduce((a, b) => a + b, 0);
    expect(total.querySelector('[data-column="customfield_10016"]')!.textContent).toBe(String(allPoints));
  });

  it("expands and collapses one group by its toggle (click and arrow keys)", async () => {
    await showResult(30);
    const toggle = within(groupRow("To Do")).getByRole("button", { name: "Collapse To Do" });
    fireEvent.click(toggle);
    expect(groupRow("To Do").getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByText("Issue 4")).toBeNull();
    expect(groupRow("In Progress").getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(within(groupRow("To Do")).getByRole("button", { name: "Expand To Do" }), { key: "ArrowRight" });
    expect(groupRow("To Do").getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByText("Issue 4")).toBeTruthy();
    fireEvent.keyDown(within(groupRow("To Do")).getByRole("button", { name: "Collapse To Do" }), { key: "ArrowLeft" });
    expect(groupRow("To Do").getAttribute("aria-expanded")).toBe("false");
  });

  it("collapses and expands all groups", async () => {
    await showResult(30);
    chooseAction("collapse-all");
    expect(screen.queryAllByTestId("row-issue")).toHaveLength(0);
    expect(screen.getAllByTestId("row-group").every((g) => g.getAttribute("aria-expanded") === "false")).toBe(true);
    expect(screen.getByTestId("report-table").getAttribute("aria-rowcount")).toBe(String(3 + 1 + 1));
    chooseAction("expand-all");
    expect(screen.getAllByTestId("row-issue").length).toBeGreaterThan(0);
    expect(screen.getByTestId("report-table").getAttribute("aria-rowcount")).toBe(String(3 + 30 + 1 + 1));
  });

  it("renders only a window of rows for 10,000 issues and follows scrolling", async () => {
    const flat = report({ grouping_rules: [] });
    await showResult(10_000, flat);
    const table = screen.getByTestId("report-table");
    expect(table.getAttribute("aria-rowcount")).toBe(String(10_000 + 1 + 1));
    const rendered = screen.getAllByTestId("row-issue");
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(80);
    expect(document.querySelectorAll("[role=row]").length).toBeLessThan(82);
    // The body keeps the full height so the scrollbar is true to the report's size; the total is pinned below it.
    const body = table.querySelector<HTMLElement>(".rb-table__body")!;
    expect(body.style.height).toBe(`${10_000 * 32}px`);
    expect(table.querySelector(".rb-table__foot [data-testid='row-total']")).not.toBeNull();

    const scroller = screen.getByTestId("report-scroller");
    scroller.scrollTop = 5000 * 32;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(document.querySelector('[data-issue-key="EX-5001"]')).not.toBeNull());
    expect(document.querySelector('[data-issue-key="EX-1"]')).toBeNull();
    expect(screen.getAllByTestId("row-issue").length).toBeLessThan(80);
  });

  it("renders hostile summaries as text, creating no elements", async () => {
    (window as { __pwned?: boolean }).__pwned = false;
    await showResult(30, report({ grouping_rules: [] }));
    const table = screen.getByTestId("report-table");
    expect(table.querySelector("script")).toBeNull();
    expect(table.querySelector("img")).toBeNull();
    for (const summary of HOSTILE_SUMMARIES) expect(screen.getByText(summary)).toBeTruthy();
    expect((window as { __pwned?: boolean }).__pwned).toBe(false);
  });

  it("shows statuses as lozenges by category, users by name without remote avatars, keys as links", async () => {
    const { services } = await showResult(30, report({ grouping_rules: [] }));
    const row = document.querySelector<HTMLElement>('[data-issue-key="EX-2"]')!;
    const lozenge = row.querySelector('[data-column="status"] .rb-lozenge')!;
    expect(lozenge.textContent).toBe("In Progress");
    expect(lozenge.className).toContain("rb-lozenge--indeterminate");
    expect(document.querySelector('[data-issue-key="EX-3"] [data-column="status"] .rb-lozenge')!.className).toContain("rb-lozenge--done");
    expect(row.querySelector('[data-column="assignee"]')!.textContent).toBe("User 1");
    expect(row.querySelector("img")).toBeNull();
    fireEvent.click(within(row).getByRole("link", { name: "EX-2" }));
    expect(services.host.openedIssues).toEqual(["EX-2"]);
  });

  it.each([
    [{ phase: "fields", loaded: 200, approximateTotal: 1000, retries: 0 }, "Loading… 200 of about 1,000 issues"],
    [{ phase: "ids", loaded: 0, approximateTotal: null, retries: 0 }, "Loading…"],
    [
      { phase: "fields", loaded: 300, approximateTotal: 1000, retries: 2, waitingForRateLimitMs: 4200 },
      "Jira is rate limiting; waiting 5s",
    ],
  ] as const)("shows the progress line %#", async (progress, text) => {
    const { session } = await openViewer();
    act(() => session.emit({ status: "loading", progress }));
    expect(screen.getByTestId("progress").textContent).toContain(text);
    expect(screen.queryByTestId("completeness")).toBeNull();
  });

  it("says when every issue loaded", async () => {
    await showResult(30);
    expect(screen.getByTestId("completeness").textContent).toBe("All 30 issues loaded");
    expect(screen.queryByTestId("progress")).toBeNull();
  });

  it("says when and why loading stopped", async () => {
    const { session } = await openViewer();
    const reason = "Jira kept limiting the request rate (HTTP 429) after 8 retries; the report is incomplete. Try again later.";
    act(() =>
      session.emit({
        status: "stopped",
        progress: { phase: "stopped", loaded: 200, approximateTotal: 1000, retries: 8 },
        outcome: { status: "stopped", loaded: 200, reason, code: "rate_limited" },
        error: new LoadStopped("rate_limited", reason),
      }),
    );
    expect(screen.getByTestId("completeness").textContent).toBe(`Stopped after 200 of about 1,000 issues: ${reason}`);
    const banner = screen.getByTestId("error-banner");
    expect(banner.dataset.kind).toBe("rate_limited");
    expect(banner.textContent).toContain("Jira is rate limiting");
  });

  it.each([
    [
      "jql",
      "bad_request",
      new JiraApiError(
        400,
        ["Error in the JQL Query: Expecting operator but got 'query'. (line 1, character 9)"],
        {},
        "/rest/api/3/search/jql",
      ),
      "Error in the JQL Query: Expecting operator but got 'query'. (line 1, character 9)",
    ],
    ["permission", "permission", new JiraApiError(403, [], {}, "/rest/api/3/search/jql"), "You do not have permission"],
    ["network", "network", undefined, "Jira failed"],
  ] as const)("shows a %s error banner from a stopped run", async (kind, code, error, text) => {
    const { session } = await openViewer();
    const reason =
      code === "permission"
        ? "You do not have permission to read these issues in Jira."
        : "Jira failed (no answer) 5 times in a row; the report is incomplete.";
    act(() =>
      session.emit({
        status: "stopped",
        outcome: { status: "stopped", loaded: 0, reason, code, ...(error ? { error } : {}) },
        error: error ?? new Error(reason),
      }),
    );
    const banner = screen.getByTestId("error-banner");
    expect(banner.dataset.kind).toBe(kind);
    expect(banner.textContent).toContain(text);
  });

  it("shows only the error when the JQL fails before any issue loads", async () => {
    const { session, r } = await openViewer();
    const error = new JiraApiError(
      400,
      ["Field 'universe' does not exist or you do not have permission to view it."],
      {},
      "/rest/api/3/search/approximate-count",
    );
    act(() =>
      session.emit({
        status: "stopped",
        result: buildResult(r, []),
        outcome: { status: "stopped", loaded: 0, reason: "Jira rejected the report's query.", code: "bad_request", error },
        error,
      }),
    );
    expect(screen.getByTestId("error-banner").textContent).toContain(
      "Field 'universe' does not exist or you do not have permission to view it.",
    );
    expect(screen.getByTestId("completeness").textContent).toBe("Stopped after 0 issues: Jira rejected the report's query.");
    expect(screen.queryByTestId("report-table")).toBeNull();
    expect(screen.queryByText("No issues match this report.")).toBeNull();
  });

  it("says so when no issue matches, with no empty table frame", async () => {
    const { session, r } = await openViewer();
    act(() => session.emit({ status: "complete", result: buildResult(r, []), outcome: { status: "complete", loaded: 0 } }));
    const notice = screen.getByTestId("viewer-notice");
    expect(notice.dataset.state).toBe("no_issues");
    expect(notice.textContent).toContain("No issues match this report's JQL");
    expect(screen.getByTestId("completeness").textContent).toBe("All 0 issues loaded");
    expect(screen.queryByTestId("report-table")).toBeNull();
  });

  it("shows no error banner when a run is cancelled", async () => {
    const { session } = await openViewer();
    act(() =>
      session.emit({ status: "stopped", outcome: { status: "stopped", loaded: 0, reason: "Loading was cancelled.", code: "aborted" } }),
    );
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it.each([
    ["not_found", new ApiError(404, "report_not_found", "report not found"), "deleted or doesn't exist"],
    ["permission", new ApiError(403, "report_forbidden", "you cannot view this report"), "don't have permission"],
    [
      "group_check",
      new ApiError(503, "group_check_unavailable", "Jira could not confirm group membership"),
      "could not confirm your group membership",
    ],
  ] as const)("explains a report that cannot be loaded: %s", async (kind, error, text) => {
    const r = report();
    const api = new FakeApi([r]).fail("getReport", error);
    const services = makeServices({ api });
    renderUi(<ReportViewer reportId={r.id} />, services);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.dataset.kind).toBe(kind);
    expect(banner.textContent).toContain(text);
    expect(services.sessions[0]!.runs).toHaveLength(0);
  });

  it("exports every row to CSV and XLSX through the exporters, even with groups collapsed", async () => {
    const { services } = await showResult(30);
    chooseAction("collapse-all");
    fireEvent.click(screen.getByTestId("export-menu"));
    fireEvent.click(screen.getByTestId("export-csv-shown"));
    await waitFor(() => expect(services.exports.downloads).toHaveLength(1));
    fireEvent.click(screen.getByTestId("export-menu"));
    fireEvent.click(screen.getByTestId("export-xlsx-raw"));
    await waitFor(() => expect(services.exports.downloads).toHaveLength(2));
    expect(services.exports.downloads.map((d) => [d.filename, d.mime])).toEqual([
      ["Open work by status.csv", "text/csv;charset=utf-8"],
      ["Open work by status.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ]);
    // 3 status groups, 30 issues and the grand total, although the table shows only the groups.
    expect(services.exports.exportedRows.map((rows) => rows.length)).toEqual([34, 34]);
  });

  it("renders every row expanded for printing", async () => {
    await showResult(30);
    chooseAction("collapse-all");
    act(() => {
      window.dispatchEvent(new Event("beforeprint"));
    });
    const printTable = screen.getByTestId("print-table");
    expect(printTable.querySelectorAll("tbody tr")).toHaveLength(3 + 30 + 1);
    act(() => {
      window.dispatchEvent(new Event("afterprint"));
    });
    expect(screen.queryByTestId("print-table")).toBeNull();
  });

  it("disposes the session (and its issue data) when the viewer closes", async () => {
    const { view, session } = await showResult(30);
    view.unmount();
    expect(session.disposed).toBe(true);
  });

  it("loads a report end to end through the real session and a fake Jira", async () => {
    const r = report();
    const services = makeServices({ api: new FakeApi([r]) });
    installFakeJira(services.host, { issues: makeIssues(40), fields: FIELDS, fieldPageCap: 10 });
    const live = { ...services, createSession: () => createReportSession({ host: services.host, recomputeIntervalMs: 0 }) };
    renderUi(<ReportViewer reportId={r.id} />, live);
    await waitFor(() => expect(screen.getByTestId("completeness").textContent).toBe("All 40 issues loaded"), { timeout: 3000 });
    await flush();
    expect(screen.getAllByTestId("row-group").map((g) => g.dataset.groupKey)).toEqual(["To Do", "In Progress", "Done"]);
  });
});

describe("ReportTable interactions", () => {
  const header = (field: string) => document.querySelector<HTMLElement>(`[role="columnheader"][data-column="${field}"]`)!;
  const issueKeys = () => screen.getAllByTestId("row-issue").map((row) => row.dataset.issueKey);

  it("labels each aggregate in its column header", async () => {
    await showResult(30);
    expect(header("customfield_10016").querySelector("[data-tag]")!.getAttribute("data-tag")).toBe("Σ");
    expect(header("status").querySelector("[data-tag]")!.getAttribute("data-tag")).toBe("count");
    expect(header("summary").querySelector("[data-tag]")).toBeNull();
    expect(within(header("customfield_10016")).getByRole("button").getAttribute("aria-label")).toBe("Points, sum");
  });

  it("sorts this view by a header click: ascending, descending, then the report's order", async () => {
    await showResult(12, report({ grouping_rules: [] }));
    const before = issueKeys();
    const button = within(header("customfield_10016")).getByRole("button");
    fireEvent.click(button);
    expect(header("customfield_10016").getAttribute("aria-sort")).toBe("ascending");
    // Points are (i % 8) + 1: EX-1 and EX-9 have 1 point, EX-8 has 8.
    expect(issueKeys().slice(0, 2)).toEqual(["EX-1", "EX-9"]);
    fireEvent.click(button);
    expect(header("customfield_10016").getAttribute("aria-sort")).toBe("descending");
    expect(issueKeys()[0]).toBe("EX-8");
    fireEvent.click(button);
    expect(header("customfield_10016").getAttribute("aria-sort")).toBe("none");
    expect(issueKeys()).toEqual(before);
  });

  it("resizes a column with the keyboard and saves the widths into the definition", async () => {
    const { services, r } = await showResult(30);
    const handle = screen.getByRole("separator", { name: "Resize Points" });
    fireEvent.keyDown(handle, { key: "ArrowRight", shiftKey: true });
    expect(handle.getAttribute("aria-valuenow")).toBe("170");
    fireEvent.click(screen.getByRole("button", { name: "Save column widths" }));
    await waitFor(() => expect(screen.getByTestId("save-widths-status").textContent).toBe("Column widths saved."));
    const [id, body, version] = services.api.callsTo("updateReport")[0]! as [string, { columns: { width: number | null }[] }, number];
    expect([id, version]).toEqual([r.id, 1]);
    expect(body.columns.map((c) => c.width)).toEqual([null, null, null, null, 170]);
    expect(body).not.toHaveProperty("id");
    // A second change saves from the version the first save produced.
    fireEvent.keyDown(handle, { key: "ArrowLeft" });
    fireEvent.click(screen.getByRole("button", { name: "Save column widths" }));
    await waitFor(() => expect(services.api.callsTo("updateReport")).toHaveLength(2));
    expect(services.api.callsTo("updateReport")[1]![2]).toBe(2);
  });

  it("lets a viewer who cannot edit resize, but not save", async () => {
    await showResult(30, report({ permissions: { can_edit: false } }));
    fireEvent.keyDown(screen.getByRole("separator", { name: "Resize Points" }), { key: "ArrowRight" });
    expect(screen.queryByRole("button", { name: "Save column widths" })).toBeNull();
  });

  it("finds an issue, counts the matches and marks the current one", async () => {
    await showResult(30);
    chooseAction("collapse-all");
    fireEvent.change(screen.getByRole("searchbox", { name: "Find in this report" }), { target: { value: "EX-3" } });
    // EX-3 and EX-30; the collapsed group of the first opens to show it.
    await waitFor(() => expect(screen.getByTestId("search-count").textContent).toBe("1 of 2"));
    await waitFor(() => expect(document.querySelector('[data-issue-key="EX-3"]')?.className).toContain("rb-row--current-match"));
    fireEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(screen.getByTestId("search-count").textContent).toBe("2 of 2");
  });

  it("moves focus between rows with the arrow keys (one tab stop)", async () => {
    await showResult(30);
    const first = groupRow("To Do");
    expect(first.tabIndex).toBe(0);
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowDown" });
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-rowindex")).toBe("3"));
    fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    await waitFor(() => expect(document.activeElement).toBe(groupRow("To Do")));
    expect(document.querySelectorAll('[role="row"][tabindex="0"]')).toHaveLength(1);
  });
});

describe("apiCostText", () => {
  it.each([
    [null, null],
    [49_999, null],
    [50_000, "This report reads about 50,000 issues from Jira (about 510 requests)"],
    [200_000, "This report reads about 200,000 issues from Jira (about 2,040 requests)"],
  ])("warns about the API cost of %s issues only for very large reports", (total, expected) => {
    const text = apiCostText(total);
    if (expected === null) expect(text).toBeNull();
    else expect(text).toContain(expected);
  });
});

describe("ReportViewer page states (issue 12: items 10, 16, 13, Look)", () => {
  it("puts focus on the report's heading when it opens", async () => {
    await openViewer();
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 }));
  });

  it("says how many issues the report's filters hide", async () => {
    const r = report({
      filtering_rules: [{ field: "summary", operator: "contains", operands: ["Issue 1"], case_sensitive: false, or_group: false }],
    });
    const { session } = await openViewer(r);
    const issues = makeIssues(30);
    const result = buildResult(r, issues);
    act(() => session.emit({ status: "complete", result, outcome: { status: "complete", loaded: 30 } }));
    const hidden = 30 - result.matchedIssueCount;
    expect(hidden).toBeGreaterThan(0);
    expect(screen.getByTestId("completeness").textContent).toBe(`All 30 issues loaded. ${hidden} issues hidden by the report's filter`);
  });

  it("offers Edit JQL to editors of an empty report, and opens the editor", async () => {
    const r = report();
    const edited: string[] = [];
    const services = makeServices({ api: new FakeApi([r]) });
    renderUi(<ReportViewer reportId={r.id} onEdit={(x) => edited.push(x.id)} />, services);
    await screen.findByRole("heading", { name: r.name });
    act(() => services.sessions[0]!.emit({ status: "complete", result: buildResult(r, []), outcome: { status: "complete", loaded: 0 } }));
    fireEvent.click(screen.getByRole("button", { name: "Edit JQL" }));
    expect(edited).toEqual([r.id]);
  });

  it("names the administrators to ask for people who can't edit", async () => {
    const r = report({ permissions: { can_edit: false } });
    const { session } = await openViewer(r);
    act(() => session.emit({ status: "complete", result: buildResult(r, []), outcome: { status: "complete", loaded: 0 } }));
    expect(screen.queryByRole("button", { name: "Edit JQL" })).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId("ask-admin").textContent).toBe("Ask the report's administrator, Alice Admin, to change its JQL."),
    );
  });

  it("runs the report again from Retry", async () => {
    const { session } = await openViewer();
    act(() =>
      session.emit({
        status: "stopped",
        outcome: { status: "stopped", loaded: 0, reason: "no answer", code: "network" },
        error: new Error("no answer"),
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(session.runs).toHaveLength(2);
  });

  it("has one primary action: Edit for editors, Refresh for everyone else", async () => {
    const r = report({ permissions: { can_edit: false } });
    await openViewer(r);
    const toolbar = screen.getByRole("toolbar", { name: "Report actions" });
    expect([...toolbar.querySelectorAll(".rb-button--primary")].map((b) => b.textContent)).toEqual(["Refresh"]);
  });
});
