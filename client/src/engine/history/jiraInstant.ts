/** Jira timestamps of change histories, read without `Date` objects or regexes (one per change). */

import { daysFromCivil } from "../time/civil";
import { parseJiraDateTime } from "../time/parse";

function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

// Local constants: a module binding read per call costs a getter call in some module loaders.
const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

// An issue's changes mostly fall in few months: the last month's first day number is kept.
let lastMonth = -1;
let lastMonthDays = 0;

/**
 * Epoch ms of a Jira datetime, the fraction truncated to the millisecond. Jira's own shape,
 * `2024-11-05T07:42:47.328+0000`, takes a fast path; anything else goes to the general parser.
 */
export function jiraInstantMs(s: unknown): number {
  if (typeof s !== "string") return NaN;
  if (s.length !== 28 || s.charCodeAt(10) !== 84 || s.charCodeAt(19) !== 46) return parseJiraDateTime(s);
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  const third = s.charCodeAt(22) - 48;
  const millis = third >= 0 && third <= 9 ? twoDigits(s, 20) * 10 + third : NaN;
  const sign = s.charCodeAt(23);
  const offset = twoDigits(s, 24) * 60 + twoDigits(s, 26);
  // NaN fails every comparison: a non-digit anywhere takes the general parser (which rejects it).
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && millis >= 0 && offset >= 0))
    return parseJiraDateTime(s);
  if (sign !== 43 && sign !== 45) return parseJiraDateTime(s);
  const yearMonth = year * 16 + month;
  if (yearMonth !== lastMonth) {
    lastMonthDays = daysFromCivil(year, month, 1);
    lastMonth = yearMonth;
  }
  return (
    (lastMonthDays + day - 1) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis -
    (sign === 45 ? -offset : offset) * MS_PER_MINUTE
  );
}
