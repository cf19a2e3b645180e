/**
 * Jira's field metadata, and the smallest set of fields a report needs from each issue: fewer
 * fields mean smaller pages, fewer API points and less issue data in the browser.
 */

import { validateFormula, type FieldDetails, type ReportDefinition } from "../engine/index";
import type { JiraHost } from "../host/host";
import { readJson } from "./errors";
import { oncePerHost } from "./oncePerHost";
import { requestWithRetries } from "./requests";

export const FIELD_PATH = "/rest/api/3/field";

// Same pattern as the report model's field keys (docs/report-model.md).
const JIRA_FIELD_ID = /^(?:[a-z][A-Za-z0-9_]{0,63}|customfield_[0-9]{1,10})$/;
// Every issue carries its id and key; requesting them as fields would be a no-op.
const ALWAYS_PRESENT = new Set(["id", "key", "issuekey"]);

export async function fetchFields(host: JiraHost): Promise<FieldDetails[]> {
  const response = await requestWithRetries(host, FIELD_PATH);
  const fields = readJson<unknown>(response, FIELD_PATH);
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldDetails => !!f && typeof f === "object" && typeof (f as FieldDetails).id === "string");
}

/** `fetchFields`, once per host for the life of the page (a failure is not remembered). */
export const fetchFieldsCached = oncePerHost(fetchFields);

/**
 * Jira field ids the report reads: columns, sort, group (and group-order) and filter rules, and
 * the fields formula expressions and rollups reference. Formula keys are computed, not fetched.
 * Stable order (first use first), no duplicates.
 */
export function neededFields(definition: ReportDefinition): string[] {
  const formulaKeys = new Set((definition.formula_fields ?? []).map((f) => f.key));
  const out = new Set<string>();
  const use = (key: string | null | undefined): void => {
    if (!key || formulaKeys.has(key) || ALWAYS_PRESENT.has(key) || key.startsWith("formula_")) return;
    if (JIRA_FIELD_ID.test(key)) out.add(key);
  };
  for (const column of definition.columns ?? []) use(column.field);
  for (const rule of definition.sorting_rules ?? []) use(rule.field);
  for (const rule of definition.grouping_rules ?? []) {
    use(rule.field);
    if (rule.order?.by === "aggregate") use(rule.order.field);
  }
  for (const rule of definition.filtering_rules ?? []) use(rule.field);
  for (const formula of definition.formula_fields ?? []) {
    // The engine's parser lists references even when the expression does not type-check, so
    // an unknown field costs at most an ignored entry in `fields`, never a missing value.
    for (const key of validateFormula(formula.expression, []).references) use(key);
    if (formula.rollup) for (const key of validateFormula(formula.rollup, [], { mode: "rollup" }).references) use(key);
  }
  return [...out];
}
