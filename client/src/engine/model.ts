/**
 * Report model v1 (docs/report-model.md) as the engine reads it. Keys are snake_case and every
 * defaulted key is optional-or-null so the server's generated types are assignable to these.
 */

export type FormatType = "text" | "number" | "percent" | "duration" | "date" | "datetime" | "user" | "option";
export type DurationStyle = "hours" | "days" | "jira";
export type DateStyle = "iso" | "short" | "medium" | "long";

export interface Format {
  type: FormatType;
  decimals?: number | null;
  thousands_separator?: boolean | null;
  duration_style?: DurationStyle | null;
  date_style?: DateStyle | null;
}

export type AggregationName =
  | "count"
  | "count_distinct"
  | "sum"
  | "average"
  | "min"
  | "max"
  | "median"
  | "earliest"
  | "latest";

export interface Column {
  field: string;
  label?: string | null;
  format?: Format | null;
  aggregation?: AggregationName | null;
  width?: number | null;
}

export type SortDirection = "asc" | "desc";

export interface SortRule {
  field: string;
  direction?: SortDirection | null;
  empties?: "first" | "last" | null;
}

export type DateBucketUnit = "day" | "week" | "month" | "quarter" | "year";

export type Bucket = { kind: "date"; unit: DateBucketUnit } | { kind: "number"; size: number };

export interface GroupOrder {
  by: "key" | "aggregate";
  direction?: SortDirection | null;
  field?: string | null;
  aggregation?: AggregationName | null;
}

export interface GroupRule {
  field: string;
  bucket?: Bucket | null;
  order?: GroupOrder | null;
  show_empty?: boolean | null;
}

export type FilterOperator =
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
  | "is_empty"
  | "is_not_empty";

export type Operand = string | number | boolean;

export interface FilterRule {
  field: string;
  operator: FilterOperator;
  operands?: Operand[] | null;
  case_sensitive?: boolean | null;
  or_group?: boolean | null;
}

export type FormulaResultType = "number" | "text" | "date" | "boolean" | "duration";

export interface FormulaField {
  key: string;
  name: string;
  expression: string;
  result_type: FormulaResultType;
  format?: Format | null;
  rollup?: string | null;
}

export interface People {
  access?: "private" | "limited" | "open" | null;
  administrators?: string[] | null;
  viewer_users?: string[] | null;
  viewer_groups?: string[] | null;
}

/** The report body (`ReportCreate`); only the shaping keys matter to the engine. */
export interface ReportDefinition {
  name?: string;
  description?: string | null;
  jql?: string;
  columns?: Column[] | null;
  sorting_rules?: SortRule[] | null;
  grouping_rules?: GroupRule[] | null;
  filtering_rules?: FilterRule[] | null;
  formula_fields?: FormulaField[] | null;
  people?: People | null;
}

/** A stored report as the server returns it (`ReportPublic`). */
export interface ReportPublic extends ReportDefinition {
  id: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at?: string | null;
}
