/**
 * Group names as the user reads them. The engine names date buckets in ISO ("2026-03-04",
 * "2026-W10", "2026-03", "2026-Q1", "2026") and keeps those names: drill-down JQL, sorting and
 * the raw exports rely on them. Everything the user reads (the table's group rows and pinned
 * path, print, the gadget, the "as shown" exports) goes through `groupLabel`, which writes a date
 * bucket in the user's locale: "Mar 4, 2026", "Week of Mar 2, 2026", "Mar 2026", "Q1 2026", "2026".
 */

import { bucketFns, type DateBucketUnit, type GroupNode, type ReportResult } from "../../engine/index";

const EMPTY_GROUP_LABEL = "(none)";
const TOTAL_GROUP_LABEL = "Total";

const DATE_UNITS: readonly DateBucketUnit[] = ["day", "week", "month", "quarter", "year"];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const DATE_PARTS: Readonly<Record<"day" | "month" | "year", Intl.DateTimeFormatOptions>> = {
  day: { year: "numeric", month: "short", day: "numeric" },
  month: { year: "numeric", month: "short" },
  year: { year: "numeric" },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A bucket start is a civil date, already in the user's time zone (the engine bucketed it
 * there), so it is formatted in UTC: formatting it in a zone would move it to the day before
 * wherever that zone is behind UTC.
 */
function civilFormatter(locale: string, parts: keyof typeof DATE_PARTS): Intl.DateTimeFormat {
  const id = `${locale}|${parts}`;
  let formatter = formatters.get(id);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...DATE_PARTS[parts], timeZone: "UTC" });
    } catch {
      // A locale Intl cannot read gets the browser's rather than an exception in every row.
      formatter = new Intl.DateTimeFormat(undefined, { ...DATE_PARTS[parts], timeZone: "UTC" });
    }
    formatters.set(id, formatter);
  }
  return formatter;
}

/** Day number (days since 1970-01-01) of `YYYY-MM-DD`; NaN otherwise. */
function dayOfIso(iso: string): number {
  const match = ISO_DAY.exec(iso);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/**
 * The label of a date bucket starting on `isoStart` (`YYYY-MM-DD`, the group's key) in `locale`;
 * null when `isoStart` is not a date. Quarters have no Intl form, so "Q" is written here; month
 * names and the order of day, month and year come from Intl.
 */
export function formatDateBucket(unit: DateBucketUnit, isoStart: string, locale: string): string | null {
  const day = dayOfIso(isoStart);
  if (Number.isNaN(day)) return null;
  const date = new Date(day * MS_PER_DAY);
  switch (unit) {
    case "day":
      return civilFormatter(locale, "day").format(date);
    case "week":
      // ISO weeks start on Monday, which is the key; naming the Monday avoids week-year puzzles
      // ("2026-W01" starts on Dec 29, 2025).
      return `Week of ${civilFormatter(locale, "day").format(date)}`;
    case "month":
      return civilFormatter(locale, "month").format(date);
    case "quarter":
      return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${civilFormatter(locale, "year").format(date)}`;
    case "year":
      return civilFormatter(locale, "year").format(date);
  }
}

/**
 * The bucket unit of a date group, or null for any other group. The result does not carry the
 * unit; the engine's own bucket functions tell it: exactly one unit names the group's start day
 * the way the engine named the group (the ISO shapes differ per unit).
 */
export function dateBucketOf(result: ReportResult, group: GroupNode): DateBucketUnit | null {
  if (group.depth === 0 || group.isEmptyGroup || group.field === null || typeof group.key !== "string") return null;
  const type = result.data.table.spec(group.field)?.type;
  if (type !== "date" && type !== "datetime") return null;
  const day = dayOfIso(group.key);
  if (Number.isNaN(day)) return null;
  for (const unit of DATE_UNITS) {
    const fn = bucketFns.get(unit);
    if (fn && fn.label(fn.key(day, 0), 0) === group.label) return unit;
  }
  return null;
}

// Group nodes are immutable within a result; a long report names each group once.
const labelCache = new WeakMap<GroupNode, string>();

/** What the user reads as a group's name: "Total", "(none)", a date bucket in their locale, or the engine's label. */
export function groupLabel(result: ReportResult, group: GroupNode): string {
  if (group.depth === 0) return TOTAL_GROUP_LABEL;
  if (group.isEmptyGroup) return EMPTY_GROUP_LABEL;
  let label = labelCache.get(group);
  if (label === undefined) {
    const unit = dateBucketOf(result, group);
    const local =
      unit !== null && typeof group.key === "string" ? formatDateBucket(unit, group.key, result.data.formatContext.locale) : null;
    label = local ?? group.label;
    labelCache.set(group, label);
  }
  return label;
}
