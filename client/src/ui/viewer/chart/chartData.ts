/**
 * What a chart view draws, computed by the engine from the report's result: the categories of the
 * x axis are the report's first grouping level's groups, in the table's order and named as the
 * table names them; the series are the second level's groups (`series: "second_level"`) or one
 * per measure (`"aggregates"`); the numbers come from `computePivot` over the first level (and
 * the second), so they count distinct issues exactly as the table's group rows do. Running totals
 * (`cumulative`) add up along a date x axis. The same numbers fill the chart and its data table.
 */

import { computePivot, type ChartView, type GroupNode, type GroupRule, type PivotRow, type ReportResult } from "../../../engine/index";
import { formatValue, resolveFormat } from "../../../engine/formats/formatFns";
import type { AxisOrder, Format, Measure, PivotView } from "../../../engine/model.gen";
import { groupLabel } from "../../common/bucketLabels";
import { measureLabel, resultFieldName } from "../../common/measureNames";

export interface ChartCategory {
  /** The group's name as the table shows it (dates in the user's locale, "(none)"). */
  readonly label: string;
  /** The report result's group: what a click on the category's mark narrows the table to. */
  readonly group: GroupNode;
}

export interface ChartSeries {
  readonly name: string;
  /** The second-level group's typed key (as JSON) when series are groups; null for a measure. */
  readonly keyId: string | null;
}

export interface ChartData {
  readonly chartType: ChartView["chart_type"];
  /** The x axis field's name. */
  readonly xName: string;
  readonly categories: readonly ChartCategory[];
  readonly series: readonly ChartSeries[];
  /** `values[series][category]`: numbers (seconds for durations), null when empty. */
  readonly values: readonly (readonly (number | null)[])[];
  /** `displays[series][category]`: each value as the report formats it ("" when empty). */
  readonly displays: readonly (readonly string[])[];
  /** Formats a value of the first series, for the value axis. */
  readonly formatValue: (value: number) => string;
  readonly cumulative: boolean;
  /** Plain-language notes on what the chart leaves out. */
  readonly notes: readonly string[];
}

export type ChartOutcome = { readonly kind: "chart"; readonly data: ChartData } | { readonly kind: "notice"; readonly message: string };

export const NEEDS_GROUPING =
  "This chart needs a grouping rule: its x axis is the report's first grouping level. Add one in the editor's Grouping section.";
const NO_MEASURE = "This chart has no measure to draw. Add one in the editor.";

/** A group's typed key as one comparable string; "(none)" is null, never the text "null". */
export const keyIdOf = (key: GroupNode["key"]): string => JSON.stringify(key);

export function measureName(result: ReportResult, measure: Measure): string {
  if (measure.aggregation === "count" && (measure.field === "issuekey" || measure.field === "key")) return "Issues";
  return measureLabel(measure.aggregation, resultFieldName(result, measure.field));
}

export function isRoundChart(view: ChartView): boolean {
  return view.chart_type === "pie" || view.chart_type === "donut";
}

export function chartData(result: ReportResult, view: ChartView, groupingRules: readonly GroupRule[]): ChartOutcome {
  const first = groupingRules[0];
  if (first === undefined || result.groupDepth === 0) return { kind: "notice", message: NEEDS_GROUPING };
  if (view.measures.length === 0) return { kind: "notice", message: NO_MEASURE };
  const round = isRoundChart(view);
  const second = groupingRules[1];
  const bySecondLevel = !round && view.series === "second_level" && second !== undefined && result.groupDepth > 1;
  const notes: string[] = [];

  // The server allows one measure on these charts; an older definition may hold more.
  const measures = round || bySecondLevel ? view.measures.slice(0, 1) : view.measures;
  if (measures.length < view.measures.length)
    notes.push(`This chart shows one measure: ${measureName(result, measures[0]!)}. The other measures are left out.`);
  if (!round && view.series === "second_level" && !bySecondLevel)
    notes.push("The report has no second grouping level, so each measure is a series.");

  // The series follow the table's order of the second level: by key, or by the rule's aggregate
  // (then over all of the series' issues), which the pivot computes as one more value.
  const order = second?.order;
  const orderMeasure: Measure | null =
    bySecondLevel && order?.by === "aggregate" && order.field && order.aggregation
      ? { field: order.field, aggregation: order.aggregation }
      : null;
  const columnOrder: AxisOrder = orderMeasure
    ? { by: "value", value: measures.length, direction: order?.direction ?? "asc" }
    : { by: "key", direction: order?.direction ?? "asc" };
  const pivotView: PivotView = {
    kind: "pivot",
    id: "chart",
    name: view.name,
    rows: [first],
    columns: bySecondLevel && second ? [second] : [],
    values: orderMeasure ? [...measures, orderMeasure] : measures,
    percent_of: "none",
    column_order: columnOrder,
    row_totals: false,
    column_totals: false,
  };
  const pivot = computePivot(result, pivotView);
  notes.push(...pivot.warnings);

  const formats = measures.map((measure, index) => {
    const type = pivot.values[index]!.type;
    const counting = measure.aggregation === "count" || measure.aggregation === "count_distinct";
    const own = result.columns.find((c) => c.field === measure.field)?.format;
    const format: Format = counting ? { type: "number", decimals: 0, thousands_separator: true } : resolveFormat(type, own).format;
    return (value: number | null): string => formatValue(value, type, format, result.data.formatContext).display;
  });

  const rowsByKey = new Map<string, PivotRow>(pivot.rows.map((row) => [keyIdOf(row.key), row]));
  const categories: ChartCategory[] = (result.root.children ?? []).map((group) => ({ label: groupLabel(result, group), group }));
  const rows = categories.map((c) => rowsByKey.get(keyIdOf(c.group.key)) ?? null);

  let series: ChartSeries[];
  let cells: { value: number | null; display: string }[][];
  if (bySecondLevel) {
    series = pivot.columns.map((column) => {
      const keyId = keyIdOf(column.path[0]!.key);
      return { name: secondLevelLabel(result, categories, keyId) ?? column.path[0]!.label, keyId };
    });
    cells = pivot.columns.map((column) => rows.map((row) => cellOf(row?.cells[column.index]?.[0])));
  } else {
    series = measures.map((measure) => ({ name: measureName(result, measure), keyId: null }));
    cells = measures.map((_, m) => rows.map((row) => cellOf(row?.total[m])));
  }

  const cumulative = view.cumulative === true && !round;
  const dateAxis = first.bucket?.kind === "date";
  if (cumulative && !dateAxis) notes.push("Running totals need dates on the x axis; the chart shows each group's own values.");
  const running = cumulative && dateAxis;
  const values = cells.map((list) => (running ? runningTotals(list.map((c) => c.value)) : list.map((c) => c.value)));
  const displays = cells.map((list, s) =>
    running ? values[s]!.map((v) => (v === null ? "" : formats[bySecondLevel ? 0 : s]!(v))) : list.map((c) => c.display),
  );

  return {
    kind: "chart",
    data: {
      chartType: view.chart_type,
      xName: resultFieldName(result, first.field),
      categories,
      series,
      values,
      displays,
      formatValue: (value) => formats[0]!(value),
      cumulative: running,
      notes,
    },
  };
}

function cellOf(cell: { readonly value: number | null; readonly display: string } | undefined): { value: number | null; display: string } {
  return cell ? { value: cell.value, display: cell.display } : { value: null, display: "" };
}

/** Sums along the axis; an empty group keeps the total so far (empty until the first value). */
export function runningTotals(values: readonly (number | null)[]): (number | null)[] {
  let total: number | null = null;
  return values.map((v) => {
    if (v !== null) total = (total ?? 0) + v;
    return total;
  });
}

/** The second level's group name as the table shows it, from the first category holding it. */
function secondLevelLabel(result: ReportResult, categories: readonly ChartCategory[], keyId: string): string | null {
  for (const { group } of categories) {
    const child = group.children?.find((c) => keyIdOf(c.key) === keyId);
    if (child) return groupLabel(result, child);
  }
  return null;
}

/** The group a mark stands for: the category's, or its child of the series' group. Null: no issues. */
export function markGroup(data: ChartData, category: number, series: number): GroupNode | null {
  const group = data.categories[category]?.group;
  const keyId = data.series[series]?.keyId;
  if (group === undefined || keyId === undefined) return null;
  if (keyId === null) return group;
  return group.children?.find((child) => keyIdOf(child.key) === keyId) ?? null;
}

const TYPE_NAMES: Readonly<Record<ChartView["chart_type"], string>> = {
  bar: "Bar chart",
  stacked_bar: "Stacked bar chart",
  line: "Line chart",
  area: "Area chart",
  pie: "Pie chart",
  donut: "Donut chart",
};

/** The one-line summary the chart is labelled with ("Bar chart of Points: 5 Status groups; series: Bug, Story."). */
export function chartSummary(data: ChartData, name: string): string {
  const shown = data.series.slice(0, 6).map((s) => s.name);
  const more = data.series.length - shown.length;
  const series = `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
  const running = data.cumulative ? ", running totals" : "";
  const groups = `${data.categories.length} ${data.categories.length === 1 ? "group" : "groups"} of ${data.xName}`;
  return `${TYPE_NAMES[data.chartType]} of ${name}: ${groups}; ${data.series.length === 1 ? "series" : `${data.series.length} series`}: ${series}${running}.`;
}

/** What the live region reads for a mark: "Ada, Bug: 9". */
export function markText(data: ChartData, category: number, series: number): string {
  const label = data.categories[category]?.label ?? "";
  const display = data.displays[series]?.[category] ?? "";
  return `${label}, ${data.series[series]?.name ?? ""}: ${display === "" ? "no value" : display}`;
}
