/** Parsers for Jira's date strings; hand-written because `Date.parse` of `+0000` offsets is engine-specific. */

import { daysFromCivil, MS_PER_DAY } from "./civil";

function digits(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    value = value * 10 + c;
  }
  return value;
}

/** Day number of `YYYY-MM-DD` (anything after the date is ignored); NaN when malformed. */
export function parseIsoDay(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  const first = daysFromCivil(year, month, 1);
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  // Rejects 2024-02-30 and the like instead of rolling over into the next month.
  return day <= next - first ? first + day - 1 : NaN;
}

/**
 * Epoch milliseconds of a Jira datetime: `2023-06-24T19:24:50.000+0000`, also `Z`, `+02:00`,
 * without fraction or seconds. A string without offset is read as UTC. NaN when malformed.
 */
export function parseJiraDateTime(s: string): number {
  const day = parseIsoDay(s);
  if (Number.isNaN(day)) return NaN;
  if (s.length === 10) return day * MS_PER_DAY;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return NaN; // 'T' or ' '
  const hour = digits(s, 11, 2);
  if (s.charCodeAt(13) !== 58) return NaN;
  const minute = digits(s, 14, 2);
  let i = 16;
  let second = 0;
  let millis = 0;
  if (s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    i += 3;
    if (s.charCodeAt(i) === 46) {
      let j = i + 1;
      let scale = 100;
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
        millis += (s.charCodeAt(j) - 48) * scale;
        scale /= 10;
        j++;
      }
      i = j;
    }
  }
  if (!(hour <= 24 && minute <= 59 && second <= 60)) return NaN;
  let offsetMinutes = 0;
  if (i < s.length) {
    const sign = s.charCodeAt(i);
    if (sign === 90 && i === s.length - 1) offsetMinutes = 0;
    else if (sign === 43 || sign === 45) {
      const oh = digits(s, i + 1, 2);
      const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
      const om = digits(s, i + 3 + colon, 2);
      if (Number.isNaN(oh) || Number.isNaN(om) || i + 5 + colon !== s.length) return NaN;
      offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
    } else return NaN;
  }
  const ms = day * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + Math.round(millis);
  return Number.isFinite(ms) ? ms : NaN;
}
