/**
 * Properties of history fields on random changelogs (docs/engine.md#history-fields): the times in all
 * statuses sum to now − created, in calendar time and in working time (working durations of the
 * stays add up to the working duration of the whole life), whatever order the histories come in.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../../src/engine/history/workingCalendar";
import type { JiraIssue } from "../../src/engine/jira";
import { createTimeZone } from "../../src/engine/time/timeZone";
import { DONE, H, historyIssue, historyValues, IP, NOW, REV, T0, TODO, UNKNOWN, type Change } from "./historyFixtures";

const IDS = [TODO, IP, REV, DONE, UNKNOWN];
const NOW_S = NOW.getTime() / 1000;

/** A random walk through the statuses: hours from T0 (some before created or after now, some equal). */
const walkArbitrary = fc
  .array(fc.tuple(fc.integer({ min: -20, max: 120 }), fc.constantFrom(...IDS)), { maxLength: 25 })
  .chain((steps) =>
    fc.record({
      changes: fc.constant(steps.sort((a, b) => a[0] - b[0])),
      first: fc.constantFrom(...IDS),
      shuffle: fc.boolean(),
    }),
  )
  .map(({ changes, first, shuffle }) => {
    let from = first;
    const walk: Change[] = changes.map(([hours, to]) => {
      const change: Change = [hours + 0.37, from, to];
      from = to;
      return change;
    });
    return historyIssue(from, walk, { shuffle });
  });

const CALENDARS = [
  { name: "calendar time", working: null },
  { name: "Berlin weekdays 9-17", working: { weekdays: [1, 2, 3, 4, 5], start_hour: 9, end_hour: 17, time_zone: "Europe/Berlin" } },
  {
    name: "New York every day 1-4",
    working: { weekdays: [1, 2, 3, 4, 5, 6, 7], start_hour: 1, end_hour: 4, time_zone: "America/New_York" },
  },
] as const;

describe("times in all statuses add up", () => {
  it.each(CALENDARS)("$name", ({ working }) => {
    const inStatus = IDS.map((id) => `history_time_in_status_${id}`);
    const whole = working
      ? createWorkingCalendar(
          { weekdays: working.weekdays, startHour: working.start_hour, endHour: working.end_hour },
          createTimeZone(working.time_zone),
        ).seconds(T0, NOW_S)
      : NOW_S - T0;
    fc.assert(
      fc.property(fc.array(walkArbitrary, { minLength: 1, maxLength: 8 }), (issues: JiraIssue[]) => {
        const rows = historyValues([...inStatus, "history_transitions"], issues, { history: { working_time: working } } as never);
        for (const row of rows) {
          const times = row.slice(0, IDS.length) as number[];
          expect(times.reduce((a, b) => a + b, 0)).toBe(whole);
          expect(times.every((t) => Number.isInteger(t) && t >= 0)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("categories sum to the time in known statuses; unknown statuses are in none", () => {
    const categories = ["new", "indeterminate", "done"].map((c) => `history_time_in_category_${c}`);
    fc.assert(
      fc.property(walkArbitrary, (issue) => {
        const [row] = historyValues([...categories, `history_time_in_status_${UNKNOWN}`], [issue]);
        const sum = (row!.slice(0, 3) as number[]).reduce((a, b) => a + b, 0);
        expect(sum + (row![3] as number)).toBe(NOW_S - T0);
      }),
      { numRuns: 100 },
    );
  });

  it("statuses sum the same with the site's categories missing (every status unknown)", () => {
    fc.assert(
      fc.property(walkArbitrary, (issue) => {
        const fields = IDS.map((id) => `history_time_in_status_${id}`);
        const [row] = historyValues(fields, [issue], {}, { statuses: [] });
        expect((row as number[]).reduce((a, b) => a + b, 0)).toBe(NOW_S - T0);
      }),
      { numRuns: 30 },
    );
  });
});

describe("working time of split intervals", () => {
  it("adds up to the whole, wherever the cuts fall (DST days included)", () => {
    const zones = ["Europe/Berlin", "America/New_York"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 23 }).chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: start + 1, max: 24 }))),
        fc.array(fc.integer({ min: Date.UTC(2026, 1, 20) / 1000, max: Date.UTC(2026, 11, 10) / 1000 }), { minLength: 2, maxLength: 12 }),
        (zone, weekdays, [startHour, endHour], cuts) => {
          const calendar = createWorkingCalendar({ weekdays, startHour, endHour }, createTimeZone(zone));
          const sorted = [...cuts].sort((a, b) => a - b);
          let parts = 0;
          for (let i = 1; i < sorted.length; i++) parts += calendar.seconds(sorted[i - 1]!, sorted[i]!);
          expect(parts).toBe(calendar.seconds(sorted[0]!, sorted[sorted.length - 1]!));
          expect(calendar.seconds(sorted[0]!, sorted[sorted.length - 1]!)).toBeLessThanOrEqual(sorted[sorted.length - 1]! - sorted[0]!);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("every day 0-24 is elapsed time", () => {
    const calendar = createWorkingCalendar(
      { weekdays: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24 },
      createTimeZone("America/New_York"),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1.7e9, max: 1.8e9 }), fc.integer({ min: 0, max: 400 * 24 * H }), (start, length) => {
        expect(calendar.seconds(start, start + length)).toBe(length);
      }),
    );
  });
});
