// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/vocabulary.py (docs/engine.md).

import type { Aggregation, ChartSeries, ChartType, Operator, PercentOf, ThresholdColor } from "./model.gen";

/** The engine's field types; every column holds values of one of them. */
export const FIELD_TYPES = ["text", "number", "duration", "date", "datetime", "user", "option", "multi", "issuelink", "boolean"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** How the client labels and orders a field's values (statuses by category, priorities in Jira's order, versions by release, ...); the server does not use it. */
export const ENTRY_KINDS = ["status", "priority", "user", "option", "sprint", "version", "issue", "label"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface SystemField {
  readonly type: FieldType;
  readonly entryKind: EntryKind;
}

/** Jira's system fields whose type is fixed, by field id (schemas alone are ambiguous). */
export const SYSTEM_FIELDS: ReadonlyMap<string, SystemField> = new Map([
  ["summary", { type: "text", entryKind: "label" }],
  ["description", { type: "text", entryKind: "label" }],
  ["environment", { type: "text", entryKind: "label" }],
  ["status", { type: "option", entryKind: "status" }],
  ["statusCategory", { type: "option", entryKind: "status" }],
  ["priority", { type: "option", entryKind: "priority" }],
  ["issuetype", { type: "option", entryKind: "option" }],
  ["resolution", { type: "option", entryKind: "option" }],
  ["project", { type: "option", entryKind: "option" }],
  ["security", { type: "option", entryKind: "option" }],
  ["assignee", { type: "user", entryKind: "user" }],
  ["reporter", { type: "user", entryKind: "user" }],
  ["creator", { type: "user", entryKind: "user" }],
  ["labels", { type: "multi", entryKind: "label" }],
  ["components", { type: "multi", entryKind: "option" }],
  ["fixVersions", { type: "multi", entryKind: "version" }],
  ["versions", { type: "multi", entryKind: "version" }],
  ["subtasks", { type: "multi", entryKind: "issue" }],
  ["timespent", { type: "duration", entryKind: "label" }],
  ["timeoriginalestimate", { type: "duration", entryKind: "label" }],
  ["timeestimate", { type: "duration", entryKind: "label" }],
  ["aggregatetimespent", { type: "duration", entryKind: "label" }],
  ["aggregatetimeoriginalestimate", { type: "duration", entryKind: "label" }],
  ["aggregatetimeestimate", { type: "duration", entryKind: "label" }],
  ["created", { type: "datetime", entryKind: "label" }],
  ["updated", { type: "datetime", entryKind: "label" }],
  ["resolutiondate", { type: "datetime", entryKind: "label" }],
  ["lastViewed", { type: "datetime", entryKind: "label" }],
  ["statuscategorychangedate", { type: "datetime", entryKind: "label" }],
  ["duedate", { type: "date", entryKind: "label" }],
  ["parent", { type: "issuelink", entryKind: "issue" }],
  ["issuekey", { type: "issuelink", entryKind: "issue" }],
  ["votes", { type: "number", entryKind: "label" }],
  ["watches", { type: "number", entryKind: "label" }],
  ["workratio", { type: "number", entryKind: "label" }],
  ["progress", { type: "number", entryKind: "label" }],
  ["aggregateprogress", { type: "number", entryKind: "label" }],
]);

/** The filter operators each field type allows. */
export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly Operator[]>> = {
  text: ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with", "is_empty", "is_not_empty"],
  number: ["eq", "ne", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty"],
  duration: ["eq", "ne", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty"],
  date: ["between", "before", "after", "on", "in_last", "in_next", "is_empty", "is_not_empty"],
  datetime: ["between", "before", "after", "on", "in_last", "in_next", "is_empty", "is_not_empty"],
  user: ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with", "any_of", "none_of", "is_empty", "is_not_empty"],
  option: ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with", "any_of", "none_of", "at_least", "at_most", "is_empty", "is_not_empty"],
  multi: ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with", "any_of", "none_of", "all_of", "is_empty", "is_not_empty"],
  issuelink: ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with", "any_of", "none_of", "is_empty", "is_not_empty"],
  boolean: ["eq", "ne", "is_empty", "is_not_empty"],
};

/** The aggregations each field type allows. */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<FieldType, readonly Aggregation[]>> = {
  text: ["count", "count_distinct"],
  number: ["count", "count_distinct", "sum", "average", "min", "max", "median", "p50", "p85", "p95"],
  duration: ["count", "count_distinct", "sum", "average", "min", "max", "median", "p50", "p85", "p95"],
  date: ["count", "count_distinct", "min", "max", "earliest", "latest"],
  datetime: ["count", "count_distinct", "min", "max", "earliest", "latest"],
  user: ["count", "count_distinct"],
  option: ["count", "count_distinct"],
  multi: ["count", "count_distinct"],
  issuelink: ["count", "count_distinct"],
  boolean: ["count", "count_distinct"],
};

/** A Jira field id: a system field id (`fixVersions`) or `customfield_<n>`. */
export const JIRA_FIELD_KEY_PATTERN = /^(?:[a-z][A-Za-z0-9_]{0,63}|customfield_[0-9]{1,10})$/;

/** A formula field's key. */
export const FORMULA_KEY_PATTERN = /^formula_[a-z0-9_]{1,48}$/;

/** What a column or rule may name: a Jira field id or a formula key. */
export const FIELD_KEY_PATTERN = /^(?:[a-z][A-Za-z0-9_]{0,63}|customfield_[0-9]{1,10}|formula_[a-z0-9_]{1,48})$/;

/** Prefix of every history field key (docs/engine.md, "History fields"). */
export const HISTORY_FIELD_PREFIX = "history_";
export type HistoryParameter = "status" | "category";
export interface HistoryFieldKind { readonly type: FieldType; readonly parameter: HistoryParameter | null; }
/** History field kinds by name: key = prefix + name (+ "_" + parameter value when it has one). */
export const HISTORY_FIELDS: ReadonlyMap<string, HistoryFieldKind> = new Map([
  ["time_in_status", { type: "duration", parameter: "status" }],
  ["time_in_category", { type: "duration", parameter: "category" }],
  ["transitions", { type: "number", parameter: null }],
  ["transitions_into", { type: "number", parameter: "status" }],
  ["first_entered", { type: "datetime", parameter: "status" }],
  ["last_left", { type: "datetime", parameter: "status" }],
  ["cycle_time", { type: "duration", parameter: null }],
  ["lead_time", { type: "duration", parameter: null }],
  ["status_age", { type: "duration", parameter: null }],
]);
/** Jira's status category keys, the values of a `category` parameter. */
export const STATUS_CATEGORY_KEYS = ["new", "indeterminate", "done"] as const;

/** A view's id, unique in its report. */
export const VIEW_ID_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$/;

/** How many of each part of a view the server accepts (docs/report-model.md, "Views"). */
export const VIEW_LIMITS = {
  views: 10,
  conditionalFormats: 20,
  thresholds: 5,
  measures: 6,
  pivotRows: 3,
  pivotColumns: 2,
} as const;

/** How a chart view draws its x axis (the report's first grouping level) and series. */
export const CHART_TYPES: readonly ChartType[] = ["bar", "stacked_bar", "line", "area", "pie", "donut"];

/** Pie and donut charts: one measure, no second-level series, no running totals. */
export const ONE_MEASURE_CHART_TYPES: readonly ChartType[] = ["pie", "donut"];

/** A chart's series: one per group of the second grouping level, or one per measure. */
export const CHART_SERIES: readonly ChartSeries[] = ["second_level", "aggregates"];

/** What a pivot shows each value as a share of: nothing (the value itself), its row's total, its column's total or the grand total. */
export const PERCENT_OF: readonly PercentOf[] = ["none", "row", "column", "total"];

/** The aggregations a pivot may show as shares of a total (`percent_of` other than none). */
export const SHARE_AGGREGATIONS: readonly Aggregation[] = ["count", "count_distinct", "sum"];

/** The named colours of conditional formatting. Only the name is stored; the client maps it to a shade that keeps the cell's text readable. */
export const THRESHOLD_COLORS: readonly ThresholdColor[] = ["gray", "blue", "green", "yellow", "orange", "red"];
