/**
 * What the editor offers to choose from: the fields a report can use, typed the way the engine
 * will type them (the engine's own resolver, so the editor never offers an operator or
 * aggregation the engine would ignore), and the operators, aggregations, formats and buckets
 * that fit each type (the engine's registries).
 */

import { resolveFieldSpec } from "../../engine/columns/fieldTypes";
import { aggregationFns, filterFns, formatFns, type AvailableField, type FieldDetails, type FieldType } from "../../engine/index";
import type { Aggregation, FormatType, FormulaField, Operator } from "../../api/definition.gen";
import { HISTORY_FIELD_PREFIX, HISTORY_FIELDS } from "../../engine/vocabulary.gen";

export interface FieldOption {
  readonly key: string;
  readonly name: string;
  readonly type: FieldType;
  readonly isFormula: boolean;
}

/** A history field as the engine names it for the site's statuses (`historyFieldChoices`). */
export interface HistoryChoice {
  readonly key: string;
  readonly name: string;
  readonly type: FieldType;
}

/** The fields the editor's pickers list (Jira's, the history fields, then the draft's formulas),
 * by key. Not the engine's field specs: only what a person chooses from. */
export interface FieldChoices {
  readonly options: readonly FieldOption[];
  get(key: string): FieldOption | undefined;
  /** For `validateFormula`: every Jira field and formula (except `exclude`) with its type. */
  available(exclude?: string): AvailableField[];
}

/** Jira fields that make no sense as report columns (rich content, internal bookkeeping). */
const HIDDEN = new Set(["attachment", "comment", "worklog", "issuelinks", "thumbnail", "timetracking", "lastViewed"]);

export function buildFieldChoices(
  fields: readonly FieldDetails[],
  formulas: readonly FormulaField[],
  history: readonly HistoryChoice[] = [],
): FieldChoices {
  const options: FieldOption[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    if (HIDDEN.has(field.id) || seen.has(field.id) || field.navigable === false) continue;
    seen.add(field.id);
    const spec = resolveFieldSpec(field.id, field);
    options.push({ key: field.id, name: field.name, type: spec.type, isFormula: false });
  }
  if (!seen.has("issuekey")) options.push({ key: "issuekey", name: "Key", type: "issuelink", isFormula: false });
  options.sort((a, b) => a.name.localeCompare(b.name));
  // In the engine's order (kinds, then statuses), which reads better than alphabetical.
  for (const field of history) {
    if (seen.has(field.key)) continue;
    seen.add(field.key);
    options.push({ key: field.key, name: field.name, type: field.type, isFormula: false });
  }
  for (const formula of formulas) {
    options.push({ key: formula.key, name: formula.name || formula.key, type: formula.result_type, isFormula: true });
  }
  const byKey = new Map(options.map((o) => [o.key, o]));
  return {
    options,
    get: (key) => byKey.get(key),
    available: (exclude) => options.filter((o) => o.key !== exclude).map((o) => ({ key: o.key, type: o.type })),
  };
}

/** A key the choices do not hold (a field removed from Jira, or fields still loading) reads as
 * text, like the engine; a history field keeps its kind's type (its status may be gone, or the
 * site's statuses still loading). */
export function typeOf(fieldChoices: FieldChoices, key: string): FieldType {
  return fieldChoices.get(key)?.type ?? historyKindType(key) ?? "text";
}

/** The type of a history field key by its kind (`history_time_in_status_10001` → duration). */
export function historyKindType(key: string): FieldType | null {
  if (!key.startsWith(HISTORY_FIELD_PREFIX)) return null;
  const rest = key.slice(HISTORY_FIELD_PREFIX.length);
  for (const [name, kind] of HISTORY_FIELDS) {
    if (kind.parameter === null ? rest === name : rest.startsWith(`${name}_`) && rest.length > name.length + 1) return kind.type;
  }
  return null;
}

export function operatorsFor(type: FieldType): Operator[] {
  return filterFns
    .entries()
    .filter((fn) => fn.types.includes(type))
    .map((fn) => fn.name as Operator);
}

export function aggregationsFor(type: FieldType): Aggregation[] {
  return aggregationFns
    .entries()
    .filter((fn) => fn.types.includes(type))
    .map((fn) => fn.name as Aggregation);
}

export function formatsFor(type: FieldType): FormatType[] {
  return formatFns
    .entries()
    .filter((fn) => fn.appliesTo.includes(type))
    .map((fn) => fn.name as FormatType);
}

export const isDateType = (type: FieldType): boolean => type === "date" || type === "datetime";
export const isNumberType = (type: FieldType): boolean => type === "number" || type === "duration";

export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  eq: "=",
  ne: "≠",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  between: "between",
  before: "before",
  after: "after",
  on: "on",
  in_last: "in the last",
  in_next: "in the next",
  any_of: "is any of",
  none_of: "is none of",
  all_of: "contains all of",
  at_least: "is at least",
  at_most: "is at most",
  is_empty: "is empty",
  is_not_empty: "is not empty",
};

export { AGGREGATION_LABELS } from "../common/measureNames";

export const FORMAT_LABELS: Record<FormatType, string> = {
  text: "Text",
  number: "Number",
  percent: "Percent",
  duration: "Duration",
  date: "Date",
  datetime: "Date and time",
  user: "User",
  option: "Lozenge",
};

export const TYPE_LABELS: Record<FieldType, string> = {
  text: "text",
  number: "number",
  duration: "duration",
  date: "date",
  datetime: "date-time",
  user: "user",
  option: "option",
  multi: "multi-value",
  issuelink: "issue",
  boolean: "yes/no",
};
