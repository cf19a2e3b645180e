/**
 * The History pane's logic apart from React: a report's history settings with their defaults
 * (docs/engine.md#history-fields: cycle time from the In Progress category to the Done category, calendar
 * time), the choices for cycle time's ends, and the working-time calendar's hours and time zones.
 */

import type { HistoryPoint, HistorySettings, WorkingTime } from "../../api/definition.gen";
import type { JiraStatus } from "../../engine/index";
import { STATUS_CATEGORY_KEYS } from "../../engine/vocabulary.gen";

export type CategoryKey = (typeof STATUS_CATEGORY_KEYS)[number];

/** Jira's own names for its status categories. */
export const CATEGORY_NAMES: Readonly<Record<CategoryKey, string>> = {
  new: "To Do",
  indeterminate: "In Progress",
  done: "Done",
};

export const DEFAULT_HISTORY: HistorySettings = {
  cycle_start: { kind: "category", id: "indeterminate" },
  cycle_end: { kind: "category", id: "done" },
  working_time: null,
};

/** ISO weekdays, 1 = Monday … 7 = Sunday. */
export const WEEKDAYS: readonly { readonly day: number; readonly name: string }[] = [
  { day: 1, name: "Monday" },
  { day: 2, name: "Tuesday" },
  { day: 3, name: "Wednesday" },
  { day: 4, name: "Thursday" },
  { day: 5, name: "Friday" },
  { day: 6, name: "Saturday" },
  { day: 7, name: "Sunday" },
];

/** The settings a report runs with: null (never set) means the defaults. */
export function effectiveHistory(history: HistorySettings | null | undefined): HistorySettings {
  return history ?? DEFAULT_HISTORY;
}

/** What the draft stores: null for the defaults, so changing a setting and back leaves no
 * unsaved change on a report that never set any. */
export function storedHistory(history: HistorySettings): HistorySettings | null {
  return JSON.stringify(history) === JSON.stringify(DEFAULT_HISTORY) ? null : history;
}

/** A calendar to start from when working time is switched on: weekdays 9 to 17 in the site's zone. */
export function defaultWorkingTime(timeZone: string): WorkingTime {
  return { weekdays: [1, 2, 3, 4, 5], start_hour: 9, end_hour: 17, time_zone: timeZone };
}

/** One `<select>` value per end point: "category:done", "status:10001". */
export function pointValue(point: HistoryPoint): string {
  return `${point.kind}:${point.id}`;
}

export function parsePoint(value: string): HistoryPoint {
  const split = value.indexOf(":");
  const kind = value.slice(0, split);
  return { kind: kind === "status" ? "status" : "category", id: value.slice(split + 1) };
}

export interface PointChoice {
  readonly value: string;
  readonly label: string;
}

/** What cycle time may start or end at: the three categories ("Done category"), then every
 * status by name (a name Jira repeats gets its id). A status the report names but the site no
 * longer lists stays choosable, shown by its id. */
export function pointChoices(
  statuses: readonly JiraStatus[],
  current: readonly HistoryPoint[],
): { categories: PointChoice[]; statuses: PointChoice[] } {
  const categories = STATUS_CATEGORY_KEYS.map((key) => ({ value: `category:${key}`, label: `${CATEGORY_NAMES[key]} category` }));
  const unique = new Map<string, JiraStatus>();
  for (const status of statuses) if (!unique.has(status.id)) unique.set(status.id, status);
  const nameCount = new Map<string, number>();
  for (const status of unique.values()) nameCount.set(status.name, (nameCount.get(status.name) ?? 0) + 1);
  const listed: PointChoice[] = [...unique.values()].map((status) => ({
    value: `status:${status.id}`,
    label: (nameCount.get(status.name) ?? 0) > 1 ? `${status.name} (id ${status.id})` : status.name,
  }));
  for (const point of current) {
    if (point.kind === "status" && !unique.has(point.id)) {
      listed.push({ value: `status:${point.id}`, label: `Status ${point.id} (not on this site)` });
    }
  }
  listed.sort((a, b) => a.label.localeCompare(b.label));
  return { categories, statuses: listed };
}

/** "09:00"; 24 reads as the midnight that ends the day. */
export function hourLabel(hour: number): string {
  return hour === 24 ? "24:00 (midnight)" : `${String(hour).padStart(2, "0")}:00`;
}

/** A working day's start may be 0–23 and its end 1–24, after the start. */
export const START_HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h);
export const END_HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h + 1);

/** A new start hour, and the end hour moved after it when it no longer is. */
export function withStartHour(working: WorkingTime, start: number): WorkingTime {
  return { ...working, start_hour: start, end_hour: Math.max(working.end_hour, start + 1) };
}

/** Toggles a weekday, keeping them in week order; the last one left cannot be taken away (a
 * calendar without working days would make every duration 0). */
export function toggleWeekday(working: WorkingTime, day: number): WorkingTime {
  const has = working.weekdays.includes(day);
  if (has && working.weekdays.length === 1) return working;
  const weekdays = has ? working.weekdays.filter((d) => d !== day) : [...working.weekdays, day].sort((a, b) => a - b);
  return { ...working, weekdays };
}

/** Every IANA zone the browser knows, with the ones in use first in the list when it lacks them
 * (Chromium's list has no "UTC", for one). */
export function timeZoneChoices(inUse: readonly string[]): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = new Set<string>(known);
  const missing = inUse.filter((zone) => zone && !all.has(zone));
  return [...new Set(missing), ...known];
}
