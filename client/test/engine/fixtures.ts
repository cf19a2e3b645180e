/**
 * Hand-built Jira Cloud fixtures in the shapes of `/rest/api/3/field` and `/rest/api/3/search/jql`
 * (docs/platform.md#fields-and-value-shapes): multi-valued labels and sprints, null assignees, durations, dates across
 * DST changes and the year boundary, and hostile strings.
 */

import type { FieldDetails, JiraIssue } from "../../src/engine/jira";
import type { ReportDefinition } from "../../src/engine/model";

const SITE = "https://example.atlassian.net";

function system(id: string, name: string, type: string, extra: Partial<FieldDetails["schema"]> = {}): FieldDetails {
  return {
    id,
    key: id,
    name,
    custom: false,
    navigable: true,
    searchable: true,
    orderable: true,
    clauseNames: [id],
    schema: { type, system: id, ...extra },
  };
}

function custom(id: string, name: string, type: string, customType: string, items?: string): FieldDetails {
  const customId = Number(id.replace("customfield_", ""));
  return {
    id,
    key: id,
    name,
    custom: true,
    navigable: true,
    searchable: true,
    orderable: true,
    clauseNames: [`cf[${customId}]`, name],
    schema: { type, custom: customType, customId, ...(items ? { items } : {}) },
  };
}

export const FIELDS: FieldDetails[] = [
  system("summary", "Summary", "string"),
  system("description", "Description", "string"),
  system("status", "Status", "status"),
  system("priority", "Priority", "priority"),
  system("issuetype", "Issue Type", "issuetype"),
  system("project", "Project", "project"),
  system("resolution", "Resolution", "resolution"),
  system("assignee", "Assignee", "user"),
  system("reporter", "Reporter", "user"),
  system("labels", "Labels", "array", { items: "string" }),
  system("components", "Components", "array", { items: "component" }),
  system("fixVersions", "Fix versions", "array", { items: "version" }),
  system("timespent", "Time Spent", "number"),
  system("timeoriginalestimate", "Original estimate", "number"),
  system("timeestimate", "Remaining Estimate", "number"),
  system("aggregatetimespent", "Σ Time Spent", "number"),
  system("created", "Created", "datetime"),
  system("updated", "Updated", "datetime"),
  system("resolutiondate", "Resolved", "datetime"),
  system("duedate", "Due date", "date"),
  system("parent", "Parent", "issuelink"),
  {
    id: "issuekey",
    key: "issuekey",
    name: "Key",
    custom: false,
    navigable: true,
    searchable: false,
    orderable: false,
    clauseNames: ["id", "issue", "issuekey", "key"],
  },
  custom("customfield_10016", "Story Points", "number", "com.atlassian.jira.plugin.system.customfieldtypes:float"),
  custom("customfield_10020", "Sprint", "array", "com.pyxis.greenhopper.jira:gh-sprint", "json"),
  custom("customfield_10030", "Team size", "option", "com.atlassian.jira.plugin.system.customfieldtypes:select"),
  custom("customfield_10040", "Platforms", "array", "com.atlassian.jira.plugin.system.customfieldtypes:multiselect", "option"),
  custom("customfield_10050", "Reviewers", "array", "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker", "user"),
  custom("customfield_10060", "Acme widget", "acme-widget", "com.acme.jira:widget"),
  custom("customfield_10070", "Start date", "date", "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"),
  custom("customfield_10080", "Approved", "boolean", "com.acme.jira:approved-flag"),
];

const CATEGORIES = {
  new: { self: `${SITE}/rest/api/3/statuscategory/2`, id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { self: `${SITE}/rest/api/3/statuscategory/4`, id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { self: `${SITE}/rest/api/3/statuscategory/3`, id: 3, key: "done", colorName: "green", name: "Done" },
} as const;

export function status(id: string, name: string, category: keyof typeof CATEGORIES) {
  return {
    self: `${SITE}/rest/api/3/status/${id}`,
    description: "",
    iconUrl: `${SITE}/images/icons/statuses/generic.png`,
    name,
    id,
    statusCategory: CATEGORIES[category],
  };
}

export const STATUS = {
  todo: status("10000", "To Do", "new"),
  backlog: status("10003", "Backlog", "new"),
  inProgress: status("3", "In Progress", "indeterminate"),
  review: status("10001", "Code Review", "indeterminate"),
  done: status("10002", "Done", "done"),
};

export function priority(id: string, name: string) {
  return { self: `${SITE}/rest/api/3/priority/${id}`, iconUrl: `${SITE}/images/icons/priorities/${name.toLowerCase()}.svg`, name, id };
}

export const PRIORITY = {
  highest: priority("1", "Highest"),
  high: priority("2", "High"),
  medium: priority("3", "Medium"),
  low: priority("4", "Low"),
  lowest: priority("5", "Lowest"),
};

export function user(accountId: string, displayName: string, active = true) {
  const avatar = (size: number) => `https://avatar-management.example/${accountId}/${size}`;
  return {
    self: `${SITE}/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: "atlassian",
    avatarUrls: { "48x48": avatar(48), "24x24": avatar(24), "16x16": avatar(16), "32x32": avatar(32) },
    displayName,
    active,
    timeZone: "Europe/Berlin",
  };
}

export const USERS = {
  alice: user("5b10a2844c20165700ede21g", "Alice Adams"),
  bob: user("5b10ac8d82e05b22cc7d4ef5", "bob brown"),
  carol: user("712020:cc5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "Carol Chen"),
  // Hostile display name: markup and a name that looks like a JSON null.
  mallory: user("557058:mallory", "<img src=x onerror=alert(1)>"),
  nullish: user("557058:nullish", "null"),
};

export const ISSUE_TYPES = {
  story: {
    self: `${SITE}/rest/api/3/issuetype/10001`,
    id: "10001",
    description: "",
    iconUrl: "",
    name: "Story",
    subtask: false,
    avatarId: 10315,
    entityId: "7b4c2c79-1d2e-4f3a-9b8c-0d1e2f3a4b5c",
    hierarchyLevel: 0,
  },
  bug: {
    self: `${SITE}/rest/api/3/issuetype/10004`,
    id: "10004",
    description: "",
    iconUrl: "",
    name: "Bug",
    subtask: false,
    avatarId: 10303,
    entityId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    hierarchyLevel: 0,
  },
  epic: {
    self: `${SITE}/rest/api/3/issuetype/10000`,
    id: "10000",
    description: "",
    iconUrl: "",
    name: "Epic",
    subtask: false,
    avatarId: 10307,
    entityId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
    hierarchyLevel: 1,
  },
};

const PROJECTS = {
  EX: {
    self: `${SITE}/rest/api/3/project/10000`,
    id: "10000",
    key: "EX",
    name: "Example",
    projectTypeKey: "software",
    simplified: false,
    avatarUrls: {},
  },
  OPS: {
    self: `${SITE}/rest/api/3/project/10001`,
    id: "10001",
    key: "OPS",
    name: "Operations",
    projectTypeKey: "software",
    simplified: true,
    avatarUrls: {},
  },
};

export function sprint(id: number, name: string, state: "closed" | "active" | "future") {
  return {
    id,
    name,
    state,
    boardId: 1,
    goal: "",
    startDate: "2024-06-03T08:00:00.000Z",
    endDate: "2024-06-17T08:00:00.000Z",
    ...(state === "closed" ? { completeDate: "2024-06-17T09:00:00.000Z" } : {}),
  };
}

const version = (id: string, name: string, released: boolean) => ({
  self: `${SITE}/rest/api/3/version/${id}`,
  id,
  name,
  description: "",
  archived: false,
  released,
  releaseDate: "2024-06-01",
});
const component = (id: string, name: string) => ({ self: `${SITE}/rest/api/3/component/${id}`, id, name });
const option = (id: string, value: string) => ({ self: `${SITE}/rest/api/3/customFieldOption/${id}`, value, id });

export function adf(...paragraphs: string[]) {
  return { type: "doc", version: 1, content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

const HOUR = 3600;

interface IssueSpec {
  key: string;
  fields: Record<string, unknown>;
}

let nextId = 10_000;
function issue({ key, fields }: IssueSpec): JiraIssue {
  const id = (nextId++).toString();
  const project = key.startsWith("OPS") ? PROJECTS.OPS : PROJECTS.EX;
  return {
    id,
    key,
    self: `${SITE}/rest/api/3/issue/${id}`,
    fields: {
      project,
      issuetype: ISSUE_TYPES.story,
      reporter: USERS.alice,
      labels: [],
      components: [],
      fixVersions: [],
      resolution: null,
      resolutiondate: null,
      duedate: null,
      timespent: null,
      timeoriginalestimate: null,
      timeestimate: null,
      aggregatetimespent: null,
      customfield_10016: null,
      customfield_10020: null,
      customfield_10030: null,
      customfield_10040: [],
      customfield_10050: null,
      customfield_10060: null,
      customfield_10070: null,
      customfield_10080: null,
      updated: "2024-06-20T10:00:00.000+0000",
      ...fields,
    },
  };
}

/**
 * Fourteen issues. Notable cases:
 * EX-1/EX-2 labels shared; EX-3 duplicate label; EX-4 null assignee; EX-5 created just before the
 * Berlin spring DST gap; EX-6 created at 23:30 UTC on New Year's Eve (2025 in Berlin); EX-7 the
 * autumn DST overlap; EX-9 hostile summary; EX-10 ADF description; OPS-2 sorts after EX-10 by project.
 */
export const ISSUES: JiraIssue[] = [
  issue({
    key: "EX-1",
    fields: {
      summary: "Login page",
      status: STATUS.done,
      priority: PRIORITY.high,
      assignee: USERS.alice,
      labels: ["frontend", "ux"],
      timespent: 5 * HOUR,
      timeoriginalestimate: 4 * HOUR,
      timeestimate: 0,
      aggregatetimespent: 5 * HOUR,
      created: "2024-01-15T09:30:00.000+0000",
      resolutiondate: "2024-01-20T16:00:00.000+0000",
      resolution: { self: "", id: "10000", description: "", name: "Done" },
      duedate: "2024-01-19",
      customfield_10016: 3,
      customfield_10020: [sprint(1, "Sprint 1", "closed"), sprint(2, "Sprint 2", "closed")],
      customfield_10030: option("10100", "Small"),
      customfield_10040: [option("10200", "Web")],
      customfield_10080: true,
    },
  }),
  issue({
    key: "EX-2",
    fields: {
      summary: "Signup flow",
      status: STATUS.inProgress,
      priority: PRIORITY.highest,
      assignee: USERS.bob,
      labels: ["frontend"],
      timespent: 2 * HOUR,
      timeoriginalestimate: 8 * HOUR,
      timeestimate: 6 * HOUR,
      created: "2024-02-10T14:00:00.000+0100",
      customfield_10016: 5,
      customfield_10020: [sprint(2, "Sprint 2", "closed"), sprint(10, "Sprint 10", "active")],
      customfield_10040: [option("10200", "Web"), option("10201", "iOS")],
      customfield_10050: [USERS.alice, USERS.carol],
    },
  }),
  issue({
    key: "EX-3",
    fields: {
      summary: "API rate limits",
      status: STATUS.todo,
      priority: PRIORITY.medium,
      assignee: USERS.carol,
      labels: ["backend", "backend", "api"],
      timeoriginalestimate: 16 * HOUR,
      created: "2024-03-01T08:00:00.000+0000",
      duedate: "2024-03-31",
      customfield_10016: 8,
      customfield_10030: option("10101", "Large"),
      customfield_10080: false,
    },
  }),
  issue({
    key: "EX-4",
    fields: {
      summary: "Unassigned cleanup",
      status: STATUS.backlog,
      priority: PRIORITY.low,
      assignee: null,
      created: "2024-03-05T12:00:00.000+0000",
      customfield_10016: null,
    },
  }),
  issue({
    key: "EX-5",
    fields: {
      summary: "Before the spring gap",
      status: STATUS.review,
      priority: PRIORITY.medium,
      assignee: USERS.alice,
      labels: ["backend"],
      timespent: 30 * 60,
      timeoriginalestimate: HOUR,
      created: "2024-03-31T00:59:59.000+0000",
      duedate: "2024-03-31",
      customfield_10016: 2,
      customfield_10020: [sprint(10, "Sprint 10", "active")],
      customfield_10070: "2024-03-31",
    },
  }),
  issue({
    key: "EX-6",
    fields: {
      summary: "New Year's deploy",
      status: STATUS.done,
      priority: PRIORITY.highest,
      assignee: USERS.bob,
      labels: ["ops"],
      timespent: 3 * 8 * HOUR,
      timeoriginalestimate: 2 * 8 * HOUR,
      created: "2024-12-31T23:30:00.000+0000",
      resolutiondate: "2025-01-01T01:15:00.000+0000",
      resolution: { self: "", id: "10000", description: "", name: "Done" },
      duedate: "2024-12-31",
      customfield_10016: 13,
    },
  }),
  issue({
    key: "EX-7",
    fields: {
      summary: "Autumn overlap",
      status: STATUS.inProgress,
      priority: PRIORITY.lowest,
      assignee: USERS.carol,
      labels: [],
      timespent: 45 * 60,
      created: "2024-10-27T00:30:00.000+0000",
      duedate: "2024-10-27",
      customfield_10016: 1,
    },
  }),
  issue({
    key: "EX-8",
    fields: {
      summary: "Week 1 of 2025 starts in 2024",
      status: STATUS.todo,
      priority: PRIORITY.high,
      assignee: USERS.mallory,
      labels: ["ux"],
      created: "2024-12-30T10:00:00.000+0000",
      duedate: "2025-01-01",
      customfield_10016: 0,
    },
  }),
  issue({
    key: "EX-9",
    fields: {
      summary: 'null "); DROP TABLE issues;-- <script>alert(1)</script> \u202Eevil',
      status: STATUS.todo,
      priority: null,
      assignee: USERS.nullish,
      labels: ["null", "undefined", "__proto__", "constructor"],
      created: "2024-06-15T10:00:00.000+0000",
      customfield_10060: { weird: ["nested", { deep: true }] },
    },
  }),
  issue({
    key: "EX-10",
    fields: {
      summary: "Émoji 🚀 and Ünïcödé",
      description: adf("First paragraph", "Second 🚀"),
      status: STATUS.done,
      priority: PRIORITY.medium,
      assignee: USERS.alice,
      labels: ["frontend"],
      timespent: 8 * HOUR,
      timeoriginalestimate: 8 * HOUR,
      created: "2024-06-20T07:00:00.000+0000",
      resolutiondate: "2024-06-21T07:00:00.000+0000",
      customfield_10016: 5,
      customfield_10020: [sprint(10, "Sprint 10", "active")],
      parent: {
        id: "9999",
        key: "EX-100",
        self: "",
        fields: { summary: "Epic: onboarding", status: STATUS.inProgress, priority: PRIORITY.medium, issuetype: ISSUE_TYPES.epic },
      },
    },
  }),
  issue({
    key: "EX-11",
    fields: {
      summary: "",
      status: STATUS.inProgress,
      priority: PRIORITY.high,
      assignee: null,
      labels: ["backend", "api"],
      timespent: 0,
      timeoriginalestimate: 0,
      created: "2024-06-25T22:00:00.000+0000",
      customfield_10016: 3,
      parent: { id: "9999", key: "EX-100", self: "", fields: { summary: "Epic: onboarding" } },
      customfield_10030: "plain-string-option",
    },
  }),
  issue({
    key: "EX-12",
    fields: {
      summary: "   ",
      status: STATUS.review,
      priority: PRIORITY.low,
      assignee: USERS.bob,
      labels: ["ux", "frontend"],
      timespent: 90 * 60,
      created: "2023-12-31T23:59:59.999+0000",
      customfield_10016: 2.5,
      components: [component("1", "Web app"), component("2", "API")],
      fixVersions: [version("100", "1.0", true), version("101", "1.1", false)],
    },
  }),
  issue({
    key: "OPS-2",
    fields: {
      summary: "Rotate certificates",
      status: STATUS.todo,
      priority: PRIORITY.highest,
      assignee: USERS.carol,
      labels: ["ops"],
      timeoriginalestimate: 4 * HOUR,
      created: "2024-04-01T06:00:00.000+0200",
      duedate: "2024-04-02",
      customfield_10016: 1,
    },
  }),
  issue({
    key: "OPS-10",
    fields: {
      summary: "Patch servers",
      status: STATUS.done,
      priority: PRIORITY.medium,
      assignee: USERS.alice,
      labels: ["ops", "security"],
      timespent: 4 * HOUR,
      timeoriginalestimate: 3 * HOUR,
      created: "2024-05-05T05:05:05.000+0000",
      resolutiondate: "2024-05-06T05:05:05.000+0000",
      customfield_10016: 2,
      customfield_10020:
        "com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=7,rapidViewId=1,state=CLOSED,name=Legacy Sprint,startDate=2024-01-01]",
    },
  }),
];

export const issueByKey = (key: string): JiraIssue => ISSUES.find((i) => i.key === key)!;

/** Fixed clock: Thursday 2024-06-27 12:00 UTC (14:00 in Berlin). */
export const NOW = new Date("2024-06-27T12:00:00.000Z");
export const TIME_ZONE = "Europe/Berlin";

export function definition(overrides: ReportDefinition = {}): ReportDefinition {
  return { name: "Fixture report", jql: "project in (EX, OPS)", columns: [{ field: "summary" }], ...overrides };
}
