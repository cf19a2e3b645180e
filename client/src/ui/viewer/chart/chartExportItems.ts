/**
 * The Export menu's chart choices: PNG and SVG of the chart on screen, named after the report and
 * the view (as a pivot's exports are) and downloaded the way the table's are. Offered while a chart view is shown;
 * disabled until its chart is drawn.
 */

import { useState } from "react";
import type { View } from "../../../engine/index";
import { errorMessage } from "../../common/errors";
import type { MenuItem } from "../../common/MenuButton";
import { useServices } from "../../services";
import { chartPng, PNG_MIME, SVG_MIME } from "./chartExport";
import { useChartOnScreen } from "./chartOnScreen";

export interface ChartExportInput {
  readonly view: View | null;
  readonly reportName: string | null;
  readonly disabled: boolean;
  readonly onError: (message: string | null) => void;
}

export function useChartExportItems({ view, reportName, disabled, onError }: ChartExportInput): MenuItem[] {
  const services = useServices();
  const chart = useChartOnScreen();
  const [busy, setBusy] = useState(false);
  if (view?.kind !== "chart") return [];
  const chartView = view;

  const exportAs = async (kind: "png" | "svg") => {
    if (!chart || !reportName) return;
    onError(null);
    setBusy(true);
    try {
      const exporters = await services.loadExporters();
      const name = exporters.exportFilename(`${reportName} - ${chartView.name}`, kind);
      if (kind === "svg") exporters.download(name, chart.svg(), SVG_MIME);
      else exporters.download(name, await chartPng(chart), PNG_MIME);
    } catch (error) {
      onError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const unavailable = disabled || busy || chart === null || !reportName;
  return [
    {
      key: "chart-png",
      label: "PNG image of the chart",
      onSelect: () => void exportAs("png"),
      disabled: unavailable,
      testId: "export-chart-png",
    },
    {
      key: "chart-svg",
      label: "SVG image of the chart",
      onSelect: () => void exportAs("svg"),
      disabled: unavailable,
      testId: "export-chart-svg",
    },
  ];
}
