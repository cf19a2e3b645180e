/**
 * The JQL predicate that selects exactly one group of one grouping level, mirroring how the
 * engine forms the group (grouping/groupKeys.ts, grouping/bucketFns.ts): option ids, account
 * ids, label text, half-open number bins, and date buckets from local midnight to local midnight.
 * Null when JQL cannot say it (text values, booleans, formula results, history fields derived
 * from changelogs): those groups get no link.
 */

import type { FieldSpec } from "../columns/types";
import { bucketFn_number, bucketFns, type BucketFn } from "../grouping/bucketFns";
import type { GroupKeyValue } from "../grouping/groupKeys";
import type { Bucket } from "../model";
import { isoDateOfDay } from "../time/civil";
import { parseIsoDay } from "../time/parse";
import { jqlClauseName } from "./clauseNames";
import { jqlNumber, quoteJql } from "./jqlText";

/** One level of a group's path: the grouping field and the group's key at that level. */
export interface GroupLevel {
  readonly field: string;
  /** The engine's view of the field; undefined when the report did not load it. */
  readonly spec: Pick<FieldSpec, "type" | "entryKind" | "source"> | undefined;
  readonly bucket: Bucket | null | undefined;
  /** The group's typed key (`GroupNode.key`); ignored for the "(none)" group. */
  readonly key: GroupKeyValue;
  readonly isEmpty: boolean;
}

export function groupPredicate(level: GroupLevel): string | null {
  const { spec, key } = level;
  if (spec === undefined || spec.source === "formula" || spec.source === "history") return null;
  const clause = spec.source === "issue_key" ? "key" : jqlClauseName(level.field);
  if (level.isEmpty) return spec.source === "fields" ? `${clause} is EMPTY` : null;
  switch (spec.type) {
    case "option":
    case "multi":
      return typeof key === "string" ? entryPredicate(clause, spec.entryKind, key) : null;
    case "user":
    case "issuelink":
      return typeof key === "string" ? `${clause} = ${quoteJql(key)}` : null;
    case "number":
      return typeof key === "number" ? numberPredicate(clause, key, level.bucket, jqlNumber) : null;
    case "duration":
      return typeof key === "number" ? numberPredicate(clause, key, level.bucket, jqlMinutes) : null;
    case "date":
    case "datetime":
      return typeof key === "string" ? datePredicate(clause, key, level.bucket, spec.type === "datetime") : null;
    default:
      // Text has only fuzzy search (~) in JQL, and booleans have no system field to compare.
      return null;
  }
}

/** Dictionary keys: ids for statuses, priorities, options, versions, components and sprints; text for labels. */
function entryPredicate(clause: string, entryKind: FieldSpec["entryKind"], key: string): string | null {
  if (entryKind === "label" || entryKind === "user" || entryKind === "issue") return `${clause} = ${quoteJql(key)}`;
  // Cascading selects key "parent/child"; Jira selects them with cascadeOption(parent, child).
  const cascade = /^(\d+)\/(\d+)$/.exec(key);
  if (cascade) return `${clause} in cascadeOption(${cascade[1]}, ${cascade[2]})`;
  // An unquoted number is an id to Jira; a quoted one would be read as a name first.
  return /^\d+$/.test(key) ? `${clause} = ${key}` : `${clause} = ${quoteJql(key)}`;
}

/** Durations are seconds in the engine; JQL reads a duration in minutes ("90m"). */
function jqlMinutes(seconds: number): string {
  return quoteJql(`${Number((seconds / 60).toPrecision(12))}m`);
}

function numberPredicate(clause: string, start: number, bucket: Bucket | null | undefined, literal: (v: number) => string): string {
  if (bucket?.kind !== "number" || !(bucket.size > 0) || !Number.isFinite(bucket.size)) return `${clause} = ${literal(start)}`;
  // The engine's half-open bin [k·size, (k+1)·size), with the same rounding of its bounds.
  const k = Math.round(start / bucket.size);
  const end = bucketFn_number.start(k + 1, bucket.size);
  return `${clause} >= ${literal(start)} AND ${clause} < ${literal(end)}`;
}

/** The first day after `day` in another bucket. Keys are not always consecutive (a week's key is
 * its Monday), so this walks days; a bucket is at most a year long. */
function nextBucketStart(fn: BucketFn, day: number): number {
  const key = fn.key(day, 0);
  let next = day + 1;
  while (fn.key(next, 0) === key) next++;
  return next;
}

/**
 * Date buckets run from the first day of the bucket to the first day of the next. A datetime
 * bucket starts at local midnight in the viewer's zone; JQL reads "yyyy-MM-dd HH:mm" in the
 * searching user's zone, which is the zone the host gives the viewer, so the two agree.
 */
function datePredicate(clause: string, isoStart: string, bucket: Bucket | null | undefined, withTime: boolean): string | null {
  const startDay = parseIsoDay(isoStart);
  if (Number.isNaN(startDay)) return null;
  const fn = bucket?.kind === "date" ? (bucketFns.get(bucket.unit) ?? bucketFns.get("day")!) : bucketFns.get("day")!;
  const endDay = nextBucketStart(fn, startDay);
  const literal = (day: number) => quoteJql(withTime ? `${isoDateOfDay(day)} 00:00` : isoDateOfDay(day));
  return `${clause} >= ${literal(startDay)} AND ${clause} < ${literal(endDay)}`;
}
