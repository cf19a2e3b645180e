/**
 * A drill-down slice: the issues of one pivot cell (or of a row total, a column total, the grand
 * total), named by the groups the cell sits in on either axis. An issue is in the slice when one
 * of its values falls in each level's group — a multi-valued field (labels, components) puts an
 * issue in the group of each of its values, as the pivot counts it (`engine/pivot`) — and, like
 * the pivot's issues, it has a value in each field a rule with `show_empty: false` requires.
 *
 * The slice is data, not rows: the viewer keeps it and finds its issues again in every new result
 * (more pages, Refresh), and shows them as the report's grouped table (`sliceResult`).
 */

import { isEmptyAt } from "../columns/types";
import { createGroupKeyReader, type GroupKeyValue } from "../grouping/groupKeys";
import type { Bucket, GroupRule } from "../model";
import { regroupResult } from "../pipeline";
import type { ReportResult } from "../result";
import { groupJql } from "./groupJql";
import { groupPredicate, type GroupLevel } from "./groupPredicate";
import { jqlClauseName } from "./clauseNames";
import { andJql } from "./jqlText";
import { resultWithTotal } from "./resultWithTotal";

export interface SliceLevel {
  readonly field: string;
  /** The grouping rule's bucket (the reader ignores one that does not fit the field, as the pivot does). */
  readonly bucket: Bucket | null;
  /** The group's typed key (`PivotGroupKey.key`); ignored for "(none)". */
  readonly key: GroupKeyValue;
  readonly isEmpty: boolean;
  /** The group's name as the user read it, for the breadcrumb. */
  readonly label: string;
}

export interface Slice {
  /** The cell's row groups, outermost first, then its column groups. */
  readonly levels: readonly SliceLevel[];
  /** Fields every issue of the slice has a value in (the pivot's rules with `show_empty: false`). */
  readonly required: readonly string[];
}

/** The group of `rule` with key `group` (a pivot's row or column group) as a slice level. */
export function sliceLevel(
  rule: GroupRule,
  group: { readonly key: GroupKeyValue; readonly isEmptyGroup: boolean },
  label: string,
): SliceLevel {
  return { field: rule.field, bucket: rule.bucket ?? null, key: group.key, isEmpty: group.isEmptyGroup, label };
}

/** The fields a pivot's rules require a value in. */
export function requiredFields(rules: readonly GroupRule[]): string[] {
  return [...new Set(rules.filter((rule) => rule.show_empty === false).map((rule) => rule.field))];
}

type RowTest = (row: number) => boolean;

/** Whether a row's value (or one of its values) falls in the level's group. */
function levelTest(result: ReportResult, level: SliceLevel): RowTest {
  const table = result.data.table;
  const column = table.column(level.field);
  // The pivot puts every issue in "(none)" for a field the report did not load.
  if (column === undefined) return () => level.isEmpty;
  if (level.isEmpty) return (row) => isEmptyAt(column, row);
  const reader = createGroupKeyReader(column, level.bucket, result.data.formatContext.timeZone, String);
  const multi = reader.multi;
  if (multi !== null) {
    const matches = new Uint8Array(multi.count);
    for (let code = 0; code < multi.count; code++) matches[code] = reader.value(code) === level.key ? 1 : 0;
    const { offsets, codes } = multi;
    return (row) => {
      for (let i = offsets[row]!; i < offsets[row + 1]!; i++) if (matches[codes[i]!]) return true;
      return false;
    };
  }
  const n = table.rowCount;
  const all = new Int32Array(n);
  for (let row = 0; row < n; row++) all[row] = row;
  const encoded = reader.encode(all, n);
  const matches = new Uint8Array(encoded.count);
  for (let id = 0; id < encoded.count; id++) matches[id] = reader.value(encoded.keys[id]!) === level.key ? 1 : 0;
  const ids = encoded.ids;
  return (row) => {
    const id = ids[row]!;
    return id >= 0 && matches[id] === 1;
  };
}

/** The slice as a test of a row of `result`'s table. */
export function slicePredicate(result: ReportResult, slice: Slice): RowTest {
  const table = result.data.table;
  const tests = slice.levels.map((level) => levelTest(result, level));
  const required = slice.required.map((field) => table.column(field));
  return (row) => {
    for (const column of required) if (column === undefined || isEmptyAt(column, row)) return false;
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}

/** What the breadcrumb and "Open in Jira" call the slice: "Ada › Bug". */
export function sliceLabel(slice: Slice): string {
  return slice.levels.map((level) => level.label).join(" › ");
}

/**
 * The report's grouped table over the slice's issues, as a result whose total is the slice (its
 * id names the slice, so the table starts from the top when the slice changes). Null for a result
 * the engine's pipeline did not compute.
 */
export function sliceResult(result: ReportResult, slice: Slice): ReportResult | null {
  const sliced = regroupResult(result, slicePredicate(result, slice));
  if (sliced === null) return null;
  const id = `slice:${JSON.stringify(slice.levels.map((l) => [l.field, l.isEmpty ? null : l.key]))}`;
  return resultWithTotal(sliced, sliced.root, id, sliceLabel(slice));
}

/**
 * JQL for the slice's issues: `groupJql` over its levels, plus "is not EMPTY" for the fields its
 * rules require. Null when a level cannot be said in JQL (text, formulas).
 */
export function sliceJql(baseJql: string, result: ReportResult, slice: Slice): string | null {
  const table = result.data.table;
  const levels: GroupLevel[] = slice.levels.map((level) => ({
    field: level.field,
    spec: table.spec(level.field),
    bucket: level.bucket,
    key: level.key,
    isEmpty: level.isEmpty,
  }));
  const jql = groupJql(baseJql, levels);
  if (jql === null || slice.required.length === 0) return jql;
  const clauses: string[] = [];
  for (const level of levels) clauses.push(groupPredicate(level)!);
  for (const field of slice.required) {
    if (table.spec(field)?.source !== "fields") return null;
    clauses.push(`${jqlClauseName(field)} is not EMPTY`);
  }
  return andJql(baseJql, clauses);
}
