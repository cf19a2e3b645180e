/**
 * Resolves a report definition against Jira's field metadata before any issue loads: field types,
 * formats, which operators/aggregations apply, formula order and errors, and the aggregate specs
 * every level needs. Problems become warnings (the rule or setting is ignored) rather than errors,
 * so a report always renders.
 */

import { aggregationFns, type AggregationFn } from "./aggregation/aggregationFns";
import { resolveFieldSpec } from "./columns/fieldTypes";
import type { FieldSpec, FieldType } from "./columns/types";
import { filterFns } from "./filtering/filterFns";
import type { ResolvedFilter } from "./filtering/createFilteredRows";
import { resolveFormat } from "./formats/formatFns";
import { formulaFieldSpec } from "./formulas/createFormulaColumns";
import { planFormulas, type FormulaPlan, type PlannedFormula } from "./formulas/formulaPlan";
import { parseHistoryKey } from "./history/historyKeys";
import { resolveHistorySettings, type ResolvedHistorySettings } from "./history/historySettings";
import type { FieldDetails, JiraStatus } from "./jira";
import type { AggregationName, Bucket, Format, FormulaField, ReportDefinition } from "./model";
import { viewFields } from "./pivot/pivotFields";

export interface DefinitionWarning {
  readonly code: "unknown_field" | "operator" | "operands" | "aggregation" | "format" | "bucket" | "group_order" | "history";
  readonly message: string;
  readonly field: string;
}

export interface PlannedColumn {
  readonly field: string;
  readonly label: string;
  readonly type: FieldType;
  readonly format: Format;
  readonly aggregation: AggregationName | null;
  readonly width: number | null;
  /** The formula field behind the column, when it is one (its rollup replaces the aggregation). */
  readonly formula: PlannedFormula | null;
}

export interface PlannedSort {
  readonly field: string;
  readonly descending: boolean;
  readonly emptiesFirst: boolean;
}

export interface PlannedGroup {
  readonly field: string;
  readonly bucket: Bucket | null;
  readonly descending: boolean;
  /** Index into `aggregates` when ordering by an aggregate. */
  readonly orderAggregate: number | null;
}

export interface PlannedAggregate {
  readonly field: string | null;
  readonly fn: AggregationFn;
}

export interface ReportPlan {
  /** Jira fields (not formulas) to keep from each issue. */
  readonly loadSpecs: readonly FieldSpec[];
  /** Field ids to request from Jira for each issue: `loadSpecs` less the id and key, which
   * every issue carries anyway. First use first, no duplicates. */
  readonly fieldsToLoad: readonly string[];
  readonly specs: ReadonlyMap<string, FieldSpec>;
  readonly formulas: FormulaPlan;
  readonly columns: readonly PlannedColumn[];
  readonly filters: readonly ResolvedFilter[];
  readonly sorts: readonly PlannedSort[];
  readonly groups: readonly PlannedGroup[];
  readonly aggregates: readonly PlannedAggregate[];
  /** `aggregateIndex(field, name)` → index into `aggregates`, or -1. */
  aggregateIndex(field: string | null, aggregation: AggregationName): number;
  readonly warnings: readonly DefinitionWarning[];
  /** True when the report reads a history field: the loader must attach each issue's changelog. */
  readonly needsChangelog: boolean;
  /** The report's history settings (cycle start and end, working time), defaults filled in. */
  readonly history: ResolvedHistorySettings;
}

/** What history fields read from each issue besides its changelog. */
const HISTORY_INPUT_FIELDS = ["created", "status", "resolutiondate"] as const;

/** `statuses` (`GET /rest/api/3/status`) name history fields and give statuses their categories. */
export function planReport(
  definition: ReportDefinition,
  fields: readonly FieldDetails[],
  statuses: readonly JiraStatus[] = [],
): ReportPlan {
  const warnings: DefinitionWarning[] = [];
  const details = new Map(fields.map((f) => [f.id, f]));
  const formulaFields: readonly FormulaField[] = definition.formula_fields ?? [];
  const formulaByKey = new Map(formulaFields.map((f) => [f.key, f]));
  const specs = new Map<string, FieldSpec>();

  const specOf = (key: string): FieldSpec => {
    let spec = specs.get(key);
    if (!spec) {
      const formula = formulaByKey.get(key);
      spec = formula ? formulaFieldSpec(formula) : resolveFieldSpec(key, details.get(key), statuses);
      specs.set(key, spec);
      if (spec.unknown && spec.source === "history")
        warnings.push({ code: "unknown_field", field: key, message: `'${key}' is not a history field Rollbook knows; it stays empty` });
      else if (spec.unknown)
        warnings.push({ code: "unknown_field", field: key, message: `Jira did not describe field '${key}'; it is read as text` });
    }
    return spec;
  };
  // Formulas only see fields Jira describes, history fields (plus the issue key), so typos are
  // errors there.
  const knownType = (key: string): FieldType | undefined => {
    if (key === "issuekey" || key === "key" || key === "id" || details.has(key) || parseHistoryKey(key) !== null) return specOf(key).type;
    return undefined;
  };

  const formulas = planFormulas(
    formulaFields,
    knownType,
    fields.map((f) => ({ key: f.id, name: f.name })),
  );
  const plannedFormula = new Map(formulas.ordered.map((p) => [p.field.key, p]));

  const aggregates: PlannedAggregate[] = [];
  const aggregateIndex = (field: string | null, name: AggregationName): number =>
    aggregates.findIndex((a) => a.field === field && a.fn.name === name);
  const requireAggregate = (field: string | null, name: AggregationName): number => {
    const existing = aggregateIndex(field, name);
    if (existing >= 0) return existing;
    aggregates.push({ field, fn: aggregationFns.get(name)! });
    return aggregates.length - 1;
  };
  const aggregationFits = (field: string, name: AggregationName | null | undefined): name is AggregationName => {
    if (!name) return false;
    const fn = aggregationFns.get(name);
    const type = specOf(field).type;
    if (fn?.types.includes(type)) return true;
    warnings.push({ code: "aggregation", field, message: `aggregation '${name}' does not apply to ${type} field '${field}'` });
    return false;
  };

  const columns: PlannedColumn[] = (definition.columns ?? []).map((c) => {
    const spec = specOf(c.field);
    const resolved = resolveFormat(spec.type, c.format ?? formulaByKey.get(c.field)?.format);
    if (resolved.fellBack)
      warnings.push({
        code: "format",
        field: c.field,
        message: `format '${c.format?.type}' does not apply to ${spec.type}; using the default`,
      });
    const aggregation = aggregationFits(c.field, c.aggregation) ? c.aggregation : null;
    if (aggregation) requireAggregate(c.field, aggregation);
    return {
      field: c.field,
      label: c.label ?? spec.name,
      type: spec.type,
      format: resolved.format,
      aggregation,
      width: c.width ?? null,
      formula: plannedFormula.get(c.field) ?? null,
    };
  });
  // Rollups are shown only in their formula's column, so only those columns need their aggregates.
  for (const column of columns) for (const a of column.formula?.rollupAggregates ?? []) requireAggregate(a.field, a.aggregation);

  const filters: ResolvedFilter[] = [];
  for (const rule of definition.filtering_rules ?? []) {
    const type = specOf(rule.field).type;
    const fn = filterFns.get(rule.operator);
    if (!fn?.types.includes(type)) {
      warnings.push({
        code: "operator",
        field: rule.field,
        message: `operator '${rule.operator}' does not apply to ${type} field '${rule.field}'; the rule is ignored`,
      });
      continue;
    }
    const problem = fn.validate(rule.operands ?? [], type);
    if (problem) {
      warnings.push({ code: "operands", field: rule.field, message: `${rule.operator} ${problem}; the rule is ignored` });
      continue;
    }
    filters.push({ rule, fn });
  }

  const groups: PlannedGroup[] = (definition.grouping_rules ?? []).map((g) => {
    const type = specOf(g.field).type;
    let bucket = g.bucket ?? null;
    const dateType = type === "date" || type === "datetime";
    if (bucket && ((bucket.kind === "date" && !dateType) || (bucket.kind === "number" && !(type === "number" || type === "duration")))) {
      warnings.push({ code: "bucket", field: g.field, message: `a ${bucket.kind} bucket does not apply to ${type} field '${g.field}'` });
      bucket = null;
    }
    // show_empty: false drops issues without a value, like an "is not empty" filter, so every
    // level and the grand total agree on which issues are in the report.
    if (g.show_empty === false)
      filters.push({ rule: { field: g.field, operator: "is_not_empty", operands: [] }, fn: filterFns.get("is_not_empty")! });
    let orderAggregate: number | null = null;
    if (g.order?.by === "aggregate") {
      const field = g.order.field ?? null;
      const name = g.order.aggregation ?? null;
      if (field !== null && aggregationFits(field, name)) orderAggregate = requireAggregate(field, name);
      else if (field === null || name === null)
        warnings.push({
          code: "group_order",
          field: g.field,
          message: "ordering by an aggregate needs a field and an aggregation; ordering by key",
        });
    }
    return { field: g.field, bucket, descending: g.order?.direction === "desc", orderAggregate };
  });

  const sorts: PlannedSort[] = (definition.sorting_rules ?? []).map((s) => {
    specOf(s.field);
    return { field: s.field, descending: s.direction === "desc", emptiesFirst: s.empties === "first" };
  });
  for (const key of formulas.fieldReferences) specOf(key);
  for (const view of definition.views ?? []) for (const key of viewFields(view)) specOf(key);

  const loadSpecs = [...specs.values()].filter((s) => s.source !== "formula");
  const fieldsToLoad = loadSpecs.filter((s) => s.source === "fields").map((s) => s.key);
  const needsChangelog = loadSpecs.some((s) => s.source === "history" && !s.unknown);
  if (needsChangelog) for (const key of HISTORY_INPUT_FIELDS) if (!fieldsToLoad.includes(key)) fieldsToLoad.push(key);
  const resolved = resolveHistorySettings(definition.history);
  if (needsChangelog) for (const message of resolved.problems) warnings.push({ code: "history", field: "history", message });
  return {
    loadSpecs,
    fieldsToLoad,
    specs,
    formulas,
    columns,
    filters,
    sorts,
    groups,
    aggregates,
    aggregateIndex,
    warnings,
    needsChangelog,
    history: resolved.settings,
  };
}

/**
 * The Jira field ids a report reads (columns, rules, and the fields its formulas and rollups
 * reference), for the loader to request: fewer fields mean smaller pages, fewer API points and
 * less issue data in the browser. The plan is the one place that knows what a report reads.
 */
export function fieldsToLoad(definition: ReportDefinition, fields: readonly FieldDetails[]): readonly string[] {
  return planReport(definition, fields).fieldsToLoad;
}

/**
 * True when the report reads a history field (`history_*` in a column, rule, view or formula
 * reference), so the loader must fetch each issue's status changes. Then `fieldsToLoad` also
 * holds `created`, `status` and `resolutiondate`.
 */
export function needsChangelog(definition: ReportDefinition, fields: readonly FieldDetails[]): boolean {
  return planReport(definition, fields).needsChangelog;
}
