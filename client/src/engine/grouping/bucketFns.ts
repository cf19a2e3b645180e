/**
 * Group buckets (`GroupRule.bucket`): date units over civil day numbers in the report's zone, and
 * fixed-size number bins. A bucket key is an integer that orders chronologically / numerically.
 */

import type { DateBucketUnit } from "../model";
import { defineRegistry } from "../registry";
import { civilFromDays, daysFromCivil, isoDateOfDay, isoWeek, isoWeekStart, monthIndexOfDay, pad2 } from "../time/civil";

export interface BucketFn {
  readonly name: DateBucketUnit | "number";
  readonly kind: "date" | "number";
  /** Bucket key of a day number (date kind) or a value (number kind, with the bin size). */
  key(x: number, size: number): number;
  /** First day number (date kind) or lower bound (number kind) of the bucket. */
  start(key: number, size: number): number;
  label(key: number, size: number): string;
}

const year4 = (y: number): string => y.toString().padStart(4, "0");

export const bucketFn_day: BucketFn = {
  name: "day",
  kind: "date",
  key: (day) => day,
  start: (key) => key,
  label: (key) => isoDateOfDay(key),
};

/** ISO weeks: Monday to Sunday, labelled by ISO week-year (2025-01-01 is in 2025-W01, 2027-01-01 in 2026-W53). */
export const bucketFn_week: BucketFn = {
  name: "week",
  kind: "date",
  key: (day) => isoWeekStart(day),
  start: (key) => key,
  label(key) {
    const w = isoWeek(key);
    return `${year4(w.year)}-W${pad2(w.week)}`;
  },
};

export const bucketFn_month: BucketFn = {
  name: "month",
  kind: "date",
  key: (day) => monthIndexOfDay(day),
  start: (key) => daysFromCivil(Math.floor(key / 12), (((key % 12) + 12) % 12) + 1, 1),
  label: (key) => `${year4(Math.floor(key / 12))}-${pad2((((key % 12) + 12) % 12) + 1)}`,
};

export const bucketFn_quarter: BucketFn = {
  name: "quarter",
  kind: "date",
  key: (day) => Math.floor(monthIndexOfDay(day) / 3),
  start: (key) => daysFromCivil(Math.floor(key / 4), (((key % 4) + 4) % 4) * 3 + 1, 1),
  label: (key) => `${year4(Math.floor(key / 4))}-Q${(((key % 4) + 4) % 4) + 1}`,
};

export const bucketFn_year: BucketFn = {
  name: "year",
  kind: "date",
  key: (day) => civilFromDays(day).year,
  start: (key) => daysFromCivil(key, 1, 1),
  label: (key) => year4(key),
};

/** Trims float noise from bin bounds (0.1 * 3 = 0.30000000000000004). */
const clean = (x: number): number => Number(x.toPrecision(12));

/** Half-open bins [k·size, (k+1)·size). */
export const bucketFn_number: BucketFn = {
  name: "number",
  kind: "number",
  key: (value, size) => Math.floor(value / size),
  start: (key, size) => clean(key * size),
  label: (key, size) => `${clean(key * size)} – ${clean((key + 1) * size)}`,
};

export const bucketFns = defineRegistry<BucketFn>("bucket", [
  bucketFn_day,
  bucketFn_week,
  bucketFn_month,
  bucketFn_quarter,
  bucketFn_year,
  bucketFn_number,
]);
