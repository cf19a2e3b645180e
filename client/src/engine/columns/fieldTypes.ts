/** Resolves a field key to its engine type from Jira's `/rest/api/3/field` schema. */

import type { FieldDetails } from "../jira";
import type { EntryKind, FieldSpec, FieldType } from "./types";

const GH_SPRINT = "com.pyxis.greenhopper.jira:gh-sprint";
const GH_EPIC_LINK = "com.pyxis.greenhopper.jira:gh-epic-link";

type TypeAndKind = readonly [FieldType, EntryKind];

/** System fields whose schema alone would be ambiguous (durations are plain "number" in the schema). */
const SYSTEM_FIELDS: Record<string, TypeAndKind> = {
  summary: ["text", "label"],
  description: ["text", "label"],
  environment: ["text", "label"],
  status: ["option", "status"],
  statusCategory: ["option", "status"],
  priority: ["option", "priority"],
  issuetype: ["option", "option"],
  resolution: ["option", "option"],
  project: ["option", "option"],
  security: ["option", "option"],
  assignee: ["user", "user"],
  reporter: ["user", "user"],
  creator: ["user", "user"],
  labels: ["multi", "label"],
  components: ["multi", "option"],
  fixVersions: ["multi", "version"],
  versions: ["multi", "version"],
  subtasks: ["multi", "issue"],
  timespent: ["duration", "label"],
  timeoriginalestimate: ["duration", "label"],
  timeestimate: ["duration", "label"],
  aggregatetimespent: ["duration", "label"],
  aggregatetimeoriginalestimate: ["duration", "label"],
  aggregatetimeestimate: ["duration", "label"],
  created: ["datetime", "label"],
  updated: ["datetime", "label"],
  resolutiondate: ["datetime", "label"],
  lastViewed: ["datetime", "label"],
  statuscategorychangedate: ["datetime", "label"],
  duedate: ["date", "label"],
  parent: ["issuelink", "issue"],
  votes: ["number", "label"],
  watches: ["number", "label"],
  workratio: ["number", "label"],
  progress: ["number", "label"],
  aggregateprogress: ["number", "label"],
};

const ITEM_KINDS: Record<string, EntryKind> = {
  string: "label",
  option: "option",
  version: "version",
  component: "option",
  user: "user",
  group: "option",
  issuelinks: "issue",
  issuelink: "issue",
};

const SCALAR_TYPES: Record<string, TypeAndKind> = {
  string: ["text", "label"],
  number: ["number", "label"],
  date: ["date", "label"],
  datetime: ["datetime", "label"],
  user: ["user", "user"],
  group: ["option", "option"],
  option: ["option", "option"],
  "option-with-child": ["option", "option"],
  priority: ["option", "priority"],
  status: ["option", "status"],
  issuetype: ["option", "option"],
  resolution: ["option", "option"],
  project: ["option", "option"],
  securitylevel: ["option", "option"],
  version: ["option", "version"],
  component: ["option", "option"],
  team: ["option", "option"],
  issuelink: ["issuelink", "issue"],
  boolean: ["boolean", "label"],
};

/** `fields` is keyed by id; an id Jira did not describe is read as text and flagged `unknown`. */
export function resolveFieldSpec(key: string, details: FieldDetails | undefined): FieldSpec {
  if (key === "issuekey" || key === "key") {
    return { key, name: details?.name ?? "Key", type: "issuelink", entryKind: "issue", source: "issue_key", unknown: false };
  }
  if (key === "id") return { key, name: details?.name ?? "Issue id", type: "text", entryKind: "label", source: "issue_id", unknown: false };
  const [type, entryKind] = typeFromDetails(key, details);
  return { key, name: details?.name ?? key, type, entryKind, source: "fields", unknown: details === undefined };
}

function typeFromDetails(key: string, details: FieldDetails | undefined): TypeAndKind {
  const schema = details?.schema;
  const system = schema?.system ?? (details?.custom ? undefined : key);
  if (system !== undefined && !details?.custom) {
    const known = SYSTEM_FIELDS[system];
    if (known) return known;
  }
  if (!schema) return ["text", "label"];
  const custom = schema.custom ?? "";
  if (custom === GH_SPRINT) return ["multi", "sprint"];
  if (custom === GH_EPIC_LINK) return ["issuelink", "issue"];
  if (schema.type === "array") {
    const kind = ITEM_KINDS[schema.items ?? ""];
    // Arrays of unknown item types (json, attachments…) still become multi-valued labels.
    return ["multi", kind ?? "label"];
  }
  return SCALAR_TYPES[schema.type] ?? ["text", "label"];
}
