/**
 * Aggregate functions available only inside rollup expressions. Each maps to an aggregation of
 * the registry and takes one field key (COUNT also takes none: the group's issue count).
 */

import type { AggregationName } from "../model";
import { defineRegistry } from "../registry";

export interface RollupFn {
  readonly name: string;
  readonly aggregation: AggregationName;
  readonly signature: string;
  readonly description: string;
}

export const rollupFn_sum: RollupFn = {
  name: "SUM",
  aggregation: "sum",
  signature: "SUM(field)",
  description: "Sum over the group's issues (durations in hours).",
};
export const rollupFn_avg: RollupFn = {
  name: "AVG",
  aggregation: "average",
  signature: "AVG(field)",
  description: "Average over the group's issues that have a value.",
};
export const rollupFn_average: RollupFn = {
  name: "AVERAGE",
  aggregation: "average",
  signature: "AVERAGE(field)",
  description: "Same as AVG.",
};
export const rollupFn_median: RollupFn = {
  name: "MEDIAN",
  aggregation: "median",
  signature: "MEDIAN(field)",
  description: "Median over the group's distinct issues.",
};
export const rollupFn_min: RollupFn = {
  name: "MIN",
  aggregation: "min",
  signature: "MIN(field)",
  description: "Smallest value in the group (with two or more arguments MIN is the row function).",
};
export const rollupFn_max: RollupFn = {
  name: "MAX",
  aggregation: "max",
  signature: "MAX(field)",
  description: "Largest value in the group (with two or more arguments MAX is the row function).",
};
export const rollupFn_count: RollupFn = {
  name: "COUNT",
  aggregation: "count",
  signature: "COUNT(field?)",
  description: "Issues in the group with a value for `field`; COUNT() counts all issues.",
};
export const rollupFn_count_distinct: RollupFn = {
  name: "COUNT_DISTINCT",
  aggregation: "count_distinct",
  signature: "COUNT_DISTINCT(field)",
  description: "Distinct values of `field` in the group.",
};
export const rollupFn_earliest: RollupFn = {
  name: "EARLIEST",
  aggregation: "earliest",
  signature: "EARLIEST(dateField)",
  description: "Earliest date in the group.",
};
export const rollupFn_latest: RollupFn = {
  name: "LATEST",
  aggregation: "latest",
  signature: "LATEST(dateField)",
  description: "Latest date in the group.",
};

export const rollupFns = defineRegistry<RollupFn>("rollup function", [
  rollupFn_sum,
  rollupFn_avg,
  rollupFn_average,
  rollupFn_median,
  rollupFn_min,
  rollupFn_max,
  rollupFn_count,
  rollupFn_count_distinct,
  rollupFn_earliest,
  rollupFn_latest,
]);
