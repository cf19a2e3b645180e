/**
 * The tree behind the flat display rows: each row's enclosing group row, and the "path" of group
 * headers kept pinned under the table header while the user scrolls deep inside a long group.
 */

import type { DisplayRow } from "../../engine/index";

/** For each row, the index of its enclosing group row (−1 for top-level groups and the total). */
export function parentIndexes(rows: readonly DisplayRow[]): Int32Array {
  const parents = new Int32Array(rows.length).fill(-1);
  // openAtDepth[d] = index of the last group row seen at depth d.
  const openAtDepth: number[] = [];
  rows.forEach((row, i) => {
    if (row.kind === "group") {
      const depth = row.group.depth;
      parents[i] = depth > 1 ? (openAtDepth[depth - 1] ?? -1) : -1;
      openAtDepth[depth] = i;
      openAtDepth.length = depth + 1;
    } else if (row.kind === "issue") {
      parents[i] = openAtDepth[row.group.depth] ?? -1;
    }
  });
  return parents;
}

/** The group rows enclosing row `index`, outermost first. */
export function ancestorsOf(parents: Int32Array, index: number): number[] {
  const path: number[] = [];
  for (let p = parents[index] ?? -1; p >= 0; p = parents[p] ?? -1) path.unshift(p);
  return path;
}

/**
 * Which group rows to pin when row `firstVisible` is the topmost row under the header. The pinned
 * rows cover the first rows of the viewport, so the path is that of the first row *below* them
 * (a fixed point: a deeper row may need a longer path, which covers one more row).
 */
export function pinnedPath(parents: Int32Array, firstVisible: number): number[] {
  if (firstVisible <= 0 || firstVisible >= parents.length) return [];
  let path: number[] = [];
  for (let guard = 0; guard < 8; guard++) {
    const below = Math.min(parents.length - 1, firstVisible + path.length);
    const next = ancestorsOf(parents, below);
    if (next.length === path.length && next.every((p, i) => p === path[i])) break;
    if (next.length < path.length && guard > 0) break;
    path = next;
  }
  return path;
}
