/**
 * The computed report as the UI and exports consume it. Group nodes and aggregate cells format
 * lazily: a report with thousands of groups formats only what is actually displayed.
 */

import type { Table } from "./columns/table";
import type { FieldType } from "./columns/types";
import { formatValue, type CellValue, type FormatContext, type FormattedValue } from "./formats/formatFns";
import type { FormulaError } from "./formulas/formulaPlan";
import type { GroupKeyValue } from "./grouping/groupKeys";
import type { AggregationName, Format } from "./model";
import type { DefinitionWarning } from "./plan";

export interface ColumnDescriptor {
  readonly index: number;
  readonly field: string;
  readonly label: string;
  readonly type: FieldType;
  /** The effective format (the column's, else the formula's, else the type's default). */
  readonly format: Format;
  readonly aggregation: AggregationName | null;
  readonly width: number | null;
  readonly isFormula: boolean;
  /** True when group rows show the formula's rollup instead of the aggregation. */
  readonly hasRollup: boolean;
}

export interface AggregateCell {
  /** Numbers for numbers, seconds for durations, epoch ms for dates; strings/booleans from text/boolean rollups. */
  readonly value: number | string | boolean | null;
  /** The type `value` is formatted as. */
  readonly type: FieldType;
  readonly display: string;
  /** Export value (see `FormattedValue.raw`). */
  readonly raw: string | number | boolean | null;
}

/** What the cells of one column share (kept out of each cell to keep cells small). */
export interface CellFormat {
  readonly type: FieldType;
  readonly format: Format;
  readonly context: FormatContext;
}

export class LazyAggregateCell implements AggregateCell {
  private formatted: FormattedValue | null = null;

  constructor(
    readonly value: number | string | boolean | null,
    private readonly cellFormat: CellFormat,
  ) {}

  get type(): FieldType {
    return this.cellFormat.type;
  }

  private get cell(): FormattedValue {
    const { type, format, context } = this.cellFormat;
    this.formatted ??= formatValue(this.value as CellValue, type, format, context);
    return this.formatted;
  }

  get display(): string {
    return this.cell.display;
  }

  get raw(): string | number | boolean | null {
    return this.cell.raw;
  }
}

export interface GroupNode {
  /** Stable identity for expand/collapse state: the path of typed keys from the root. */
  readonly id: string;
  /** 0 = grand total, 1 = outermost grouping level. */
  readonly depth: number;
  /** Grouping field of this level (null for the grand total). */
  readonly field: string | null;
  /** Typed key: option/user/issue key, text, number (bin start), ISO date (bucket start), boolean; null for "(none)". */
  readonly key: GroupKeyValue;
  readonly isEmptyGroup: boolean;
  readonly label: string;
  /** Distinct issues in the group. */
  readonly issueCount: number;
  /** One cell per column; null where the column has no aggregation and no rollup. Created on first access. */
  readonly aggregates: readonly (AggregateCell | null)[];
  /** A column's aggregate value without creating cells (for bulk reads such as exports and sorting). */
  aggregateValue(columnIndex: number): number | string | boolean | null;
  /** Ordered child groups; null at the deepest level (the rows are the group's issues). */
  readonly children: readonly GroupNode[] | null;
  /** Range of this group's rows in `ReportResult.rows`. */
  readonly rowStart: number;
  readonly rowEnd: number;
}

/** Everything the helpers need to read cells; opaque to the UI. */
export interface ResultData {
  readonly table: Table;
  readonly formatContext: FormatContext;
}

export interface ReportResult {
  readonly columns: readonly ColumnDescriptor[];
  /** Visible issue rows (row indices) in display order; with a multi-valued grouping an issue can appear under several groups. */
  readonly rows: Int32Array;
  /** The grand total node; its children are the top-level groups. */
  readonly root: GroupNode;
  /** `root.aggregates`. */
  readonly grandTotal: readonly (AggregateCell | null)[];
  /** Number of grouping levels. */
  readonly groupDepth: number;
  /** Issues loaded so far. */
  readonly loadedIssueCount: number;
  /** Distinct issues that pass the filters. */
  readonly matchedIssueCount: number;
  /**
   * Changelog completeness when the report uses a history field, else null: `issues` loaded,
   * `incomplete` of them with empty history fields because their changelog could not be loaded.
   */
  readonly history: { readonly issues: number; readonly incomplete: number } | null;
  readonly formulaErrors: readonly FormulaError[];
  readonly warnings: readonly DefinitionWarning[];
  readonly data: ResultData;
}
