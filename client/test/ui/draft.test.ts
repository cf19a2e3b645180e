import { describe, expect, it } from "vitest";
import { patchItem } from "../../src/ui/editor/draft";

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
