/** Resolves a field key to its engine type from Jira's `/rest/api/3/field` schema. */

import { parseHistoryKey, isHistoryKey } from "../history/historyKeys";
import { MEASURED_KINDS } from "../history/historyMeasures";
import { historyFieldName } from "../history/historyNames";
import type { FieldDetails, JiraStatus } from "../jira";
import { SYSTEM_FIELDS } from "../vocabulary.gen";
import type { EntryKind, FieldSpec, FieldType } from "./types";

const GH_SPRINT = "com.pyxis.greenhopper.jira:gh-sprint";
const GH_EPIC_LINK = "com.pyxis.greenhopper.jira:gh-epic-link";

type TypeAndKind = readonly [FieldType, EntryKind];

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

/**
 * `fields` is keyed by id; an id Jira did not describe is read as text and flagged `unknown`.
 * A `history_*` key is typed by the shared vocabulary and named from `statuses`; one the
 * vocabulary does not have (unknown kind, bad status id or category) is `unknown` too.
 */
export function resolveFieldSpec(key: string, details: FieldDetails | undefined, statuses: readonly JiraStatus[] = []): FieldSpec {
  if (isHistoryKey(key)) {
    const history = parseHistoryKey(key);
    return history && MEASURED_KINDS.has(history.kind)
      ? { key, name: historyFieldName(key, statuses), type: history.type, entryKind: "label", source: "history", unknown: false }
      : { key, name: key, type: "text", entryKind: "label", source: "history", unknown: true };
  }
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
    // System fields' types come from the vocabulary shared with the server: their schemas alone
    // are ambiguous (durations and progress are plain "number").
    const known = SYSTEM_FIELDS.get(system);
    if (known) return [known.type, known.entryKind];
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
