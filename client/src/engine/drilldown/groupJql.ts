/**
 * JQL for exactly one group of a report: the report's base JQL AND the predicate of every level
 * on the group's path (the total is the base JQL itself). Null when a level cannot be said in JQL.
 */

import type { GroupNode } from "../result";
import { groupPredicate, type GroupLevel } from "./groupPredicate";
import { andJql } from "./jqlText";

export function groupJql(baseJql: string, path: readonly GroupLevel[]): string | null {
  const clauses: string[] = [];
  for (const level of path) {
    const clause = groupPredicate(level);
    if (clause === null) return null;
    clauses.push(clause);
  }
  return andJql(baseJql, clauses);
}

/**
 * The groups from the top level down to `target` (excluding the total). Group nodes do not link
 * to their parents; a group's rows lie inside its parent's row range, so the path follows ranges.
 */
export function groupPath(root: GroupNode, target: GroupNode): GroupNode[] | null {
  const path: GroupNode[] = [];
  let node = root;
  while (node !== target) {
    const children = node.children;
    if (children === null || node.depth >= target.depth) return null;
    const next = children.find(
      (child) => child === target || (child.rowStart <= target.rowStart && target.rowEnd <= child.rowEnd && child.rowStart < child.rowEnd),
    );
    if (next === undefined) return null;
    path.push(next);
    node = next;
  }
  return path;
}
