/** Typed column storage: the engine's only representation of issue data after normalization. */

import type { EntryKind, FieldType } from "../vocabulary.gen";
import type { Dictionary } from "./dictionary";

// The vocabulary shared with the server (`reports/schemas/vocabulary.py`) names the field types
// and entry kinds; the column layouts below are the engine's own.
export { FIELD_TYPES, type EntryKind, type FieldType } from "../vocabulary.gen";

/**
 * Numbers, durations (seconds), dates (UTC midnight of the civil day, in ms) and datetimes (epoch
 * ms) share one Float64Array layout; NaN is "empty" so no side bitmap is needed.
 */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly type: "number" | "duration" | "date" | "datetime";
  readonly values: Float64Array;
}

/** -1 empty, 0 false, 1 true. */
export interface BooleanColumn {
  readonly kind: "boolean";
  readonly type: "boolean";
  readonly values: Int8Array;
}

/** Single-valued dictionary codes; -1 is empty. */
export interface CodedColumn {
  readonly kind: "coded";
  readonly type: "user" | "option" | "issuelink";
  readonly codes: Int32Array;
  readonly dictionary: Dictionary;
}

/** Row i's values are `codes[offsets[i] .. offsets[i + 1])`, de-duplicated, in Jira's order. */
export interface MultiColumn {
  readonly kind: "multi";
  readonly type: "multi";
  readonly offsets: Int32Array;
  readonly codes: Int32Array;
  readonly dictionary: Dictionary;
}

/** null (or "") is empty. */
export interface TextColumn {
  readonly kind: "text";
  readonly type: "text";
  readonly values: ReadonlyArray<string | null>;
}

export type Column = NumericColumn | BooleanColumn | CodedColumn | MultiColumn | TextColumn;

/** What the engine knows about a field key once Jira's metadata is resolved. */
export interface FieldSpec {
  readonly key: string;
  readonly name: string;
  readonly type: FieldType;
  readonly entryKind: EntryKind;
  /**
   * Where the value lives on an issue: `fields[key]`, `issue.key`, `issue.id`, a formula, or the
   * issue's changelog (a `history_*` field, derived by `history/historyColumns.ts`).
   */
  readonly source: "fields" | "issue_key" | "issue_id" | "formula" | "history";
  /** True when Jira's metadata did not describe the field (it is read as text). */
  readonly unknown: boolean;
}

export function isEmptyAt(column: Column, row: number): boolean {
  switch (column.kind) {
    case "numeric":
      return Number.isNaN(column.values[row]);
    case "boolean":
      return column.values[row] === -1;
    case "coded":
      return column.codes[row] === -1;
    case "multi":
      return column.offsets[row] === column.offsets[row + 1];
    case "text": {
      const v = column.values[row];
      return v === null || v === undefined || v === "";
    }
  }
}
