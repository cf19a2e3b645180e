/**
 * Filtering stage: compiles each rule against its column, evaluates it into a bitset, and combines
 * them — AND across rules, except `or_group` rules, which OR together into one term.
 */

import type { Table } from "../columns/table";
import type { FilterRule } from "../model";
import { BitSet } from "./bitset";
import type { FilterContext, FilterFn } from "./filterFns";

export interface ResolvedFilter {
  readonly rule: FilterRule;
  readonly fn: FilterFn;
}

/** Ascending row indices of the issues that pass every filter. */
export function createFilteredRows(table: Table, filters: readonly ResolvedFilter[], context: FilterContext): Int32Array {
  const n = table.rowCount;
  let and: BitSet | null = null;
  let or: BitSet | null = null;
  for (const { rule, fn } of filters) {
    const column = table.column(rule.field);
    if (!column) continue;
    const bits = BitSet.fromPredicate(n, fn.compile(column, rule, context));
    if (rule.or_group === true) or = or ? or.or(bits) : bits;
    else and = and ? and.and(bits) : bits;
  }
  if (or) and = and ? and.and(or) : or;
  if (!and) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  return and.toIndices();
}
