import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addMonthsToDay, civilFromDays, daysFromCivil, isoWeek, isoWeekday } from "../../src/engine/time/civil";
import { parseIsoDay, parseJiraDateTime } from "../../src/engine/time/parse";
import { createTimeZone } from "../../src/engine/time/timeZone";

describe("civil calendar", () => {
  it.each([
    [1970, 1, 1, 0],
    [2000, 2, 29, 11016],
    [2024, 12, 31, 20088],
    [1969, 12, 31, -1],
  ])("%i-%i-%i is day %i", (y, m, d, day) => {
    expect(daysFromCivil(y, m, d)).toBe(day);
    expect(civilFromDays(day)).toEqual({ year: y, month: m, day: d });
  });

  it("round-trips every day in ±3000 years", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_500_000, max: 1_500_000 }), (day) => {
        const c = civilFromDays(day);
        return daysFromCivil(c.year, c.month, c.day) === day;
      }),
    );
  });

  it.each([
    ["2024-12-30", 2025, 1],
    ["2025-01-01", 2025, 1],
    ["2026-12-31", 2026, 53],
    ["2027-01-03", 2026, 53],
    ["2021-01-03", 2020, 53],
    ["2024-06-27", 2024, 26],
  ])("ISO week of %s is %i-W%i", (iso, year, week) => {
    expect(isoWeek(parseIsoDay(iso))).toEqual({ year, week });
  });

  it("weekday: 2024-06-27 is a Thursday", () => expect(isoWeekday(parseIsoDay("2024-06-27"))).toBe(4));

  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-12-15", 1, "2025-01-15"],
    ["2024-01-15", -13, "2022-12-15"],
  ])("%s plus %i months is %s", (from, months, to) => {
    expect(addMonthsToDay(parseIsoDay(from), months)).toBe(parseIsoDay(to));
  });
});

describe("parsing Jira dates", () => {
  it.each([
    ["2023-06-24T19:24:50.000+0000", Date.UTC(2023, 5, 24, 19, 24, 50)],
    ["2023-06-24T19:24:50.123+0200", Date.UTC(2023, 5, 24, 17, 24, 50, 123)],
    ["2023-06-24T19:24:50.5-05:30", Date.UTC(2023, 5, 25, 0, 54, 50, 500)],
    ["2023-06-24T19:24:50Z", Date.UTC(2023, 5, 24, 19, 24, 50)],
    ["2023-06-24T19:24", Date.UTC(2023, 5, 24, 19, 24)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ])("%s", (s, ms) => expect(parseJiraDateTime(s)).toBe(ms));

  it.each(["", "yesterday", "2024-02-30", "2023-13-01", "2023-06-24T19:24:50.000+00", "2023-06-24X19:24", "null", "2023-06-24T25:00"])(
    "rejects %j",
    (s) => expect(parseJiraDateTime(s)).toBeNaN(),
  );
});

describe("time zones", () => {
  const berlin = createTimeZone("Europe/Berlin");

  it.each([
    ["2024-01-15T12:00:00Z", 1],
    ["2024-03-31T00:59:59Z", 1],
    ["2024-03-31T01:00:00Z", 2],
    ["2024-10-27T00:59:59Z", 2],
    ["2024-10-27T01:00:00Z", 1],
  ])("Berlin offset at %s is +%ih", (iso, hours) => {
    expect(berlin.offsetAt(Date.parse(iso))).toBe(hours * 3_600_000);
  });

  it("local day crosses the year boundary", () => {
    expect(civilFromDays(berlin.localDay(Date.parse("2024-12-31T23:30:00Z")))).toEqual({ year: 2025, month: 1, day: 1 });
  });

  it("start of day is local midnight, also on DST days", () => {
    expect(berlin.startOfDay(parseIsoDay("2024-03-31"))).toBe(Date.parse("2024-03-30T23:00:00Z"));
    expect(berlin.startOfDay(parseIsoDay("2024-04-01"))).toBe(Date.parse("2024-03-31T22:00:00Z"));
    expect(berlin.startOfDay(parseIsoDay("2024-10-27"))).toBe(Date.parse("2024-10-26T22:00:00Z"));
  });

  it("start of day in a zone whose DST gap skips midnight is the first existing instant", () => {
    // Santiago: 2024-09-08 00:00 does not exist (clocks jump to 01:00, UTC−3).
    const santiago = createTimeZone("America/Santiago");
    expect(santiago.startOfDay(parseIsoDay("2024-09-08"))).toBe(Date.parse("2024-09-08T04:00:00Z"));
  });

  it("agrees with Intl for random instants", () => {
    const ny = createTimeZone("America/New_York");
    const dtf = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }), (t) => {
        const c = civilFromDays(ny.localDay(t));
        const iso = `${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
        return iso === dtf.format(t);
      }),
    );
  });

  it("UTC is a fast path", () => expect(createTimeZone("UTC").offsetAt(123)).toBe(0));
  it("rejects unknown zones", () => expect(() => createTimeZone("Mars/Olympus")).toThrow(RangeError));
});
