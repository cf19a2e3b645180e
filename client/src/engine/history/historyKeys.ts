/**
 * History field keys (`history_time_in_status_10001`, `history_cycle_time`): parsed once when a
 * report is planned, never per issue. The kinds and their parameters come from the vocabulary
 * shared with the server, so a key the server accepts is a key the engine reads.
 */

import { HISTORY_FIELD_PREFIX, HISTORY_FIELDS, STATUS_CATEGORY_KEYS, type FieldType } from "../vocabulary.gen";

export type CategoryKey = (typeof STATUS_CATEGORY_KEYS)[number];

/** What a history key's parameter names: one status (by Jira id) or one status category. */
export type HistoryParameterValue =
  | { readonly kind: "status"; readonly id: string }
  | { readonly kind: "category"; readonly key: CategoryKey };

export interface HistoryKey {
  readonly key: string;
  /** The kind's name in `HISTORY_FIELDS`, e.g. "time_in_status". */
  readonly kind: string;
  readonly type: FieldType;
  readonly parameter: HistoryParameterValue | null;
}

export function isHistoryKey(key: string): boolean {
  return key.startsWith(HISTORY_FIELD_PREFIX);
}

export function isCategoryKey(value: string): value is CategoryKey {
  return (STATUS_CATEGORY_KEYS as readonly string[]).includes(value);
}

const STATUS_ID = /^[0-9]{1,18}$/;

/** The key's kind and parameter, or null when it is not a history key this vocabulary has. */
export function parseHistoryKey(key: string): HistoryKey | null {
  if (!isHistoryKey(key)) return null;
  const rest = key.slice(HISTORY_FIELD_PREFIX.length);
  const plain = HISTORY_FIELDS.get(rest);
  if (plain) return plain.parameter === null ? { key, kind: rest, type: plain.type, parameter: null } : null;
  // Kind names contain underscores ("transitions" and "transitions_into"): the longest kind
  // name followed by "_" decides, so "transitions_into_3" is never "transitions" + "into_3".
  let best: HistoryKey | null = null;
  let bestLength = -1;
  for (const [name, kind] of HISTORY_FIELDS) {
    if (kind.parameter === null || name.length <= bestLength || !rest.startsWith(`${name}_`)) continue;
    const value = rest.slice(name.length + 1);
    const parameter: HistoryParameterValue | null =
      kind.parameter === "status"
        ? STATUS_ID.test(value)
          ? { kind: "status", id: value }
          : null
        : isCategoryKey(value)
          ? { kind: "category", key: value }
          : null;
    if (parameter === null) continue;
    best = { key, kind: name, type: kind.type, parameter };
    bestLength = name.length;
  }
  return best;
}

/** The key of a history field kind, with its parameter value when it has one. */
export function historyKey(kind: string, parameter?: string): string {
  return parameter === undefined ? `${HISTORY_FIELD_PREFIX}${kind}` : `${HISTORY_FIELD_PREFIX}${kind}_${parameter}`;
}
