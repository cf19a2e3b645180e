/** Test helpers: run a report over fixtures and read results back as plain data. */

import { resolveFieldSpec } from "../../src/engine/columns/fieldTypes";
import {
  createReportEngine,
  formatCell,
  getCellValue,
  getIssueKey,
  type AvailableField,
  type GroupNode,
  type ReportResult,
} from "../../src/engine/index";
import type { FieldDetails, JiraIssue } from "../../src/engine/jira";
import type { ReportDefinition } from "../../src/engine/model";
import { definition, FIELDS, ISSUES, NOW, TIME_ZONE } from "./fixtures";

export interface RunOptions {
  issues?: readonly JiraIssue[];
  fields?: readonly FieldDetails[];
  now?: Date;
  timeZone?: string;
}

export function run(overrides: ReportDefinition, options: RunOptions = {}): ReportResult {
  const engine = createReportEngine({
    definition: definition(overrides),
    fields: options.fields ?? FIELDS,
    now: () => options.now ?? NOW,
    timeZone: options.timeZone ?? TIME_ZONE,
  });
  engine.addIssues(options.issues ?? ISSUES);
  return engine.compute();
}

/** Issue keys of the visible rows, in order. */
export function keys(result: ReportResult): string[] {
  return Array.from(result.rows, (row) => getIssueKey(result, row)!);
}

export function sortedKeys(result: ReportResult): string[] {
  return keys(result).sort();
}

/** Group labels per level as nested arrays `[label, issueCount, children?]`. */
export interface GroupShape {
  label: string;
  count: number;
  keys?: string[];
  children?: GroupShape[];
}

export function shape(result: ReportResult, group: GroupNode = result.root): GroupShape[] {
  return (group.children ?? []).map((g) =>
    g.children
      ? { label: g.label, count: g.issueCount, children: shape(result, g) }
      : {
          label: g.label,
          count: g.issueCount,
          keys: Array.from(result.rows.subarray(g.rowStart, g.rowEnd), (r) => getIssueKey(result, r)!),
        },
  );
}

export function labels(group: GroupNode): string[] {
  return (group.children ?? []).map((g) => g.label);
}

export function findGroup(group: GroupNode, ...path: string[]): GroupNode {
  let current = group;
  for (const label of path) {
    const next = current.children?.find((c) => c.label === label);
    if (!next) throw new Error(`no group ${label} under ${current.label}: ${labels(current).join(", ")}`);
    current = next;
  }
  return current;
}

/** Display strings of one row, by column. */
export function displayRow(result: ReportResult, key: string): string[] {
  const row = Array.from(result.rows).find((r) => getIssueKey(result, r) === key);
  if (row === undefined) throw new Error(`row ${key} not visible`);
  return result.columns.map((_, c) => formatCell(result, row, c).display);
}

export function cellValueOf(result: ReportResult, key: string, column = 0): unknown {
  const row = Array.from(result.rows).find((r) => getIssueKey(result, r) === key);
  if (row === undefined) throw new Error(`row ${key} not visible`);
  return getCellValue(result, row, column);
}

/** Every fixture field with its engine type, as the formula editor would pass them. */
export const AVAILABLE: AvailableField[] = FIELDS.map((f) => ({ key: f.id, type: resolveFieldSpec(f.id, f).type }));
