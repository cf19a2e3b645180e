/**
 * Deterministic synthetic Jira issues (seeded PRNG) in `/search/jql` shapes, generated page by page
 * so a benchmark can load 100k issues without holding all of their JSON at once.
 */

import type { FieldDetails, JiraIssue } from "../../client/src/engine/jira";

/** mulberry32: tiny, fast, good enough for test data; same seed → same issues. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SITE = "https://bench.atlassian.net";

export const BENCH_FIELDS: FieldDetails[] = [
  { id: "summary", name: "Summary", custom: false, schema: { type: "string", system: "summary" } },
  { id: "status", name: "Status", custom: false, schema: { type: "status", system: "status" } },
  { id: "priority", name: "Priority", custom: false, schema: { type: "priority", system: "priority" } },
  { id: "assignee", name: "Assignee", custom: false, schema: { type: "user", system: "assignee" } },
  { id: "labels", name: "Labels", custom: false, schema: { type: "array", items: "string", system: "labels" } },
  { id: "components", name: "Components", custom: false, schema: { type: "array", items: "component", system: "components" } },
  { id: "timespent", name: "Time Spent", custom: false, schema: { type: "number", system: "timespent" } },
  { id: "timeoriginalestimate", name: "Original estimate", custom: false, schema: { type: "number", system: "timeoriginalestimate" } },
  { id: "created", name: "Created", custom: false, schema: { type: "datetime", system: "created" } },
  { id: "resolutiondate", name: "Resolved", custom: false, schema: { type: "datetime", system: "resolutiondate" } },
  { id: "duedate", name: "Due date", custom: false, schema: { type: "date", system: "duedate" } },
  {
    id: "customfield_10016",
    name: "Story Points",
    custom: true,
    schema: { type: "number", custom: "com.atlassian.jira.plugin.system.customfieldtypes:float", customId: 10016 },
  },
  {
    id: "customfield_10020",
    name: "Sprint",
    custom: true,
    schema: { type: "array", items: "json", custom: "com.pyxis.greenhopper.jira:gh-sprint", customId: 10020 },
  },
];

const CATEGORY = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
};
/** The workflow of the synthetic site, as `GET /rest/api/3/status` lists it (the engine names history fields from it). */
export const STATUSES = [
  ["10000", "To Do", "new"],
  ["10003", "Backlog", "new"],
  ["3", "In Progress", "indeterminate"],
  ["10001", "Code Review", "indeterminate"],
  ["10004", "QA", "indeterminate"],
  ["10002", "Done", "done"],
].map(([id = "", name = "", cat]) => ({
  self: `${SITE}/rest/api/3/status/${id}`,
  description: "",
  iconUrl: "",
  name,
  id,
  statusCategory: CATEGORY[cat as keyof typeof CATEGORY],
}));
const PRIORITIES = ["Highest", "High", "Medium", "Low", "Lowest"].map((name, i) => ({
  self: `${SITE}/rest/api/3/priority/${i + 1}`,
  iconUrl: "",
  name,
  id: (i + 1).toString(),
}));
const FIRST = ["Ada", "Ben", "Chen", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun"];
const LAST = ["Adams", "Brown", "Chen", "Diaz", "Evans"];
const USERS = Array.from({ length: 50 }, (_, i) => {
  const accountId = `5b10a2844c20165700e${(100000 + i).toString(16)}`;
  return {
    self: `${SITE}/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: "atlassian",
    avatarUrls: {
      "48x48": `https://avatars.example/${accountId}/48`,
      "24x24": `https://avatars.example/${accountId}/24`,
      "16x16": "",
      "32x32": "",
    },
    displayName: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10)]}`,
    active: true,
    timeZone: "Europe/Berlin",
  };
});
const LABELS = [
  "frontend",
  "backend",
  "api",
  "ux",
  "ops",
  "security",
  "perf",
  "docs",
  "infra",
  "mobile",
  "web",
  "data",
  "billing",
  "auth",
  "search",
  "i18n",
  "a11y",
  "tech-debt",
  "customer",
  "regression",
];
const COMPONENTS = ["Billing", "Core", "Integrations", "Mobile app", "Notifications", "Reporting", "Search", "Web UI"].map((name, i) => ({
  self: `${SITE}/rest/api/3/component/${10_100 + i}`,
  id: (10_100 + i).toString(),
  name,
  description: `${name} team`,
}));
/** `expand` as Jira sends it on every issue of a search page. */
const EXPAND = "operations,versionedRepresentations,editmeta,changelog,customfield_10010.requestTypePractice,renderedFields";
const WORDS = [
  "login",
  "page",
  "fix",
  "crash",
  "update",
  "report",
  "export",
  "button",
  "api",
  "timeout",
  "cache",
  "user",
  "search",
  "filter",
  "slow",
  "error",
  "sync",
  "mobile",
  "layout",
  "token",
];
const SPRINTS = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  name: `Sprint ${i + 1}`,
  state: i < 38 ? "closed" : "active",
  boardId: 1,
  goal: "",
  startDate: "2023-01-02T08:00:00.000Z",
  endDate: "2023-01-16T08:00:00.000Z",
}));

const START = Date.UTC(2022, 0, 1);
const SPAN = 3 * 365 * 86_400_000;
const pad = (n: number): string => (n < 10 ? "0" : "") + n.toString();

/** Jira's datetime format: `2023-06-24T19:24:50.000+0000`. */
export function jiraDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000+0000`;
}

/** Issues `from .. from + count` of the synthetic data set for `seed`. */
export function generateIssues(from: number, count: number, seed = 42): (JiraIssue & { expand: string })[] {
  const issues: (JiraIssue & { expand: string })[] = [];
  for (let i = from; i < from + count; i++) {
    // One PRNG per issue: any page can be generated independently and identically.
    const rnd = createRandom(seed * 1_000_003 + i);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const created = START + Math.floor(rnd() * SPAN);
    const status = pick(STATUSES);
    const done = status.statusCategory.key === "done";
    const estimate = rnd() < 0.8 ? Math.round(rnd() * 40) * 1800 : null;
    const spent = rnd() < 0.7 ? Math.round(rnd() * 60) * 900 : null;
    const labelCount = Math.floor(rnd() * 4);
    // Jira keeps labels as a set: a repeated pick is dropped (same PRNG calls as before).
    const labels = [...new Set(Array.from({ length: labelCount }, () => pick(LABELS)))];
    const id = (10_000 + i).toString();
    issues.push({
      expand: EXPAND,
      id,
      key: `${i % 7 === 0 ? "OPS" : "EX"}-${i + 1}`,
      self: `${SITE}/rest/api/3/issue/${id}`,
      fields: {
        summary: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} #${i}`,
        status,
        priority: pick(PRIORITIES),
        assignee: rnd() < 0.1 ? null : pick(USERS),
        labels,
        timespent: spent,
        timeoriginalestimate: estimate,
        created: jiraDateTime(created),
        resolutiondate: done ? jiraDateTime(created + Math.floor(rnd() * 30 * 86_400_000)) : null,
        duedate: rnd() < 0.5 ? jiraDateTime(created + 14 * 86_400_000).slice(0, 10) : null,
        customfield_10016: rnd() < 0.75 ? pick([1, 2, 3, 5, 8, 13]) : null,
        customfield_10020: rnd() < 0.6 ? [pick(SPRINTS)] : null,
        // Drawn last, so every field above is what earlier versions of this generator made.
        components: [...new Set(Array.from({ length: Math.floor(rnd() * 3) }, () => pick(COMPONENTS)))],
      },
    });
  }
  return issues;
}

/**
 * The `/rest/api/3/search/jql` response bodies for issues `0 .. size`, as the text Jira sends:
 * `pageSize` issues per page carrying only `fields` (what the client requests for a report).
 */
export function searchPages(size: number, fields: readonly string[], pageSize = 100, seed = 42): string[] {
  const pages: string[] = [];
  for (let from = 0; from < size; from += pageSize) {
    const issues = generateIssues(from, Math.min(pageSize, size - from), seed).map((issue) => {
      const all = issue.fields ?? {};
      const picked: Record<string, unknown> = {};
      for (const f of fields) if (f in all) picked[f] = all[f];
      return { ...issue, fields: picked };
    });
    const isLast = from + pageSize >= size;
    pages.push(JSON.stringify({ issues, ...(isLast ? {} : { nextPageToken: `page-${from + pageSize}` }), isLast }));
  }
  return pages;
}
