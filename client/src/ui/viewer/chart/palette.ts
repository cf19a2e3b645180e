/**
 * The chart series colours: Okabe-Ito's colour-blind-safe set without its yellow and black, with
 * its orange and sky blue darkened (and two more dark hues for charts with many series), so that
 * every mark keeps the 3:1 contrast WCAG 1.4.11 asks of graphics against the chart background.
 * test/ui/chartPalette.test.ts computes the contrast of each.
 */

/** The chart's background (the app's surface token's light fallback). */
export const CHART_BACKGROUND = "#ffffff";

export const CHART_PALETTE: readonly string[] = [
  "#0072B2", // blue
  "#B27B00", // orange, darkened from #E69F00 (2.25:1 on white)
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#3A8FC7", // sky blue, darkened from #56B4E9 (2.31:1 on white)
  "#D55E00", // vermillion
  "#6B5B95", // violet
  "#5E6C84", // slate
];

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
