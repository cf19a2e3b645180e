/**
 * The conditional formats of the report on screen, handed down through context so the table
 * rows (memoized, and knowing only the engine's result) can tint their cells; and the words a
 * tinted cell carries for screen readers.
 */

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { View } from "../../engine/model.gen";
import { type CellToneMark, type TableFormats, tableFormats } from "./conditionalFormat";

const TableFormatsContext = createContext<TableFormats>([]);

export function TableFormatsProvider({ views, children }: { views: readonly View[] | null | undefined; children: ReactNode }) {
  const formats = useMemo(() => tableFormats(views), [views]);
  return <TableFormatsContext.Provider value={formats}>{children}</TableFormatsContext.Provider>;
}

export function useTableFormats(): TableFormats {
  return useContext(TableFormatsContext);
}

/** The threshold a tinted cell met, read after its value: "13 (at least 8)". */
export function ToneDescription({ mark }: { mark: CellToneMark | null }) {
  return mark ? <span className="rb-visually-hidden"> ({mark.description})</span> : null;
}
