// Generated — do not edit; run `./dev gen` (python scripts/generate_client_types.py).
// Source: src/rollbook/reports/schemas/ (docs/report-model.md).

/**
 * Report model v2, generated from HistorySettings.
 */
export type ReportHistoryTypes = HistorySettings;
/**
 * What a cycle-time end names: one Jira status (by id) or a status category (by key).
 */
export type HistoryPointKind = "status" | "category";

/**
 * How the report's history fields are computed.
 */
export interface HistorySettings {
  cycle_start: HistoryPoint;
  cycle_end: HistoryPoint;
  /**
   * null: calendar time. Set: every history duration of the report counts working time only.
   */
  working_time: WorkingTime | null;
}
/**
 * One end of cycle time: entering this status, or this status category.
 */
export interface HistoryPoint {
  kind: HistoryPointKind;
  /**
   * A Jira status id (digits) for kind status; new, indeterminate or done for kind category.
   */
  id: string;
}
/**
 * A working-time calendar: working weekdays and hours in one IANA time zone, no holidays.
 */
export interface WorkingTime {
  /**
   * ISO weekdays, 1 = Monday … 7 = Sunday, each at most once.
   *
   * @maxItems 7
   */
  weekdays: number[];
  /**
   * Local hour the working day starts.
   */
  start_hour: number;
  /**
   * Local hour it ends, after start_hour; 24 is midnight.
   */
  end_hour: number;
  /**
   * An IANA time zone, e.g. `Europe/Berlin`.
   */
  time_zone: string;
}
