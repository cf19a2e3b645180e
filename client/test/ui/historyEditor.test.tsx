// @vitest-environment jsdom
/** Issue 14 in the editor: history fields in the field pickers' "History" group, and the History
 * pane (cycle time's ends, working time) saved with the report, its 422s shown on its tab. */

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/api/client";
import type { ReportPublic } from "../../src/api/resources.gen";
import { buildFieldChoices, historyKindType, typeOf } from "../../src/ui/editor/fieldChoices";
import { groupOf, searchFields } from "../../src/ui/editor/fieldSearch";
import {
  DEFAULT_HISTORY,
  defaultWorkingTime,
  parsePoint,
  pointChoices,
  pointValue,
  timeZoneChoices,
  toggleWeekday,
  withStartHour,
} from "../../src/ui/editor/historySettings";
import { computePreview } from "../../src/ui/editor/livePreview";
import ReportEditor from "../../src/ui/editor/ReportEditor";
import { DEFAULT_FAKE_CONTEXT } from "../support/fakeHost";
import { draftFromReport } from "../../src/ui/editor/draft";
import { FIELDS, makeIssues, report } from "./fixtures";
import { FAKE_STATUSES, FakeApi, makeServices, renderUi } from "./helpers";

async function openEditor(r: ReportPublic = report({ name: "Cycle time" }), statuses: typeof FAKE_STATUSES | null = FAKE_STATUSES) {
  const api = new FakeApi([r]);
  const services = makeServices({ api });
  services.jira.statusList = statuses;
  const saved: ReportPublic[] = [];
  renderUi(<ReportEditor reportId={r.id} onSaved={(s) => saved.push(s)} onCancel={() => {}} />, services, {
    ...DEFAULT_FAKE_CONTEXT,
    timeZone: "Europe/Berlin",
  });
  await screen.findByTestId("report-editor");
  return { api, saved };
}

const tab = (name: string) => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;

describe("history fields in the field picker", () => {
  const history = [
    { key: "history_cycle_time", name: "Cycle time", type: "duration" as const },
    { key: "history_time_in_status_10001", name: "Time in status: In Progress", type: "duration" as const },
  ];
  const choices = buildFieldChoices(FIELDS, [], history);

  it("lists them in a History group between custom fields and formulas, in the engine's order", () => {
    const groups = searchFields(choices.options, "");
    expect(groups.map((g) => g.label)).toEqual(["System fields", "Custom fields", "History"]);
    expect(groups[2]!.options.map((o) => o.name)).toEqual(["Cycle time", "Time in status: In Progress"]);
    expect(groupOf(choices.get("history_cycle_time")!)).toBe("history");
    expect(searchFields(choices.options, "time in status progress").flatMap((g) => g.options.map((o) => o.key))).toEqual([
      "history_time_in_status_10001",
    ]);
  });

  it.each([
    ["history_time_in_status_10099", "duration"],
    ["history_transitions", "number"],
    ["history_transitions_into_10003", "number"],
    ["history_first_entered_10003", "datetime"],
    ["history_time_in_category_done", "duration"],
    ["history_lead_time", "duration"],
  ] as const)("types %s as %s even before the site's statuses load", (key, type) => {
    expect(typeOf(buildFieldChoices(FIELDS, []), key)).toBe(type);
  });

  it.each(["history_", "history_time_in_status", "history_transitions_", "history_unknown", "summary"])(
    "gives %s no history type",
    (key) => {
      expect(historyKindType(key)).toBeNull();
    },
  );

  it("offers the site's history fields in the editor's pickers, grouped and named", async () => {
    await openEditor();
    fireEvent.click(tab("Columns"));
    const box = screen.getByRole("combobox", { name: "Add a column" });
    fireEvent.change(box, { target: { value: "review" } });
    const listbox = screen.getByRole("listbox", { name: "Add a column: fields" });
    const group = within(listbox).getByRole("group", { name: "History" });
    expect(
      within(group)
        .getAllByRole("option")
        .map((o) => o.getAttribute("data-field-key")),
    ).toEqual(["history_time_in_status_10002", "history_transitions_into_10002", "history_first_entered_10002", "history_last_left_10002"]);
    expect(within(group).getAllByRole("option")[0]!.textContent).toBe("Time in status: In ReviewDuration");
  });
});

describe("History pane", () => {
  it("shows the defaults, and saves the cycle's ends and a working-time calendar", async () => {
    const { api, saved } = await openEditor();
    fireEvent.click(tab("History"));
    expect(select("Starts at the first entry into").value).toBe("category:indeterminate");
    expect(select("Ends at the last entry into").value).toBe("category:done");
    const endOptions = [...select("Ends at the last entry into").options].map((o) => o.textContent);
    expect(endOptions).toEqual(["To Do category", "In Progress category", "Done category", "Done", "In Progress", "In Review", "To Do"]);
    expect(screen.queryByLabelText("Time zone")).toBeNull();

    fireEvent.change(select("Ends at the last entry into"), { target: { value: "status:10003" } });
    fireEvent.click(screen.getByLabelText("Count working time only"));
    // Starts in the site's zone (the host's), weekdays 9 to 17.
    expect(select("Time zone").value).toBe("Europe/Berlin");
    expect(select("Working day starts").value).toBe("9");
    expect(select("Working day ends").value).toBe("17");
    fireEvent.click(screen.getByLabelText("Friday"));
    fireEvent.click(screen.getByLabelText("Sunday"));
    fireEvent.change(select("Working day starts"), { target: { value: "18" } });
    // The end moves after a start that passed it; earlier ends are not offered.
    expect(select("Working day ends").value).toBe("19");
    expect([...select("Working day ends").options].map((o) => o.value)).toEqual(["19", "20", "21", "22", "23", "24"]);
    fireEvent.change(select("Time zone"), { target: { value: "America/New_York" } });

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const body = api.callsTo("updateReport")[0]![1] as { history: unknown };
    expect(body.history).toEqual({
      cycle_start: { kind: "category", id: "indeterminate" },
      cycle_end: { kind: "status", id: "10003" },
      working_time: { weekdays: [1, 2, 3, 4, 7], start_hour: 18, end_hour: 19, time_zone: "America/New_York" },
    });
  });

  it("keeps a report that never set history at null until the pane changes it", async () => {
    const { api, saved } = await openEditor();
    fireEvent.click(tab("History"));
    fireEvent.click(screen.getByLabelText("Count working time only"));
    expect(screen.getByTestId("unsaved-indicator")).toBeTruthy();
    // Back to the defaults: nothing left to save.
    fireEvent.click(screen.getByLabelText("Count working time only"));
    expect(screen.queryByTestId("unsaved-indicator")).toBeNull();
    fireEvent.click(tab("General"));
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Changed" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect((api.callsTo("updateReport")[0]![1] as { history: unknown }).history).toBeNull();
  });

  it("shows the server's history errors on its tab", async () => {
    const { api } = await openEditor();
    api.fail(
      "updateReport",
      new ApiError(422, "invalid_report", "invalid report", [
        { loc: ["body", "history", "working_time", "time_zone"], msg: "Unknown time zone 'Mars/Olympus'", type: "value_error" },
      ]),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(within(tab("History")).getByLabelText("1 error")).toBeTruthy());
    expect(tab("History").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("history-pane").textContent).toContain("Unknown time zone 'Mars/Olympus'");
  });

  it("still offers the categories when Jira's statuses cannot be loaded, and says why", async () => {
    await openEditor(report({ history: { ...DEFAULT_HISTORY, cycle_end: { kind: "status", id: "10003" } } }), null);
    fireEvent.click(tab("History"));
    expect(screen.getByRole("status").textContent).toContain("Jira's statuses could not be loaded");
    const options = [...select("Ends at the last entry into").options].map((o) => o.textContent);
    expect(options).toEqual(["To Do category", "In Progress category", "Done category", "Status 10003 (not on this site)"]);
    expect(select("Ends at the last entry into").value).toBe("status:10003");
  });
});

describe("history settings", () => {
  it.each([
    [{ kind: "category", id: "done" }, "category:done"],
    [{ kind: "status", id: "10001" }, "status:10001"],
  ] as const)("round-trips the end point %o through its select value", (point, value) => {
    expect(pointValue(point)).toBe(value);
    expect(parsePoint(value)).toEqual(point);
  });

  it("names a status Jira lists twice by id", () => {
    const statuses = [...FAKE_STATUSES, { id: "20001", name: "In Progress", statusCategory: { key: "indeterminate" } }];
    expect(pointChoices(statuses, []).statuses.map((c) => c.label)).toEqual([
      "Done",
      "In Progress (id 10001)",
      "In Progress (id 20001)",
      "In Review",
      "To Do",
    ]);
  });

  it("keeps the last working day and the week's order", () => {
    const one = { ...defaultWorkingTime("UTC"), weekdays: [3] };
    expect(toggleWeekday(one, 3)).toBe(one);
    expect(toggleWeekday(one, 1).weekdays).toEqual([1, 3]);
  });

  it.each([
    [9, 17, 17],
    [17, 17, 18],
    [23, 17, 24],
  ])("a start at %i keeps the end at %i after it (%i)", (start, end, expected) => {
    expect(withStartHour({ ...defaultWorkingTime("UTC"), end_hour: end }, start).end_hour).toBe(expected);
  });

  it("lists a zone in use even when the browser's list lacks it", () => {
    const zones = timeZoneChoices(["Etc/Made_Up", "Europe/Berlin"]);
    expect(zones[0]).toBe("Etc/Made_Up");
    expect(zones.filter((z) => z === "Europe/Berlin")).toHaveLength(1);
  });
});

describe("live preview", () => {
  it("names history columns by the site's statuses and says they stay empty without changelogs", () => {
    const column = { field: "history_time_in_status_10001", label: null, format: null, aggregation: "sum" as const, width: null };
    const draft = draftFromReport(report({ columns: [column], grouping_rules: [] }));
    const { engine, table } = computePreview(draft, FIELDS, makeIssues(4), "UTC", FAKE_STATUSES);
    expect(table.columns).toEqual(["Time in status: In Progress"]);
    expect(table.historyLeftEmpty).toBe(true);
    expect(table.lines.at(-1)?.cells).toEqual([""]);
    engine.clear();
    const plain = computePreview(draftFromReport(report()), FIELDS, makeIssues(4), "UTC", FAKE_STATUSES);
    expect(plain.table.historyLeftEmpty).toBe(false);
    plain.engine.clear();
  });
});
