/** The computed pivot as the UI and exports consume it. */

import type { FieldType } from "../columns/types";
import type { GroupKeyValue } from "../grouping/groupKeys";
import type { AggregationName } from "../model";
import type { PercentOf } from "../model.gen";

export interface PivotValueDescriptor {
  readonly index: number;
  readonly field: string;
  readonly aggregation: AggregationName;
  /** Type of the aggregate (a count is a number, a sum of durations a duration). */
  readonly type: FieldType;
  /** False when the aggregation does not apply to the field (every cell is then empty). */
  readonly valid: boolean;
}

export interface PivotCell {
  /** The aggregate: numbers, seconds for durations, epoch ms for dates; null when empty. */
  readonly value: number | null;
  /** The value's share of its row, column or grand total (a fraction) when the view asks for one. */
  readonly share: number | null;
  /** What the cell shows: the share as a percentage when asked for one, else the formatted value. */
  readonly display: string;
  /** Export value (the share as a fraction, or the formatted value's raw export value). */
  readonly raw: string | number | boolean | null;
}

/** One grouping level's group on either axis. */
export interface PivotGroupKey {
  readonly field: string;
  /** Typed key as in `GroupNode.key`; null for "(none)". */
  readonly key: GroupKeyValue;
  readonly label: string;
  readonly isEmptyGroup: boolean;
}

export interface PivotRow extends PivotGroupKey {
  /** Stable identity: the typed key path from the outermost level. */
  readonly id: string;
  /** 1 = outermost row level. */
  readonly depth: number;
  /** Distinct issues in the row group. */
  readonly issueCount: number;
  /** `cells[column][value]`, one per leaf column of `PivotResult.columns`. */
  readonly cells: readonly (readonly PivotCell[])[];
  /** The row total per value: over the group's distinct issues, not the sum of its cells. */
  readonly total: readonly PivotCell[];
  /** Nested row groups, ordered; null at the deepest row level. */
  readonly children: readonly PivotRow[] | null;
}

export interface PivotColumn {
  readonly id: string;
  readonly index: number;
  /** The column's group at each column level, outermost first (1 or 2 entries). */
  readonly path: readonly PivotGroupKey[];
  readonly issueCount: number;
  /** The column total per value, over the column's distinct issues. */
  readonly total: readonly PivotCell[];
}

/** A header cell of one column level; `span` leaf columns wide. */
export interface PivotHeader extends PivotGroupKey {
  readonly span: number;
  readonly firstColumn: number;
}

export interface PivotResult {
  readonly values: readonly PivotValueDescriptor[];
  readonly rowFields: readonly string[];
  readonly columnFields: readonly string[];
  /** Top-level row groups, ordered; each holds its nested groups. */
  readonly rows: readonly PivotRow[];
  /** Leaf columns in display order. */
  readonly columns: readonly PivotColumn[];
  /** `headers[level]`: the header cells of each column level (the last level has one per column). */
  readonly headers: readonly (readonly PivotHeader[])[];
  /** Per value, over all distinct issues in the pivot. */
  readonly grandTotal: readonly PivotCell[];
  readonly issueCount: number;
  readonly percentOf: PercentOf;
  readonly rowTotals: boolean;
  readonly columnTotals: boolean;
  /** Plain-language problems (an unloaded field, an aggregation that does not apply). */
  readonly warnings: readonly string[];
}
