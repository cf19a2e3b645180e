/**
 * Each history field as a function of one issue's timeline (docs/engine.md#history-fields, "The
 * fields"): numbers, durations in seconds, datetimes in epoch ms; NaN is empty, never 0.
 * A field is compiled once per report (its status resolved to a code), then runs per issue.
 */

import type { HistoryPointSetting } from "./historySettings";
import { categoryIndex, type StatusCodes } from "./statusCodes";
import type { HistoryKey } from "./historyKeys";
import { isCategoryKey } from "./historyKeys";
import type { Timeline } from "./timeline";

/** One issue's history, complete: its stays, and `created`/resolution in epoch seconds. */
export interface IssueHistory {
  readonly timeline: Timeline;
  readonly created: number;
  /** Resolution date in epoch seconds; NaN when the issue has none. */
  readonly resolved: number;
  /**
   * Time in each status by code, summed over the stays in one pass for all time-in-status
   * fields; empty when the report has none (see `needsStatusTimes`).
   */
  readonly statusTimes: Float64Array;
}

/** Whether a field reads `IssueHistory.statusTimes`. */
export function needsStatusTimes(key: HistoryKey): boolean {
  return key.kind === "time_in_status";
}

export type Measure = (issue: IssueHistory) => number;

export interface MeasureContext {
  readonly codes: StatusCodes;
  /** Length of [start, end) in seconds: calendar time, or working time with a calendar. */
  readonly length: (start: number, end: number) => number;
  readonly cycleStart: HistoryPointSetting;
  readonly cycleEnd: HistoryPointSetting;
}

/** Whether a status code is inside a cycle-time end point. */
type Inside = (code: number) => boolean;

function insideOf(point: HistoryPointSetting, codes: StatusCodes): Inside {
  if (point.kind === "status") {
    const wanted = codes.codeOf(point.id);
    return (code) => code === wanted;
  }
  const wanted = isCategoryKey(point.id) ? categoryIndex(point.id) : -2;
  return (code) => codes.category(code) === wanted;
}

/**
 * Start of the first (or last) stay entering `inside` from outside it; being created in it counts.
 * NaN when the issue never entered.
 */
function entry(t: Timeline, inside: Inside, last: boolean): number {
  let found = NaN;
  let wasInside = false;
  for (let i = 0; i < t.count; i++) {
    const isInside = inside(t.status[i]!);
    if (isInside && !wasInside) {
      found = t.start[i]!;
      if (!last) return found;
    }
    wasInside = isInside;
  }
  return found;
}

/** The kinds `createMeasure` computes; a key of any other kind is an unknown field. */
export const MEASURED_KINDS: ReadonlySet<string> = new Set([
  "time_in_status",
  "time_in_category",
  "transitions",
  "transitions_into",
  "first_entered",
  "last_left",
  "cycle_time",
  "lead_time",
  "status_age",
]);

/** The field's measure, or null for a kind this engine does not compute. */
export function createMeasure(key: HistoryKey, context: MeasureContext): Measure | null {
  const { codes, length } = context;
  const parameter = key.parameter;
  const status = parameter?.kind === "status" ? codes.codeOf(parameter.id) : -1;
  switch (key.kind) {
    case "time_in_status":
      // A status this issue never was in has no entry yet: 0.
      return ({ statusTimes }) => (status < statusTimes.length ? statusTimes[status]! : 0);
    case "time_in_category": {
      const category = parameter?.kind === "category" ? categoryIndex(parameter.key) : -2;
      return ({ timeline: t }) => {
        let total = 0;
        for (let i = 0; i < t.count; i++) if (codes.category(t.status[i]!) === category) total += length(t.start[i]!, t.end[i]!);
        return total;
      };
    }
    case "transitions":
      return ({ timeline: t }) => t.count - 1;
    case "transitions_into":
      return ({ timeline: t }) => {
        let count = 0;
        // Stay 0 is where the issue was created: not a transition.
        for (let i = 1; i < t.count; i++) if (t.status[i] === status) count++;
        return count;
      };
    case "first_entered":
      return ({ timeline: t }) => {
        for (let i = 0; i < t.count; i++) if (t.status[i] === status) return t.start[i]! * 1000;
        return NaN;
      };
    case "last_left":
      return ({ timeline: t }) => {
        // The last stay is still running: it was not left.
        for (let i = t.count - 2; i >= 0; i--) if (t.status[i] === status) return t.end[i]! * 1000;
        return NaN;
      };
    case "cycle_time": {
      const inStart = insideOf(context.cycleStart, codes);
      const inEnd = insideOf(context.cycleEnd, codes);
      return ({ timeline: t }) => {
        // Not in the end now (still in progress, or reopened): no end.
        if (!inEnd(t.status[t.count - 1]!)) return NaN;
        const from = entry(t, inStart, false);
        const to = entry(t, inEnd, true);
        return to >= from ? length(from, to) : NaN;
      };
    }
    case "lead_time": {
      const inDone = insideOf({ kind: "category", id: "done" }, codes);
      return ({ timeline: t, created, resolved }) => {
        if (resolved === resolved) {
          const end = t.end[t.count - 1]!;
          return length(created, resolved < created ? created : Math.min(resolved, end));
        }
        if (!inDone(t.status[t.count - 1]!)) return NaN;
        return length(created, entry(t, inDone, true));
      };
    }
    case "status_age":
      return ({ timeline: t }) => length(t.start[t.count - 1]!, t.end[t.count - 1]!);
    default:
      return null;
  }
}
