/** What the editor's field picker and column headers call history fields. */

import type { FieldType } from "../columns/types";
import type { JiraStatus } from "../jira";
import { HISTORY_FIELDS, STATUS_CATEGORY_KEYS } from "../vocabulary.gen";
import { historyKey, parseHistoryKey, type CategoryKey } from "./historyKeys";

/** Jira's own names for its status categories. */
export const CATEGORY_NAMES: Readonly<Record<CategoryKey, string>> = { new: "To Do", indeterminate: "In Progress", done: "Done" };

const KIND_NAMES: Readonly<Record<string, string>> = {
  time_in_status: "Time in status",
  time_in_category: "Time in category",
  transitions: "Transitions",
  transitions_into: "Transitions into",
  first_entered: "First entered",
  last_left: "Last left",
  cycle_time: "Cycle time",
  lead_time: "Lead time",
  status_age: "Current status age",
};

export interface HistoryFieldChoice {
  readonly key: string;
  readonly name: string;
  readonly type: FieldType;
}

/** A status's name by id; a status missing from the site's list (deleted) shows as its id. */
function statusName(id: string, statuses: readonly JiraStatus[]): string {
  return statuses.find((s) => s.id === id)?.name || id;
}

/** "Time in status: In Progress", "Cycle time", …; the key itself when it is not a history field. */
export function historyFieldName(key: string, statuses: readonly JiraStatus[]): string {
  const parsed = parseHistoryKey(key);
  const kindName = parsed ? KIND_NAMES[parsed.kind] : undefined;
  if (!parsed || kindName === undefined) return key;
  const parameter = parsed.parameter;
  if (parameter === null) return kindName;
  return `${kindName}: ${parameter.kind === "status" ? statusName(parameter.id, statuses) : CATEGORY_NAMES[parameter.key]}`;
}

/**
 * Every history field for a field picker: the kinds in the vocabulary's order, a per-status kind
 * once per status (in the order given), a per-category kind once per category.
 */
export function historyFieldChoices(statuses: readonly JiraStatus[]): HistoryFieldChoice[] {
  const ids = [...new Set(statuses.map((s) => s.id))];
  const choices: HistoryFieldChoice[] = [];
  for (const [kind, { type, parameter }] of HISTORY_FIELDS) {
    if (KIND_NAMES[kind] === undefined) continue;
    const values: readonly (string | undefined)[] = parameter === null ? [undefined] : parameter === "status" ? ids : STATUS_CATEGORY_KEYS;
    for (const value of values) {
      const key = historyKey(kind, value);
      choices.push({ key, name: historyFieldName(key, statuses), type });
    }
  }
  return choices;
}
