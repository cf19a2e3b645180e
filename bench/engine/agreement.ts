/**
 * Checks that the engine and Arquero computed the same report: the same groups (key paths), in
 * the same order under each parent, with the same issue count and every aggregate equal, and the
 * same leaf rows (issue keys) in the same display order. Not timed.
 */

import type { GroupNode, ReportResult } from "../../client/src/engine/result";
import { AGGREGATE_NAMES, type ArqueroResult } from "./arqueroPipeline";

type Value = number | string | boolean | null;

interface Groups {
  /** Key path (JSON of the typed keys from the root) → issue count and aggregates. */
  readonly values: Map<string, Value[]>;
  /** Parent path → child paths in display order. */
  readonly children: Map<string, string[]>;
  readonly leafKeys: string[];
}

export function engineGroups(result: ReportResult): Groups {
  const values = new Map<string, Value[]>();
  const children = new Map<string, string[]>();
  const aggregated = result.columns.filter((c) => c.aggregation !== null).map((c) => c.index);
  const visit = (node: GroupNode, path: Value[]): void => {
    const id = JSON.stringify(path);
    values.set(id, [node.issueCount, ...aggregated.map((c) => node.aggregateValue(c))]);
    if (node.children === null) return;
    const childPaths = node.children.map((child) => [...path, child.key]);
    children.set(
      id,
      childPaths.map((p) => JSON.stringify(p)),
    );
    node.children.forEach((child, i) => {
      visit(child, childPaths[i]!);
    });
  };
  visit(result.root, []);
  const table = result.data.table;
  const leafKeys = Array.from(result.rows, (row) => table.issueKey(row) ?? `?${row}`);
  return { values, children, leafKeys };
}

export function arqueroGroups(result: ArqueroResult): Groups {
  const values = new Map<string, Value[]>();
  const children = new Map<string, string[]>();
  const read = (table: ArqueroResult["total"], rankColumns: readonly string[]): void => {
    const keys = rankColumns.map((name) => table.array(name).map((rank) => result.decode[name]!(rank as number)));
    const aggregates = AGGREGATE_NAMES.map((name) => table.array(name));
    for (let row = 0; row < table.numRows(); row++) {
      const path = keys.map((column) => column[row]!);
      const id = JSON.stringify(path);
      values.set(
        id,
        aggregates.map((column) => column[row] as Value),
      );
      const parent = JSON.stringify(path.slice(0, -1));
      if (path.length > 0) children.set(parent, [...(children.get(parent) ?? []), id]);
    }
  };
  read(result.total, []);
  result.levels.forEach((level, d) => {
    read(level, result.rankColumns[d]!);
  });
  const project = result.leaves.array("keyProject");
  const number = result.leaves.array("keyNumber");
  const leafKeys = project.map((p, i) => `${p as string}-${number[i] as number}`);
  return { values, children, leafKeys };
}

/** Equal numbers up to summation order; empty is null/undefined/NaN, and Arquero sums nothing to 0. */
function same(engine: Value, arquero: Value, aggregate: string): boolean {
  const empty = (v: Value | undefined) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
  if (empty(engine)) return empty(arquero) || (aggregate === "timespent_sum" && arquero === 0);
  if (typeof engine !== "number" || typeof arquero !== "number") return engine === arquero;
  return Math.abs(engine - arquero) <= 1e-9 * Math.max(1, Math.abs(engine));
}

/** Throws with the first differences; returns the number of groups compared. */
export function checkAgreement(engine: Groups, arquero: Groups): number {
  const problems: string[] = [];
  for (const [path, values] of engine.values) {
    const other = arquero.values.get(path);
    if (other === undefined) {
      problems.push(`group ${path} only in the engine`);
      continue;
    }
    values.forEach((v, i) => {
      const name = AGGREGATE_NAMES[i]!;
      if (!same(v, other[i]!, name)) problems.push(`group ${path} ${name}: engine ${v}, Arquero ${other[i]}`);
    });
  }
  for (const path of arquero.values.keys()) if (!engine.values.has(path)) problems.push(`group ${path} only in Arquero`);
  for (const [parent, paths] of engine.children) {
    if (JSON.stringify(paths) !== JSON.stringify(arquero.children.get(parent) ?? []))
      problems.push(`children of ${parent} in another order`);
  }
  if (engine.leafKeys.length !== arquero.leafKeys.length)
    problems.push(`leaf rows: engine ${engine.leafKeys.length}, Arquero ${arquero.leafKeys.length}`);
  else {
    const at = engine.leafKeys.findIndex((k, i) => k !== arquero.leafKeys[i]);
    if (at >= 0) problems.push(`leaf row ${at}: engine ${engine.leafKeys[at]}, Arquero ${arquero.leafKeys[at]}`);
  }
  if (problems.length > 0) throw new Error(`engine and Arquero disagree (${problems.length}):\n  ${problems.slice(0, 10).join("\n  ")}`);
  return engine.values.size;
}
