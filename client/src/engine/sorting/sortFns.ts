/**
 * Sort keys by column kind: every comparator is reduced to one Float64 key per row (NaN = empty),
 * so multi-level sorting compares numbers only. Dictionary-coded columns use their dictionary's
 * order: status by category then name, priority by Jira's order, users by display name, options
 * by label, issue keys by project then number.
 */

import { compareText } from "../columns/dictionary";
import type { Column } from "../columns/types";
import { defineRegistry } from "../registry";

export interface SortFn {
  readonly name: string;
  readonly kind: Column["kind"];
  /** Ascending key per row for rows `0..rowCount`; equal keys mean equal rows. */
  keys(column: Column, rowCount: number): Float64Array;
  /** Exclusive bound when keys are small non-negative integers (ranks), which sort without comparisons. */
  domain?(column: Column): number;
}

export const sortFn_number: SortFn = {
  name: "number",
  kind: "numeric",
  keys: (column, rowCount) => (column.kind === "numeric" ? column.values.subarray(0, rowCount) : new Float64Array(rowCount).fill(NaN)),
};

export const sortFn_boolean: SortFn = {
  name: "boolean",
  kind: "boolean",
  domain: () => 2,
  keys(column, rowCount) {
    const out = new Float64Array(rowCount);
    if (column.kind !== "boolean") return out.fill(NaN);
    for (let i = 0; i < rowCount; i++) out[i] = column.values[i]! < 0 ? NaN : column.values[i]!;
    return out;
  },
};

export const sortFn_option: SortFn = {
  name: "option",
  kind: "coded",
  domain: (column) => (column.kind === "coded" ? column.dictionary.size : 0),
  keys(column, rowCount) {
    const out = new Float64Array(rowCount);
    if (column.kind !== "coded") return out.fill(NaN);
    const rank = column.dictionary.ranks();
    const codes = column.codes;
    for (let i = 0; i < rowCount; i++) {
      const c = codes[i]!;
      out[i] = c < 0 ? NaN : rank[c]!;
    }
    return out;
  },
};

// Text ranks sort every distinct string with a collator; cache them per (append-only) column.
const textKeyCache = new WeakMap<ReadonlyArray<string | null>, Float64Array>();

export const sortFn_text: SortFn = {
  name: "text",
  kind: "text",
  // Ranks are dense positions among distinct values, so the row count bounds them.
  domain: (column) => (column.kind === "text" ? column.values.length : 0),
  keys(column, rowCount) {
    if (column.kind !== "text") return new Float64Array(rowCount).fill(NaN);
    const cached = textKeyCache.get(column.values);
    if (cached && cached.length === rowCount) return cached;
    const distinct = new Map<string, number>();
    for (let i = 0; i < rowCount; i++) {
      const v = column.values[i];
      if (v !== null && v !== undefined && v !== "" && !distinct.has(v)) distinct.set(v, 0);
    }
    const sorted = [...distinct.keys()].sort(compareText);
    for (const [rank, v] of sorted.entries()) distinct.set(v, rank);
    const out = new Float64Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const v = column.values[i];
      out[i] = v === null || v === undefined || v === "" ? NaN : distinct.get(v)!;
    }
    textKeyCache.set(column.values, out);
    return out;
  },
};

/** Multi-valued fields compare by their first value, then the next, …; fewer values first on a tie. */
export const sortFn_multi: SortFn = {
  name: "multi",
  kind: "multi",
  domain: (column) => (column.kind === "multi" ? column.offsets.length : 0),
  keys(column, rowCount) {
    const out = new Float64Array(rowCount);
    if (column.kind !== "multi") return out.fill(NaN);
    const rank = column.dictionary.ranks();
    const { offsets, codes } = column;
    const nonEmpty: number[] = [];
    for (let i = 0; i < rowCount; i++) {
      if (offsets[i] === offsets[i + 1]) out[i] = NaN;
      else nonEmpty.push(i);
    }
    const compare = (a: number, b: number): number => {
      const la = offsets[a + 1]! - offsets[a]!;
      const lb = offsets[b + 1]! - offsets[b]!;
      for (let k = 0; k < Math.min(la, lb); k++) {
        const d = rank[codes[offsets[a]! + k]!]! - rank[codes[offsets[b]! + k]!]!;
        if (d !== 0) return d;
      }
      return la - lb;
    };
    nonEmpty.sort(compare);
    // Dense ranks: rows with identical value lists share a key so later sort levels can break the tie.
    let dense = 0;
    for (let i = 0; i < nonEmpty.length; i++) {
      if (i > 0 && compare(nonEmpty[i - 1]!, nonEmpty[i]!) !== 0) dense++;
      out[nonEmpty[i]!] = dense;
    }
    return out;
  },
};

export const sortFns = defineRegistry<SortFn>("sort", [sortFn_number, sortFn_boolean, sortFn_option, sortFn_text, sortFn_multi]);

export function sortFnFor(column: Column): SortFn {
  return sortFns.entries().find((fn) => fn.kind === column.kind)!;
}
