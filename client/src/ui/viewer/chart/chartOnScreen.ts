/**
 * The chart on screen, for the viewer's Export menu: the chart panel registers its drawn chart
 * here and takes it away when it unmounts, so the menu can offer PNG and SVG of exactly what is
 * shown without the viewer holding the chart. Only one chart view shows at a time.
 */

import { useSyncExternalStore } from "react";

export interface ChartOnScreen {
  /** The chart as a standalone SVG document (ECharts' `renderToSVGString`). */
  svg(): string;
  /** The chart's size on screen, in CSS pixels. */
  size(): { readonly width: number; readonly height: number };
}

let current: ChartOnScreen | null = null;
const listeners = new Set<() => void>();

function set(next: ChartOnScreen | null): void {
  current = next;
  for (const listener of listeners) listener();
}

/** Registers the drawn chart; the returned function unregisters it (if still the current one). */
export function showChart(chart: ChartOnScreen): () => void {
  set(chart);
  return () => {
    if (current === chart) set(null);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useChartOnScreen(): ChartOnScreen | null {
  return useSyncExternalStore(subscribe, () => current);
}
