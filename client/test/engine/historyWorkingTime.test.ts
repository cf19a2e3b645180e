/**
 * Working time (docs/engine.md#history-fields, "Working time"): weekends and hours, and windows across
 * the DST changes of Europe/Berlin and America/New_York, as worked out by hand.
 */

import { describe, expect, it } from "vitest";
import { createWorkingCalendar, firstMoment } from "../../src/engine/history/workingCalendar";
import { createTimeZone } from "../../src/engine/time/timeZone";
import { DONE, H, historyIssue, historyValues, IP, TODO } from "./historyFixtures";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const SUNDAY = [7];

/** Epoch seconds of a local wall time ("2026-03-29 02:30", seconds optional); the first when shown twice. */
function local(zone: string, wall: string): number {
  const [date, time = "00:00"] = wall.split(" ");
  const [h = "0", m = "0", s = "0"] = time!.split(":");
  const utcWall = Date.parse(`${date}T00:00:00Z`) + ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
  const tz = createTimeZone(zone);
  // The earliest instant whose wall time matches, among the offsets in force around it.
  const candidates = [tz.offsetAt(utcWall - 15 * H * 1000), tz.offsetAt(utcWall + 15 * H * 1000)]
    .map((offset) => utcWall - offset)
    .filter((instant) => tz.localMs(instant) === utcWall);
  // A skipped wall time (spring forward) reads with the offset before the jump, like Python's fold=0.
  return (candidates.length > 0 ? Math.min(...candidates) : utcWall - tz.offsetAt(utcWall - 15 * H * 1000)) / 1000;
}

// Berlin: CET→CEST Sun 29 Mar 2026 at 02:00, CEST→CET Sun 25 Oct 2026 at 03:00.
// New York: EST→EDT Sun 8 Mar 2026 at 02:00, EDT→EST Sun 1 Nov 2026 at 02:00.
const CASES: [string, string, number[], number, number, string, string, number][] = [
  ["berlin-over-a-weekend", BERLIN, WEEKDAYS, 9, 17, "2026-03-27 15:00", "2026-03-30 10:00", 3],
  ["berlin-spring-23-hour-day", BERLIN, EVERY_DAY, 0, 24, "2026-03-28", "2026-03-30", 47],
  ["berlin-autumn-25-hour-day", BERLIN, EVERY_DAY, 0, 24, "2026-10-24", "2026-10-26", 49],
  ["berlin-spring-three-days", BERLIN, EVERY_DAY, 0, 24, "2026-03-28", "2026-03-31", 71],
  ["berlin-autumn-three-days", BERLIN, EVERY_DAY, 0, 24, "2026-10-24", "2026-10-27", 73],
  ["berlin-spring-window-in-gap", BERLIN, EVERY_DAY, 2, 4, "2026-03-28", "2026-03-30", 3],
  ["berlin-autumn-window-in-fold", BERLIN, EVERY_DAY, 2, 4, "2026-10-24", "2026-10-26", 5],
  ["berlin-spring-9-17-unchanged", BERLIN, EVERY_DAY, 9, 17, "2026-03-29", "2026-03-30", 8],
  ["berlin-two-weeks-over-spring", BERLIN, WEEKDAYS, 9, 17, "2026-03-23", "2026-04-06", 80],
  ["berlin-two-weeks-over-autumn", BERLIN, WEEKDAYS, 9, 17, "2026-10-19", "2026-11-02", 80],
  ["berlin-elapsed-over-the-gap", BERLIN, EVERY_DAY, 0, 24, "2026-03-29 00:30", "2026-03-29 03:30", 2],
  ["starts-and-ends-outside-hours", BERLIN, WEEKDAYS, 9, 17, "2026-03-24 07:00", "2026-03-24 20:00", 8],
  ["overnight-outside-hours", BERLIN, WEEKDAYS, 9, 17, "2026-03-24 18:00", "2026-03-25 08:00", 0],
  ["inside-one-window", BERLIN, WEEKDAYS, 9, 17, "2026-03-25 10:30", "2026-03-25 11:15", 0.75],
  ["weekend-only", BERLIN, WEEKDAYS, 9, 17, "2026-03-28 10:00", "2026-03-29 16:00", 0],
  ["new-york-over-a-weekend", NEW_YORK, WEEKDAYS, 9, 17, "2026-03-06 16:00", "2026-03-09 10:00", 2],
  ["new-york-spring-23-hour-day", NEW_YORK, EVERY_DAY, 0, 24, "2026-03-07", "2026-03-09", 47],
  ["new-york-autumn-25-hour-day", NEW_YORK, EVERY_DAY, 0, 24, "2026-10-31", "2026-11-02", 49],
  ["new-york-spring-1-to-4", NEW_YORK, SUNDAY, 1, 4, "2026-03-08", "2026-03-09", 2],
  ["new-york-autumn-1-to-4", NEW_YORK, SUNDAY, 1, 4, "2026-11-01", "2026-11-02", 4],
  ["new-york-autumn-0-to-2", NEW_YORK, SUNDAY, 0, 2, "2026-11-01", "2026-11-02", 3],
  ["new-york-two-weeks-over-autumn", NEW_YORK, WEEKDAYS, 9, 17, "2026-10-26", "2026-11-09", 80],
  ["empty-interval", NEW_YORK, EVERY_DAY, 0, 24, "2026-11-01 05:00", "2026-11-01 05:00", 0],
  ["reversed-interval", NEW_YORK, EVERY_DAY, 0, 24, "2026-11-02 05:00", "2026-11-01 05:00", 0],
  ["a-year-of-weekdays", BERLIN, WEEKDAYS, 9, 17, "2026-01-05", "2027-01-04", 52 * 40],
];

describe("working seconds of an interval", () => {
  it.each(CASES)("%s", (_name, zone, weekdays, startHour, endHour, start, end, hours) => {
    const calendar = createWorkingCalendar({ weekdays, startHour, endHour }, createTimeZone(zone));
    expect(calendar.seconds(local(zone, start), local(zone, end))).toBe(hours * H);
  });

  it("adds up over split intervals, with cuts inside the gap and mid-window", () => {
    const calendar = createWorkingCalendar({ weekdays: WEEKDAYS, startHour: 9, endHour: 17 }, createTimeZone(BERLIN));
    const start = local(BERLIN, "2026-03-20 11:11");
    const end = local(BERLIN, "2026-04-03 16:59");
    const cuts = [start, local(BERLIN, "2026-03-29 02:30"), local(BERLIN, "2026-03-30 12:00:07"), end];
    const parts = cuts.slice(1).reduce((sum, cut, i) => sum + calendar.seconds(cuts[i]!, cut), 0);
    expect(parts).toBe(5 * H + 49 * 60 + 72 * H + 7 * H + 59 * 60);
    expect(calendar.seconds(start, end)).toBe(parts);
  });

  it("a calendar asked about an earlier time after a later one still answers exactly", () => {
    const calendar = createWorkingCalendar({ weekdays: EVERY_DAY, startHour: 0, endHour: 24 }, createTimeZone(BERLIN));
    expect(calendar.seconds(local(BERLIN, "2030-03-30"), local(BERLIN, "2030-04-01"))).toBe(47 * H);
    expect(calendar.seconds(local(BERLIN, "2020-03-28"), local(BERLIN, "2020-03-30"))).toBe(47 * H);
    expect(calendar.seconds(local(BERLIN, "2020-01-01"), local(BERLIN, "2030-01-01"))).toBe(3653 * 24 * H);
  });
});

describe("the moment the clock first reads an hour", () => {
  const cases: [string, string, string, number, string][] = [
    ["berlin-spring-skipped-02", BERLIN, "2026-03-29", 2, "2026-03-29T01:00:00Z"],
    ["berlin-spring-03", BERLIN, "2026-03-29", 3, "2026-03-29T01:00:00Z"],
    ["berlin-autumn-repeated-02-first", BERLIN, "2026-10-25", 2, "2026-10-25T00:00:00Z"],
    ["berlin-24-is-next-midnight", BERLIN, "2026-10-25", 24, "2026-10-25T23:00:00Z"],
    ["new-york-spring-skipped-02", NEW_YORK, "2026-03-08", 2, "2026-03-08T07:00:00Z"],
    ["new-york-autumn-repeated-01-first", NEW_YORK, "2026-11-01", 1, "2026-11-01T05:00:00Z"],
  ];
  it.each(cases)("%s", (_name, zone, day, hour, instant) => {
    expect(firstMoment(Date.parse(`${day}T00:00:00Z`) / 86_400_000, hour, createTimeZone(zone))).toBe(Date.parse(instant) / 1000);
  });
});

describe("history durations in working time", () => {
  // Mon 00:00 created; Mon 10:00 In Progress; Tue 06:00 Done; resolved Tue 07:00; now Fri 04:00.
  // Working days Mon-Thu have 8 hours each (9-17 UTC): 32 in all.
  const issue = historyIssue(
    DONE,
    [
      [10, TODO, IP],
      [30, IP, DONE],
    ],
    { resolved: 31 },
  );
  const working = { history: { working_time: { weekdays: WEEKDAYS, start_hour: 9, end_hour: 17, time_zone: "UTC" } } } as never;
  const cases: [string, string, number][] = [
    ["todo", `history_time_in_status_${TODO}`, 1],
    ["in progress", `history_time_in_status_${IP}`, 7],
    ["done", `history_time_in_status_${DONE}`, 24],
    ["category done", "history_time_in_category_done", 24],
    ["cycle", "history_cycle_time", 7],
    ["lead", "history_lead_time", 8],
    ["age", "history_status_age", 24],
  ];
  it.each(cases)("%s", (_name, field, hours) => {
    expect(historyValues([field], [issue], working)[0]).toEqual([hours * H]);
  });

  it("counts and dates are not working time", () => {
    const fields = ["history_transitions", `history_first_entered_${IP}`];
    expect(historyValues(fields, [issue], working)).toEqual(historyValues(fields, [issue]));
  });

  it("a calendar this browser cannot read falls back to calendar time, with a warning", async () => {
    const { runHistory } = await import("./historyFixtures");
    const bad = { history: { working_time: { weekdays: WEEKDAYS, start_hour: 9, end_hour: 17, time_zone: "Mars/Olympus" } } } as never;
    const result = runHistory({ ...(bad as object), columns: [{ field: "history_status_age" }] }, [issue]);
    expect(result.warnings.map((w) => w.code)).toEqual(["history"]);
    expect(historyValues(["history_status_age"], [issue], bad)[0]).toEqual([70 * H]);
  });
});
