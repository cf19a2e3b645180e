// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/ (docs/report-model.md).

/**
 * Report model v2, generated from Column, SortRule, GroupRule, FilterRule, FormulaField, RelativeDateUnit.
 */
export type ReportRuleTypes = Column | SortRule | GroupRule | FilterRule | FormulaField | RelativeDateUnit;
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
/**
 * The unit operand of `in_last` / `in_next`.
 */
export type RelativeDateUnit = "days" | "weeks" | "months";

export interface Column {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  /**
   * null: Jira's name for the field.
   */
  label: string | null;
  /**
   * null: the field type's default.
   */
  format: Format | null;
  aggregation: Aggregation | null;
  /**
   * Pixels; null: auto.
   */
  width: number | null;
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
  decimals: number | null;
  /**
   * number, percent, duration (hours/days); default true.
   */
  thousands_separator: boolean | null;
  /**
   * duration only; default hours.
   */
  duration_style: DurationStyle | null;
  /**
   * date, datetime; default medium, in the reader's locale.
   */
  date_style: DateStyle | null;
}
export interface SortRule {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  direction: SortDirection;
  empties: Empties;
}
export interface GroupRule {
  /**
   * A Jira field id (`summary`, `customfield_10016`) or a formula key.
   */
  field: string;
  bucket: (DateBucket | NumberBucket) | null;
  order: GroupOrder;
  /**
   * Whether issues with no value form a "(none)" group.
   */
  show_empty: boolean;
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
  by: GroupOrderBy;
  direction: SortDirection;
  /**
   * Required when by is aggregate.
   */
  field: string | null;
  /**
   * Required when by is aggregate.
   */
  aggregation: Aggregation | null;
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
  case_sensitive: boolean;
  /**
   * Rules with or_group form one OR group, AND-ed with the other rules.
   */
  or_group: boolean;
}
export interface FormulaField {
  key: string;
  name: string;
  /**
   * The formula language of docs/engine.md.
   */
  expression: string;
  result_type: FormulaResultType;
  format: Format | null;
  /**
   * Expression over aggregates shown on group rows and the grand total.
   */
  rollup: string | null;
}
