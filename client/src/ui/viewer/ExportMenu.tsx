/**
 * The viewer's export control: an "Export" menu button offering what the view on screen exports
 * to. The table and a pivot export to CSV and XLSX, each with the values as shown on screen (units
 * in the headers) or raw (numbers, seconds, ISO dates); a chart to PNG and SVG. The exporters
 * load on first use, not with the viewer.
 */

import { useState } from "react";
import { flattenReport, type PivotView, type ReportResult, type View } from "../../engine/index";
import type { ExportMode } from "../../export/table";
import { errorMessage } from "../common/errors";
import { MenuButton, type MenuItem } from "../common/MenuButton";
import { useServices } from "../services";
import { useChartExportItems } from "./chart/chartExportItems";

interface ExportChoice {
  readonly kind: "csv" | "xlsx";
  readonly mode: ExportMode;
  readonly label: string;
}

/** The table's exports (also a narrowed table's, whichever view it was drilled down from). */
export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { kind: "csv", mode: "shown", label: "CSV, values as shown" },
  { kind: "csv", mode: "raw", label: "CSV, raw values (numbers, seconds, ISO dates)" },
  { kind: "xlsx", mode: "shown", label: "Excel (XLSX), values as shown" },
  { kind: "xlsx", mode: "raw", label: "Excel (XLSX), raw values (numbers, seconds, dates)" },
];

export interface ExportMenuProps {
  readonly result: ReportResult | null;
  /** The view on screen; null while the table is narrowed to a group (it exports as a table). */
  readonly view: View | null;
  readonly reportName: string | null;
  readonly disabled: boolean;
  /** Called with the reason an export failed, and with null when a new one starts. */
  readonly onError: (message: string | null) => void;
}

export function ExportMenu({ result, view, reportName, disabled, onError }: ExportMenuProps) {
  const services = useServices();
  const [exporting, setExporting] = useState(false);
  const chartItems = useChartExportItems({ view, reportName, disabled, onError });

  const exportAs = async (choice: ExportChoice) => {
    if (!result || !reportName) return;
    onError(null);
    setExporting(true);
    try {
      const exporters = await services.loadExporters();
      // Exports hold every row, whatever is collapsed on screen.
      const rows = flattenReport(result);
      const name = exporters.exportFilename(reportName, choice.kind);
      if (choice.kind === "csv") exporters.download(name, exporters.toCsv(result, rows, choice.mode), exporters.CSV_MIME);
      else exporters.download(name, exporters.toXlsx(result, rows, choice.mode), exporters.XLSX_MIME);
    } catch (error) {
      onError(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  // A pivot exports its grid (labels per row level, both column levels, totals), named after the view.
  const exportPivot = async (pivot: PivotView, choice: ExportChoice) => {
    if (!result || !reportName) return;
    onError(null);
    setExporting(true);
    try {
      const exporters = await services.loadExporters();
      const name = exporters.exportFilename(`${reportName} - ${pivot.name}`, choice.kind);
      if (choice.kind === "csv") exporters.download(name, exporters.toPivotCsv(result, pivot, choice.mode), exporters.CSV_MIME);
      else exporters.download(name, exporters.toPivotXlsx(result, pivot, choice.mode), exporters.XLSX_MIME);
    } catch (error) {
      onError(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const unavailable = disabled || exporting || !result || !reportName;
  // The table's choices (also a narrowed table's); a pivot's and a chart's follow.
  const choices = view === null || view.kind === "table" ? EXPORT_CHOICES : [];
  const items: MenuItem[] = choices.map((choice) => ({
    key: `${choice.kind}-${choice.mode}`,
    label: choice.label,
    onSelect: () => void exportAs(choice),
    disabled: unavailable,
    testId: `export-${choice.kind}-${choice.mode}`,
  }));
  const pivotView = view?.kind === "pivot" ? view : null;
  const pivotItems: MenuItem[] = pivotView
    ? EXPORT_CHOICES.map((choice) => ({
        key: `pivot-${choice.kind}-${choice.mode}`,
        label: choice.label,
        onSelect: () => void exportPivot(pivotView, choice),
        disabled: unavailable,
        testId: `export-pivot-${choice.kind}-${choice.mode}`,
      }))
    : [];
  return (
    <MenuButton label="Export" items={[...items, ...pivotItems, ...chartItems]} testId="export-menu">
      {exporting ? "Exporting…" : "Export"} <span aria-hidden="true">▾</span>
    </MenuButton>
  );
}
