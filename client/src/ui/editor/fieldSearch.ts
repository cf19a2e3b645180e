/**
 * The field picker's list: which fields match what the person typed, in which group
 * ("System fields", "Custom fields", "History", "Formulas"), and how each field's type is named.
 */

import type { FieldType } from "../../engine/index";
import { HISTORY_FIELD_PREFIX } from "../../engine/vocabulary.gen";
import { TYPE_LABELS, type FieldOption } from "./fieldChoices";

export type FieldGroupId = "system" | "custom" | "history" | "formula";

export const FIELD_GROUP_LABELS: Record<FieldGroupId, string> = {
  system: "System fields",
  custom: "Custom fields",
  history: "History",
  formula: "Formulas",
};

const GROUP_ORDER: readonly FieldGroupId[] = ["system", "custom", "history", "formula"];

export interface FieldGroup {
  readonly id: FieldGroupId;
  readonly label: string;
  readonly options: readonly FieldOption[];
}

export function groupOf(option: FieldOption): FieldGroupId {
  if (option.isFormula) return "formula";
  // Derived from the changelog by the engine (docs/engine.md#history-fields); no Jira field id has this prefix.
  if (option.key.startsWith(HISTORY_FIELD_PREFIX)) return "history";
  // Jira names every custom field `customfield_<id>`; everything else is a system field.
  return option.key.startsWith("customfield_") ? "custom" : "system";
}

/** "Number", "Date-time", "User": the type as the picker shows it beside a field's name. */
export function typeLabel(type: FieldType): string {
  const label = TYPE_LABELS[type];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** A field matches when every word typed occurs in its name or key (case-insensitive). */
export function matchesQuery(option: FieldOption, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${option.name} ${option.key}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The matching options in their groups (empty groups left out), each group in the choices' order. */
export function searchFields(options: readonly FieldOption[], query: string): FieldGroup[] {
  const byGroup = new Map<FieldGroupId, FieldOption[]>();
  for (const option of options) {
    if (!matchesQuery(option, query)) continue;
    const group = groupOf(option);
    const list = byGroup.get(group) ?? [];
    list.push(option);
    byGroup.set(group, list);
  }
  return GROUP_ORDER.flatMap((id) => {
    const list = byGroup.get(id);
    return list ? [{ id, label: FIELD_GROUP_LABELS[id], options: list }] : [];
  });
}
