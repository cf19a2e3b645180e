/**
 * Report model v1 (docs/report-model.md) as the engine reads it: the types generated from the
 * server's schemas in validation mode (`model.gen.ts`), so a key with a default may be missing,
 * exactly as the server accepts it. The names below are the engine's.
 */

import type { Aggregation, GroupRule, Operator, ReportCreate } from "./model.gen";

export type {
  Column,
  DateBucketUnit,
  DateStyle,
  DurationStyle,
  FilterRule,
  Format,
  FormatType,
  FormulaField,
  FormulaResultType,
  GroupOrder,
  GroupRule,
  Operand,
  SortDirection,
  SortRule,
} from "./model.gen";

export type AggregationName = Aggregation;
export type FilterOperator = Operator;
export type Bucket = NonNullable<GroupRule["bucket"]>;

/** The report body; only the shaping keys matter to the engine, so even `name` and `jql` may be missing. */
export type ReportDefinition = Partial<ReportCreate>;
