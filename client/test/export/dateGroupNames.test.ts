import { describe, expect, it } from "vitest";
import { createReportEngine, flattenReport } from "../../src/engine/index";
import { exportTable, type ExportMode } from "../../src/export/table";
import { definition, FIELDS, ISSUES, NOW } from "../engine/fixtures";

function groupColumn(mode: ExportMode): string[] {
  const engine = createReportEngine({
    definition: definition({
      columns: [{ field: "summary" }],
      grouping_rules: [
        { field: "created", bucket: { kind: "date", unit: "quarter" } },
        { field: "created", bucket: { kind: "date", unit: "month" } },
      ],
    }),
    fields: FIELDS,
    now: () => NOW,
    timeZone: "Europe/Berlin",
    locale: "de-DE",
  });
  engine.addIssues(ISSUES);
  const result = engine.compute();
  const table = exportTable(result, flattenReport(result), mode);
  return table.rows.filter((r) => r.kind !== "issue").map((r) => (r.cells[0]?.kind === "text" ? r.cells[0].text : ""));
}

describe("date group names in exports", () => {
  it("writes them as shown: in the user's locale", () => {
    expect(groupColumn("shown").slice(0, 4)).toEqual(["Q1 2024", "› Jan. 2024", "› Feb. 2024", "› März 2024"]);
  });

  it("keeps the engine's ISO names in the raw mode", () => {
    expect(groupColumn("raw").slice(0, 4)).toEqual(["2024-Q1", "› 2024-01", "› 2024-02", "› 2024-03"]);
  });
});
