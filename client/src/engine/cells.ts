/** Reading one cell of a typed column as a plain value or as dictionary entries (for lozenges and avatars). */

import type { DictionaryEntry } from "./columns/dictionary";
import type { Column } from "./columns/types";
import type { CellValue } from "./formats/formatFns";

export function cellValue(column: Column | undefined, row: number): CellValue {
  if (!column) return null;
  switch (column.kind) {
    case "numeric": {
      const v = column.values[row];
      return v === undefined || v !== v ? null : v;
    }
    case "boolean": {
      const v = column.values[row];
      return v === undefined || v < 0 ? null : v === 1;
    }
    case "coded": {
      const c = column.codes[row];
      return c === undefined || c < 0 ? null : column.dictionary.label(c);
    }
    case "multi": {
      const start = column.offsets[row];
      const end = column.offsets[row + 1];
      if (start === undefined || end === undefined) return null;
      const labels: string[] = [];
      for (let i = start; i < end; i++) labels.push(column.dictionary.label(column.codes[i]!));
      return labels;
    }
    case "text": {
      const v = column.values[row];
      return v === undefined || v === "" ? null : v;
    }
  }
}

export function cellEntries(column: Column | undefined, row: number): readonly DictionaryEntry[] {
  if (!column) return [];
  if (column.kind === "coded") {
    const entry = column.dictionary.entry(column.codes[row] ?? -1);
    return entry ? [entry] : [];
  }
  if (column.kind === "multi") {
    const out: DictionaryEntry[] = [];
    const start = column.offsets[row] ?? 0;
    const end = column.offsets[row + 1] ?? start;
    for (let i = start; i < end; i++) out.push(column.dictionary.entry(column.codes[i]!)!);
    return out;
  }
  return [];
}
