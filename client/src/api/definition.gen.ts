// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/ (docs/report-model.md).

import type { Column, FilterRule, FormulaField, GroupRule, SortRule } from "./rules.gen";
import type { HistorySettings } from "./history.gen";
import type { View } from "./views.gen";
export type { Aggregation, Column, DateBucket, DateBucketUnit, DateStyle, DurationStyle, Empties, FilterRule, Format, FormatType, FormulaField, FormulaResultType, GroupOrder, GroupOrderBy, GroupRule, NumberBucket, Operand, Operator, RelativeDateUnit, SortDirection, SortRule } from "./rules.gen";
export type { AxisOrder, AxisOrderBy, ChartSeries, ChartType, ChartView, Measure, PercentOf, PivotConditionalFormat, PivotView, TableConditionalFormat, TableView, Threshold, ThresholdColor, View } from "./views.gen";
export type { HistoryPoint, HistoryPointKind, HistorySettings, WorkingTime } from "./history.gen";

/**
 * Report model v2, generated from ReportCreate, ReportUpdate.
 */
export type ReportDefinitionTypes = ReportCreate | ReportUpdate;
/**
 * Who may view a report.
 *
 * private: administrators only; limited: plus the listed viewer users and members of the
 * listed viewer groups; open: every user of the site.
 */
export type Access = "private" | "limited" | "open";

export interface ReportCreate {
  name: string;
  description: string;
  /**
   * Base JQL, sent to Jira unchanged.
   */
  jql: string;
  /**
   * @maxItems 50
   */
  columns: Column[];
  /**
   * Empty: issue key ascending.
   *
   * @maxItems 10
   */
  sorting_rules: SortRule[];
  /**
   * One rule per nesting level, the outermost first.
   *
   * @maxItems 5
   */
  grouping_rules: GroupRule[];
  /**
   * @maxItems 30
   */
  filtering_rules: FilterRule[];
  /**
   * @maxItems 20
   */
  formula_fields: FormulaField[];
  /**
   * The Jira projects whose project page lists this report; set when a report is created from a project page. Empty: no project page lists it (the general page lists every report).
   *
   * @maxItems 20
   *
   * Items: A Jira project key, e.g. `ROLL`.
   */
  projects: string[];
  /**
   * The ways the report is shown (a table, pivots, charts), in tab order; the first opens. Default: the grouped table alone.
   *
   * @maxItems 10
   */
  views: View[];
  /**
   * How history fields (`history_*`) are computed: cycle time's start and end, and an optional working-time calendar. null: In Progress to Done, calendar time.
   */
  history: HistorySettings | null;
  people: PeopleCreate;
}
/**
 * People of a new report: an empty administrators list becomes `[creator]`.
 */
export interface PeopleCreate {
  access: Access;
  /**
   * Empty: the creator.
   *
   * @maxItems 50
   *
   * Items: A Jira account id.
   */
  administrators: string[];
  /**
   * @maxItems 500
   *
   * Items: A Jira account id.
   */
  viewer_users: string[];
  /**
   * @maxItems 100
   */
  viewer_groups: string[];
}
/**
 * Replaces the whole definition; omitted keys take their defaults.
 */
export interface ReportUpdate {
  name: string;
  description: string;
  /**
   * Base JQL, sent to Jira unchanged.
   */
  jql: string;
  /**
   * @maxItems 50
   */
  columns: Column[];
  /**
   * Empty: issue key ascending.
   *
   * @maxItems 10
   */
  sorting_rules: SortRule[];
  /**
   * One rule per nesting level, the outermost first.
   *
   * @maxItems 5
   */
  grouping_rules: GroupRule[];
  /**
   * @maxItems 30
   */
  filtering_rules: FilterRule[];
  /**
   * @maxItems 20
   */
  formula_fields: FormulaField[];
  /**
   * The Jira projects whose project page lists this report; set when a report is created from a project page. Empty: no project page lists it (the general page lists every report).
   *
   * @maxItems 20
   *
   * Items: A Jira project key, e.g. `ROLL`.
   */
  projects: string[];
  /**
   * The ways the report is shown (a table, pivots, charts), in tab order; the first opens. Default: the grouped table alone.
   *
   * @maxItems 10
   */
  views: View[];
  /**
   * How history fields (`history_*`) are computed: cycle time's start and end, and an optional working-time calendar. null: In Progress to Done, calendar time.
   */
  history: HistorySettings | null;
  people: People;
  /**
   * The version the edit started from; a stale version is rejected (409).
   */
  version: number | null;
}
/**
 * Who administers and who views a stored report.
 */
export interface People {
  access: Access;
  /**
   * 1 to 50 account ids.
   *
   * @maxItems 50
   *
   * Items: A Jira account id.
   */
  administrators: string[];
  /**
   * @maxItems 500
   *
   * Items: A Jira account id.
   */
  viewer_users: string[];
  /**
   * @maxItems 100
   */
  viewer_groups: string[];
}
