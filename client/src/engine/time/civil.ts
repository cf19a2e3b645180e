/**
 * Proleptic-Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard
 * Hinnant's `days_from_civil`. Pure integer math so hot loops need no `Date` objects.
 */

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

/** Day number of a civil date; `month` is 1–12. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `year * 12 + month - 1`: consecutive months are consecutive integers, which bucketing relies on. */
export function monthIndexOfDay(dayNumber: number): number {
  const c = civilFromDays(dayNumber);
  return c.year * 12 + c.month - 1;
}

/** ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday starting the ISO week that contains `dayNumber`. */
export function isoWeekStart(dayNumber: number): number {
  return dayNumber - (isoWeekday(dayNumber) - 1);
}

/** ISO week-numbering year and week (1–53): the week belongs to the year of its Thursday. */
export function isoWeek(dayNumber: number): { year: number; week: number } {
  const thursday = isoWeekStart(dayNumber) + 3;
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

/** Adds calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDay(dayNumber: number, months: number): number {
  const c = civilFromDays(dayNumber);
  const index = c.year * 12 + c.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
  return daysFromCivil(year, month, Math.min(c.day, lastDay));
}

const pad2 = (n: number): string => (n < 10 ? "0" : "") + n.toString();

/** `YYYY-MM-DD` for a day number (years outside 0–9999 are not expected from Jira). */
export function isoDateOfDay(dayNumber: number): string {
  const c = civilFromDays(dayNumber);
  return `${c.year.toString().padStart(4, "0")}-${pad2(c.month)}-${pad2(c.day)}`;
}

export { pad2 };
