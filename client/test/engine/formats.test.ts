import { describe, expect, it } from "vitest";
import type { FieldType } from "../../src/engine/columns/types";
import { formatValue, jiraDuration, resolveFormat, type CellValue } from "../../src/engine/formats/formatFns";
import type { Format } from "../../src/engine/model";
import { createTimeZone } from "../../src/engine/time/timeZone";
import { formatTimestamp, userLocale } from "../../src/ui/common/dates";

const context = { timeZone: createTimeZone("Europe/Berlin"), locale: "en-US" };
const fmt = (value: CellValue, type: FieldType, format: Format) => formatValue(value, type, format, context);
const H = 3600;

describe("formats", () => {
  it.each<[CellValue, FieldType, Format, string, unknown]>([
    // Without decimals a number keeps up to 2 and drops trailing zeros: 0.5 points is not 1.
    [1234567.891, "number", { type: "number" }, "1,234,567.89", 1234567.891],
    [0.5, "number", { type: "number" }, "0.5", 0.5],
    [2.5, "number", { type: "number", decimals: null }, "2.5", 2.5],
    [3, "number", { type: "number" }, "3", 3],
    [0.125, "number", { type: "number" }, "0.13", 0.125],
    [-0.004, "number", { type: "number" }, "0", -0.004],
    [5400, "duration", { type: "number" }, "1.5", 1.5],
    // A format's decimals are kept exactly, trailing zeros included.
    [0.5, "number", { type: "number", decimals: 0 }, "1", 0.5],
    [3, "number", { type: "number", decimals: 2 }, "3.00", 3],
    [0.5, "number", { type: "number", decimals: 9 }, "0.5", 0.5],
    [1234567.891, "number", { type: "number", decimals: 2 }, "1,234,567.89", 1234567.891],
    [1234567.891, "number", { type: "number", decimals: 1, thousands_separator: false }, "1234567.9", 1234567.891],
    [-0.5, "number", { type: "number", decimals: 1 }, "-0.5", -0.5],
    [7200, "duration", { type: "number", decimals: 1 }, "2.0", 2],
    [0.256, "number", { type: "percent" }, "25.6%", 0.256],
    [1.5, "number", { type: "percent", decimals: 0 }, "150%", 1.5],
    [5400, "duration", { type: "duration" }, "1.5h", 1.5],
    [5400, "duration", { type: "duration", duration_style: "hours", decimals: 2 }, "1.50h", 1.5],
    [12 * H, "duration", { type: "duration", duration_style: "days" }, "1.5d", 1.5],
    [(5 * 8 + 2 * 8 + 3) * H + 30 * 60, "duration", { type: "duration", duration_style: "jira" }, "1w 2d 3h 30m", 59.5],
    [0, "duration", { type: "duration", duration_style: "jira" }, "0m", 0],
    // Without a date_style dates follow the locale (medium); ISO is a choice.
    [Date.UTC(2024, 5, 1), "date", { type: "date" }, "Jun 1, 2024", "2024-06-01"],
    [Date.UTC(2024, 5, 1), "date", { type: "date", date_style: "iso" }, "2024-06-01", "2024-06-01"],
    [Date.UTC(2024, 5, 1), "date", { type: "date", date_style: "short" }, "6/1/24", "2024-06-01"],
    [Date.UTC(2024, 5, 1), "date", { type: "date", date_style: "medium" }, "Jun 1, 2024", "2024-06-01"],
    [Date.UTC(2024, 5, 1), "date", { type: "date", date_style: "long" }, "June 1, 2024", "2024-06-01"],
    [Date.UTC(2024, 11, 31, 23, 30), "datetime", { type: "datetime" }, "Jan 1, 2025, 12:30 AM", "2025-01-01T00:30:00+01:00"],
    [Date.UTC(2024, 11, 31, 23, 30), "datetime", { type: "datetime", date_style: "iso" }, "2025-01-01 00:30", "2025-01-01T00:30:00+01:00"],
    [Date.UTC(2024, 5, 1, 12, 0), "datetime", { type: "datetime", date_style: "iso" }, "2024-06-01 14:00", "2024-06-01T14:00:00+02:00"],
    [Date.UTC(2024, 11, 31, 23, 30), "datetime", { type: "date" }, "Jan 1, 2025", "2025-01-01"],
    [Date.UTC(2024, 11, 31, 23, 30), "datetime", { type: "date", date_style: "iso" }, "2025-01-01", "2025-01-01"],
    [Date.UTC(2024, 5, 1), "date", { type: "datetime" }, "Jun 1, 2024", "2024-06-01"],
    [Date.UTC(2024, 5, 1), "date", { type: "text" }, "Jun 1, 2024", "2024-06-01"],
    ["Alice Adams", "user", { type: "user" }, "Alice Adams", "Alice Adams"],
    ["Done", "option", { type: "option" }, "Done", "Done"],
    [["a", "b"], "multi", { type: "option" }, "a, b", "a, b"],
    [true, "boolean", { type: "option" }, "Yes", true],
    ["<b>x</b>", "text", { type: "text" }, "<b>x</b>", "<b>x</b>"],
    [null, "number", { type: "number" }, "", null],
    [NaN, "duration", { type: "duration" }, "", null],
    [[], "multi", { type: "option" }, "", null],
  ])("%j as %s with %j → %j", (value, type, format, display, raw) => {
    expect(fmt(value, type, format)).toEqual({ display, raw });
  });

  it.each([
    ["de-DE", "01.06.2024"],
    ["en-GB", "1 Jun 2024"],
  ])("the default date style follows the locale %s", (locale, display) => {
    const localized = formatValue(Date.UTC(2024, 5, 1), "date", { type: "date" }, { ...context, locale });
    expect(localized.display).toBe(display);
  });

  it.each([
    ["en_GB", "1 Jun 2024"],
    ["not a locale!", "Jun 1, 2024"],
    ["", "Jun 1, 2024"],
  ])("reads Jira's and unknown locales (%j) without failing", (locale, display) => {
    expect(formatValue(Date.UTC(2024, 5, 1), "date", { type: "date" }, { ...context, locale }).display).toBe(display);
  });

  it.each([
    ["de-DE", "0,5"],
    ["en-US", "0.5"],
  ])("default decimals use the locale %s's separator", (locale, display) => {
    expect(formatValue(0.5, "number", { type: "number" }, { ...context, locale }).display).toBe(display);
  });

  it("datetime styles use the report's zone", () => {
    expect(fmt(Date.UTC(2024, 5, 1, 12, 0), "datetime", { type: "datetime", date_style: "medium" }).display).toBe("Jun 1, 2024, 2:00 PM");
  });

  it.each([
    [60, "1m"],
    [3600, "1h"],
    [8 * 3600, "1d"],
    [40 * 3600, "1w"],
    [-90 * 60, "-1h 30m"],
  ])("Jira duration of %i s is %s", (seconds, text) => expect(jiraDuration(seconds)).toBe(text));

  it.each<[FieldType, Format | null, string, boolean]>([
    ["number", null, "number", false],
    ["duration", null, "duration", false],
    ["multi", null, "option", false],
    ["text", { type: "percent" }, "text", true],
    ["date", { type: "datetime" }, "datetime", false],
    ["user", { type: "duration" }, "user", true],
  ])("a %s column with %j formats as %s", (type, format, expected, fellBack) => {
    const resolved = resolveFormat(type, format);
    expect(resolved.format.type).toBe(expected);
    expect(resolved.fellBack).toBe(fellBack);
  });
});

describe("one date format in the list and the viewer", () => {
  it.each([
    ["2024-06-01T12:00:00Z", "Europe/Berlin", "en-US"],
    ["2024-12-31T23:30:00Z", "America/New_York", "de-DE"],
    ["2025-03-30T01:15:00Z", "Europe/London", "en_GB"],
  ])("%s in %s, %s: the list's timestamp reads as the viewer's date-time", (iso, zone, locale) => {
    const viewer = formatValue(Date.parse(iso), "datetime", { type: "datetime" }, { timeZone: createTimeZone(zone), locale });
    expect(formatTimestamp(iso, zone, locale)).toBe(viewer.display);
  });

  it.each([
    ["en_US", "en-US"],
    ["de-DE", "de-DE"],
    [undefined, undefined],
    ["", undefined],
    ["not a locale!", undefined],
  ])("the host's locale %j is used as %j (undefined: the browser's)", (host, expected) => {
    expect(userLocale(host)).toBe(expected);
  });
});
