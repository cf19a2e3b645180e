/**
 * Jira JSON value → column value, one function per target type. Every function accepts any JSON
 * (Jira's shapes vary by field, version and app) and degrades to "empty" or text, never throws.
 */

import { MS_PER_DAY } from "../time/civil";
import { parseIsoDay, parseJiraDateTime } from "../time/parse";
import type { TimeZone } from "../time/timeZone";
import type { DictionaryEntry } from "./dictionary";
import type { EntryKind } from "./types";

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? v.toString() : undefined);

/** Plain text of an Atlassian Document Format node: text leaves joined, blocks on new lines. */
function adfText(node: unknown, out: string[], depth: number): void {
  if (depth > 64 || !isObject(node)) return;
  if (typeof node.text === "string") out.push(node.text);
  else if (node.type === "hardBreak") out.push("\n");
  else if (node.type === "mention" && isObject(node.attrs) && typeof node.attrs.text === "string") out.push(node.attrs.text);
  const content = node.content;
  if (Array.isArray(content)) {
    const block = node.type === "doc" || node.type === "paragraph";
    for (let i = 0; i < content.length; i++) {
      if (block && i > 0 && out.length > 0) out.push("\n");
      adfText(content[i], out, depth + 1);
    }
  }
}

/** Text for any JSON value: strings as-is, ADF flattened, objects by their display property. */
export function toText(value: unknown, depth = 0): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? value.toString() : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (depth > 4) return null;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const t = toText(item, depth + 1);
      if (t !== null) parts.push(t);
    }
    return parts.length > 0 ? parts.join(", ") : null;
  }
  if (isObject(value)) {
    if (value.type === "doc" && Array.isArray(value.content)) {
      const out: string[] = [];
      adfText(value, out, 0);
      const text = out.join("");
      return text === "" ? null : text;
    }
    for (const k of ["displayName", "name", "value", "title", "key", "text"]) {
      const s = str(value[k]);
      if (s !== undefined && s !== "") return s;
    }
  }
  return null;
}

export function toNumber(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed === "") return NaN;
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : NaN;
  }
  if (isObject(value)) {
    // votes {votes}, watches {watchCount}, progress {progress, total, percent}
    for (const k of ["value", "votes", "watchCount", "percent"]) {
      const n = value[k];
      if (typeof n === "number" && Number.isFinite(n)) return n;
    }
  }
  return NaN;
}

/** Seconds; Jira sends integer seconds (`timespent`), a timetracking object carries `timeSpentSeconds`. */
export function toDurationSeconds(value: unknown): number {
  if (isObject(value)) {
    const s = value.timeSpentSeconds ?? value.originalEstimateSeconds ?? value.remainingEstimateSeconds;
    return toNumber(s);
  }
  return toNumber(value);
}

/** Civil date as UTC-midnight ms. A datetime string keeps its own calendar date. */
export function toDateValue(value: unknown): number {
  if (typeof value !== "string") return NaN;
  const day = parseIsoDay(value);
  return Number.isNaN(day) ? NaN : day * MS_PER_DAY;
}

export function toDateTimeValue(value: unknown, timeZone: TimeZone): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  // A bare date in a datetime field means the start of that day where the viewer is.
  if (value.length === 10) {
    const day = parseIsoDay(value);
    return Number.isNaN(day) ? NaN : timeZone.startOfDay(day);
  }
  return parseJiraDateTime(value);
}

export function toBooleanCode(value: unknown): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value === 0 ? 0 : Number.isFinite(value) ? 1 : -1;
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (s === "true" || s === "yes") return 1;
    if (s === "false" || s === "no") return 0;
  }
  if (Array.isArray(value)) return value.length > 0 ? 1 : -1;
  if (isObject(value)) {
    const s = toText(value);
    return s === null ? -1 : toBooleanCode(s);
  }
  return -1;
}

/** Dictionary entry of an issue key: ordered by its number (`EX-9` before `EX-10`). */
export function issueKeyEntry(key: string, summary?: string): DictionaryEntry {
  const dash = key.lastIndexOf("-");
  const n = dash < 0 ? NaN : Number(key.slice(dash + 1));
  // Built directly (no spreads): one entry per issue is made for the key column while loading.
  const entry: { key: string; label: string; order?: number; summary?: string } = { key, label: key };
  if (Number.isFinite(n)) entry.order = n;
  if (summary !== undefined) entry.summary = summary;
  return entry;
}

/** Priority position in Jira's order (0 = highest): from `priorityOrder` ids or names, else the id. */
export type PriorityPosition = (id: string | undefined, name: string) => number | undefined;

/**
 * The dictionary key `toEntry` would give `value`, computed without building the entry, so values
 * already seen (the same status on thousands of issues) cost one look-up. Undefined means "ask
 * toEntry" (legacy sprint strings, cascading selects, unusable values).
 */
export function entryKey(value: unknown, kind: EntryKind): string | undefined {
  if (typeof value === "string") return value === "" || kind === "sprint" ? undefined : value;
  if (!isObject(value)) return undefined;
  switch (kind) {
    case "user":
      return str(value.accountId) ?? str(value.key) ?? str(value.name);
    case "issue":
      return str(value.key);
    case "sprint":
      return str(value.id) ?? str(value.name);
    default:
      return value.child === undefined ? str(value.id) : undefined;
  }
}

/**
 * Dictionary entry for one Jira object, shaped by the field's entry kind. Returns undefined for
 * values that carry nothing to show (null, empty strings, objects without any identifying key).
 */
export function toEntry(value: unknown, kind: EntryKind, priorityPosition: PriorityPosition): DictionaryEntry | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number") {
    const s = value.toString();
    if (s === "") return undefined;
    if (kind === "issue") return issueKeyEntry(s);
    if (kind === "sprint") return legacySprint(s);
    return { key: s, label: s };
  }
  if (!isObject(value)) return undefined;
  switch (kind) {
    case "user": {
      const id = str(value.accountId) ?? str(value.key) ?? str(value.name);
      if (id === undefined) return undefined;
      const avatars = isObject(value.avatarUrls) ? value.avatarUrls : undefined;
      const avatarUrl = avatars ? (str(avatars["24x24"]) ?? str(avatars["48x48"])) : undefined;
      return {
        key: id,
        label: str(value.displayName) ?? id,
        ...(avatarUrl !== undefined ? { avatarUrl } : {}),
        active: value.active !== false,
      };
    }
    case "issue": {
      const key = str(value.key);
      if (key === undefined) return undefined;
      const fields = isObject(value.fields) ? value.fields : undefined;
      return issueKeyEntry(key, fields ? str(fields.summary) : undefined);
    }
    case "sprint": {
      const id = str(value.id);
      const name = str(value.name) ?? id;
      if (name === undefined) return undefined;
      const order = typeof value.id === "number" ? value.id : Number(id);
      return { key: id ?? name, label: name, ...(Number.isFinite(order) ? { order } : {}) };
    }
    default:
      break;
  }
  const child = isObject(value.child) ? value.child : undefined;
  const baseLabel = str(value.name) ?? str(value.value) ?? str(value.displayName) ?? str(value.title) ?? str(value.key);
  const id = str(value.id) ?? baseLabel;
  if (id === undefined || baseLabel === undefined) return undefined;
  // Cascading selects show as "Parent - Child", as Jira does.
  const childLabel = child ? (str(child.value) ?? str(child.name)) : undefined;
  const label = childLabel !== undefined ? `${baseLabel} - ${childLabel}` : baseLabel;
  const key = child && childLabel !== undefined ? `${id}/${str(child.id) ?? childLabel}` : id;
  const iconUrl = str(value.iconUrl);
  const common = { key, label, ...(iconUrl !== undefined ? { iconUrl } : {}) };
  if (kind === "status") {
    const category = isObject(value.statusCategory) ? value.statusCategory : value;
    const categoryKey = str(category.key);
    const color = str(category.colorName);
    return { ...common, ...(categoryKey !== undefined ? { category: categoryKey } : {}), ...(color !== undefined ? { color } : {}) };
  }
  if (kind === "priority") {
    const order = priorityPosition(str(value.id), label);
    const color = str(value.statusColor);
    return { ...common, ...(order !== undefined ? { order } : {}), ...(color !== undefined ? { color } : {}) };
  }
  return common;
}

/** Pre-2020 sprint strings: `com.atlassian.greenhopper.service.sprint.Sprint@1[id=1,name=Sprint 1,…]`. */
function legacySprint(s: string): DictionaryEntry {
  const id = /[[,]id=(\d+)/.exec(s)?.[1];
  const name = /[[,]name=([^,\]]*)/.exec(s)?.[1];
  if (name === undefined) return { key: s, label: s };
  return { key: id ?? name, label: name, ...(id !== undefined ? { order: Number(id) } : {}) };
}
