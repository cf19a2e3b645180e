// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/ (docs/report-model.md).

import type { Aggregation, GroupRule, SortDirection } from "./rules.gen";

/**
 * Report model v2, generated from View.
 */
export type ReportViewTypes = View;
export type View = TableView | PivotView | ChartView;
/**
 * The named colours of conditional formatting. Only the name is stored; the client maps it
 * to a shade that keeps the cell's text readable.
 */
export type ThresholdColor = "gray" | "blue" | "green" | "yellow" | "orange" | "red";
/**
 * What a pivot shows each value as a share of: nothing (the value itself), its row's
 * total, its column's total or the grand total.
 */
export type PercentOf = "none" | "row" | "column" | "total";
/**
 * Order a pivot axis's groups by their key, or by one of the view's values.
 */
export type AxisOrderBy = "key" | "value";
/**
 * How a chart view draws its x axis (the report's first grouping level) and series.
 */
export type ChartType = "bar" | "stacked_bar" | "line" | "area" | "pie" | "donut";
/**
 * A chart's series: one per group of the second grouping level, or one per measure.
 */
export type ChartSeries = "second_level" | "aggregates";

/**
 * The report's grouped table.
 */
export interface TableView {
  kind: "table";
  /**
   * Unique in the report: 1-40 lowercase letters, digits, `-` and `_`.
   */
  id: string;
  name: string;
  /**
   * @maxItems 20
   */
  conditional_formats: TableConditionalFormat[];
}
/**
 * Colours the cells of one table column: a number or duration column of the report.
 */
export interface TableConditionalFormat {
  /**
   * The field of one of the report's columns.
   */
  field: string;
  /**
   * Ascending by at_least; a cell takes the colour of the last threshold it reaches, and none below the first.
   *
   * @maxItems 5
   */
  thresholds: Threshold[];
}
export interface Threshold {
  /**
   * Cells whose value is at least this take `color`; durations in seconds, a pivot's shares as fractions (0.25 is 25%).
   */
  at_least: number;
  color: ThresholdColor;
}
/**
 * Issues counted or aggregated by row fields against column fields.
 */
export interface PivotView {
  kind: "pivot";
  /**
   * Unique in the report: 1-40 lowercase letters, digits, `-` and `_`.
   */
  id: string;
  name: string;
  /**
   * Row fields, the outermost first; row_order orders them, so each rule's order stays key ascending.
   *
   * @maxItems 3
   */
  rows: GroupRule[];
  /**
   * Column fields, the outermost first; ordered by column_order.
   *
   * @maxItems 2
   */
  columns: GroupRule[];
  /**
   * @maxItems 6
   */
  values: Measure[];
  percent_of: PercentOf;
  row_order: AxisOrder;
  column_order: AxisOrder;
  /**
   * A total column at the end of each row.
   */
  row_totals: boolean;
  /**
   * A total row under each column.
   */
  column_totals: boolean;
  /**
   * @maxItems 20
   */
  conditional_formats: PivotConditionalFormat[];
}
/**
 * An aggregate of a field over each group: a pivot's value, a chart's measure.
 */
export interface Measure {
  /**
   * A Jira field id or one of the report's formula keys.
   */
  field: string;
  aggregation: Aggregation;
}
/**
 * Order of a pivot axis's groups, at every level: by key, or by one of the view's values
 * (its total over the group).
 */
export interface AxisOrder {
  by: AxisOrderBy;
  /**
   * Index into the view's values; required when by is value.
   */
  value: number | null;
  direction: SortDirection;
}
/**
 * Colours the cells of one of a pivot's values, totals included.
 */
export interface PivotConditionalFormat {
  /**
   * Index into the view's values.
   */
  value: number;
  /**
   * Ascending by at_least; a cell takes the colour of the last threshold it reaches, and none below the first.
   *
   * @maxItems 5
   */
  thresholds: Threshold[];
}
/**
 * A chart whose x axis is the report's first grouping level.
 */
export interface ChartView {
  kind: "chart";
  /**
   * Unique in the report: 1-40 lowercase letters, digits, `-` and `_`.
   */
  id: string;
  name: string;
  chart_type: ChartType;
  series: ChartSeries;
  /**
   * @maxItems 6
   */
  measures: Measure[];
  /**
   * Running totals along the x axis; only when the first grouping level is a date bucket, and not for pie or donut charts.
   */
  cumulative: boolean;
}
