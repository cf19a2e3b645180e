/**
 * The date and time formula functions (DAYS_BETWEEN, NOW, TODAY, YEAR…, ADD_DAYS): local
 * calendar arithmetic in the report's time zone. Registered with the others in `formulaFns.ts`.
 */

import { civilFromDays, daysFromCivil, isoWeek, isoWeekday, MS_PER_DAY, MS_PER_HOUR } from "../time/civil";
import { instantOfLocal, type TimeZone } from "../time/timeZone";
import { type FormulaFn, finiteOrNull } from "./formulaFn";
import type { FormulaRuntime, FormulaType } from "./types";

function dateFn(
  name: string,
  signature: string,
  description: string,
  minArgs: number,
  argTypes: readonly FormulaType[],
  result: FormulaType,
  f: (values: number[], runtime: FormulaRuntime) => number | null,
): FormulaFn {
  return {
    name,
    signature,
    description,
    minArgs,
    maxArgs: argTypes.length,
    check(types) {
      for (let k = 0; k < types.length; k++)
        if (types[k] !== argTypes[k]) return { message: `expects ${argTypes[k]}, got ${types[k]}`, arg: k };
      return result;
    },
    compile(args, _types, runtime) {
      return (i) => {
        const values: number[] = [];
        for (const a of args) {
          const v = a(i);
          if (typeof v !== "number") return null;
          values.push(v);
        }
        const r = f(values, runtime);
        return r === null ? null : finiteOrNull(r);
      };
    },
  };
}

const localDay = (instant: number, rt: FormulaRuntime): number => rt.timeZone.localDay(instant);

export const formulaFn_days_between = dateFn(
  "DAYS_BETWEEN",
  "DAYS_BETWEEN(start, end)",
  "Calendar days from `start` to `end` in the report's time zone (negative when `end` is earlier).",
  2,
  ["date", "date"],
  "number",
  ([a, b], rt) => localDay(b!, rt) - localDay(a!, rt),
);
export const formulaFn_hours_between = dateFn(
  "HOURS_BETWEEN",
  "HOURS_BETWEEN(start, end)",
  "Elapsed hours from `start` to `end` (fractional).",
  2,
  ["date", "date"],
  "number",
  ([a, b]) => (b! - a!) / MS_PER_HOUR,
);
export const formulaFn_now = dateFn(
  "NOW",
  "NOW()",
  "The current instant (one value for the whole report run).",
  0,
  [],
  "date",
  (_v, rt) => rt.now,
);
export const formulaFn_today = dateFn("TODAY", "TODAY()", "Start of today in the report's time zone.", 0, [], "date", (_v, rt) =>
  rt.timeZone.startOfDay(localDay(rt.now, rt)),
);
export const formulaFn_year = dateFn(
  "YEAR",
  "YEAR(date)",
  "Calendar year in the report's time zone.",
  1,
  ["date"],
  "number",
  ([d], rt) => civilFromDays(localDay(d!, rt)).year,
);
export const formulaFn_month = dateFn(
  "MONTH",
  "MONTH(date)",
  "Month 1–12 in the report's time zone.",
  1,
  ["date"],
  "number",
  ([d], rt) => civilFromDays(localDay(d!, rt)).month,
);
export const formulaFn_day = dateFn(
  "DAY",
  "DAY(date)",
  "Day of the month 1–31 in the report's time zone.",
  1,
  ["date"],
  "number",
  ([d], rt) => civilFromDays(localDay(d!, rt)).day,
);
export const formulaFn_week = dateFn(
  "WEEK",
  "WEEK(date)",
  "ISO week number 1–53 (weeks start on Monday).",
  1,
  ["date"],
  "number",
  ([d], rt) => isoWeek(localDay(d!, rt)).week,
);
export const formulaFn_weekday = dateFn(
  "WEEKDAY",
  "WEEKDAY(date)",
  "ISO weekday: Monday = 1 … Sunday = 7.",
  1,
  ["date"],
  "number",
  ([d], rt) => isoWeekday(localDay(d!, rt)),
);
export const formulaFn_date = dateFn(
  "DATE",
  "DATE(year, month, day)",
  "Start of that calendar day in the report's time zone; empty for an invalid date.",
  3,
  ["number", "number", "number"],
  "date",
  ([y, m, d], rt) => {
    if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m! < 1 || m! > 12 || d! < 1 || Math.abs(y!) > 275000)
      return null;
    const day = daysFromCivil(y!, m!, d!);
    if (civilFromDays(day).month !== m) return null;
    return rt.timeZone.startOfDay(day);
  },
);

/** Adds whole local calendar days, keeping the wall-clock time across DST changes. */
export function addLocalDays(instant: number, days: number, timeZone: TimeZone): number {
  return instantOfLocal(timeZone.localMs(instant) + Math.trunc(days) * MS_PER_DAY, timeZone);
}

export const formulaFn_add_days = dateFn(
  "ADD_DAYS",
  "ADD_DAYS(date, days)",
  "The date moved by whole calendar days (same as `date + days`).",
  2,
  ["date", "number"],
  "date",
  ([d, n], rt) => addLocalDays(d!, n!, rt.timeZone),
);

/** In the order the function reference lists them. */
export const dateFormulaFns: readonly FormulaFn[] = [
  formulaFn_days_between,
  formulaFn_hours_between,
  formulaFn_now,
  formulaFn_today,
  formulaFn_year,
  formulaFn_month,
  formulaFn_day,
  formulaFn_week,
  formulaFn_weekday,
  formulaFn_date,
  formulaFn_add_days,
];
