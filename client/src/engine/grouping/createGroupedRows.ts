/**
 * Grouping stage: partitions sorted rows level by level into a tree. Each group's rows are a
 * contiguous index array holding its distinct issues in sorted order (a stable counting-sort
 * scatter, so sorting once before grouping sorts every group). A multi-valued level puts an issue
 * into the group of each of its values.
 */

import type { EncodedLevel, GroupKeyReader } from "./groupKeys";

export interface GroupTreeNode {
  /** Position in `GroupTree.nodes` (pre-order; the root is 0). */
  readonly index: number;
  /** 0 for the root (grand total), 1 for the outermost grouping level. */
  readonly depth: number;
  /** Group key from the level's reader; NaN for "(none)" and for the root. */
  readonly key: number;
  /** The group's distinct issues, in sorted order, are `rows[start..end)` (a shared buffer: no views). */
  readonly rows: Int32Array;
  readonly start: number;
  readonly end: number;
  /** Child indices in first-appearance order; null at the deepest level. */
  readonly children: readonly number[] | null;
}

export interface GroupTree {
  readonly nodes: readonly GroupTreeNode[];
  /** `multiBelow[d]`: a level deeper than depth d is multi-valued, so merging children would double count. */
  readonly multiBelow: readonly boolean[];
}

interface Level {
  readonly reader: GroupKeyReader;
  readonly encoded: EncodedLevel | null;
  /** Scratch per id: slot in the current partition, valid when stamp matches. */
  readonly slotOfId: Int32Array;
  readonly stampOfId: Int32Array;
  stamp: number;
}

/** Splits `rows[start..end)` by id; slots follow first appearance, "(none)" gets a slot like any key. */
function partition(
  source: Int32Array,
  start: number,
  end: number,
  level: Level,
): { ids: number[]; buffer: Int32Array; bounds: Int32Array } {
  const mark = ++level.stamp;
  const { slotOfId, stampOfId } = level;
  const slotIds: number[] = [];
  const counts: number[] = [];
  let noneSlot = -1;
  const slotFor = (id: number): number => {
    if (id < 0) {
      if (noneSlot < 0) {
        noneSlot = slotIds.length;
        slotIds.push(-1);
        counts.push(0);
      }
      return noneSlot;
    }
    if (stampOfId[id] === mark) return slotOfId[id]!;
    stampOfId[id] = mark;
    slotOfId[id] = slotIds.length;
    slotIds.push(id);
    counts.push(0);
    return slotIds.length - 1;
  };

  const n = end - start;
  const rows = source.subarray(start, end);
  const multi = level.reader.multi;
  let placements: Int32Array;
  let placementRows: Int32Array;
  if (multi === null) {
    const ids = level.encoded!.ids;
    placements = new Int32Array(n);
    placementRows = rows;
    // The common case, inlined: one typed-array read per row, no closure call.
    for (let i = 0; i < n; i++) {
      const id = ids[rows[i]!]!;
      const s = id >= 0 && stampOfId[id] === mark ? slotOfId[id]! : slotFor(id);
      counts[s]!++;
      placements[i] = s;
    }
  } else {
    const { offsets, codes } = multi;
    let total = 0;
    for (let i = 0; i < n; i++) total += Math.max(1, offsets[rows[i]! + 1]! - offsets[rows[i]!]!);
    placements = new Int32Array(total);
    placementRows = new Int32Array(total);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      const start = offsets[row]!;
      const end = offsets[row + 1]!;
      if (start === end) {
        const s = slotFor(-1);
        counts[s]!++;
        placements[k] = s;
        placementRows[k++] = row;
      }
      for (let j = start; j < end; j++) {
        const s = slotFor(codes[j]!);
        counts[s]!++;
        placements[k] = s;
        placementRows[k++] = row;
      }
    }
  }
  const buffer = new Int32Array(placements.length);
  const cursor = new Int32Array(slotIds.length + 1);
  for (let s = 0; s < slotIds.length; s++) cursor[s + 1] = cursor[s]! + counts[s]!;
  const bounds = cursor.slice();
  for (let i = 0; i < placements.length; i++) buffer[cursor[placements[i]!]!++] = placementRows[i]!;
  return { ids: slotIds, buffer, bounds };
}

/** Builds the group tree for `levels` (outermost first) over already sorted rows. */
export function createGroupedRows(sortedRows: Int32Array, readers: readonly GroupKeyReader[], rowCount: number): GroupTree {
  const levels: Level[] = readers.map((reader) => {
    const encoded = reader.multi === null ? reader.encode(sortedRows, rowCount) : null;
    const count = reader.multi?.count ?? encoded!.count;
    return { reader, encoded, slotOfId: new Int32Array(count), stampOfId: new Int32Array(count), stamp: 0 };
  });
  const nodes: GroupTreeNode[] = [];
  const build = (rows: Int32Array, start: number, end: number, depth: number, key: number): number => {
    const index = nodes.length;
    const node: { index: number; depth: number; key: number; rows: Int32Array; start: number; end: number; children: number[] | null } = {
      index,
      depth,
      key,
      rows,
      start,
      end,
      children: null,
    };
    nodes.push(node);
    const level = levels[depth];
    if (level) {
      const { ids, buffer, bounds } = partition(rows, start, end, level);
      const keys = level.encoded?.keys;
      // Multi-valued ids are dictionary codes, which are their own keys.
      node.children = ids.map((id, s) => build(buffer, bounds[s]!, bounds[s + 1]!, depth + 1, id < 0 ? NaN : keys ? keys[id]! : id));
    }
    return index;
  };
  build(sortedRows, 0, sortedRows.length, 0, NaN);
  const multiBelow = readers.map((_, d) => readers.slice(d).some((r) => r.multi !== null));
  multiBelow.push(false);
  return { nodes, multiBelow };
}
