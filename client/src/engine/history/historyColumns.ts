/**
 * The history fields of a report as numeric columns, filled issue by issue as pages arrive: one
 * pass over each issue's status changes builds its timeline once, and every history field the
 * report uses reads that timeline. An issue whose changelog is incomplete gets empty values and
 * is counted.
 */

import { Float64Builder } from "../columns/builders";
import type { FieldSpec, NumericColumn } from "../columns/types";
import type { JiraIssue, JiraStatus } from "../jira";
import { createTimeZone } from "../time/timeZone";
import { parseHistoryKey } from "./historyKeys";
import { createMeasure, needsStatusTimes, type IssueHistory, type Measure } from "./historyMeasures";
import type { ResolvedHistorySettings } from "./historySettings";
import { jiraInstantMs } from "./jiraInstant";
import { completeHistories, readStatusChanges, StatusChanges } from "./statusChanges";
import { StatusCodes } from "./statusCodes";
import { buildTimeline, Timeline } from "./timeline";
import { createWorkingCalendar } from "./workingCalendar";

export interface HistoryContext {
  readonly statuses: readonly JiraStatus[];
  readonly settings: ResolvedHistorySettings;
  /** The run's "now" in epoch ms, the same for every issue. */
  readonly now: number;
}

export interface HistoryCounts {
  /** Issues loaded. */
  readonly issues: number;
  /** Issues whose history fields are empty because their changelog is incomplete. */
  readonly incomplete: number;
}

const calendarTime = (start: number, end: number): number => end - start;

function instantSeconds(value: unknown): number {
  return Math.floor(jiraInstantMs(value) / 1000);
}

function statusIdOf(fields: Record<string, unknown> | undefined): unknown {
  const status = fields?.status as { id?: unknown } | null | undefined;
  return status?.id;
}

export class HistoryColumns {
  private readonly specs: readonly FieldSpec[];
  private readonly measures: Measure[] = [];
  private readonly builders: Float64Builder[] = [];
  private readonly codes: StatusCodes;
  private readonly now: number;
  private readonly changes = new StatusChanges();
  private readonly timeline = new Timeline();
  private readonly length: (start: number, end: number) => number;
  /** Time per status code of the current issue, when a field reads it; else empty. */
  private statusTimes = new Float64Array(0);
  private readonly sumsStatusTimes: boolean;
  private rows = 0;
  private incompleteCount = 0;

  /** `specs`: the report's history fields (source "history", known kinds). */
  constructor(specs: readonly FieldSpec[], context: HistoryContext) {
    this.codes = new StatusCodes(context.statuses);
    this.now = Math.floor(context.now / 1000);
    const { workingTime, cycleStart, cycleEnd } = context.settings;
    let length = calendarTime;
    if (workingTime) {
      const calendar = createWorkingCalendar(workingTime, createTimeZone(workingTime.timeZone));
      length = (start, end) => calendar.seconds(start, end);
    }
    this.length = length;
    const measureContext = { codes: this.codes, length, cycleStart, cycleEnd };
    const kept: FieldSpec[] = [];
    let sumsStatusTimes = false;
    for (const spec of specs) {
      const key = parseHistoryKey(spec.key);
      const measure = key ? createMeasure(key, measureContext) : null;
      if (!measure) continue;
      sumsStatusTimes ||= needsStatusTimes(key!);
      kept.push(spec);
      this.measures.push(measure);
      this.builders.push(new Float64Builder());
    }
    this.specs = kept;
    this.sumsStatusTimes = sumsStatusTimes;
  }

  append(issue: JiraIssue): void {
    this.rows++;
    const history = this.read(issue);
    const { measures, builders } = this;
    if (history === null) {
      this.incompleteCount++;
      for (let m = 0; m < builders.length; m++) builders[m]!.push(NaN);
      return;
    }
    for (let m = 0; m < measures.length; m++) builders[m]!.push(measures[m]!(history));
  }

  /** The issue's complete history, or null when its changelog is incomplete. */
  private read(issue: JiraIssue): IssueHistory | null {
    const histories = completeHistories(issue.changelog);
    if (histories === null) return null;
    const fields = issue.fields;
    const created = instantSeconds(fields?.created);
    if (created !== created) return null;
    if (!readStatusChanges(histories, this.codes, this.changes)) return null;
    const current = this.codes.codeOf(statusIdOf(fields));
    if (!buildTimeline(this.changes, created, this.now, current, this.timeline)) return null;
    const resolution = fields?.resolutiondate;
    const resolved = typeof resolution === "string" && resolution !== "" ? instantSeconds(resolution) : NaN;
    if (this.sumsStatusTimes) this.sumStatusTimes();
    return { timeline: this.timeline, created, resolved, statusTimes: this.statusTimes };
  }

  /** Every stay's length added to its status, once per issue for all time-in-status fields. */
  private sumStatusTimes(): void {
    const size = this.codes.size;
    if (this.statusTimes.length < size) this.statusTimes = new Float64Array(Math.max(size, this.statusTimes.length * 2));
    const times = this.statusTimes;
    times.fill(0);
    const { count, status, start, end } = this.timeline;
    for (let i = 0; i < count; i++) times[status[i]!]! += this.length(start[i]!, end[i]!);
  }

  columns(rowCount: number): Map<string, NumericColumn> {
    const columns = new Map<string, NumericColumn>();
    this.specs.forEach((spec, m) => {
      const type = spec.type as NumericColumn["type"];
      columns.set(spec.key, { kind: "numeric", type, values: this.builders[m]!.view(rowCount) });
    });
    return columns;
  }

  counts(): HistoryCounts {
    return { issues: this.rows, incomplete: this.incompleteCount };
  }
}
