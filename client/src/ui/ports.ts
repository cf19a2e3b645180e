/**
 * The data-layer shapes the UI relies on, in one place: the API client, Jira helpers, the report
 * session and exports. Screens receive these through `Services`, so tests can hand in fakes and a
 * change in the data layer is absorbed here rather than in every screen.
 */

import type { Host } from "../host/host";
export type { Host };
import type { ApiClient } from "../api/client";
import type { FieldDetails, JiraIssue, JiraStatus } from "../engine/index";
import type { JiraGroup, JiraUser, JqlCheck } from "../jira/jql";
import type { LoadOutcome, LoadProgress } from "../jira/loader";
import type { ValueChoice, ValueSource } from "../jira/values";

export type { ApiClient, JiraGroup, JiraUser, JqlCheck, LoadOutcome, LoadProgress, ValueChoice, ValueSource };

/** The Rollbook server API as the screens use it (the real client, or a fake in tests). */
export type ReportsApi = ApiClient;

/** Jira look-ups the editor needs, bound to the host (`jira/fields.ts`, `jira/jql.ts`,
 * `jira/sampleIssues.ts`). */
export interface JiraHelpers {
  fetchFields(): Promise<readonly FieldDetails[]>;
  /** The first `count` issues of `jql` with `fields`, for the formula preview. */
  sampleIssues(jql: string, fields: readonly string[], count: number): Promise<readonly JiraIssue[]>;
  checkJql(jql: string): Promise<JqlCheck>;
  searchUsers(query: string): Promise<readonly JiraUser[]>;
  searchGroups(query: string): Promise<readonly JiraGroup[]>;
  /** Users for account ids (owner column, pickers, conflict message); ids Jira does not know are left out. */
  usersById(accountIds: readonly string[]): Promise<ReadonlyMap<string, JiraUser>>;
  /** The values a filter rule picks from (`jira/values.ts`), once per page; rejects when Jira
   * lists none to this user (select-list options are for administrators). */
  valueChoices(source: ValueSource): Promise<readonly ValueChoice[]>;
  /** The site's priorities, highest first, as `at_least` / `at_most` thresholds (their ids). */
  priorityThresholds(): Promise<readonly ValueChoice[]>;
  /** The site's statuses with ids and categories (`jira/statuses.ts`, the report session's
   * cache): the editor's history fields and cycle-time ends. */
  statuses(): Promise<readonly JiraStatus[]>;
}

export type { ReportSession, SessionState, SessionStatus } from "../session/reportSession";

/** `export/`: CSV and XLSX built in the browser, then handed to the browser as a download. */
export type Exporters = Pick<
  typeof import("../export/index"),
  "toCsv" | "toXlsx" | "toPivotCsv" | "toPivotXlsx" | "download" | "exportFilename" | "CSV_MIME" | "XLSX_MIME"
>;
