/** Jira Cloud REST v3 shapes the engine reads (docs/platform.md#fields-and-value-shapes); only what it needs. */

export interface JsonTypeBean {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
  configuration?: Record<string, unknown>;
}

/** One entry of `GET /rest/api/3/field`. */
export interface FieldDetails {
  id: string;
  key?: string;
  name: string;
  custom?: boolean;
  navigable?: boolean;
  searchable?: boolean;
  orderable?: boolean;
  clauseNames?: string[];
  schema?: JsonTypeBean;
}

/** One issue of `/rest/api/3/search/jql` (`IssueBean`); `fields` values are Jira's raw JSON. */
export interface JiraIssue {
  id: string;
  key: string;
  self?: string;
  fields?: Record<string, unknown>;
}

/** A `/search/jql` page, accepted as-is by `addIssues`. */
export interface JiraSearchPage {
  issues: readonly JiraIssue[];
  nextPageToken?: string | null;
  isLast?: boolean;
}
