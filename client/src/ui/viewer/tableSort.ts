/**
 * Sorting for this view only (a header click; nothing is saved): issues are reordered within
 * their group, and sibling groups by the column's aggregate when it has one. The grand total stays
 * where it is. Empty values go last in both directions, as in Jira's issue navigator.
 */

import { getCellValue, type CellValue, type DisplayRow, type ReportResult } from "../../engine/index";

export type SortDirection = "ascending" | "descending";

export interface ViewSort {
  readonly columnIndex: number;
  readonly direction: SortDirection;
}

/** A header click cycles ascending → descending → the report's own order. */
export function nextSort(current: ViewSort | null, columnIndex: number): ViewSort | null {
  if (current === null || current.columnIndex !== columnIndex) return { columnIndex, direction: "ascending" };
  return current.direction === "ascending" ? { columnIndex, direction: "descending" } : null;
}

type Comparable = number | string | boolean | null;

function comparable(value: CellValue): Comparable {
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(", ");
  if (value === "") return null;
  return value as Comparable;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Compares two present values; empties are handled by the caller so they stay last. */
function compareValues(a: Exclude<Comparable, null>, b: Exclude<Comparable, null>): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

function sortBy<T>(items: T[], key: (item: T) => Comparable, direction: SortDirection): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  const keyed = items.map((item, position) => ({ item, position, value: key(item) }));
  keyed.sort((x, y) => {
    if (x.value === null || y.value === null) {
      if (x.value === y.value) return x.position - y.position;
      return x.value === null ? 1 : -1;
    }
    return sign * compareValues(x.value, y.value) || x.position - y.position;
  });
  return keyed.map((k) => k.item);
}

/** `rows` as flattened for display (collapsed groups without their rows), reordered by `sort`. */
export function sortDisplayRows(rows: readonly DisplayRow[], result: ReportResult, sort: ViewSort | null): readonly DisplayRow[] {
  if (sort === null || !result.columns[sort.columnIndex]) return rows;
  const { columnIndex, direction } = sort;
  const issueKey = (row: DisplayRow): Comparable => (row.kind === "issue" ? comparable(getCellValue(result, row.row, columnIndex)) : null);
  const groupKey = (block: DisplayRow[]): Comparable => {
    const value = block[0]!.group.aggregateValue(columnIndex);
    return value === "" ? null : value;
  };
  const column = result.columns[columnIndex]!;
  const hasAggregate = column.aggregation !== null || column.hasRollup;

  const orderLevel = (slice: DisplayRow[]): DisplayRow[] => {
    const first = slice[0];
    if (!first) return slice;
    if (first.kind !== "group") return sortBy(slice, issueKey, direction);
    // Each block is a group row followed by everything under it.
    const blocks: DisplayRow[][] = [];
    for (const row of slice) {
      if (row.kind === "group" && row.group.depth === first.group.depth) blocks.push([row]);
      else blocks[blocks.length - 1]!.push(row);
    }
    const ordered = hasAggregate ? sortBy(blocks, groupKey, direction) : blocks;
    return ordered.flatMap((block) => [block[0]!, ...orderLevel(block.slice(1))]);
  };

  const start = rows[0]?.kind === "total" ? 1 : 0;
  const end = rows.length > start && rows[rows.length - 1]!.kind === "total" ? rows.length - 1 : rows.length;
  return [...rows.slice(0, start), ...orderLevel(rows.slice(start, end)), ...rows.slice(end)];
}
