import { describe, expect, it } from "vitest";
import { CHART_BACKGROUND, CHART_PALETTE, contrastRatio } from "../../src/ui/viewer/chart/palette";

describe("the chart palette", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    // Okabe-Ito's orange and sky blue as published: too light for marks on white.
    expect(contrastRatio("#E69F00", "#ffffff")).toBeLessThan(3);
    expect(contrastRatio("#56B4E9", "#ffffff")).toBeLessThan(3);
  });

  it.each(CHART_PALETTE.map((colour, index) => [index, colour]))(
    "colour %i (%s) has at least 3:1 against the chart background",
    (_, colour) => {
      expect(contrastRatio(colour as string, CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
    },
  );

  it("has distinct colours, enough for six series before repeating", () => {
    expect(new Set(CHART_PALETTE.map((c) => c.toLowerCase())).size).toBe(CHART_PALETTE.length);
    expect(CHART_PALETTE.length).toBeGreaterThanOrEqual(6);
  });
});
