/**
 * Group keys per column. A reader encodes one grouping level at once: every row gets a dense
 * integer id (dictionary codes as they are, small-range integer keys by offset, anything else
 * through one Map pass), -1 meaning "(none)". Keys stay typed numbers — codes, bucket numbers,
 * interned text ids, exact values — never strings made from values, so null, "null" and 0 cannot
 * collide.
 */

import { compareText } from "../columns/dictionary";
import type { Column } from "../columns/types";
import type { Bucket } from "../model";
import { isoDateOfDay, MS_PER_DAY } from "../time/civil";
import { derivedColumn } from "../columns/derivedCache";
import type { TimeZone } from "../time/timeZone";
import { bucketFns, type BucketFn } from "./bucketFns";

/** The group key as the result exposes it: entry key, text, number, bucket start date, boolean. */
export type GroupKeyValue = string | number | boolean | null;

export interface EncodedLevel {
  /** Dense id per row index (only rows that were encoded are meaningful); -1 = "(none)". */
  readonly ids: Int32Array;
  /** Key of each id. */
  readonly keys: ArrayLike<number>;
  /** Number of ids. */
  readonly count: number;
}

export interface GroupKeyReader {
  /** Set for multi-valued columns: an issue belongs to the group of each of its values. */
  readonly multi: { readonly offsets: Int32Array; readonly codes: Int32Array; readonly count: number } | null;
  /** Ids for `rows` (single-valued readers). */
  encode(rows: Int32Array, rowCount: number): EncodedLevel;
  /** Ascending key order. */
  compare(a: number, b: number): number;
  label(key: number): string;
  value(key: number): GroupKeyValue;
}

/** Identity key table for code-like ids. */
function identityKeys(count: number): Float64Array {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = i;
  return keys;
}

/** Dense ids for per-row numeric keys (NaN = none): offset when the integer range is small, else a Map. */
function encodeNumbers(rows: Int32Array, rowCount: number, raw: Float64Array): EncodedLevel {
  const ids = new Int32Array(rowCount).fill(-1);
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < rows.length; i++) {
    const k = raw[rows[i]!]!;
    if (k !== k) continue;
    if (k < min) min = k;
    if (k > max) max = k;
    if (integral && !Number.isInteger(k)) integral = false;
  }
  if (min === Infinity) return { ids, keys: [], count: 0 };
  if (integral && max - min <= 4 * rows.length + 1024) {
    const count = max - min + 1;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const k = raw[row]!;
      if (k === k) ids[row] = k - min;
    }
    const keys = new Float64Array(count);
    for (let id = 0; id < count; id++) keys[id] = min + id;
    return { ids, keys, count };
  }
  const idOf = new Map<number, number>();
  const keys: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const k = raw[row]!;
    if (k !== k) continue;
    let id = idOf.get(k);
    if (id === undefined) {
      id = keys.length;
      idOf.set(k, id);
      keys.push(k);
    }
    ids[row] = id;
  }
  return { ids, keys, count: keys.length };
}

export function createGroupKeyReader(
  column: Column,
  bucket: Bucket | null | undefined,
  timeZone: TimeZone,
  formatNumber: (v: number) => string,
): GroupKeyReader {
  switch (column.kind) {
    case "coded":
    case "multi": {
      const dictionary = column.dictionary;
      const rank = dictionary.ranks();
      const codes = column.codes;
      const count = dictionary.size;
      return {
        multi: column.kind === "multi" ? { offsets: column.offsets, codes: column.codes, count } : null,
        // Codes already are dense ids with -1 for empty.
        encode: () => ({ ids: codes, keys: identityKeys(count), count }),
        compare: (a, b) => rank[a]! - rank[b]!,
        label: (key) => dictionary.label(key),
        value: (key) => dictionary.entry(key)?.key ?? null,
      };
    }
    case "boolean": {
      const values = column.values;
      return {
        multi: null,
        encode(rows, rowCount) {
          const ids = new Int32Array(rowCount).fill(-1);
          for (let i = 0; i < rows.length; i++) ids[rows[i]!] = values[rows[i]!]!;
          return { ids, keys: [0, 1], count: 2 };
        },
        compare: (a, b) => a - b,
        label: (key) => (key === 1 ? "Yes" : "No"),
        value: (key) => key === 1,
      };
    }
    case "text": {
      // Interned per compute; ids follow first appearance, order comes from the collator.
      const strings: string[] = [];
      const values = column.values;
      return {
        multi: null,
        encode(rows, rowCount) {
          const ids = new Int32Array(rowCount).fill(-1);
          const idOf = new Map<string, number>();
          for (let i = 0; i < rows.length; i++) {
            const row = rows[i]!;
            const v = values[row];
            if (v === null || v === undefined || v === "") continue;
            let id = idOf.get(v);
            if (id === undefined) {
              id = strings.length;
              strings.push(v);
              idOf.set(v, id);
            }
            ids[row] = id;
          }
          return { ids, keys: identityKeys(strings.length), count: strings.length };
        },
        compare: (a, b) => compareText(strings[a]!, strings[b]!),
        label: (key) => strings[key] ?? "",
        value: (key) => strings[key] ?? null,
      };
    }
    case "numeric":
      return numericReader(column.values, column.type, bucket, timeZone, formatNumber);
  }
}

function numericReader(
  values: Float64Array,
  type: "number" | "duration" | "date" | "datetime",
  bucket: Bucket | null | undefined,
  timeZone: TimeZone,
  formatNumber: (v: number) => string,
): GroupKeyReader {
  const byNumber = (a: number, b: number): number => a - b;
  if (type === "date" || type === "datetime") {
    // Dates group by day unless a coarser bucket is asked for (a datetime per millisecond is useless).
    const fn: BucketFn = bucket?.kind === "date" ? (bucketFns.get(bucket.unit) ?? bucketFns.get("day")!) : bucketFns.get("day")!;
    return {
      multi: null,
      encode(rows, rowCount) {
        // Bucket keys depend only on the value (and zone), so they are cached per column.
        const keys =
          type === "date"
            ? derivedColumn(values, `date:${fn.name}`, (v) => fn.key(Math.floor(v / MS_PER_DAY), 0))
            : derivedColumn(values, `datetime:${fn.name}:${timeZone.id}`, (v) => fn.key(timeZone.localDay(v), 0));
        return encodeNumbers(rows, rowCount, keys);
      },
      compare: byNumber,
      label: (k) => fn.label(k, 0),
      value: (k) => isoDateOfDay(fn.start(k, 0)),
    };
  }
  if (bucket?.kind === "number" && bucket.size > 0 && Number.isFinite(bucket.size)) {
    const size = bucket.size;
    const fn = bucketFns.get("number")!;
    return {
      multi: null,
      encode(rows, rowCount) {
        const keys = new Float64Array(rowCount);
        for (let i = 0; i < rows.length; i++) keys[rows[i]!] = fn.key(values[rows[i]!]!, size);
        return encodeNumbers(rows, rowCount, keys);
      },
      compare: byNumber,
      label: (k) => `${formatNumber(fn.start(k, size))} – ${formatNumber(fn.start(k + 1, size))}`,
      value: (k) => fn.start(k, size),
    };
  }
  return {
    multi: null,
    encode: (rows, rowCount) => encodeNumbers(rows, rowCount, values),
    compare: byNumber,
    label: (k) => formatNumber(k),
    value: (k) => k,
  };
}
