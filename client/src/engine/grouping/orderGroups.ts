/**
 * Orders each group's children (by key or by an aggregate, asc/desc, "(none)" always last) and lays
 * out the visible rows: the deepest groups' rows concatenated in display order, with every node's
 * range into them.
 */

import type { GroupTree } from "./createGroupedRows";
import type { GroupKeyReader } from "./groupKeys";

export interface LevelOrder {
  readonly reader: GroupKeyReader;
  readonly descending: boolean;
  /** Aggregate values per node when ordering by an aggregate; null orders by key. */
  readonly aggregate: Float64Array | null;
}

export interface OrderedTree {
  /** Ordered child indices per node (null at the deepest level). */
  readonly children: readonly (readonly number[] | null)[];
  /** Visible rows; an issue under several values of a multi-valued level appears once per value. */
  readonly rows: Int32Array;
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
}

export function orderGroups(tree: GroupTree, levels: readonly LevelOrder[]): OrderedTree {
  const nodes = tree.nodes;
  const children: (readonly number[] | null)[] = new Array(nodes.length).fill(null);
  for (const node of nodes) {
    if (node.children === null) continue;
    const level = levels[node.depth];
    if (!level) {
      children[node.index] = node.children;
      continue;
    }
    const { reader, descending, aggregate } = level;
    const sign = descending ? -1 : 1;
    const byKey = (a: number, b: number): number => reader.compare(nodes[a]!.key, nodes[b]!.key);
    children[node.index] = [...node.children].sort((a, b) => {
      const ka = nodes[a]!.key;
      const kb = nodes[b]!.key;
      // "(none)" is last whatever the direction: it is not a value to rank.
      if (ka !== ka || kb !== kb) return (ka !== ka ? 1 : 0) - (kb !== kb ? 1 : 0);
      if (aggregate) {
        const va = aggregate[a]!;
        const vb = aggregate[b]!;
        const emptyA = va !== va;
        const emptyB = vb !== vb;
        // Empty aggregates go after the others whatever the direction; two empties (NaN !== NaN)
        // are a tie, ranked by key like equal values, so the comparator stays consistent.
        if (emptyA || emptyB) return emptyA === emptyB ? byKey(a, b) : emptyA ? 1 : -1;
        if (va !== vb) return sign * (va - vb);
        return byKey(a, b);
      }
      return sign * byKey(a, b);
    });
  }

  let total = 0;
  for (const node of nodes) if (node.children === null) total += node.end - node.start;
  const rows = new Int32Array(total);
  const rowStart = new Int32Array(nodes.length);
  const rowEnd = new Int32Array(nodes.length);
  let cursor = 0;
  const layout = (index: number): void => {
    rowStart[index] = cursor;
    const ordered = children[index];
    if (ordered === null || ordered === undefined) {
      const { rows: source, start, end } = nodes[index]!;
      for (let i = start; i < end; i++) rows[cursor++] = source[i]!;
    } else for (const child of ordered) layout(child);
    rowEnd[index] = cursor;
  };
  layout(0);
  return { children, rows, rowStart, rowEnd };
}
