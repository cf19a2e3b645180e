// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DurationHoursInput, hoursToSeconds, secondsToHours } from "../../src/ui/editor/controls";
import { FieldPicker } from "../../src/ui/editor/FieldPicker";
import { buildFieldChoices, type FieldChoices, type FieldOption } from "../../src/ui/editor/fieldChoices";
import { groupOf, matchesQuery, searchFields, typeLabel } from "../../src/ui/editor/fieldSearch";
import { columnSummary } from "../../src/ui/editor/panes/ColumnsPane";
import { FIELDS } from "./fixtures";

const FORMULA = {
  key: "formula_hours",
  name: "Hours",
  expression: "timespent / 3600",
  result_type: "number" as const,
  format: null,
  rollup: null,
};
afterEach(cleanup);

const choices = buildFieldChoices(FIELDS, [FORMULA]);
const option = (key: string): FieldOption => choices.get(key)!;

describe("fieldSearch", () => {
  it.each([
    ["system field", "status", "system"],
    ["custom field", "customfield_10016", "custom"],
    ["formula", "formula_hours", "formula"],
  ])("puts a %s in its group", (_, key, group) => {
    expect(groupOf(option(key))).toBe(group);
  });

  it.each([
    ["a word of the name, any case", "points", true],
    ["the key", "customfield_10016", true],
    ["every word somewhere", "story 10016", true],
    ["a word nowhere", "story hours", false],
    ["nothing typed", "  ", true],
  ])("matches %s", (_, query, expected) => {
    expect(matchesQuery(option("customfield_10016"), query)).toBe(expected);
  });

  it("groups the matches system, custom, formulas, leaving empty groups out", () => {
    const groups = searchFields(choices.options, "time");
    expect(groups.map((g) => [g.label, g.options.map((o) => o.key)])).toEqual([["System fields", ["timespent"]]]);
    expect(searchFields(choices.options, "").map((g) => g.label)).toEqual(["System fields", "Custom fields", "Formulas"]);
  });

  it.each([
    ["number", "Number"],
    ["datetime", "Date-time"],
    ["user", "User"],
    ["duration", "Duration"],
  ] as const)("names the type %s as %s", (type, label) => {
    expect(typeLabel(type)).toBe(label);
  });
});

describe("duration units", () => {
  it.each([
    [7200, 2],
    [1800, 0.5],
    [1200, 0.333333],
  ])("shows %i seconds as %s hours", (seconds, hours) => {
    expect(secondsToHours(seconds)).toBe(hours);
  });

  it.each([
    [2, 7200],
    [0.5, 1800],
    [0.333333, 1200],
  ])("stores %s hours as %i whole seconds", (hours, seconds) => {
    expect(hoursToSeconds(hours)).toBe(seconds);
  });

  it("labels the input with the unit and converts at the edge", () => {
    const seen: (number | null)[] = [];
    render(<DurationHoursInput label="Bin size" seconds={7200} onChange={(s) => seen.push(s)} />);
    const input = screen.getByLabelText("Bin size (hours)") as HTMLInputElement;
    expect(input.value).toBe("2");
    fireEvent.change(input, { target: { value: "1.5" } });
    fireEvent.change(input, { target: { value: "" } });
    expect(seen).toEqual([5400, null]);
  });
});

describe("columnSummary", () => {
  const column = { field: "timespent", label: null, format: null, aggregation: null, width: null };
  it.each([
    ["nothing set", column, "No aggregation"],
    ["an aggregation", { ...column, aggregation: "sum" as const }, "Sum"],
    [
      "aggregation, format and width",
      {
        ...column,
        aggregation: "average" as const,
        width: 120,
        format: { type: "duration" as const, decimals: null, thousands_separator: null, duration_style: null, date_style: null },
      },
      "Average · Duration format · 120 px",
    ],
    ["an aggregation the type does not allow", { ...column, aggregation: "earliest" as const }, "No aggregation"],
  ])("says %s", (_, value, expected) => {
    expect(columnSummary(value, ["sum", "average"])).toBe(expected);
  });
});

function Harness({ fieldChoices, filter }: { fieldChoices: FieldChoices; filter?: (o: FieldOption) => boolean }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      <FieldPicker label="Add a column" choices={fieldChoices} value={value} onChange={setValue} filter={filter} />
      <output data-testid="picked">{value ?? ""}</output>
    </>
  );
}

describe("FieldPicker", () => {
  const setup = (filter?: (o: FieldOption) => boolean) => {
    render(<Harness fieldChoices={choices} filter={filter} />);
    return screen.getByRole("combobox", { name: "Add a column" }) as HTMLInputElement;
  };
  const picked = () => screen.getByTestId("picked").textContent;

  it("is a closed combobox that opens on typing, filtered and grouped, each option with its type", () => {
    const input = setup();
    expect(input.getAttribute("aria-expanded")).toBe("false");
    // Closed, it renders no options: a pane holds many pickers, a site hundreds of fields.
    expect(document.querySelectorAll("[data-field-key]")).toHaveLength(0);
    fireEvent.change(input, { target: { value: "points" } });
    expect(input.getAttribute("aria-expanded")).toBe("true");
    const listbox = screen.getByRole("listbox", { name: "Add a column: fields" });
    expect(input.getAttribute("aria-controls")).toBe(listbox.id);
    const group = within(listbox).getByRole("group", { name: "Custom fields" });
    expect(within(group).getByRole("option").textContent).toBe("Story PointsNumber");
    expect(within(listbox).queryByRole("group", { name: "System fields" })).toBeNull();
  });

  it("moves with the arrow keys (aria-activedescendant) and picks with Enter", () => {
    const input = setup();
    fireEvent.change(input, { target: { value: "s" } });
    expect(input.hasAttribute("aria-activedescendant")).toBe(false);
    const options = screen.getAllByRole("option");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-activedescendant")).toBe(options[1]!.id);
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(input.getAttribute("aria-activedescendant")).toBe(options[0]!.id);
    fireEvent.keyDown(input, { key: "Enter" });
    expect(picked()).toBe(options[0]!.getAttribute("data-field-key"));
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.value).toBe(choices.get(picked()!)!.name);
  });

  it("takes the first match on Enter after typing", () => {
    const input = setup();
    fireEvent.change(input, { target: { value: "hours" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(picked()).toBe("formula_hours");
  });

  it("closes on Escape and a second Escape drops the search", () => {
    const input = setup();
    fireEvent.change(input, { target: { value: "stat" } });
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.value).toBe("stat");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("");
    expect(picked()).toBe("");
  });

  it("picks with the mouse and keeps the filter out of the list", () => {
    const input = setup((o) => o.key !== "status");
    fireEvent.click(input);
    expect(screen.queryByRole("option", { name: /^Status/ })).toBeNull();
    fireEvent.mouseDown(screen.getByRole("option", { name: /^Assignee/ }));
    expect(picked()).toBe("assignee");
  });

  it("says when nothing matches", () => {
    const input = setup();
    fireEvent.change(input, { target: { value: "zzz" } });
    expect(screen.getByText(/^No field matches/).getAttribute("role")).toBe("status");
    expect(screen.getByText(/^No field matches/).textContent).toBe("No field matches “zzz”.");
    expect(screen.getByRole("listbox", { hidden: true }).hidden).toBe(true);
  });
});
