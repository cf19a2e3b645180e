/**
 * Small Jira fixtures shared by the loader, session and export tests: a few `/rest/api/3/field`
 * entries and generated issues in `/search/jql` shape, with a hostile summary here and there.
 */

import type { FieldDetails, JiraIssue, ReportDefinition } from "../../src/engine/index";

function field(id: string, name: string, schema: FieldDetails["schema"], custom = false): FieldDetails {
  return { id, key: id, name, custom, navigable: true, searchable: true, orderable: true, clauseNames: [id], schema };
}

export const FIELDS: FieldDetails[] = [
  field("summary", "Summary", { type: "string", system: "summary" }),
  field("status", "Status", { type: "status", system: "status" }),
  field("assignee", "Assignee", { type: "user", system: "assignee" }),
  field("labels", "Labels", { type: "array", items: "string", system: "labels" }),
  field("timespent", "Time Spent", { type: "number", system: "timespent" }),
  field("created", "Created", { type: "datetime", system: "created" }),
  field("duedate", "Due date", { type: "date", system: "duedate" }),
  field(
    "customfield_10016",
    "Story Points",
    { type: "number", custom: "com.atlassian.jira.plugin.system.customfieldtypes:float", customId: 10016 },
    true,
  ),
];

const STATUSES = [
  { id: "1", name: "To Do", statusCategory: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" } },
  { id: "3", name: "In Progress", statusCategory: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" } },
  { id: "5", name: "Done", statusCategory: { id: 3, key: "done", colorName: "green", name: "Done" } },
];

/** `count` issues with ids 10001… and keys `${project}-1`…; deterministic. */
export function makeIssues(count: number, project = "EX", firstId = 10001): JiraIssue[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(firstId + i),
    key: `${project}-${i + 1}`,
    self: `https://example.atlassian.net/rest/api/3/issue/${firstId + i}`,
    fields: {
      summary: i % 7 === 3 ? `=HYPERLINK("http://evil","x") <b>&</b> ${i}` : `Issue ${i + 1}, "quoted"`,
      status: STATUSES[i % 3],
      assignee: i % 4 === 0 ? null : { accountId: `user-${i % 4}`, displayName: `User ${i % 4}`, active: true },
      labels: i % 2 === 0 ? ["alpha", "beta"] : ["gamma"],
      timespent: i % 5 === 0 ? null : 3600 * (i % 5),
      created: `2024-0${(i % 9) + 1}-1${i % 10}T10:30:00.000+0000`,
      duedate: i % 3 === 0 ? null : `2024-12-0${(i % 9) + 1}`,
      customfield_10016: i % 6 === 0 ? null : (i % 8) + 0.5,
    },
  }));
}

export function reportDefinition(overrides: Partial<ReportDefinition> = {}): ReportDefinition {
  return {
    name: "Fixture report",
    jql: "project = EX",
    columns: [
      { field: "issuekey" },
      { field: "summary" },
      { field: "status", aggregation: "count" },
      { field: "timespent", aggregation: "sum" },
      { field: "customfield_10016", aggregation: "average" },
      { field: "created", aggregation: "earliest" },
    ],
    sorting_rules: [],
    grouping_rules: [],
    filtering_rules: [],
    formula_fields: [],
    ...overrides,
  };
}
