// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ReportPublic } from "../../src/api/resources.gen";
import { withFieldNames } from "../../src/ui/editor/FormulaDiagnostics";
import { applySuggestion, matchFields, queryAt } from "../../src/ui/editor/formulaSuggest";
import { computePreview, PREVIEW_MAX_ROWS } from "../../src/ui/editor/livePreview";
import ReportEditor from "../../src/ui/editor/ReportEditor";
import { checkBeforeSave, formulaProblems } from "../../src/ui/editor/saveChecks";
import type { Draft } from "../../src/ui/editor/draft";
import { draftFromReport } from "../../src/ui/editor/draft";
import { FIELDS } from "../engine/fixtures";
import type { FieldDetails } from "../../src/engine/index";
import { FIELDS as FIELDS_UI, makeIssues, report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

const NAMED = [
  { key: "timeoriginalestimate", name: "Original estimate", type: "duration" as const },
  { key: "timespent", name: "Time Spent", type: "duration" as const },
  { key: "customfield_10016", name: "Story Points", type: "number" as const },
  { key: "status", name: "Status", type: "option" as const },
  { key: "formula_left", name: "Left", type: "number" as const },
];
const nameOf = (key: string) => NAMED.find((f) => f.key === key)?.name;

describe("what the cursor is typing", () => {
  it.each<[string, string, number, { start: number; end: number; text: string; bracket: boolean } | null]>([
    ["after [", "1 + [orig", 9, { start: 4, end: 9, text: "orig", bracket: true }],
    ["an empty [", "[", 1, { start: 0, end: 1, text: "", bracket: true }],
    ["[ with its ] already typed", "[Ti]", 3, { start: 0, end: 4, text: "Ti", bracket: true }],
    ["a bare word", "ROUND(orig", 10, { start: 6, end: 10, text: "orig", bracket: false }],
    ["one letter", "x + o", 5, null],
    ["a keyword", "a AND", 5, null],
    ["a number", "12", 2, null],
    ["a function name", "ROU(", 3, null],
    ["inside a string", '"orig', 5, null],
    ["inside a comment", "1 // orig", 9, null],
    ["after a closed bracket", "[Status] st", 8, null],
  ])("%s: %j at %i", (_case, source, cursor, expected) => {
    expect(queryAt(source, cursor)).toEqual(expected);
  });

  it.each<[string, { text: string; bracket: boolean }, string[]]>([
    [
      "name start, then word start, then anywhere",
      { text: "s", bracket: true },
      ["Status", "Story Points", "Time Spent", "Original estimate"],
    ],
    ["a key", { text: "customfield", bracket: false }, ["Story Points"]],
    ["anywhere in a name after [", { text: "pent", bracket: true }, ["Time Spent"]],
    ["not inside a word for a bare word", { text: "pent", bracket: false }, []],
  ])("matches %s", (_case, query, names) => {
    expect(matchFields(NAMED, query).map((f) => f.name)).toEqual(names);
  });

  it.each<[string, string, number, string, string, number]>([
    ["a bracketed query", "1 + [orig", 9, "timeoriginalestimate", "1 + [Original estimate]", 23],
    ["a bare word", "orig - 1", 4, "timeoriginalestimate", "[Original estimate] - 1", 19],
    ["an ambiguous name (by key)", "Stor", 4, "customfield_10016", "customfield_10016", 17],
  ])("picking replaces %s", (_case, source, cursor, key, value, at) => {
    const fields = _case.startsWith("an ambiguous")
      ? [...NAMED, { key: "customfield_2", name: "Story points", type: "number" as const }]
      : NAMED;
    const query = queryAt(source, cursor)!;
    expect(applySuggestion(source, query, fields.find((f) => f.key === key)!, fields)).toEqual({ value, cursor: at });
  });
});

describe("messages with field names", () => {
  it.each<[string, string]>([
    ["unknown field 'customfield_10016'", "unknown field 'Story Points'"],
    ["SUM cannot aggregate text field 'status'", "SUM cannot aggregate text field 'Status'"],
    ["circular reference: formula_left → formula_left", "circular reference: Left → Left"],
    ["unknown field 'nosuch'", "unknown field 'nosuch'"],
    [
      "2 fields are named 'Story Points' (customfield_10016, customfield_2); write the key of the one you mean",
      "2 fields are named 'Story Points' (customfield_10016, customfield_2); write the key of the one you mean",
    ],
  ])("%s", (message, shown) => {
    expect(withFieldNames(message, nameOf)).toBe(shown);
  });
});

const formula = (expression: string, result_type: "number" | "text" = "number", rollup: string | null = null) => ({
  key: "formula_remaining",
  name: "Remaining",
  expression,
  result_type,
  format: null,
  rollup,
});

describe("save checks", () => {
  it.each<[string, ReturnType<typeof formula>, { expression: string[]; rollup: string[] }]>([
    ["a valid formula", formula("[Original estimate] - IFEMPTY([Time Spent], 0)"), { expression: [], rollup: [] }],
    [
      "an unknown name",
      formula("[Original estimate] - [Time logged]"),
      { expression: ["Formula \"Remaining\": unknown field 'Time logged' (line 1, column 23)."], rollup: [] },
    ],
    [
      "a key shown by name",
      formula("customfield_10016 + status"),
      { expression: ["Formula \"Remaining\": '+' cannot combine number and text (line 1, column 1)."], rollup: [] },
    ],
    ["an empty expression", formula("  "), { expression: ['Formula "Remaining" has no expression.'], rollup: [] }],
    [
      "a wrong result type",
      formula("[Status]"),
      { expression: ['Formula "Remaining" gives text, but its result type is number.'], rollup: [] },
    ],
    [
      "a rollup problem",
      formula("1", "number", "SUM([Status])"),
      { expression: [], rollup: ["Formula \"Remaining\", rollup: SUM cannot aggregate option field 'Status' (line 1, column 5)."] },
    ],
  ])("%s", (_case, f, expected) => {
    expect(formulaProblems(f, NAMED, nameOf)).toEqual(expected);
  });

  it("asks Jira about the JQL and keeps General's problems first; an unreachable Jira does not block", async () => {
    const draft = { ...draftFromReport(report({})), jql: "bad", formula_fields: [formula("[Nope]")] } as Draft;
    const invalid = await checkBeforeSave(
      draft,
      { checkJql: async () => ({ valid: false, messages: ["Field 'bad' does not exist."] }) },
      NAMED,
    );
    expect([...invalid.entries()]).toEqual([
      ["jql", ["Jira: Field 'bad' does not exist."]],
      ["formula_fields.0.expression", ["Formula \"Remaining\": unknown field 'Nope' (line 1, column 1)."]],
    ]);
    const down = await checkBeforeSave({ ...draft, formula_fields: [] }, { checkJql: () => Promise.reject(new Error("offline")) }, NAMED);
    expect(down.size).toBe(0);
    // Jira's field list did not load: formulas are not held against the save (every field would read as unknown).
    const noFields = await checkBeforeSave({ ...draft, jql: "project = EX" }, { checkJql: async () => ({ valid: true }) }, []);
    expect(noFields.size).toBe(0);
  });
});

describe("live preview table", () => {
  const base: Draft = {
    ...draftFromReport(report({})),
    columns: [{ field: "customfield_10016", label: null, format: null, aggregation: "sum", width: null }],
    grouping_rules: [],
  };
  const byStatus = {
    field: "status",
    bucket: null,
    order: { by: "key", direction: "asc", field: null, aggregation: null },
    show_empty: true,
  };

  it.each<[string, Draft, string[]]>([
    ["ungrouped: issues then the total", base, ["issue", "issue", "issue", "issue", "total"]],
    ["grouped by status: groups only, compactly", { ...base, grouping_rules: [byStatus] } as Draft, ["group", "group", "group", "total"]],
  ])("%s", (_case, draft, kinds) => {
    const { engine, table } = computePreview(draft, FIELDS, makeIssues(4), "UTC");
    expect(table.lines.map((l) => l.kind)).toEqual(kinds);
    expect(table.lines.at(-1)).toMatchObject({ label: "Total", count: 4, cells: ["10"] });
    engine.clear();
  });

  it("cuts long previews but keeps the total", () => {
    const { table } = computePreview(base, FIELDS, makeIssues(60), "UTC");
    expect(table.lines).toHaveLength(PREVIEW_MAX_ROWS + 1);
    expect(table.hiddenRows).toBe(60 + 1 - PREVIEW_MAX_ROWS - 1);
    expect(table.lines.at(-1)?.kind).toBe("total");
  });
});

async function openEditor(r: ReportPublic, fields?: FieldDetails[]) {
  const api = new FakeApi([r]);
  const services = makeServices({ api });
  if (fields) services.jira.fetchFields = async () => fields;
  services.jira.sampleSource = makeIssues(20);
  const events = { saved: [] as ReportPublic[] };
  renderUi(<ReportEditor reportId={r.id} onSaved={(s) => events.saved.push(s)} onCancel={() => {}} />, services);
  await screen.findByTestId("report-editor");
  return { api, services, events };
}

const tab = (name: string) => screen.getByRole("tab", { name: new RegExp(`^${name}`) });

describe("the editor", () => {
  it("suggests fields by name and inserts the bracketed name", async () => {
    await openEditor(report({ formula_fields: [formula("")] }));
    fireEvent.click(tab("Formulas"));
    const box = screen.getByTestId("formula-expression") as HTMLTextAreaElement;
    box.focus();
    fireEvent.change(box, { target: { value: "[stor", selectionStart: 5, selectionEnd: 5 } });
    const list = await screen.findByRole("listbox", { name: "Matching fields" });
    fireEvent.mouseDown(within(list).getByRole("option", { name: /Story Points/ }));
    expect(box.value).toBe("[Story Points]");
    expect(screen.getByTestId("formula-ok").textContent).toContain("uses Story Points");
  });

  it("moves through suggestions with the arrow keys, inserts with Enter and closes with Escape", async () => {
    await openEditor(report({ formula_fields: [formula("")] }));
    fireEvent.click(tab("Formulas"));
    const box = screen.getByTestId("formula-expression") as HTMLTextAreaElement;
    box.focus();
    fireEvent.change(box, { target: { value: "[st", selectionStart: 3, selectionEnd: 3 } });
    const list = await screen.findByRole("listbox", { name: "Matching fields" });
    const names = within(list)
      .getAllByRole("option")
      .map((o) => o.querySelector(".rb-suggestion__name")!.textContent);
    // Names that start with the text first; history fields (issue 14) match inside their names.
    expect(names.slice(0, 2)).toEqual(["Status", "Story Points"]);
    expect(names).toContain("Current status age");
    fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(box.getAttribute("aria-activedescendant")).toBe(within(list).getAllByRole("option")[1]!.id);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(box.value).toBe("[Story Points]");
    expect(screen.queryByRole("listbox", { name: "Matching fields" })).toBeNull();

    fireEvent.change(box, { target: { value: "[Story Points] + stat", selectionStart: 21, selectionEnd: 21 } });
    expect(await screen.findByRole("listbox", { name: "Matching fields" })).toBeTruthy();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox", { name: "Matching fields" })).toBeNull();
    expect(box.value).toBe("[Story Points] + stat");
  });

  it("inserts a key where a name is ambiguous, and does not suggest it again at once", async () => {
    const duplicate = { ...FIELDS_UI.find((f) => f.id === "customfield_10016")!, id: "customfield_20000", key: "customfield_20000" };
    await openEditor(report({ formula_fields: [formula("")] }), [...FIELDS_UI, duplicate]);
    fireEvent.click(tab("Formulas"));
    const box = screen.getByTestId("formula-expression") as HTMLTextAreaElement;
    box.focus();
    fireEvent.change(box, { target: { value: "[story", selectionStart: 6, selectionEnd: 6 } });
    await screen.findByRole("listbox", { name: "Matching fields" });
    fireEvent.keyDown(box, { key: "Tab" });
    expect(box.value).toBe("customfield_10016");
    // The cursor now ends a word that matches a key: the list must not pop up again by itself.
    fireEvent.select(box);
    expect(screen.queryByRole("listbox", { name: "Matching fields" })).toBeNull();
  });

  it("refuses to save a bad formula, names it and its field, and shows the Formulas pane", async () => {
    const { api } = await openEditor(report({ formula_fields: [formula("[Story Points] - [Time logged]")] }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const message = "Formula \"Remaining\": unknown field 'Time logged' (line 1, column 18).";
    expect(await screen.findByText(`expression: ${message}`)).toBeTruthy();
    expect(tab("Formulas").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("error-banner").textContent).toContain("Not saved");
    expect(api.callsTo("updateReport")).toHaveLength(0);
  });

  it("refuses to save a JQL Jira rejects and shows Jira's message on the General pane", async () => {
    const { api, services } = await openEditor(report({ jql: "projct = EX" }));
    services.jira.jqlAnswer = () => ({
      valid: false,
      messages: ["Field 'projct' does not exist or you do not have permission to view it."],
    });
    fireEvent.click(tab("Columns"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Jira: Field 'projct' does not exist or you do not have permission to view it.")).toBeTruthy();
    expect(tab("General").getAttribute("aria-selected")).toBe("true");
    expect(api.callsTo("updateReport")).toHaveLength(0);
  });

  it("shows a live preview of the draft on sample issues", async () => {
    const { services } = await openEditor(
      report({ columns: [{ field: "customfield_10016", label: null, format: null, aggregation: "sum", width: null }], grouping_rules: [] }),
    );
    const preview = await screen.findByTestId("live-preview");
    await waitFor(() => expect(within(preview).getByRole("heading").textContent).toBe("Preview of 20 sample issues"));
    expect((await within(preview).findByRole("table")).querySelectorAll("tbody tr")).toHaveLength(21);
    expect(services.jira.samples.at(-1)).toMatchObject({ count: 100 });
  });
});
