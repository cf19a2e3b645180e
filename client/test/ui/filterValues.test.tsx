// @vitest-environment jsdom
/** The Filtering pane's value pickers: values from Jira's lists, priority thresholds, typed
 * values where Jira gives no list, and durations in hours. */

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { FilterRule } from "../../src/api/definition.gen";
import type { FieldDetails } from "../../src/engine/index";
import { newDraft, type Draft } from "../../src/ui/editor/draft";
import { buildFieldChoices } from "../../src/ui/editor/fieldChoices";
import { hoursToSeconds } from "../../src/ui/editor/OperandsEditor";
import { FilteringPane, operatorsFor } from "../../src/ui/editor/panes/FilteringPane";
import { NO_ERRORS } from "../../src/ui/editor/serverErrors";
import { matchingChoices } from "../../src/ui/editor/ValuePicker";
import { valueSourceFor } from "../../src/ui/editor/valueSources";
import type { ValueSource } from "../../src/ui/ports";
import { FIELDS } from "./fixtures";
import { makeServices, renderUi } from "./helpers";

const TEAM: FieldDetails = {
  id: "customfield_10030",
  name: "Team",
  schema: { type: "option", custom: "com.atlassian.jira.plugin.system.customfieldtypes:select", customId: 10030 },
};
const ALL_FIELDS: FieldDetails[] = [
  ...FIELDS,
  { id: "priority", name: "Priority", schema: { type: "priority", system: "priority" } },
  { id: "fixVersions", name: "Fix versions", schema: { type: "array", items: "version", system: "fixVersions" } },
  TEAM,
];
const STATUSES = ["To Do", "In Progress", "In Review", "Done"].map((name, i) => ({
  value: name,
  label: name,
  detail: i === 3 ? "Done" : "To Do",
}));
const PRIORITIES = ["Highest", "High", "Medium", "Low", "Lowest"].map((name, i) => ({ id: String(i + 1), name }));

/** The pane over a draft it may change; every draft it renders is recorded. */
function Harness({ rules, drafts }: { rules: FilterRule[]; drafts: Draft[] }) {
  const [draft, setDraft] = useState<Draft>({ ...newDraft({ accountId: "me" }), filtering_rules: rules });
  drafts.push(draft);
  return (
    <FilteringPane
      draft={draft}
      onChange={(update) => setDraft(update)}
      fieldChoices={buildFieldChoices(ALL_FIELDS, [])}
      errors={NO_ERRORS}
    />
  );
}

function renderPane(rules: FilterRule[]) {
  const services = makeServices();
  services.jira.fetchFields = async () => ALL_FIELDS;
  // No list for the Team field: Jira lists select options to administrators only.
  services.jira.valueLists = {
    status: STATUSES,
    priority: PRIORITIES.map((p) => ({ value: p.name, label: p.name })),
    "priority-threshold": PRIORITIES.map((p) => ({ value: p.id, label: p.name })),
  };
  const drafts: Draft[] = [];
  renderUi(<Harness rules={rules} drafts={drafts} />, services);
  return { services, rules: () => drafts[drafts.length - 1]!.filtering_rules };
}

const rule = (field: string, operator: FilterRule["operator"], operands: FilterRule["operands"] = []): FilterRule => ({
  field,
  operator,
  operands,
  case_sensitive: false,
  or_group: false,
});

describe("value pickers in the Filtering pane", () => {
  it("picks statuses from Jira's list with the keyboard and the mouse, shown as chips", async () => {
    const { rules } = renderPane([rule("status", "any_of")]);
    const row = screen.getByTestId("filter-row");
    const input = within(row).getByRole("combobox", { name: "Values" });
    fireEvent.focus(input);
    const listbox = await within(row).findByRole("listbox", { name: "Values" });
    expect(
      within(listbox)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["To Do · To Do", "In Progress · To Do", "In Review · To Do", "Done · Done"]);
    // Type to narrow, arrows to move, Enter to pick.
    fireEvent.change(input, { target: { value: "in " } });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-activedescendant")).toBe(within(row).getByRole("option", { name: /In Review/ }).id);
    fireEvent.keyDown(input, { key: "Enter" });
    fireEvent.mouseDown(within(row).getByRole("option", { name: /In Progress/ }));
    expect(rules()[0]!.operands).toEqual(["In Review", "In Progress"]);
    const chips = within(row).getByRole("list", { name: "Values: chosen" });
    expect(
      within(chips)
        .getAllByRole("listitem")
        .map((li) => li.firstChild!.textContent),
    ).toEqual(["In Review", "In Progress"]);
    // Chosen values leave the list; a chip's button removes its value.
    expect(within(row).queryByRole("option", { name: /In Review/ })).toBeNull();
    fireEvent.click(within(row).getByRole("button", { name: "Remove In Review" }));
    expect(rules()[0]!.operands).toEqual(["In Progress"]);
    // Nothing found says so.
    fireEvent.change(input, { target: { value: "zzz" } });
    expect(within(row).getByRole("status").textContent).toBe("No value matches “zzz”.");
  });

  it("offers ordered comparisons for priority only, in the site's order, storing the priority id", async () => {
    const { rules } = renderPane([rule("priority", "at_least"), rule("status", "any_of")]);
    const [priorityRow, statusRow] = screen.getAllByTestId("filter-row");
    const ops = (row: HTMLElement) => [...(within(row).getByLabelText("Operator") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(ops(priorityRow!)).toEqual(expect.arrayContaining(["is at least", "is at most", "is any of"]));
    expect(ops(statusRow!)).not.toContain("is at least");
    const input = within(priorityRow!).getByRole("combobox", { name: "Priority" });
    fireEvent.focus(input);
    const options = within(await within(priorityRow!).findByRole("listbox", { name: "Priority" })).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Highest", "High", "Medium", "Low", "Lowest"]);
    fireEvent.mouseDown(options[1]!);
    expect(rules()[0]!.operands).toEqual(["2"]);
    expect(within(priorityRow!).getByRole("list", { name: "Priority: chosen" }).textContent).toContain("High");
    // A threshold is one priority: picking again replaces it.
    fireEvent.focus(input);
    fireEvent.mouseDown(within(priorityRow!).getByRole("option", { name: "Low" }));
    expect(rules()[0]!.operands).toEqual(["4"]);
  });

  it("takes typed values where Jira does not list them (select options are for administrators)", async () => {
    const { rules } = renderPane([rule("customfield_10030", "any_of")]);
    const row = screen.getByTestId("filter-row");
    await within(row).findByText("Jira did not list this field's values; type them instead.");
    const input = within(row).getByRole("textbox", { name: "Values" });
    fireEvent.change(input, { target: { value: "Platform" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(rules()[0]!.operands).toEqual(["Platform"]);
  });

  it("starts a rule on a field with a list of values as 'is any of'", async () => {
    const { rules } = renderPane([]);
    const input = screen.getByRole("combobox", { name: "Add a filter" });
    fireEvent.change(input, { target: { value: "status" } });
    fireEvent.mouseDown(document.getElementById(input.getAttribute("aria-controls")!)!.querySelector('[data-field-key="status"]')!);
    fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    await waitFor(() => expect(rules()).toHaveLength(1));
    expect(rules()[0]).toMatchObject({ field: "status", operator: "any_of", operands: [] });
  });

  it("types durations in hours, decimals included, and stores seconds", () => {
    const { rules } = renderPane([rule("timespent", "gt", [3600])]);
    const row = screen.getByTestId("filter-row");
    const input = within(row).getByLabelText("Value (hours)") as HTMLInputElement;
    expect(input.value).toBe("1");
    expect(within(row).getByText("hours")).toBeTruthy();
    fireEvent.change(input, { target: { value: "0.25" } });
    expect(rules()[0]!.operands).toEqual([900]);
    fireEvent.change(input, { target: { value: "1." } });
    expect(input.value).toBe("1.");
    expect(rules()[0]!.operands).toEqual([3600]);
  });
});

describe("pure helpers", () => {
  it.each<[string, string, number | null]>([
    ["whole hours", "2", 7200],
    ["decimal point", "1.5", 5400],
    ["decimal comma", "0,5", 1800],
    ["rounded to seconds", "0.0001", 0],
    ["empty", " ", null],
    ["not a number", "two", null],
  ])("hoursToSeconds: %s", (_name, text, seconds) => expect(hoursToSeconds(text)).toBe(seconds));

  const choices = [
    { value: "1.0", label: "1.0", detail: "ROLL" },
    { value: "2.0", label: "2.0", detail: "OPS" },
  ];
  it.each<[string, string, string[], string[]]>([
    ["all when nothing is typed", "", [], ["1.0", "2.0"]],
    ["by name", "2.", [], ["2.0"]],
    ["by detail, ignoring case", "ops", [], ["2.0"]],
    ["not the chosen ones", "", ["1.0"], ["2.0"]],
  ])("matchingChoices: %s", (_name, query, chosen, expected) =>
    expect(matchingChoices(choices, query, chosen).map((c) => c.value)).toEqual(expected),
  );

  it.each<[string, string, boolean]>([
    ["priority", "priority", true],
    ["status", "status", false],
  ])("operatorsFor offers at_least on %s: %s", (_name, field, offered) =>
    expect(operatorsFor("option", field).includes("at_least")).toBe(offered),
  );
});

describe("valueSourceFor", () => {
  const select = (custom: string): FieldDetails => ({ id: "customfield_1", name: "Team", schema: { type: "option", custom } });
  it.each<[string, string, FieldDetails | undefined, ValueSource | null]>([
    ["status", "status", undefined, "status"],
    ["priority", "priority", undefined, "priority"],
    ["issue type", "issuetype", undefined, "issuetype"],
    ["resolution", "resolution", undefined, "resolution"],
    ["project", "project", undefined, "project"],
    ["fix versions", "fixVersions", undefined, "version"],
    ["affects versions", "versions", undefined, "version"],
    ["components", "components", undefined, "component"],
    [
      "a select list",
      "customfield_1",
      select("com.atlassian.jira.plugin.system.customfieldtypes:select"),
      { customOptions: "customfield_1" },
    ],
    [
      "a multi-select",
      "customfield_1",
      select("com.atlassian.jira.plugin.system.customfieldtypes:multiselect"),
      { customOptions: "customfield_1" },
    ],
    ["a text custom field", "customfield_1", select("com.atlassian.jira.plugin.system.customfieldtypes:textfield"), null],
    ["labels (typed)", "labels", undefined, null],
    ["an unknown field", "customfield_9", undefined, null],
  ])("%s", (_name, key, field, expected) => expect(valueSourceFor(key, field)).toEqual(expected));
});
