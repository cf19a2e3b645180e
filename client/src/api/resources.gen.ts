// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/ (docs/report-model.md).

import type { Access, Column, FilterRule, FormulaField, GroupRule, HistorySettings, People, SortRule, View } from "./definition.gen";

/**
 * Report model v2, generated from ReportPublic, ReportSummary, ReportList, ReportExportFile, ImportOptions, ImportRequest, ImportResult, TrashList, PurgeRequest, PurgeResult, Me, SecurityContact, GadgetSetting, GadgetSettingUpdate, ErrorBody.
 */
export type ReportResourceTypes =
  | ReportPublic
  | ReportSummary
  | ReportList
  | ReportExportFile
  | ImportOptions
  | ImportRequest
  | ImportResult
  | TrashList
  | PurgeRequest
  | PurgeResult
  | Me
  | SecurityContact
  | GadgetSetting
  | GadgetSettingUpdate
  | ErrorBody;

export interface ReportPublic {
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
  id: string;
  /**
   * 1 on create, +1 per update.
   */
  version: number;
  created_at: string;
  /**
   * A Jira account id.
   */
  created_by: string;
  updated_at: string;
  /**
   * A Jira account id.
   */
  updated_by: string;
  /**
   * Set while in the trash.
   */
  deleted_at: string | null;
  permissions: ReportPermissions;
}
export interface ReportPermissions {
  can_edit: boolean;
}
/**
 * A report as listed: enough to show, filter and open it.
 */
export interface ReportSummary {
  id: string;
  name: string;
  description: string;
  access: Access;
  /**
   * Items: A Jira account id.
   */
  administrators: string[];
  /**
   * A Jira account id.
   */
  created_by: string;
  updated_at: string;
  /**
   * A Jira account id.
   */
  updated_by: string;
  version: number;
  /**
   * When an import made this report; null if made here.
   */
  imported_at: string | null;
  /**
   * What it was imported from (the import's `source`: a file name, a site).
   */
  imported_from: string | null;
}
export interface ReportList {
  items: ReportSummary[];
  /**
   * All matching reports, not just this page.
   */
  total: number;
  offset: number;
  limit: number;
}
/**
 * A downloaded export; `format` and `format_version` are required so any other JSON is
 * rejected on import.
 */
export interface ReportExportFile {
  format: "rollbook.report-export";
  /**
   * 2 since reports have views; a version 1 file is read as version 2, each report with its default views.
   */
  format_version: 1 | 2;
  exported_at: string;
  reports: ReportExport[];
  /**
   * The site's dashboard gadgets that show one of these reports (site export only); imported with their reports' new ids.
   */
  dashboard_gadgets: GadgetSetting[];
}
/**
 * One exported report: its definition, people and audit, without trash or version.
 */
export interface ReportExport {
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
  id: string;
  created_at: string;
  /**
   * A Jira account id.
   */
  created_by: string;
  updated_at: string;
  /**
   * A Jira account id.
   */
  updated_by: string;
}
export interface GadgetSetting {
  /**
   * A Jira dashboard or dashboard item id.
   */
  dashboard_item_id: string;
  /**
   * A Jira dashboard or dashboard item id.
   */
  dashboard_id: string;
  report_id: string;
  /**
   * One of the report's views, by id; null: its first view. A view removed from the report since is shown as its first view.
   */
  view_id: string | null;
  updated_at: string;
  /**
   * A Jira account id.
   */
  updated_by: string;
}
export interface ImportOptions {
  /**
   * true: imported reports keep their exported ids (an id already used in this site is an error); false: each gets a new id.
   */
  keep_ids: boolean;
  /**
   * keep: access, administrators and viewers as exported (account ids are site-wide); importer_only: private, with the importer as the only administrator and no viewers, for moving reports to another site.
   */
  people: "keep" | "importer_only";
  /**
   * What the reports come from, shown with each imported report in the list (the file's name, or the site it was exported from); empty: `a file`.
   */
  source: string;
}
export interface ImportRequest {
  file: ReportExportFile;
  options: ImportOptions;
}
/**
 * The ids of the imported reports, in the file's order.
 */
export interface ImportResult {
  ids: string[];
}
/**
 * The reports in the trash, as `GET /api/trash` lists them.
 */
export interface TrashList {
  items: ReportPublic[];
}
export interface PurgeRequest {
  /**
   * The Jira site URL, typed by the administrator to confirm permanent removal.
   */
  confirm_site_url: string;
}
export interface PurgeResult {
  reports_removed: number;
}
/**
 * `GET /api/me`: the site and user the request was authenticated as.
 */
export interface Me {
  client_key: string;
  base_url: string;
  account_id: string;
}
/**
 * `GET /api/admin/security-contact`: the configured contact and its link (mailto: or
 * https:), or both null when the operator has not configured one: the admin page then says so
 * loudly.
 */
export interface SecurityContact {
  contact: string | null;
  href: string | null;
}
export interface GadgetSettingUpdate {
  /**
   * A Jira dashboard or dashboard item id.
   */
  dashboard_id: string;
  report_id: string;
  /**
   * One of the report's views, by id; null: its first view. A view removed from the report since is shown as its first view.
   */
  view_id: string | null;
}
export interface ErrorBody {
  /**
   * Error code, e.g. invalid_report.
   */
  error: string;
  detail: ErrorDetail[];
}
export interface ErrorDetail {
  /**
   * Path to the offending value, e.g. ["columns", 2, "field"].
   */
  loc: (string | number)[];
  msg: string;
  /**
   * Machine-readable error type, e.g. unknown_formula_field.
   */
  type: string;
}
