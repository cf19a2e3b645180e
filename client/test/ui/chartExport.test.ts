import { describe, expect, it } from "vitest";
import { exportFilename } from "../../src/export/download";
import { svgDataUrl } from "../../src/ui/viewer/chart/chartExport";

describe("chart exports", () => {
  it.each([
    ["Sprint: review - By status", "png", "Sprint review - By status.png"],
    ["a/b - Chart", "svg", "a b - Chart.svg"],
    ["", "png", "report.png"],
  ] as const)("names %j's %s like the table's exports", (name, extension, expected) => {
    expect(exportFilename(name, extension)).toBe(expected);
  });

  it("wraps the SVG in a data: URL (both hosts allow data: images; Connect no blob: ones)", () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><text>Ada & "Bug" #1</text></svg>');
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toContain('<text>Ada & "Bug" #1</text>');
    expect(url).not.toContain("#");
  });
});
