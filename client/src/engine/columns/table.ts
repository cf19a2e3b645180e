/**
 * A table is an immutable snapshot of the loaded issues as typed columns (plus formula columns the
 * pipeline derives). `dispose()` drops every reference so discarded report data can be collected.
 */

import type { CodedColumn, Column, FieldSpec } from "./types";

export class Table {
  private columnMap: Map<string, Column>;
  private specMap: Map<string, FieldSpec>;
  private ids: readonly string[];
  private count: number;
  private key: CodedColumn | null;
  private disposers: (() => void)[] = [];

  constructor(
    rowCount: number,
    columns: Map<string, Column>,
    specs: Map<string, FieldSpec>,
    issueIds: readonly string[],
    keyColumn: CodedColumn,
  ) {
    this.count = rowCount;
    this.columnMap = columns;
    this.specMap = specs;
    this.ids = issueIds;
    this.key = keyColumn;
  }

  get rowCount(): number {
    return this.count;
  }

  get disposed(): boolean {
    return this.key === null;
  }

  column(key: string): Column | undefined {
    return this.columnMap.get(key);
  }

  spec(key: string): FieldSpec | undefined {
    return this.specMap.get(key);
  }

  /** The issue key column (`EX-12`), always loaded: it is the default sort and the row identity. */
  get keyColumn(): CodedColumn | undefined {
    return this.key ?? undefined;
  }

  issueId(row: number): string | undefined {
    return row < this.count ? this.ids[row] : undefined;
  }

  issueKey(row: number): string | undefined {
    if (this.key === null || row >= this.count) return undefined;
    return this.key.dictionary.entry(this.key.codes[row] ?? -1)?.key;
  }

  /** A new table sharing these columns plus `extra` (formula columns); input is never mutated. */
  withColumns(extra: ReadonlyMap<string, Column>, extraSpecs: ReadonlyMap<string, FieldSpec>): Table {
    const columns = new Map(this.columnMap);
    const specs = new Map(this.specMap);
    for (const [k, c] of extra) columns.set(k, c);
    for (const [k, s] of extraSpecs) specs.set(k, s);
    return new Table(this.count, columns, specs, this.ids, this.key!);
  }

  /** Registers cleanup of data derived from this table (a result's group tree) for `dispose()`. */
  onDispose(disposer: () => void): void {
    this.disposers.push(disposer);
  }

  dispose(): void {
    for (const disposer of this.disposers) disposer();
    this.disposers = [];
    this.columnMap = new Map();
    this.specMap = new Map();
    this.ids = [];
    this.count = 0;
    this.key = null;
  }
}
