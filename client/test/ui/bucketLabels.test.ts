import { describe, expect, it } from "vitest";
import { createReportEngine, type DateBucketUnit, flattenReport, type GroupNode, type ReportResult } from "../../src/engine/index";
import type { GroupRule } from "../../src/engine/model";
import { dateBucketOf, formatDateBucket, groupLabel } from "../../src/ui/common/bucketLabels";
import { findMatches } from "../../src/ui/viewer/tableSearch";
import { definition, FIELDS, ISSUES, NOW } from "../engine/fixtures";

describe("formatDateBucket", () => {
  it.each<[DateBucketUnit, string, string, string]>([
    ["day", "2026-03-04", "Mar 4, 2026", "4. März 2026"],
    ["week", "2026-03-02", "Week of Mar 2, 2026", "Week of 2. März 2026"],
    ["month", "2026-03-01", "Mar 2026", "März 2026"],
    ["quarter", "2026-01-01", "Q1 2026", "Q1 2026"],
    ["quarter", "2026-10-01", "Q4 2026", "Q4 2026"],
    ["year", "2026-01-01", "2026", "2026"],
  ])("%s starting %s: en-US %j, de-DE %j", (unit, start, english, german) => {
    expect(formatDateBucket(unit, start, "en-US")).toBe(english);
    expect(formatDateBucket(unit, start, "de-DE")).toBe(german);
  });

  it("names a week across a year end by its Monday, in the year it starts", () => {
    // ISO 2026-W01 starts on Monday Dec 29, 2025; 2026-W53 on Dec 28, 2026.
    expect(formatDateBucket("week", "2025-12-29", "en-US")).toBe("Week of Dec 29, 2025");
    expect(formatDateBucket("week", "2026-12-28", "de-DE")).toBe("Week of 28. Dez. 2026");
  });

  it("is null for a key that is not a date", () => {
    expect(formatDateBucket("day", "2026-W10", "en-US")).toBeNull();
  });

  it("falls back to the browser's locale for a locale Intl cannot read", () => {
    expect(formatDateBucket("year", "2026-01-01", "not a locale!")).toMatch(/2026/);
  });
});

function compute(rules: GroupRule[], timeZone: string, locale: string): ReportResult {
  const engine = createReportEngine({
    definition: definition({ grouping_rules: rules, columns: [{ field: "summary" }] }),
    fields: FIELDS,
    now: () => NOW,
    timeZone,
    locale,
  });
  engine.addIssues(ISSUES);
  return engine.compute();
}

const createdBy = (unit: DateBucketUnit): GroupRule[] => [{ field: "created", bucket: { kind: "date", unit } }];
const topGroups = (result: ReportResult): readonly GroupNode[] => result.root.children ?? [];

describe("groupLabel", () => {
  it.each<DateBucketUnit>(["day", "week", "month", "quarter", "year"])("tells the %s bucket from the engine's ISO label", (unit) => {
    const result = compute(createdBy(unit), "Europe/Berlin", "en-US");
    for (const group of topGroups(result)) expect(dateBucketOf(result, group)).toBe(unit);
  });

  it("keeps the engine's ISO key and label, and shows the locale's", () => {
    const result = compute(createdBy("month"), "Europe/Berlin", "de-DE");
    const march = topGroups(result).find((g) => g.key === "2024-03-01")!;
    expect(march.label).toBe("2024-03");
    expect(groupLabel(result, march)).toBe("März 2024");
  });

  // EX-6 was created at 23:30 UTC on Dec 31, 2024: already 2025 in Berlin, still 2024 in Los Angeles.
  it.each([
    ["Europe/Berlin", "day", "Jan 1, 2025"],
    ["Europe/Berlin", "year", "2025"],
    ["America/Los_Angeles", "day", "Dec 31, 2024"],
    ["America/Los_Angeles", "month", "Dec 2024"],
  ] as const)("in %s the New Year's Eve issue is in the %s %j", (zone, unit, label) => {
    const result = compute(createdBy(unit), zone, "en-US");
    const labels = topGroups(result).map((g) => groupLabel(result, g));
    expect(labels).toContain(label);
    const ex6 = topGroups(result).find((g) => groupLabel(result, g) === label)!;
    const keys = Array.from(result.rows.subarray(ex6.rowStart, ex6.rowEnd), (row) => result.data.table.issueKey(row));
    expect(keys).toContain("EX-6");
  });

  it("leaves other groups as the engine names them", () => {
    const result = compute([{ field: "status" }, { field: "customfield_10016", bucket: { kind: "number", size: 5 } }], "UTC", "de-DE");
    for (const group of topGroups(result)) {
      expect(dateBucketOf(result, group)).toBeNull();
      expect(groupLabel(result, group)).toBe(group.isEmptyGroup ? "(none)" : group.label);
      for (const child of group.children ?? []) expect(groupLabel(result, child)).toBe(child.isEmptyGroup ? "(none)" : child.label);
    }
    expect(groupLabel(result, result.root)).toBe("Total");
  });

  it("names the (none) group of a date field (none)", () => {
    const result = compute([{ field: "duedate", bucket: { kind: "date", unit: "month" } }], "UTC", "en-US");
    const none = topGroups(result).find((g) => g.isEmptyGroup);
    expect(none && groupLabel(result, none)).toBe("(none)");
  });

  it("is what search within the report finds, in the user's words", () => {
    const result = compute(createdBy("month"), "Europe/Berlin", "en-US");
    const rows = flattenReport(result);
    const found = findMatches(result, rows, "mar 2024").map((i) => rows[i]!);
    expect(found.map((row) => (row.kind === "group" ? groupLabel(result, row.group) : row.kind))).toEqual(["Mar 2024"]);
  });
});
