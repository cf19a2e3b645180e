/**
 * Working time (docs/engine.md#history-fields, "Working time"): the seconds of an interval inside the
 * working windows of a weekly calendar in one IANA zone. Each local day's window is found once
 * and kept with a running total, so any interval costs two look-ups, however many days it spans.
 */

import { isoWeekday, MS_PER_DAY, MS_PER_HOUR } from "../time/civil";
import type { TimeZone } from "../time/timeZone";

export interface WorkingCalendarSettings {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly weekdays: readonly number[];
  /** Whole hours, 0 ≤ start < end ≤ 24 (24: the next midnight). */
  readonly startHour: number;
  readonly endHour: number;
}

export interface WorkingCalendar {
  /** Seconds of [start, end) (epoch seconds) inside working windows; 0 when end ≤ start. */
  seconds(start: number, end: number): number;
}

/** Offsets lie within ±14 h of UTC: every instant showing a wall time is this close to it. */
const REACH = 15 * MS_PER_HOUR;

/**
 * The instant (epoch seconds) the local clock first reads `hour`:00 on local day `day`: the first
 * of two when the clock shows it twice (fall back), the moment of the jump when it skips it
 * (spring forward).
 */
export function firstMoment(day: number, hour: number, zone: TimeZone): number {
  const wall = day * MS_PER_DAY + hour * MS_PER_HOUR;
  const before = zone.offsetAt(wall - REACH);
  const after = zone.offsetAt(wall + REACH);
  let found = NaN;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (zone.localMs(instant) === wall && !(instant >= found)) found = instant;
  }
  if (found === found) return found / 1000;
  // Skipped: the wall clock jumps over `hour`:00; the jump is the first second with the later offset.
  let low = Math.floor((wall - REACH) / 1000);
  let high = Math.ceil((wall + REACH) / 1000);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offsetAt(middle * 1000) === after) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function createWorkingCalendar(settings: WorkingCalendarSettings, zone: TimeZone): WorkingCalendar {
  const working = new Set(settings.weekdays);
  const { startHour, endHour } = settings;
  // Days [first, first + opens.length): window opening, length, and the working seconds of all
  // windows before the day (from `first`). Windows never overlap and open in day order, so the
  // worked seconds up to an instant are a running total plus part of one window (the day's).
  let first = 0;
  let opens = new Float64Array(0);
  let lengths = new Float64Array(0);
  let before = new Float64Array(1);

  const fill = (from: number, to: number): void => {
    const count = to - from;
    opens = new Float64Array(count);
    lengths = new Float64Array(count);
    before = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) {
      const day = from + i;
      const open = firstMoment(day, startHour, zone);
      opens[i] = open;
      lengths[i] = working.has(isoWeekday(day)) ? Math.max(0, firstMoment(day, endHour, zone) - open) : 0;
      before[i + 1] = before[i]! + lengths[i]!;
    }
    first = from;
  };

  /** Makes days [from, to) known; grows by a year at a time so a run computes few windows. */
  const cover = (from: number, to: number): void => {
    const last = first + opens.length;
    if (opens.length > 0 && from >= first && to <= last) return;
    const start = opens.length === 0 ? from - 366 : Math.min(first, from - 366);
    const end = opens.length === 0 ? to + 366 : Math.max(last, to + 366);
    // Windows are recomputed (not copied) on growth: growing is rare and keeps this simple.
    fill(start, end);
  };

  /** Working seconds from the first known day to `instant`. */
  const workedUntil = (instant: number): number => {
    let i = zone.localDay(instant * 1000) - first;
    // In a fall back over midnight an instant's local day can precede the window it is in.
    while (i + 1 < opens.length && opens[i + 1]! <= instant) i++;
    while (i > 0 && opens[i]! > instant) i--;
    const into = instant - opens[i]!;
    return before[i]! + (into <= 0 ? 0 : Math.min(into, lengths[i]!));
  };

  return {
    seconds(start, end) {
      if (!(end > start)) return 0;
      cover(zone.localDay(start * 1000) - 2, zone.localDay(end * 1000) + 3);
      return workedUntil(end) - workedUntil(start);
    },
  };
}
