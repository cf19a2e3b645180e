import { describe, expect, it } from "vitest";
import type { View } from "../../src/api/definition.gen";
import { draftFromReport, newDraft, patchItem } from "../../src/ui/editor/draft";
import { withColumnWidths } from "../../src/ui/viewer/useColumnWidths";
import { report } from "./fixtures";

describe("patchItem", () => {
  it("merges each patch into the item as it is when the update runs", () => {
    type Rule = { field: string; direction: string };
    let rules: Rule[] = [
      { field: "status", direction: "asc" },
      { field: "created", direction: "asc" },
    ];
    // Two functional updates made from the same render (quick edits), applied in turn.
    const updates = [
      (list: Rule[]) => patchItem(list, 0, { field: "priority" }),
      (list: Rule[]) => patchItem(list, 0, { direction: "desc" }),
    ];
    for (const update of updates) rules = update(rules);
    expect(rules).toEqual([
      { field: "priority", direction: "desc" },
      { field: "created", direction: "asc" },
    ]);
  });
});

describe("views in a draft", () => {
  const pivot: View = {
    kind: "pivot",
    id: "by-status",
    name: "By status",
    rows: [{ field: "status", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: true }],
    columns: [
      { field: "assignee", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: false },
    ],
    values: [
      { field: "issuekey", aggregation: "count" },
      { field: "timespent", aggregation: "sum" },
    ],
    percent_of: "row",
    row_order: { by: "value", value: 1, direction: "desc" },
    column_order: { by: "key", value: null, direction: "asc" },
    row_totals: true,
    column_totals: false,
    conditional_formats: [{ value: 1, thresholds: [{ at_least: 0.5, color: "orange" }] }],
  };
  const views: View[] = [pivot, { kind: "table", id: "table", name: "Table", conditional_formats: [] }];

  it("carries a stored report's views unchanged into the body a save sends", () => {
    // The editor sends the draft itself (useSaveReport), as JSON.
    const body = JSON.parse(JSON.stringify(draftFromReport(report({ views }))));
    expect(body.views).toEqual(views);
  });

  it("keeps the views when the viewer saves column widths", () => {
    const body = withColumnWidths(report({ views }), new Map([[0, 200]]));
    expect(body.views).toEqual(views);
    expect(body.columns[0]!.width).toBe(200);
  });

  it("starts a new report with the server's default: the table alone", () => {
    expect(newDraft({ accountId: "me" }).views).toEqual([{ kind: "table", id: "table", name: "Table", conditional_formats: [] }]);
  });
});
