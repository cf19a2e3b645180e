import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareIssueKeys } from "../../src/engine/columns/dictionary";
import type { SortRule } from "../../src/engine/model";
import { createSortedRows, type SortKey } from "../../src/engine/sorting/createSortedRows";
import { sortFns } from "../../src/engine/sorting/sortFns";
import { keys, run } from "./helpers";

const sorted = (rules: SortRule[], timeZone?: string) => keys(run({ sorting_rules: rules }, timeZone ? { timeZone } : {}));

describe("default order", () => {
  it("is issue key ascending: project key, then number", () => {
    expect(keys(run({}))).toEqual([
      "EX-1",
      "EX-2",
      "EX-3",
      "EX-4",
      "EX-5",
      "EX-6",
      "EX-7",
      "EX-8",
      "EX-9",
      "EX-10",
      "EX-11",
      "EX-12",
      "OPS-2",
      "OPS-10",
    ]);
  });

  it.each([
    ["EX-9", "EX-10", -1],
    ["EX-10", "OPS-2", -1],
    ["OPS-10", "OPS-2", 1],
    ["AB-1", "ABC-1", -1],
    ["EX-1", "EX-1", 0],
  ])("%s vs %s", (a, b, sign) => expect(Math.sign(compareIssueKeys(a, b))).toBe(sign));
});

describe("type-aware comparators", () => {
  it.each<[string, SortRule[], string[]]>([
    [
      "status by category (To Do, In Progress, Done) then name",
      [{ field: "status" }],
      ["EX-4", "EX-3", "EX-8", "EX-9", "OPS-2", "EX-5", "EX-12", "EX-2", "EX-7", "EX-11", "EX-1", "EX-6", "EX-10", "OPS-10"],
    ],
    [
      "priority descending is Highest first, empty last",
      [{ field: "priority", direction: "desc" }],
      ["EX-2", "EX-6", "OPS-2", "EX-1", "EX-8", "EX-11", "EX-3", "EX-5", "EX-10", "OPS-10", "EX-4", "EX-12", "EX-7", "EX-9"],
    ],
    [
      "priority ascending is Lowest first",
      [{ field: "priority", direction: "asc" }],
      ["EX-7", "EX-4", "EX-12", "EX-3", "EX-5", "EX-10", "OPS-10", "EX-1", "EX-8", "EX-11", "EX-2", "EX-6", "OPS-2", "EX-9"],
    ],
    [
      "users by display name, case-insensitive, unassigned last",
      [{ field: "assignee" }],
      ["EX-8", "EX-1", "EX-5", "EX-10", "OPS-10", "EX-2", "EX-6", "EX-12", "EX-3", "EX-7", "OPS-2", "EX-9", "EX-4", "EX-11"],
    ],
    [
      "empties first",
      [{ field: "assignee", empties: "first" }],
      ["EX-4", "EX-11", "EX-8", "EX-1", "EX-5", "EX-10", "OPS-10", "EX-2", "EX-6", "EX-12", "EX-3", "EX-7", "OPS-2", "EX-9"],
    ],
    [
      "numbers descending, empties still last",
      [{ field: "customfield_10016", direction: "desc" }],
      ["EX-6", "EX-3", "EX-2", "EX-10", "EX-1", "EX-11", "EX-12", "EX-5", "OPS-10", "EX-7", "OPS-2", "EX-8", "EX-4", "EX-9"],
    ],
    [
      "datetimes by instant",
      [{ field: "created" }],
      ["EX-12", "EX-1", "EX-2", "EX-3", "EX-4", "EX-5", "OPS-2", "OPS-10", "EX-9", "EX-10", "EX-11", "EX-7", "EX-8", "EX-6"],
    ],
    [
      "multi by first value (labels), then next",
      [{ field: "labels" }],
      ["EX-5", "EX-3", "EX-11", "EX-2", "EX-10", "EX-1", "EX-9", "EX-6", "OPS-2", "OPS-10", "EX-8", "EX-12", "EX-4", "EX-7"],
    ],
    [
      "sprints by sprint id, not name",
      [{ field: "customfield_10020" }],
      ["EX-1", "EX-2", "OPS-10", "EX-5", "EX-10", "EX-3", "EX-4", "EX-6", "EX-7", "EX-8", "EX-9", "EX-11", "EX-12", "OPS-2"],
    ],
    [
      "text with a collator (accents, numbers), empty last",
      [{ field: "summary" }],
      ["EX-12", "EX-3", "EX-7", "EX-5", "EX-10", "EX-1", "EX-6", "EX-9", "OPS-10", "OPS-2", "EX-2", "EX-4", "EX-8", "EX-11"],
    ],
    [
      "two levels: status category order, then priority descending",
      [{ field: "status" }, { field: "priority", direction: "desc" }],
      ["EX-4", "OPS-2", "EX-8", "EX-3", "EX-9", "EX-5", "EX-12", "EX-2", "EX-11", "EX-7", "EX-6", "EX-1", "EX-10", "OPS-10"],
    ],
    [
      "issue key descending",
      [{ field: "issuekey", direction: "desc" }],
      ["OPS-10", "OPS-2", "EX-12", "EX-11", "EX-10", "EX-9", "EX-8", "EX-7", "EX-6", "EX-5", "EX-4", "EX-3", "EX-2", "EX-1"],
    ],
  ])("%s", (_name, rules, expected) => expect(sorted(rules)).toEqual(expected));

  it("booleans: false before true", () => {
    expect(sorted([{ field: "customfield_10080" }]).slice(0, 2)).toEqual(["EX-3", "EX-1"]);
  });
});

describe("sort stage", () => {
  const reference = (rows: number[], keys: SortKey[]): number[] =>
    [...rows].sort((a, b) => {
      for (const k of keys) {
        const x = k.values[a]!;
        const y = k.values[b]!;
        const ex = x !== x;
        const ey = y !== y;
        if (ex || ey) {
          if (ex && ey) continue;
          return (ex ? -1 : 1) * (k.emptiesFirst ? 1 : -1);
        }
        if (x !== y) return (x < y ? -1 : 1) * (k.descending ? -1 : 1);
      }
      return 0; // Array.prototype.sort is stable: ties keep input order
    });

  const keyArbitrary = (n: number) =>
    fc.record({
      kind: fc.constantFrom("float", "small", "ints"),
      values: fc.array(
        fc.oneof(fc.constant(NaN), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 4 }), fc.constant(-0)),
        {
          minLength: n,
          maxLength: n,
        },
      ),
      descending: fc.boolean(),
      emptiesFirst: fc.boolean(),
    });

  it("is stable and matches a reference comparator sort (property)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 60 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(keyArbitrary(n), { minLength: 1, maxLength: 3 }), fc.subarray([...Array(n).keys()])),
          ),
        ([, specs, subset]) => {
          const keys: SortKey[] = specs.map((s) => {
            if (s.kind === "small") {
              const values = Float64Array.from(s.values, (v) => (Number.isNaN(v) ? NaN : Math.abs(Math.trunc(v)) % 5));
              return { values, descending: s.descending, emptiesFirst: s.emptiesFirst, domain: 5 };
            }
            return { values: Float64Array.from(s.values), descending: s.descending, emptiesFirst: s.emptiesFirst };
          });
          // Shuffle the input order deterministically so stability is observable.
          const rows = [...subset].reverse();
          const actual = Array.from(createSortedRows(Int32Array.from(rows), keys));
          expect(actual).toEqual(reference(rows, keys));
        },
      ),
    );
  });

  it("rows with equal keys keep their input order", () => {
    const values = Float64Array.from([1, 0, 1, 0, 1, NaN, 0]);
    const rows = Int32Array.from([6, 5, 4, 3, 2, 1, 0]);
    expect(Array.from(createSortedRows(rows, [{ values, descending: false, emptiesFirst: false, domain: 2 }]))).toEqual([
      6, 3, 1, 4, 2, 0, 5,
    ]);
    expect(Array.from(createSortedRows(rows, [{ values, descending: false, emptiesFirst: false }]))).toEqual([6, 3, 1, 4, 2, 0, 5]);
  });

  it("orders negative numbers, zeros and extremes", () => {
    const values = Float64Array.from([3, -1e308, -0, 0, -2.5, 1e308, Number.MIN_VALUE, -Number.MIN_VALUE]);
    const rows = Int32Array.from(values.keys());
    expect(Array.from(createSortedRows(rows, [{ values, descending: false, emptiesFirst: false }]))).toEqual([1, 4, 7, 2, 3, 6, 0, 5]);
  });

  it("every sort function is registered once", () => {
    expect(sortFns.names()).toEqual(["number", "boolean", "option", "text", "multi"]);
  });
});
