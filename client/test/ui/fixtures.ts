/**
 * UI test fixtures: Jira field metadata, generated issues (statuses in every category, users,
 * hours, story points, and hostile summaries), stored reports and engine results built from them.
 */

import type { ReportPublic, ReportSummary } from "../../src/api/resources.gen";
import { createReportEngine, type FieldDetails, type JiraIssue, type ReportDefinition, type ReportResult } from "../../src/engine/index";
import { DEFAULT_FAKE_CONTEXT } from "../support/fakeHost";

export const ME = DEFAULT_FAKE_CONTEXT.accountId;
export const OTHER = "557058:other-user";

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

export const HOSTILE_SUMMARIES = ["<script>window.__pwned = true</script>", '<img src=x onerror="window.__pwned = true">'];

/** `count` issues EX-1…; issue 1 and 2 carry hostile summaries, assignees have remote avatars. */
export function makeIssues(count: number): JiraIssue[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(10001 + i),
    key: `EX-${i + 1}`,
    fields: {
      summary: HOSTILE_SUMMARIES[i] ?? `Issue ${i + 1}`,
      status: STATUSES[i % 3],
      assignee:
        i % 4 === 0
          ? null
          : {
              accountId: `user-${i % 4}`,
              displayName: `User ${i % 4}`,
              active: true,
              avatarUrls: { "24x24": `https://avatar.example/${i % 4}.png` },
            },
      labels: i % 2 === 0 ? ["alpha"] : ["beta"],
      timespent: 3600 * ((i % 5) + 1),
      created: `2024-0${(i % 9) + 1}-1${i % 10}T10:30:00.000+0000`,
      customfield_10016: (i % 8) + 1,
    },
  }));
}

/** The engine's result for `definition` over `issues`, as the session would publish it. */
export function buildResult(def: ReportDefinition, issues: readonly JiraIssue[]): ReportResult {
  const engine = createReportEngine({ definition: def, fields: FIELDS, now: () => new Date("2024-12-31T12:00:00Z"), timeZone: "UTC" });
  engine.addIssues(issues);
  return engine.compute();
}

let nextId = 1;

export function report(overrides: Partial<ReportPublic> = {}): ReportPublic {
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(nextId++).padStart(12, "0")}`;
  return {
    name: "Open work by status",
    description: "",
    jql: "project = EX",
    columns: [
      { field: "summary", label: null, format: null, aggregation: null, width: null },
      { field: "status", label: null, format: null, aggregation: "count", width: null },
      { field: "assignee", label: null, format: null, aggregation: null, width: null },
      { field: "timespent", label: null, format: null, aggregation: "sum", width: null },
      { field: "customfield_10016", label: "Points", format: null, aggregation: "sum", width: null },
    ],
    sorting_rules: [],
    grouping_rules: [
      { field: "status", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: true },
    ],
    filtering_rules: [],
    formula_fields: [],
    projects: [],
    views: [{ kind: "table", id: "table", name: "Table", conditional_formats: [] }],
    history: null,
    people: { access: "private", administrators: [ME], viewer_users: [], viewer_groups: [] },
    version: 1,
    created_at: "2024-06-01T10:00:00Z",
    created_by: ME,
    updated_at: "2024-06-02T10:00:00Z",
    updated_by: ME,
    deleted_at: null,
    permissions: { can_edit: true },
    ...overrides,
    id,
  };
}

export function summaryOf(r: ReportPublic): ReportSummary {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    access: r.people.access,
    administrators: r.people.administrators,
    created_by: r.created_by,
    updated_at: r.updated_at,
    updated_by: r.updated_by,
    version: r.version,
    imported_at: null,
    imported_from: null,
  };
}
