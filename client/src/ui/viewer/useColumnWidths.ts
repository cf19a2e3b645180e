/**
 * Column widths for this view: the user drags or keys a column to a new width, and a report
 * administrator can keep the widths in the definition ("Save column widths"). Viewers who can't
 * edit still resize; their widths last as long as the screen.
 */

import { useCallback, useEffect, useState } from "react";
import type { ReportPublic } from "../../api/resources.gen";
import { asApiError, errorMessage } from "../common/errors";
import { draftFromReport } from "../editor/draft";
import { useServices } from "../services";
import { clampWidth, type WidthOverrides } from "./columns";

export type WidthsSaveState =
  | { readonly status: "idle" }
  | { readonly status: "saving" }
  | { readonly status: "saved" }
  | { readonly status: "failed"; readonly message: string };

export interface ColumnWidths {
  readonly overrides: WidthOverrides;
  setWidth(columnIndex: number, width: number): void;
  /** True when the user can store the widths and has changed one since the last save. */
  readonly canSave: boolean;
  save(): Promise<void>;
  readonly saveState: WidthsSaveState;
}

/** The report's definition with `overrides` as its stored column widths. */
export function withColumnWidths(report: ReportPublic, overrides: WidthOverrides) {
  const draft = draftFromReport(report);
  return {
    ...draft,
    columns: draft.columns.map((column, index) => {
      const width = overrides.get(index);
      return width === undefined ? column : { ...column, width };
    }),
  };
}

export function useColumnWidths(report: ReportPublic | null): ColumnWidths {
  const { api } = useServices();
  const [overrides, setOverrides] = useState<WidthOverrides>(new Map());
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<WidthsSaveState>({ status: "idle" });
  // The definition as last stored: a second save must start from the version the first produced.
  const [stored, setStored] = useState<ReportPublic | null>(report);
  useEffect(() => setStored(report), [report]);

  const setWidth = useCallback((columnIndex: number, width: number) => {
    setOverrides((current) => new Map(current).set(columnIndex, clampWidth(width)));
    setDirty(true);
    setSaveState({ status: "idle" });
  }, []);

  const save = useCallback(async () => {
    if (!stored) return;
    setSaveState({ status: "saving" });
    try {
      const saved = await api.updateReport(stored.id, withColumnWidths(stored, overrides), stored.version);
      setStored(saved);
      setDirty(false);
      setSaveState({ status: "saved" });
    } catch (error) {
      const apiError = asApiError(error);
      const conflict = apiError && (apiError.status === 409 || apiError.status === 412);
      setSaveState({
        status: "failed",
        message: conflict
          ? "Someone changed this report since you opened it. Refresh the page, then save the widths again."
          : errorMessage(error),
      });
    }
  }, [api, stored, overrides]);

  return { overrides, setWidth, canSave: dirty && stored?.permissions.can_edit === true, save, saveState };
}
