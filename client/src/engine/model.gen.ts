// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/ (docs/report-model.md).

/**
 * Report model v2, generated from ReportCreate.
 */
export type ReportInputTypes = ReportCreate;
/**
 * How a column's values are displayed.
 */
export type FormatType = "text" | "number" | "percent" | "duration" | "date" | "datetime" | "user" | "option";
/**
 * `jira` is `1w 2d 3h` with Jira's 8-hour days and 5-day weeks.
 */
export type DurationStyle = "hours" | "days" | "jira";
export type DateStyle = "iso" | "short" | "medium" | "long";
/**
 * How a column (or a group order) summarizes the values of a group's issues.
 */
export type Aggregation =
  | "count"
  | "count_distinct"
  | "sum"
  | "average"
  | "min"
  | "max"
  | "median"
  | "p50"
  | "p85"
  | "p95"
  | "earliest"
  | "latest";
export type SortDirection = "asc" | "desc";
/**
 * Where issues without a value go in a sort.
 */
export type Empties = "first" | "last";
/**
 * Date group buckets, in the viewer's time zone; weeks are ISO weeks.
 */
export type DateBucketUnit = "day" | "week" | "month" | "quarter" | "year";
/**
 * Order groups by their key, or by an aggregate over their issues.
 */
export type GroupOrderBy = "key" | "aggregate";
/**
 * A filter rule's operator; each accepts the field types OPERATORS_BY_TYPE gives it.
 */
export type Operator =
  | "equals"
  | "not_equals"
  | "contains"
  | "not_contains"
  | "starts_with"
  | "ends_with"
  | "eq"
  | "ne"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "between"
  | "before"
  | "after"
  | "on"
  | "in_last"
  | "in_next"
  | "any_of"
  | "none_of"
  | "all_of"
  | "at_least"
  | "at_most"
  | "is_empty"
  | "is_not_empty";
export type Operand = string | number | boolean;
export type FormulaResultType = "number" | "text" | "date" | "boolean" | "duration";
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
 * What a cycle-time end names: one Jira status (by id) or a status category (by key).
 */
export type HistoryPointKind = "status" | "category";
/**
 * Who may view a report.
 *
 * private: administrators only; limited: plus the listed viewer users and members of the
 * listed viewer groups; open: every user of the site.
 */
export type Access = "private" | "limited" | "open";

export interface ReportCreate {
  name: string;
  description?: string;
  /**
   * Base JQL, sent to Jira unchanged.
   */
  jql: string;
  /**
   * @maxItems 50
   */
  columns?: Column[];
  /**
   * Empty: issue key ascending.
   *
   * @maxItems 10
   */
  sorting_rules?: SortRule[];
  /**
   * One rule per nesting level, the outermost first.
   *
   * @maxItems 5
   */
  grouping_rules?: GroupRule[];
  /**
   * @maxItems 30
   */
  filtering_rules?: FilterRule[];
  /**
   * @maxItems 20
   */
  formula_fields?: FormulaField[];
  /**
   * The Jira projects whose project page lists this report; set when a report is created from a project page. Empty: no project page lists it (the general page lists every report).
   *
   * @maxItems 20
   *
   * Items: A Jira project key, e.g. `ROLL`.
   */
  projects?: string[];
  /**
   * The ways the report is shown (a table, pivots, charts), in tab order; the first opens. Default: the grouped table alone.
   *
   * @maxItems 10
   */
  views?: View[];
  /**
   * How history fields (`history_*`) are computed: cycle time's start and end, and an optional working-time calendar. null: In Progress to Done, calendar time.
   */
  history?: HistorySettings | null;
  people?: PeopleCreate;
}
export interface Column {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  /**
   * null: Jira's name for the field.
   */
  label?: string | null;
  /**
   * null: the field type's default.
   */
  format?: Format | null;
  aggregation?: Aggregation | null;
  /**
   * Pixels; null: auto.
   */
  width?: number | null;
}
/**
 * How a column shows its values; an option left null takes the type's default.
 *
 * Options that do not apply to `type` are rejected rather than ignored, so a stored format
 * says exactly what is shown.
 */
export interface Format {
  type: FormatType;
  /**
   * number, percent, duration (hours/days); default 0, 1 for percent.
   */
  decimals?: number | null;
  /**
   * number, percent, duration (hours/days); default true.
   */
  thousands_separator?: boolean | null;
  /**
   * duration only; default hours.
   */
  duration_style?: DurationStyle | null;
  /**
   * date, datetime; default medium, in the reader's locale.
   */
  date_style?: DateStyle | null;
}
export interface SortRule {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  direction?: SortDirection;
  empties?: Empties;
}
export interface GroupRule {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  bucket?: (DateBucket | NumberBucket) | null;
  order?: GroupOrder;
  /**
   * Whether issues with no value form a "(none)" group.
   */
  show_empty?: boolean;
}
export interface DateBucket {
  kind: "date";
  unit: DateBucketUnit;
}
export interface NumberBucket {
  kind: "number";
  size: number;
}
/**
 * Order of a level's groups: by key, or by an aggregate of `field` over each group.
 */
export interface GroupOrder {
  by?: GroupOrderBy;
  direction?: SortDirection;
  /**
   * Required when by is aggregate.
   */
  field?: string | null;
  /**
   * Required when by is aggregate.
   */
  aggregation?: Aggregation | null;
}
export interface FilterRule {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  operator: Operator;
  /**
   * @maxItems 100
   */
  operands: Operand[];
  /**
   * Text operators only.
   */
  case_sensitive?: boolean;
  /**
   * Rules with or_group form one OR group, AND-ed with the other rules.
   */
  or_group?: boolean;
}
export interface FormulaField {
  key: string;
  name: string;
  /**
   * The formula language of docs/engine.md.
   */
  expression: string;
  result_type: FormulaResultType;
  format?: Format | null;
  /**
   * Expression over aggregates shown on group rows and the grand total.
   */
  rollup?: string | null;
}
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
  conditional_formats?: TableConditionalFormat[];
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
  percent_of?: PercentOf;
  row_order?: AxisOrder;
  column_order?: AxisOrder;
  /**
   * A total column at the end of each row.
   */
  row_totals?: boolean;
  /**
   * A total row under each column.
   */
  column_totals?: boolean;
  /**
   * @maxItems 20
   */
  conditional_formats?: PivotConditionalFormat[];
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
  by?: AxisOrderBy;
  /**
   * Index into the view's values; required when by is value.
   */
  value?: number | null;
  direction?: SortDirection;
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
  series?: ChartSeries;
  /**
   * @maxItems 6
   */
  measures: Measure[];
  /**
   * Running totals along the x axis; only when the first grouping level is a date bucket, and not for pie or donut charts.
   */
  cumulative?: boolean;
}
/**
 * How the report's history fields are computed.
 */
export interface HistorySettings {
  cycle_start?: HistoryPoint;
  cycle_end?: HistoryPoint;
  /**
   * null: calendar time. Set: every history duration of the report counts working time only.
   */
  working_time?: WorkingTime | null;
}
/**
 * One end of cycle time: entering this status, or this status category.
 */
export interface HistoryPoint {
  kind: HistoryPointKind;
  /**
   * A Jira status id (digits) for kind status; new, indeterminate or done for kind category.
   */
  id: string;
}
/**
 * A working-time calendar: working weekdays and hours in one IANA time zone, no holidays.
 */
export interface WorkingTime {
  /**
   * ISO weekdays, 1 = Monday … 7 = Sunday, each at most once.
   *
   * @maxItems 7
   */
  weekdays: number[];
  /**
   * Local hour the working day starts.
   */
  start_hour: number;
  /**
   * Local hour it ends, after start_hour; 24 is midnight.
   */
  end_hour: number;
  /**
   * An IANA time zone, e.g. `Europe/Berlin`.
   */
  time_zone: string;
}
/**
 * People of a new report: an empty administrators list becomes `[creator]`.
 */
export interface PeopleCreate {
  access?: Access;
  /**
   * Empty: the creator.
   *
   * @maxItems 50
   *
   * Items: A Jira account id.
   */
  administrators?: string[];
  /**
   * @maxItems 500
   *
   * Items: A Jira account id.
   */
  viewer_users?: string[];
  /**
   * @maxItems 100
   */
  viewer_groups?: string[];
}
