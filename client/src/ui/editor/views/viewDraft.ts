/**
 * Pure helpers of the Views pane: new view ids, the defaults of a new pivot or chart (taken from
 * the report), what a chart or conditional format may offer for the report as it is, and edits
 * of a pivot's values that keep the indexes pointing at them (orders, conditional formats).
 */

import type {
  Aggregation,
  ChartType,
  ChartView,
  GroupRule,
  Measure,
  PercentOf,
  PivotView,
  ReportCreate,
  Threshold,
  ThresholdColor,
  View,
} from "../../../api/definition.gen";
import type { FieldType } from "../../../engine/index";
import { ONE_MEASURE_CHART_TYPES, SHARE_AGGREGATIONS, VIEW_LIMITS } from "../../../engine/vocabulary.gen";
import { aggregationsFor, isNumberType, typeOf, type FieldChoices } from "../fieldChoices";

export const KEY_ASCENDING = { by: "key", direction: "asc", field: null, aggregation: null } as const;
const AXIS_BY_KEY = { by: "key", value: null, direction: "asc" } as const;
const COUNT: Measure = { field: "issuekey", aggregation: "count" };

/** Up to 40 of `[a-z0-9_-]`, starting and ending with a letter or digit, from a view's name. */
export function slugOf(name: string): string {
  return (
    name
      .normalize("NFKD")
      // Accents go; the letters they were on stay ("Ü" becomes "u").
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^[-_]+/, "")
      .slice(0, 40)
      .replace(/[-_]+$/, "")
  );
}

/** An id for a view named `name`, unique among `taken`; `fallback` when the name has no letter
 * or digit to use. Ids are made once, when a view is added: renaming keeps the id, so a gadget
 * that shows the view keeps finding it. */
export function viewIdFor(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slugOf(name) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, 40 - suffix.length).replace(/[-_]+$/, "")}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** A name not used by another view: "Pivot", "Pivot 2", ... */
export function freshViewName(base: string, views: readonly View[]): string {
  const names = new Set(views.map((v) => v.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** A pivot axis rule from a grouping rule: same field, bucket and empties; the axis orders it. */
export function axisRule(rule: Pick<GroupRule, "field" | "bucket" | "show_empty">): GroupRule {
  return { field: rule.field, bucket: rule.bucket, order: { ...KEY_ASCENDING }, show_empty: rule.show_empty };
}

/** A rule on `field`, with a month bucket for dates so a pivot axis does not get one group per day. */
export function ruleOn(field: string, type: FieldType): GroupRule {
  const bucket = type === "date" || type === "datetime" ? ({ kind: "date", unit: "month" } as const) : null;
  return { field, bucket, order: { ...KEY_ASCENDING }, show_empty: true };
}

/** Fields that make few groups: what a new pivot's axes prefer. */
const FEW_GROUPS: readonly FieldType[] = ["option", "user", "multi", "date", "datetime", "boolean"];

/**
 * A new pivot: rows by the report's first grouping level (or its first column that makes few
 * groups), columns by the second level (or the next such column, else status or issue type),
 * counting issues, with both totals.
 */
export function newPivot(draft: ReportCreate, fieldChoices: FieldChoices): PivotView {
  const name = freshViewName("Pivot", draft.views);
  const candidates: GroupRule[] = [
    ...draft.grouping_rules.map(axisRule),
    ...draft.columns
      .filter((c) => FEW_GROUPS.includes(typeOf(fieldChoices, c.field)))
      .map((c) => ruleOn(c.field, typeOf(fieldChoices, c.field))),
    ruleOn("status", "option"),
    ruleOn("issuetype", "option"),
  ];
  const row = candidates[0]!;
  const column = candidates.find((c) => c.field !== row.field)!;
  return {
    kind: "pivot",
    id: viewIdFor(name, new Set(draft.views.map((v) => v.id)), "pivot"),
    name,
    rows: [row],
    columns: [column],
    values: [{ ...COUNT }],
    percent_of: "none",
    row_order: { ...AXIS_BY_KEY },
    column_order: { ...AXIS_BY_KEY },
    row_totals: true,
    column_totals: true,
    conditional_formats: [],
  };
}

/** A new chart: bars of the issue count along the report's first grouping level. */
export function newChart(draft: ReportCreate): ChartView {
  const name = freshViewName("Chart", draft.views);
  return {
    kind: "chart",
    id: viewIdFor(name, new Set(draft.views.map((v) => v.id)), "chart"),
    name,
    chart_type: "bar",
    series: "aggregates",
    measures: [{ ...COUNT }],
    cumulative: false,
  };
}

export const canAddView = (draft: ReportCreate): boolean => draft.views.length < VIEW_LIMITS.views;

// ------------------------------------------------------------------------------------- charts

export const isRoundChart = (type: ChartType): boolean => ONE_MEASURE_CHART_TYPES.includes(type);

/** Whether a chart can draw one series per group of the report's second grouping level. */
export const secondLevelOffered = (draft: ReportCreate, type: ChartType): boolean =>
  draft.grouping_rules.length >= 2 && !isRoundChart(type);

/** Why running totals are off for this chart, or null when they may be on. */
export function cumulativeBlocked(draft: ReportCreate, type: ChartType): string | null {
  if (isRoundChart(type)) return "A pie or donut chart has no running totals.";
  if (draft.grouping_rules[0]?.bucket?.kind !== "date") {
    return "Running totals need a date axis: group the report first by a date field with a date bucket (Grouping pane).";
  }
  return null;
}

/** How many measures the chart takes: one for pie and donut charts and for second-level series. */
export const maxMeasures = (chart: Pick<ChartView, "chart_type" | "series">): number =>
  isRoundChart(chart.chart_type) || chart.series === "second_level" ? 1 : VIEW_LIMITS.measures;

/**
 * The chart as it may be after its type or series changed: pie and donut draw one measure as
 * aggregates without running totals, second-level series one measure, and running totals only
 * on a date axis.
 */
export function fitChart(chart: ChartView, draft: ReportCreate): ChartView {
  const series = chart.series === "second_level" && !secondLevelOffered(draft, chart.chart_type) ? "aggregates" : chart.series;
  const measures = chart.measures.slice(0, maxMeasures({ chart_type: chart.chart_type, series }));
  const cumulative = chart.cumulative && cumulativeBlocked(draft, chart.chart_type) === null;
  return { ...chart, series, measures, cumulative };
}

const COUNTS: readonly Aggregation[] = ["count", "count_distinct"];

/** Aggregations a chart can draw of a field: numbers and durations (counts of anything). */
export function chartAggregationsFor(type: FieldType): Aggregation[] {
  return aggregationsFor(type).filter((a) => COUNTS.includes(a) || isNumberType(type));
}

/** Aggregations a pivot's value may use: those of the field's type, only shares with `percent_of`. */
export function pivotAggregationsFor(type: FieldType, percentOf: PercentOf): Aggregation[] {
  const fitting = aggregationsFor(type);
  return percentOf === "none" ? fitting : fitting.filter((a) => SHARE_AGGREGATIONS.includes(a));
}

// ------------------------------------------------------------------------- pivot value indexes

/**
 * The pivot with its values rearranged: `mapping[i]` is the new index of value i, or null when
 * it was removed. Orders by a removed value go back to key order, formats of it go away.
 */
function remapValues(view: PivotView, values: Measure[], mapping: readonly (number | null)[]): PivotView {
  const axis = (order: PivotView["row_order"]) => {
    if (order.by !== "value" || order.value === null) return order;
    const to = mapping[order.value] ?? null;
    return to === null ? { ...AXIS_BY_KEY, direction: order.direction } : { ...order, value: to };
  };
  const conditional_formats = view.conditional_formats.flatMap((f) => {
    const to = mapping[f.value] ?? null;
    return to === null ? [] : [{ ...f, value: to }];
  });
  return { ...view, values, row_order: axis(view.row_order), column_order: axis(view.column_order), conditional_formats };
}

export function removePivotValue(view: PivotView, index: number): PivotView {
  const values = view.values.filter((_, i) => i !== index);
  return remapValues(
    view,
    values,
    view.values.map((_, i) => (i === index ? null : i > index ? i - 1 : i)),
  );
}

export function movePivotValue(view: PivotView, from: number, to: number): PivotView {
  const order = view.values.map((_, i) => i);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  const mapping: number[] = [];
  order.forEach((old, position) => {
    mapping[old] = position;
  });
  return remapValues(
    view,
    order.map((old) => view.values[old]!),
    mapping,
  );
}

/** The pivot with `percent_of` set: values without shares become counts, as only count,
 * count distinct and sum have shares. */
export function withPercentOf(view: PivotView, percentOf: PercentOf): PivotView {
  const values =
    percentOf === "none"
      ? view.values
      : view.values.map((v) => (SHARE_AGGREGATIONS.includes(v.aggregation) ? v : { ...v, aggregation: "count" as const }));
  return { ...view, percent_of: percentOf, values };
}

// ------------------------------------------------------------------------ conditional formats

/** How a threshold is entered: as the number it is, in hours (stored in seconds), or in percent
 * (a pivot's shares, stored as fractions). */
export type ThresholdUnit = "number" | "hours" | "percent";

/** The unit of a table column's thresholds; null: the column cannot be coloured. */
export function columnUnit(type: FieldType): ThresholdUnit | null {
  if (type === "duration") return "hours";
  if (type === "number") return "number";
  return null;
}

/** The unit of a pivot value's thresholds; null: the value cannot be coloured (e.g. a date). */
export function pivotValueUnit(view: PivotView, value: Measure, fieldChoices: FieldChoices): ThresholdUnit | null {
  if (view.percent_of !== "none") return "percent";
  if (COUNTS.includes(value.aggregation)) return "number";
  return columnUnit(typeOf(fieldChoices, value.field));
}

/** Thresholds must rise: the positions (from 1) of those not above the one before, for the message. */
export function thresholdsOutOfOrder(thresholds: readonly Threshold[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < thresholds.length; i++) if (thresholds[i]!.at_least <= thresholds[i - 1]!.at_least) out.push(i + 1);
  return out;
}

const COLOR_SEQUENCE: readonly ThresholdColor[] = ["green", "yellow", "orange", "red", "blue", "gray"];

/** The threshold "Add threshold" appends: one step above the last, in the next colour. */
export function nextThreshold(thresholds: readonly Threshold[], unit: ThresholdUnit): Threshold {
  const last = thresholds[thresholds.length - 1];
  const step = unit === "hours" ? 3600 : unit === "percent" ? 0.1 : 1;
  return {
    at_least: last ? last.at_least + step : 0,
    color: COLOR_SEQUENCE[thresholds.length % COLOR_SEQUENCE.length]!,
  };
}

export const COLOR_LABELS: Record<ThresholdColor, string> = {
  gray: "Gray",
  blue: "Blue",
  green: "Green",
  yellow: "Yellow",
  orange: "Orange",
  red: "Red",
};
