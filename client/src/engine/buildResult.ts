/** Assembles the public `ReportResult` from the stage outputs (group tree, aggregates, rollups). */

import { aggregationFns } from "./aggregation/aggregationFns";
import type { Table } from "./columns/table";
import type { FieldType } from "./columns/types";
import { resolveFormat, type FormatContext } from "./formats/formatFns";
import { fromFormulaUnits } from "./formulas/bindings";
import type { Value } from "./formulas/types";
import type { HistoryCounts } from "./history/historyColumns";
import type { GroupTree } from "./grouping/createGroupedRows";
import type { GroupKeyReader, GroupKeyValue } from "./grouping/groupKeys";
import type { OrderedTree } from "./grouping/orderGroups";
import type { Format } from "./model";
import type { ReportPlan } from "./plan";
import { LazyAggregateCell, type AggregateCell, type CellFormat, type ColumnDescriptor, type GroupNode, type ReportResult } from "./result";

/** How one column's group cells are produced: from an aggregate spec or from a rollup. */
type CellSource =
  | { readonly kind: "aggregate"; readonly values: Float64Array; readonly cellFormat: CellFormat }
  | { readonly kind: "rollup"; readonly values: readonly Value[]; readonly cellFormat: CellFormat; readonly scale: (v: Value) => Value };

export interface StageOutputs {
  readonly plan: ReportPlan;
  readonly table: Table;
  readonly tree: GroupTree;
  readonly ordered: OrderedTree;
  readonly readers: readonly GroupKeyReader[];
  readonly aggregateValues: readonly Float64Array[];
  readonly rollups: readonly (readonly Value[] | null)[];
  readonly matchedIssueCount: number;
  readonly formatContext: FormatContext;
  readonly history: HistoryCounts | null;
}

function cellSources(out: StageOutputs): (CellSource | null)[] {
  const { plan, aggregateValues, rollups, formatContext } = out;
  return plan.columns.map((column, c) => {
    const rollup = rollups[c];
    const formula = column.formula;
    if (rollup && formula?.rollupType) {
      // Rollups compute in formula units (hours, instants); convert back to column units for display.
      const isDuration = formula.field.result_type === "duration";
      const type: FieldType = formula.rollupType === "number" ? (isDuration ? "duration" : "number") : formula.rollupType;
      const tz = formatContext.timeZone;
      const scale = (v: Value): Value => (typeof v === "number" ? fromFormulaUnits(v, type, tz) : v);
      return {
        kind: "rollup",
        values: rollup,
        cellFormat: { type, format: resolveFormat(type, column.format).format, context: formatContext },
        scale,
      };
    }
    if (column.aggregation === null) return null;
    const index = plan.aggregateIndex(column.field, column.aggregation);
    const fn = aggregationFns.get(column.aggregation)!;
    const type = fn.resultType(column.type);
    const counting = column.aggregation === "count" || column.aggregation === "count_distinct";
    const format: Format = counting
      ? { type: "number", decimals: 0, thousands_separator: column.format.thousands_separator ?? true }
      : resolveFormat(type, column.format).format;
    return { kind: "aggregate", values: aggregateValues[index]!, cellFormat: { type, format, context: formatContext } };
  });
}

interface Shared {
  sources: (CellSource | null)[];
  reader: GroupKeyReader | null;
}

class ResultGroupNode implements GroupNode {
  private cells: (AggregateCell | null)[] | null = null;
  private labelText: string | null = null;
  private idText: string | null = null;
  children: readonly ResultGroupNode[] | null = null;

  constructor(
    private readonly shared: Shared,
    private readonly index: number,
    private readonly parent: ResultGroupNode | null,
    readonly depth: number,
    readonly field: string | null,
    private readonly rawKey: number,
    readonly issueCount: number,
    readonly rowStart: number,
    readonly rowEnd: number,
  ) {}

  /** Built on demand: most of a large report's groups are never asked for their id. */
  get id(): string {
    if (this.idText === null) {
      // Typed path segments: "(none)" is [depth,null], so it never meets a key "null" or "(none)".
      this.idText = this.parent === null ? "total" : `${this.parent.id}/${JSON.stringify([this.depth, this.key])}`;
    }
    return this.idText;
  }

  get isEmptyGroup(): boolean {
    return this.depth > 0 && this.rawKey !== this.rawKey;
  }

  get key(): GroupKeyValue {
    return this.shared.reader === null || this.isEmptyGroup ? null : this.shared.reader.value(this.rawKey);
  }

  get label(): string {
    if (this.labelText === null) {
      const reader = this.shared.reader;
      this.labelText = this.depth === 0 ? "Total" : reader === null || this.isEmptyGroup ? "(none)" : reader.label(this.rawKey);
    }
    return this.labelText;
  }

  /** Forgets everything derived from issues (labels, keys, aggregates, the subtree). */
  dispose(): void {
    this.cells = [];
    this.labelText = null;
    this.idText = null;
    const children = this.children;
    this.children = null;
    for (const child of children ?? []) child.dispose();
  }

  aggregateValue(columnIndex: number): number | string | boolean | null {
    const source = this.shared.sources[columnIndex];
    if (!source) return null;
    if (source.kind === "aggregate") {
      const v = source.values[this.index]!;
      return v !== v ? null : v;
    }
    return source.scale(source.values[this.index] ?? null);
  }

  get aggregates(): readonly (AggregateCell | null)[] {
    if (this.cells === null) {
      const sources = this.shared.sources;
      const cells: (AggregateCell | null)[] = new Array(sources.length);
      for (let c = 0; c < sources.length; c++) {
        const source = sources[c];
        cells[c] = source ? new LazyAggregateCell(this.aggregateValue(c), source.cellFormat) : null;
      }
      this.cells = cells;
    }
    return this.cells;
  }
}

export function buildResult(out: StageOutputs): ReportResult {
  const { plan, table, tree, ordered, readers, formatContext } = out;
  const sources = cellSources(out);
  const sharedByDepth: Shared[] = [null, ...readers].map((reader) => ({ sources, reader }));

  const build = (index: number, parent: ResultGroupNode | null): ResultGroupNode => {
    const node = tree.nodes[index]!;
    const depth = node.depth;
    const field = depth === 0 ? null : plan.groups[depth - 1]!.field;
    const result = new ResultGroupNode(
      sharedByDepth[depth]!,
      index,
      parent,
      depth,
      field,
      node.key,
      node.end - node.start,
      ordered.rowStart[index]!,
      ordered.rowEnd[index]!,
    );
    const children = ordered.children[index];
    result.children = children ? children.map((child) => build(child, result)) : null;
    return result;
  };
  const root = build(0, null);
  // clear() on the engine disposes the table; take the tree and its labels and values with it.
  table.onDispose(() => {
    root.dispose();
    for (const shared of sharedByDepth) {
      shared.sources = [];
      shared.reader = null;
    }
    ordered.rows.fill(-1);
  });

  const columns: ColumnDescriptor[] = plan.columns.map((c, index) => ({
    index,
    field: c.field,
    label: c.label,
    type: c.type,
    format: c.format,
    aggregation: c.aggregation,
    width: c.width,
    isFormula: c.formula !== null,
    hasRollup: sources[index]?.kind === "rollup",
  }));

  return {
    columns,
    rows: ordered.rows,
    root,
    get grandTotal() {
      return root.aggregates;
    },
    groupDepth: plan.groups.length,
    loadedIssueCount: table.rowCount,
    matchedIssueCount: out.matchedIssueCount,
    history: out.history,
    formulaErrors: plan.formulas.errors,
    warnings: plan.warnings,
    data: { table, formatContext },
  };
}
