/**
 * Time-zone offsets from `Intl`, cached per 7-day block: `Intl` is slow (µs per call) but a zone
 * changes its offset at most once in any week (even Morocco's Ramadan suspensions are a month
 * apart), so years of timestamps cost a few hundred `Intl` calls. Zones are memoized by id, so
 * every engine (and every report run) shares what was already learned.
 */

import { MS_PER_DAY } from "./civil";

export interface TimeZone {
  readonly id: string;
  /** Offset of local wall time from UTC at `instant`, in ms (Berlin summer: +7,200,000). */
  offsetAt(instant: number): number;
  /** Local wall-clock milliseconds: `instant + offsetAt(instant)`; use with UTC calendar math. */
  localMs(instant: number): number;
  /** Local calendar day number of `instant`. */
  localDay(instant: number): number;
  /** First instant of local day `dayNumber` (handles DST gaps and overlaps at midnight). */
  startOfDay(dayNumber: number): number;
}

interface BlockOffsets {
  start: number;
  end: number;
  /** First instant with the `end` offset; only meaningful when start !== end. */
  transition: number;
}

const BLOCK = 7 * MS_PER_DAY;
const zones = new Map<string, TimeZone>();

export function createTimeZone(id: string): TimeZone {
  if (id === "UTC" || id === "Etc/UTC") return utc;
  let zone = zones.get(id);
  if (!zone) {
    zone = createZone(id);
    zones.set(id, zone);
  }
  return zone;
}

function createZone(id: string): TimeZone {
  // Throws RangeError for an unknown zone: the caller validates the engine options once.
  const dtf = new Intl.DateTimeFormat("en-US", {
    timeZone: id,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const blocks = new Map<number, BlockOffsets>();

  function rawOffset(instant: number): number {
    const whole = Math.floor(instant / 1000) * 1000;
    let y = 0,
      mo = 0,
      d = 0,
      h = 0,
      mi = 0,
      s = 0;
    for (const part of dtf.formatToParts(whole)) {
      const v = Number(part.value);
      switch (part.type) {
        case "year":
          y = v;
          break;
        case "month":
          mo = v;
          break;
        case "day":
          d = v;
          break;
        case "hour":
          h = v;
          break;
        case "minute":
          mi = v;
          break;
        case "second":
          s = v;
          break;
        default:
          break;
      }
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - whole;
  }

  function blockOffsets(block: number): BlockOffsets {
    let info = blocks.get(block);
    if (info) return info;
    const from = block * BLOCK;
    const start = rawOffset(from);
    const end = rawOffset(from + BLOCK - 1);
    let transition = from + BLOCK;
    if (start !== end) {
      // Binary search to the second; transitions happen on whole minutes.
      let lo = from;
      let hi = from + BLOCK - 1;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (rawOffset(mid) === start) lo = mid;
        else hi = mid;
      }
      transition = hi - (hi % 1000);
    }
    info = { start, end, transition };
    blocks.set(block, info);
    return info;
  }

  function offsetAt(instant: number): number {
    const info = blockOffsets(Math.floor(instant / BLOCK));
    return instant < info.transition ? info.start : info.end;
  }

  const localMs = (instant: number): number => instant + offsetAt(instant);

  return {
    id,
    offsetAt,
    localMs,
    localDay: (instant) => Math.floor(localMs(instant) / MS_PER_DAY),
    startOfDay(dayNumber) {
      const midnight = dayNumber * MS_PER_DAY;
      // Offsets lie within ±14 h, so the offsets 14 h either side bracket every candidate.
      let best = NaN;
      for (const probe of [midnight - 14 * 3_600_000, midnight + 14 * 3_600_000, midnight]) {
        const candidate = midnight - offsetAt(probe);
        if (Math.floor(localMs(candidate) / MS_PER_DAY) === dayNumber && !(candidate >= best)) best = candidate;
      }
      return Number.isNaN(best) ? midnight - offsetAt(midnight) : best;
    },
  };
}

/** Local wall-clock ms back to an instant (the offset at the result, found in two steps). */
export function instantOfLocal(local: number, timeZone: TimeZone): number {
  return local - timeZone.offsetAt(local - timeZone.offsetAt(local));
}

const utc: TimeZone = {
  id: "UTC",
  offsetAt: () => 0,
  localMs: (instant) => instant,
  localDay: (instant) => Math.floor(instant / MS_PER_DAY),
  startOfDay: (dayNumber) => dayNumber * MS_PER_DAY,
};
