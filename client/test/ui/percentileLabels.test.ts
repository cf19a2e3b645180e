/** Issue 14: the p50, p85 and p95 aggregations have plain names wherever aggregations are named. */

import { describe, expect, it } from "vitest";
import { AGGREGATION_LABELS, measureLabel } from "../../src/ui/common/measureNames";
import { aggregationsFor } from "../../src/ui/editor/fieldChoices";
import { aggregateLabel, aggregateName } from "../../src/ui/viewer/columns";
import { buildResult, makeIssues, report } from "./fixtures";

const POINTS = 4; // column index of customfield_10016 in the fixture report

describe("percentile aggregations", () => {
  it.each([
    ["p50", "50th percentile", "p50"],
    ["p85", "85th percentile", "p85"],
    ["p95", "95th percentile", "p95"],
  ] as const)("names %s “%s” in pickers and measures, and tags it %s in the table header", (aggregation, label, tag) => {
    expect(AGGREGATION_LABELS[aggregation]).toBe(label);
    expect(measureLabel(aggregation, "Cycle time")).toBe(`${label} of Cycle time`);
    const column = { ...buildResult(report(), makeIssues(3)).columns[POINTS]!, aggregation, hasRollup: false };
    expect(aggregateLabel(column)).toBe(tag);
    expect(aggregateName(column)).toBe(label);
  });

  it.each(["duration", "number"] as const)("offers them for %s fields, after the median", (type) => {
    const offered = aggregationsFor(type);
    expect(offered.slice(offered.indexOf("median"), offered.indexOf("median") + 4)).toEqual(["median", "p50", "p85", "p95"]);
  });

  it.each(["text", "date", "datetime", "user"] as const)("does not offer them for %s fields", (type) => {
    expect(aggregationsFor(type).filter((a) => a.startsWith("p"))).toEqual([]);
  });
});
