/**
 * The report's `history` settings (docs/report-model.md) resolved for the engine: cycle time's
 * start and end, and the working-time calendar. The server validates them; a definition that
 * still does not fit (an old client, a zone this browser lacks) falls back to the defaults, and
 * the caller turns the messages into warnings.
 */

import type { HistorySettings } from "../model.gen";
import { isCategoryKey } from "./historyKeys";
import type { WorkingCalendarSettings } from "./workingCalendar";

export interface HistoryPointSetting {
  readonly kind: "status" | "category";
  readonly id: string;
}

export interface WorkingTimeSetting extends WorkingCalendarSettings {
  readonly timeZone: string;
}

export interface ResolvedHistorySettings {
  readonly cycleStart: HistoryPointSetting;
  readonly cycleEnd: HistoryPointSetting;
  /** null: calendar time. */
  readonly workingTime: WorkingTimeSetting | null;
}

export const DEFAULT_CYCLE_START: HistoryPointSetting = { kind: "category", id: "indeterminate" };
export const DEFAULT_CYCLE_END: HistoryPointSetting = { kind: "category", id: "done" };

function zoneExists(id: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

function point(value: unknown, fallback: HistoryPointSetting, name: string, problems: string[]): HistoryPointSetting {
  if (value === null || value === undefined) return fallback;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  if (kind === "status" && typeof id === "string" && /^[0-9]+$/.test(id)) return { kind, id };
  if (kind === "category" && typeof id === "string" && isCategoryKey(id)) return { kind, id };
  problems.push(`the cycle ${name} is not a status or status category; using the default`);
  return fallback;
}

function workingTime(value: unknown, problems: string[]): WorkingTimeSetting | null {
  if (value === null || value === undefined) return null;
  const { weekdays, start_hour, end_hour, time_zone } = value as Record<string, unknown>;
  const days = Array.isArray(weekdays) ? weekdays : [];
  const fits =
    days.length > 0 &&
    days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) &&
    Number.isInteger(start_hour) &&
    Number.isInteger(end_hour) &&
    (start_hour as number) >= 0 &&
    (start_hour as number) < (end_hour as number) &&
    (end_hour as number) <= 24 &&
    typeof time_zone === "string" &&
    zoneExists(time_zone);
  if (!fits) {
    problems.push("the working-time calendar is not valid here; history durations are in calendar time");
    return null;
  }
  return { weekdays: days as number[], startHour: start_hour as number, endHour: end_hour as number, timeZone: time_zone as string };
}

export function resolveHistorySettings(settings: HistorySettings | null | undefined): {
  settings: ResolvedHistorySettings;
  problems: string[];
} {
  const problems: string[] = [];
  return {
    settings: {
      cycleStart: point(settings?.cycle_start, DEFAULT_CYCLE_START, "start", problems),
      cycleEnd: point(settings?.cycle_end, DEFAULT_CYCLE_END, "end", problems),
      workingTime: workingTime(settings?.working_time, problems),
    },
    problems,
  };
}
