/** Types shared by the formula compiler and its function registry. */

import type { TimeZone } from "../time/timeZone";

/** Static types of formula expressions. Dates are instants (epoch ms); durations read as hours (numbers). */
export type FormulaType = "number" | "text" | "boolean" | "date";

/** Runtime values; null is "empty". */
export type Value = number | string | boolean | null;

/** A compiled expression: evaluates for one row (or, in rollups, one group). Never throws. */
export type Compiled = (index: number) => Value;

export interface FormulaRuntime {
  /** Epoch ms of NOW(), fixed for one compute so every row sees the same instant. */
  readonly now: number;
  readonly timeZone: TimeZone;
}

/** A type error in a function's arguments; `arg` points at the offending argument. */
export interface ArgumentError {
  readonly message: string;
  readonly arg?: number;
}
