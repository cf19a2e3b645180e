/**
 * What every formula function is, and the number rules they share (finite results only, and
 * equality with a relative tolerance).
 */

import type { ArgumentError, Compiled, FormulaRuntime, FormulaType } from "./types";

export interface FormulaFn {
  readonly name: string;
  /** For docs and the editor: `ROUND(number, digits?)`. */
  readonly signature: string;
  readonly description: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  check(types: readonly FormulaType[]): FormulaType | ArgumentError;
  compile(args: readonly Compiled[], types: readonly FormulaType[], runtime: FormulaRuntime): Compiled;
}

export const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Relative tolerance so formula results like 0.1 + 0.2 still equal 0.3. */
export const nearlyEqual = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
