import { describe, expect, it } from "vitest";
import type { View } from "../../src/engine/index";
import { choiceOf, initialViewId, shownView } from "../../src/ui/gadget/gadgetViews";

const TABLE: View = { kind: "table", id: "table", name: "Table" };
const CHART: View = {
  kind: "chart",
  id: "chart",
  name: "Chart",
  chart_type: "bar",
  measures: [{ field: "issuekey", aggregation: "count" }],
};
const VIEWS = [TABLE, CHART];

describe("the gadget's view", () => {
  it.each<[string, string | null, View]>([
    ["the stored view", "chart", CHART],
    ["the first view when none is stored", null, TABLE],
    ["the first view when the stored one was deleted", "gone", TABLE],
  ])("shows %s", (_case, viewId, expected) => {
    expect(shownView(VIEWS, viewId)).toBe(expected);
  });

  it.each<[string, { reportId: string; viewId: string | null } | null, string]>([
    ["the stored view of the stored report", { reportId: "r1", viewId: "chart" }, "chart"],
    ["the first view of another report", { reportId: "r2", viewId: "chart" }, "table"],
    ["the first view when nothing is stored", null, "table"],
    ["the first view when the stored view was deleted", { reportId: "r1", viewId: "gone" }, "table"],
  ])("starts the picker on %s", (_case, current, expected) => {
    expect(initialViewId(VIEWS, "r1", current)).toBe(expected);
  });

  it.each<[string, readonly View[] | null, string | null, { reportId: string; viewId: string | null } | null, string | null]>([
    ["the selected view of a report with several", VIEWS, "chart", null, "chart"],
    ["no view for a report with one", [TABLE], "table", null, null],
    ["the stored view while the views are still being read", null, null, { reportId: "r1", viewId: "chart" }, "chart"],
    ["no view for another report while its views are being read", null, null, { reportId: "r2", viewId: "chart" }, null],
  ])("stores %s", (_case, views, selected, current, expected) => {
    expect(choiceOf("r1", views, selected, current)).toEqual({ reportId: "r1", viewId: expected });
  });
});
