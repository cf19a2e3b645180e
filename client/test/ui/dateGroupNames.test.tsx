// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createReportEngine, type ReportResult } from "../../src/engine/index";
import { ReportSummaryTable } from "../../src/ui/gadget/ReportSummaryTable";
import { PrintTable } from "../../src/ui/viewer/PrintTable";
import { definition, FIELDS, ISSUES, NOW } from "../engine/fixtures";

afterEach(() => cleanup());

/** The fixture issues by Created month, for a German-speaking user in Berlin. */
function byMonth(): ReportResult {
  const engine = createReportEngine({
    definition: definition({
      columns: [{ field: "summary" }, { field: "customfield_10016", aggregation: "sum" }],
      grouping_rules: [{ field: "created", bucket: { kind: "date", unit: "month" } }],
    }),
    fields: FIELDS,
    now: () => NOW,
    timeZone: "Europe/Berlin",
    locale: "de-DE",
  });
  engine.addIssues(ISSUES);
  return engine.compute();
}

describe("date group names outside the table", () => {
  it("the gadget names its top groups in the user's locale", () => {
    render(<ReportSummaryTable result={byMonth()} topGroups={3} />);
    expect(screen.getAllByTestId("gadget-group").map((row) => row.querySelector("th")?.textContent)).toEqual([
      "Jan. 2024",
      "Feb. 2024",
      "März 2024",
    ]);
  });

  it("print names the groups in the user's locale", () => {
    render(<PrintTable result={byMonth()} title="By month" />);
    // Each group row reads "name (issue count)".
    const names = Array.from(document.querySelectorAll(".rb-print-group th"), (th) => th.textContent?.replace(/ \(\d+\)$/, ""));
    expect(names.slice(0, 3)).toEqual(["Jan. 2024", "Feb. 2024", "März 2024"]);
    expect(document.querySelector(".rb-print-total th")?.textContent).toMatch(/^Total \(/);
  });
});
