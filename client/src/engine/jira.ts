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
  /** Status changes, attached by the loader when the report uses history fields (see `JiraChangelog`). */
  changelog?: JiraChangelog;
}

/**
 * An issue's change histories in Jira's `expand=changelog` shape. Complete when `histories` is an
 * array and `total` is absent or not above `histories.length`; anything else (a changelog the
 * loader could not load) leaves the issue's history fields empty.
 */
export interface JiraChangelog {
  startAt?: number;
  maxResults?: number;
  total?: number;
  histories?: JiraChangeHistory[];
}

/** One change history (`GET /issue/{id}/changelog`, `changelog/bulkfetch`); only status items matter. */
export interface JiraChangeHistory {
  id: string;
  created: string;
  items: JiraChangeItem[];
}

export interface JiraChangeItem {
  field: string;
  fieldtype?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** One entry of `GET /rest/api/3/status`. */
export interface JiraStatus {
  id: string;
  name: string;
  /** `key` places the status in To Do, In Progress or Done; `name` is the category's label. */
  statusCategory?: { key?: string; name?: string };
}

/** A `/search/jql` page, accepted as-is by `addIssues`. */
export interface JiraSearchPage {
  issues: readonly JiraIssue[];
  nextPageToken?: string | null;
  isLast?: boolean;
}
