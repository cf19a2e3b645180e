import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GroupTree, GroupTreeNode } from "../../src/engine/grouping/createGroupedRows";
import type { GroupKeyReader } from "../../src/engine/grouping/groupKeys";
import { orderGroups } from "../../src/engine/grouping/orderGroups";

/** One grouping level under the root; each group is [key, aggregate] (NaN key = "(none)", NaN aggregate = empty). */
type Group = readonly [key: number, aggregate: number];

const byNumber: GroupKeyReader = {
  multi: null,
  encode: () => ({ ids: new Int32Array(0), keys: [], count: 0 }),
  compare: (a, b) => a - b,
  label: (key) => String(key),
  value: (key) => key,
};

function treeOf(groups: readonly Group[]): GroupTree {
  const rows = Int32Array.from(groups.map((_, i) => i));
  const leaves: GroupTreeNode[] = groups.map(([key], i) => ({
    index: i + 1,
    depth: 1,
    key,
    rows,
    start: i,
    end: i + 1,
    children: null,
  }));
  const root: GroupTreeNode = {
    index: 0,
    depth: 0,
    key: Number.NaN,
    rows,
    start: 0,
    end: groups.length,
    children: leaves.map((leaf) => leaf.index),
  };
  return { nodes: [root, ...leaves], multiBelow: [false, false] };
}

/** Group keys in display order when ordering by the aggregate. */
function orderedKeys(groups: readonly Group[], descending: boolean): number[] {
  const aggregate = Float64Array.from([Number.NaN, ...groups.map(([, value]) => value)]);
  const ordered = orderGroups(treeOf(groups), [{ reader: byNumber, descending, aggregate }]);
  return ordered.children[0]!.map((index) => groups[index - 1]![0]);
}

const E = Number.NaN;

describe("orderGroups by an aggregate", () => {
  // Groups as "key:aggregate" in discovery order; "none" is the "(none)" key, "_" an empty aggregate.
  it.each([
    ["empty aggregates after the others, by key (asc)", "asc", "5:_ 1:3 3:_ 2:1 4:_", "2 1 3 4 5"],
    ["empty aggregates after the others, by key (desc)", "desc", "5:_ 1:3 3:_ 2:1 4:_", "1 2 3 4 5"],
    ["only empty aggregates, discovered in reverse (asc)", "asc", "4:_ 3:_ 2:_ 1:_", "1 2 3 4"],
    ["only empty aggregates, discovered in reverse (desc)", "desc", "4:_ 3:_ 2:_ 1:_", "1 2 3 4"],
    ["only empty aggregates, discovered shuffled", "asc", "3:_ 1:_ 4:_ 2:_", "1 2 3 4"],
    ["(none) after empty aggregates (asc)", "asc", "none:_ 9:_ 7:2 8:_", "7 8 9 none"],
    ["(none) after empty aggregates (desc)", "desc", "none:1 9:_ 7:2 8:_", "7 8 9 none"],
    ["equal aggregates: ties by key (desc)", "desc", "3:2 1:2 2:5", "2 1 3"],
  ])("%s", (_name, direction, groups, expected) => {
    const parsed = groups
      .split(" ")
      .map((g) => g.split(":").map((part) => (part === "none" || part === "_" ? E : Number(part))) as unknown as Group);
    const keys = orderedKeys(parsed, direction === "desc").map((key) => (Number.isNaN(key) ? "none" : String(key)));
    expect(keys.join(" ")).toBe(expected);
  });

  it("any discovery order gives the same order: valued by aggregate then key, empty by key, (none) last", () => {
    const group = fc.tuple(
      fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(E)),
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(E)),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(group, { selector: ([key]) => (Number.isNaN(key) ? "none" : key), maxLength: 30 }),
        fc.boolean(),
        (groups, descending) => {
          const sign = descending ? -1 : 1;
          const isNone = ([key]: Group) => Number.isNaN(key);
          const valued = groups.filter((g) => !isNone(g) && !Number.isNaN(g[1]));
          const empty = groups.filter((g) => !isNone(g) && Number.isNaN(g[1]));
          const expected = [
            ...valued.sort((a, b) => sign * (a[1] - b[1]) || a[0] - b[0]),
            ...empty.sort((a, b) => a[0] - b[0]),
            ...groups.filter(isNone),
          ].map(([key]) => key);
          expect(orderedKeys(groups, descending)).toEqual(expected);
          expect(orderedKeys([...groups].reverse(), descending)).toEqual(expected);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});
