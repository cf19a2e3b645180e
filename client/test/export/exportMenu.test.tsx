// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ExportMode } from "../../src/export/table";
import { ExportMenu } from "../../src/ui/viewer/ExportMenu";
import { buildResult, makeIssues, report } from "../ui/fixtures";
import { makeServices, renderUi } from "../ui/helpers";

function renderMenu(onError: (message: string | null) => void = () => undefined) {
  const services = makeServices();
  const modes: [string, ExportMode][] = [];
  services.exports.toCsv = (_result, _rows, mode) => {
    modes.push(["csv", mode]);
    return "csv-data";
  };
  services.exports.toXlsx = (_result, _rows, mode) => {
    modes.push(["xlsx", mode]);
    return new Uint8Array([80, 75]);
  };
  const result = buildResult(report(), makeIssues(5));
  renderUi(<ExportMenu result={result} view={null} reportName="Open work" disabled={false} onError={onError} />, services);
  return { services, modes, button: screen.getByTestId("export-menu") };
}

describe("ExportMenu", () => {
  it.each([
    ["export-csv-shown", "csv", "shown", "Open work.csv"],
    ["export-csv-raw", "csv", "raw", "Open work.csv"],
    ["export-xlsx-shown", "xlsx", "shown", "Open work.xlsx"],
    ["export-xlsx-raw", "xlsx", "raw", "Open work.xlsx"],
  ])("%s exports %s with %s values", async (testId, kind, mode, filename) => {
    const { services, modes, button } = renderMenu();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(screen.getByTestId(testId));
    await waitFor(() => expect(services.exports.downloads).toHaveLength(1));
    expect(modes).toEqual([[kind, mode]]);
    expect(services.exports.downloads[0]!.filename).toBe(filename);
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("opens with ArrowDown on the first of four choices, and Escape returns focus", () => {
    const { button } = renderMenu();
    button.focus();
    fireEvent.keyDown(button, { key: "ArrowDown" });
    const items = screen.getAllByRole("menuitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "CSV, values as shown",
      "CSV, raw values (numbers, seconds, ISO dates)",
      "Excel (XLSX), values as shown",
      "Excel (XLSX), raw values (numbers, seconds, dates)",
    ]);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(screen.getByRole("menu", { name: "Export" }), { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("offers nothing to export before the report has a result", () => {
    renderUi(<ExportMenu result={null} view={null} reportName="Open work" disabled={false} onError={() => undefined} />, makeServices());
    fireEvent.click(screen.getByTestId("export-menu"));
    for (const item of screen.getAllByRole("menuitem")) expect(item.getAttribute("aria-disabled")).toBe("true");
  });

  it("closes on a click outside", () => {
    const { button } = renderMenu();
    fireEvent.click(button);
    expect(screen.getByRole("menu")).toBeTruthy();
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("reports a failed export", async () => {
    const errors: (string | null)[] = [];
    const { services } = renderMenu((message) => errors.push(message));
    services.exports.toCsv = () => {
      throw new Error("Out of memory");
    };
    fireEvent.click(screen.getByTestId("export-menu"));
    fireEvent.click(screen.getByTestId("export-csv-raw"));
    await waitFor(() => expect(errors).toEqual([null, "Out of memory"]));
  });
});
