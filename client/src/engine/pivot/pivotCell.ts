/** Pivot cells format lazily: a large pivot formats only the cells that are shown or exported. */

import { formatValue, type FormattedValue } from "../formats/formatFns";
import type { CellFormat } from "../result";
import type { PivotCell } from "./types";

const SHARE_FORMAT = { type: "percent", decimals: 1 } as const;

export class LazyPivotCell implements PivotCell {
  private formatted: FormattedValue | null = null;

  constructor(
    readonly value: number | null,
    readonly share: number | null,
    private readonly cellFormat: CellFormat,
    private readonly showsShare: boolean,
  ) {}

  private get cell(): FormattedValue {
    if (this.formatted === null) {
      const { type, format, context } = this.cellFormat;
      this.formatted = this.showsShare
        ? formatValue(this.share, "number", SHARE_FORMAT, context)
        : formatValue(this.value, type, format, context);
    }
    return this.formatted;
  }

  get display(): string {
    return this.cell.display;
  }

  get raw(): string | number | boolean | null {
    return this.cell.raw;
  }

  /** Plain data for JSON (tests, workers): the getters are not own properties. */
  toJSON(): { value: number | null; share: number | null; display: string; raw: string | number | boolean | null } {
    return { value: this.value, share: this.share, display: this.display, raw: this.raw };
  }
}

/** A share of `denominator`; none when either side is empty or the denominator is 0. */
export function shareOf(value: number | null, denominator: number | null): number | null {
  if (value === null || denominator === null || denominator === 0) return null;
  return value / denominator;
}
