// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/api/client";
import type { ReportPublic } from "../../src/api/resources.gen";
import ReportEditor from "../../src/ui/editor/ReportEditor";
import { makeIssues, ME, OTHER, report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

async function openEditor(options: { r?: ReportPublic | null; projectKey?: string } = {}) {
  const r = options.r === undefined ? report({ name: "Sprint burn" }) : options.r;
  const api = new FakeApi(r ? [r] : []);
  const services = makeServices({ api, ...(options.projectKey ? { projectKey: options.projectKey } : {}) });
  const events = { saved: [] as ReportPublic[], cancelled: 0 };
  const view = renderUi(
    <ReportEditor reportId={r?.id ?? null} onSaved={(s) => events.saved.push(s)} onCancel={() => events.cancelled++} />,
    services,
  );
  await screen.findByTestId("report-editor");
  return { api, services, events, r, view };
}

const tab = (name: string) => screen.getByRole("tab", { name: new RegExp(`^${name}`) });

describe("ReportEditor", () => {
  it("creates a report; on the project page the JQL starts with the project", async () => {
    const { api, events } = await openEditor({ r: null, projectKey: "OPS" });
    expect((screen.getByLabelText("JQL (required)") as HTMLTextAreaElement).value).toBe("project = OPS");
    fireEvent.change(screen.getByLabelText("Name (required)"), { target: { value: "Ops backlog" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(events.saved).toHaveLength(1));
    const [body] = api.callsTo("createReport")[0]!;
    expect(body).toMatchObject({ name: "Ops backlog", jql: "project = OPS", people: { access: "private", administrators: [ME] } });
  });

  it("requires a name and a JQL before saving", async () => {
    const { api } = await openEditor({ r: null });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Give the report a name.")).toBeTruthy();
    expect(screen.getByText("Enter the JQL that selects the report's issues.")).toBeTruthy();
    expect(api.callsTo("createReport")).toHaveLength(0);
  });

  it("shows Jira's JQL message verbatim under the field", async () => {
    const { services } = await openEditor();
    const message =
      "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)";
    services.jira.jqlAnswer = (jql) => (jql === "invalid query" ? { valid: false, messages: [message] } : { valid: true });
    const jql = screen.getByLabelText("JQL (required)");
    fireEvent.change(jql, { target: { value: "invalid query" } });
    fireEvent.blur(jql);
    const error = await screen.findByTestId("jql-error");
    expect(error.textContent).toBe(message);
    expect(services.jira.checks).toContain("invalid query");
    expect(jql.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(jql, { target: { value: "project = EX" } });
    fireEvent.blur(jql);
    expect(await screen.findByText("Jira accepts this query.")).toBeTruthy();
    expect(screen.queryByTestId("jql-error")).toBeNull();
  });

  it("maps 422 details to the fields they name", async () => {
    const { api } = await openEditor();
    api.fail(
      "updateReport",
      new ApiError(422, "invalid_report", "invalid report", [
        { loc: ["body", "name"], msg: "String should have at most 255 characters", type: "string_too_long" },
        {
          loc: ["body", "columns", 3, "aggregation"],
          msg: "aggregation 'earliest' does not apply to duration field 'timespent'",
          type: "aggregation_type",
        },
        { loc: ["body", "people", "administrators"], msg: "List should have at least 1 item after validation", type: "too_short" },
      ]),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("String should have at most 255 characters")).toBeTruthy();
    expect(screen.getByLabelText("Name (required)").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("error-banner").textContent).toContain("Fix the marked fields");
    expect(within(tab("Columns")).getByLabelText("1 error")).toBeTruthy();
    expect(within(tab("People")).getByLabelText("1 error")).toBeTruthy();
    // The first pane with an error opens, and stays put once the user picks another.
    expect(tab("General").getAttribute("aria-selected")).toBe("true");

    fireEvent.click(tab("Columns"));
    const rows = screen.getAllByTestId("column-row");
    expect(within(rows[3]!).getByText("aggregation: aggregation 'earliest' does not apply to duration field 'timespent'")).toBeTruthy();
    expect(within(rows[0]!).queryByTestId("field-error")).toBeNull();

    fireEvent.click(tab("People"));
    expect(screen.getByText("List should have at least 1 item after validation")).toBeTruthy();
  });

  it("explains a conflicting save and reloads the other version on request", async () => {
    const { api, events } = await openEditor();
    const mine = [...api.reports.values()][0]!;
    // Someone else saves while this editor is open.
    api.reports.set(mine.id, { ...mine, name: "Their name", version: 2, updated_by: OTHER });
    fireEvent.change(screen.getByLabelText("Name (required)"), { target: { value: "My name" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const message = await screen.findByTestId("conflict-message");
    expect(message.textContent).toBe("Olga Other saved this report since you opened it.");
    expect(api.reports.get(mine.id)!.name).toBe("Their name");
    expect(events.saved).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Reload their version" }));
    expect((screen.getByLabelText("Name (required)") as HTMLInputElement).value).toBe("Their name");
    expect(screen.queryByTestId("unsaved-indicator")).toBeNull();
  });

  it("keeps editing after a conflict and overwrites only when asked", async () => {
    const { api, events } = await openEditor();
    const mine = [...api.reports.values()][0]!;
    api.reports.set(mine.id, { ...mine, version: 2, updated_by: OTHER });
    fireEvent.change(screen.getByLabelText("Name (required)"), { target: { value: "Mine after all" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    fireEvent.click(await screen.findByRole("button", { name: "Keep editing" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    const banner = screen.getByTestId("error-banner");
    expect(banner.textContent).toContain("Olga Other saved this report since you opened it.");
    expect((screen.getByLabelText("Name (required)") as HTMLInputElement).value).toBe("Mine after all");
    fireEvent.click(within(banner).getByRole("button", { name: "Overwrite with my changes" }));
    await waitFor(() => expect(events.saved).toHaveLength(1));
    expect(api.callsTo("updateReport").at(-1)![2]).toBe(2);
    expect(api.reports.get(mine.id)!.name).toBe("Mine after all");
  });

  it("guards unsaved changes when leaving and on page unload", async () => {
    const { events } = await openEditor();
    const unloadClean = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(unloadClean);
    expect(unloadClean.defaultPrevented).toBe(false);

    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Changed" } });
    expect(screen.getByTestId("unsaved-indicator")).toBeTruthy();
    const unloadDirty = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(unloadDirty);
    expect(unloadDirty.defaultPrevented).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "← Back" }));
    const dialog = screen.getByRole("dialog", { name: "Discard unsaved changes?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(events.cancelled).toBe(0);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Discard changes" }));
    expect(events.cancelled).toBe(1);
  });

  it("leaves at once when nothing changed", async () => {
    const { events } = await openEditor();
    fireEvent.click(screen.getByRole("button", { name: "← Back" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(events.cancelled).toBe(1);
  });

  it("reorders columns with the keyboard buttons, keeping focus on the moved column", async () => {
    const { api } = await openEditor();
    fireEvent.click(tab("Columns"));
    const fieldsInOrder = () => screen.getAllByTestId("column-row").map((row) => row.getAttribute("data-field"));
    expect(fieldsInOrder()).toEqual(["summary", "status", "assignee", "timespent", "customfield_10016"]);
    const down = screen.getByRole("button", { name: "Move Status down" });
    down.focus();
    fireEvent.click(down);
    expect(fieldsInOrder()).toEqual(["summary", "assignee", "status", "timespent", "customfield_10016"]);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move Status down" }));
    expect(screen.getByText("Status moved to position 3 of 5.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Move Points up" }));
    expect(fieldsInOrder()).toEqual(["summary", "assignee", "status", "customfield_10016", "timespent"]);
    expect(screen.getByRole("button", { name: "Move Summary up" }).hasAttribute("disabled")).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    const body = api.callsTo("updateReport")[0]![1] as ReportPublic;
    expect(body.columns.map((c) => c.field)).toEqual(["summary", "assignee", "status", "customfield_10016", "timespent"]);
  });

  it("reorders by drag and drop", async () => {
    await openEditor();
    fireEvent.click(tab("Columns"));
    const items = screen.getAllByTestId("reorder-item");
    const handle = items[0]!.querySelector(".rb-drag-handle")!;
    const dataTransfer = { setData: () => undefined, effectAllowed: "", dropEffect: "" };
    fireEvent.dragStart(handle, { dataTransfer });
    fireEvent.dragOver(items[2]!, { dataTransfer });
    fireEvent.drop(items[2]!, { dataTransfer });
    const fields = screen.getAllByTestId("column-row").map((row) => row.getAttribute("data-field"));
    expect(fields).toEqual(["status", "assignee", "summary", "timespent", "customfield_10016"]);
  });

  it("lists columns one line each and opens a column's details on demand", async () => {
    const { api } = await openEditor();
    fireEvent.click(tab("Columns"));
    const points = screen.getAllByTestId("column-row")[4]!;
    expect(within(points).getByTestId("column-summary").textContent).toBe("Sum");
    expect(screen.queryByLabelText("Aggregation")).toBeNull();
    const details = within(points).getByRole("button", { name: "Details of Points" });
    expect(details.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(details);
    expect(details.getAttribute("aria-expanded")).toBe("true");
    fireEvent.change(within(points).getByLabelText("Aggregation"), { target: { value: "average" } });
    fireEvent.change(within(points).getByLabelText("Width (px)"), { target: { value: "120" } });
    expect(within(points).getByTestId("column-summary").textContent).toBe("Average · 120 px");
    fireEvent.click(details);
    expect(within(points).queryByLabelText("Aggregation")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    const body = api.callsTo("updateReport")[0]![1] as ReportPublic;
    expect(body.columns[4]).toMatchObject({ field: "customfield_10016", aggregation: "average", width: 120 });
  });

  it("validates formulas live, with the error's position", async () => {
    await openEditor();
    fireEvent.click(tab("Formulas"));
    fireEvent.change(screen.getByLabelText("New formula name"), { target: { value: "Hours per point" } });
    fireEvent.click(screen.getByRole("button", { name: "Add formula" }));
    const row = screen.getByTestId("formula-row");
    expect(row.textContent).toContain("formula_hours_per_point");
    const expression = within(row).getByTestId("formula-expression");

    fireEvent.change(expression, { target: { value: "timespent / customfeld_10016" } });
    const errors = within(row).getByTestId("formula-errors");
    expect(errors.textContent).toMatch(/Line 1, column 13: .*customfeld_10016/);
    expect(errors.querySelector("mark")!.textContent).toBe("customfeld_10016");
    expect(errors.querySelector("li")!.getAttribute("data-position")).toBe("12");

    fireEvent.change(expression, { target: { value: "ROUND(timespent / customfield_10016, 1)" } });
    expect(within(row).queryByTestId("formula-errors")).toBeNull();
    expect(within(row).getByTestId("formula-ok").textContent).toContain("type number");

    // The new formula can be used like a field.
    fireEvent.click(tab("Columns"));
    fireEvent.change(screen.getByRole("combobox", { name: "Add a column" }), { target: { value: "hours per" } });
    const formulas = screen.getByRole("group", { name: "Formulas" });
    expect(
      within(formulas)
        .getByRole("option", { name: /^Hours per point/ })
        .getAttribute("data-field-key"),
    ).toBe("formula_hours_per_point");
  });

  it("previews a formula on sample issues that have values for the fields it reads", async () => {
    const { services } = await openEditor();
    // The JQL's first three issues have no time spent: a first-5 preview would show mostly empty cells.
    services.jira.sampleSource = makeIssues(20).map((issue, i) =>
      i < 3 ? { ...issue, fields: { ...issue.fields, timespent: null } } : issue,
    );
    fireEvent.click(tab("Formulas"));
    fireEvent.change(screen.getByLabelText("New formula name"), { target: { value: "Hours" } });
    fireEvent.click(screen.getByRole("button", { name: "Add formula" }));
    fireEvent.change(screen.getByTestId("formula-expression"), { target: { value: "[Time Spent] * 2" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview on sample issues" }));
    const preview = await screen.findByRole("table", { name: "Preview of Hours" });
    const rows = within(preview)
      .getAllByRole("row")
      .map((row) => [row.querySelector("th")!.textContent, row.querySelector("td")!.textContent]);
    // timespent is 1–5 hours by issue; formulas read durations as hours.
    expect(rows).toEqual([
      ["EX-4", "8"],
      ["EX-5", "10"],
      ["EX-6", "2"],
      ["EX-7", "4"],
      ["EX-8", "6"],
    ]);
    expect(screen.getByTestId("formula-preview-note").textContent).toBe(
      "17 of 20 sample issues have Time Spent; shown: 5, those with results first.",
    );
    // Through the Jira port, with the fields the formulas read (the engine plan's), never the host directly.
    expect(services.jira.samples).toContainEqual({ jql: "project = EX", fields: ["timespent"], count: 100 });
    expect(services.host.requests).toEqual([]);
  });

  it("offers only the operators that fit a field's type, and keeps durations in seconds", async () => {
    const { api } = await openEditor();
    fireEvent.click(tab("Filtering"));
    // The filter's field is picked in the searchable field picker.
    const addFilter = (query: string, key: string) => {
      const input = screen.getByRole("combobox", { name: "Add a filter" });
      fireEvent.change(input, { target: { value: query } });
      const listbox = document.getElementById(input.getAttribute("aria-controls")!)!;
      fireEvent.mouseDown(listbox.querySelector(`[data-field-key="${key}"]`)!);
      fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    };
    addFilter("time spent", "timespent");
    const row = screen.getByTestId("filter-row");
    const operator = within(row).getByLabelText("Operator") as HTMLSelectElement;
    const operators = [...operator.options].map((o) => o.value);
    expect(operators).toContain("gte");
    expect(operators).toContain("between");
    expect(operators).not.toContain("contains");
    expect(operators).not.toContain("any_of");
    fireEvent.change(operator, { target: { value: "gt" } });
    fireEvent.change(within(row).getByLabelText("Value (hours)"), { target: { value: "1.5" } });

    addFilter("summary", "summary");
    const textRow = screen.getAllByTestId("filter-row")[1]!;
    expect([...(within(textRow).getByLabelText("Operator") as HTMLSelectElement).options].map((o) => o.value)).toContain("contains");

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    const body = api.callsTo("updateReport")[0]![1] as ReportPublic;
    expect(body.filtering_rules[0]).toEqual({
      field: "timespent",
      operator: "gt",
      operands: [5400],
      case_sensitive: false,
      or_group: false,
    });
  });

  it("picks viewers with Jira's user search", async () => {
    const { api } = await openEditor();
    fireEvent.click(tab("People"));
    fireEvent.click(screen.getByLabelText(/^Limited/));
    const picker = screen.getByTestId("viewer-users-picker");
    fireEvent.change(within(picker).getByRole("combobox"), { target: { value: "olg" } });
    const option = await within(picker).findByRole("option", { name: "Olga Other" });
    fireEvent.mouseDown(option);
    expect(within(picker).getByText("Olga Other")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo("updateReport")).toHaveLength(1));
    const body = api.callsTo("updateReport")[0]![1] as ReportPublic;
    expect(body.people).toEqual({ access: "limited", administrators: [ME], viewer_users: [OTHER], viewer_groups: [] });
  });

  it("switches panes with the arrow keys", async () => {
    await openEditor();
    fireEvent.keyDown(tab("General"), { key: "ArrowRight" });
    expect(tab("Columns").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("Columns"));
    fireEvent.keyDown(tab("Columns"), { key: "End" });
    expect(tab("People").getAttribute("aria-selected")).toBe("true");
    await act(async () => undefined);
  });
});
