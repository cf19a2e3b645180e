/**
 * History pane: how the report's history fields are computed (docs/engine.md#history-fields). Cycle
 * time's start and end (a status or a status category; In Progress → Done by default), and
 * whether durations count calendar time or only a working-time calendar (weekdays, hours, time
 * zone; the site's zone by default). The fields themselves are picked in the other panes, from
 * the field pickers' "History" group.
 */

import { useId } from "react";
import type { HistoryPoint, HistorySettings, WorkingTime } from "../../../api/definition.gen";
import type { JiraStatus } from "../../../engine/index";
import { FieldMessages, LabeledSelect } from "../controls";
import {
  defaultWorkingTime,
  effectiveHistory,
  END_HOURS,
  hourLabel,
  parsePoint,
  pointChoices,
  pointValue,
  START_HOURS,
  storedHistory,
  timeZoneChoices,
  toggleWeekday,
  WEEKDAYS,
  withStartHour,
} from "../historySettings";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export interface HistoryPaneProps extends PaneProps {
  /** The site's statuses (`GET /rest/api/3/status`); empty while they load or when Jira refused. */
  readonly statuses: readonly JiraStatus[];
  readonly statusesError: string | null;
  /** The zone a new working-time calendar starts in: the site's, as the host reports it. */
  readonly timeZone: string;
}

export function HistoryPane({ draft, onChange, errors, statuses, statusesError, timeZone }: HistoryPaneProps) {
  const history = effectiveHistory(draft.history);
  const working = history.working_time;
  // Always from the draft as it is when the update runs (quick successive edits keep each other).
  const set = (update: (h: HistorySettings) => HistorySettings) =>
    onChange((d) => ({ ...d, history: storedHistory(update(effectiveHistory(d.history))) }));
  const setWorking = (update: (w: WorkingTime) => WorkingTime) =>
    set((h) => ({ ...h, working_time: update(h.working_time ?? defaultWorkingTime(timeZone)) }));
  const choices = pointChoices(statuses, [history.cycle_start, history.cycle_end]);
  const zones = timeZoneChoices([working?.time_zone ?? "", timeZone]);

  return (
    <div className="rb-pane rb-history-pane" data-testid="history-pane">
      <p className="rb-subtle">
        These settings apply to the report's history fields, which Rollbook derives from each issue's status changes. Add the fields
        themselves (time in status, transitions, cycle time, lead time and more) from the “History” group of any field list.
      </p>
      <FieldMessages messages={errorsAt(errors, "history")} />
      {statusesError ? (
        <p className="rb-field-hint" role="status">
          Jira's statuses could not be loaded ({statusesError}): cycle time can start and end at a status category only.
        </p>
      ) : null}

      <fieldset className="rb-fieldset" data-testid="history-cycle">
        <legend className="rb-label">Cycle time</legend>
        <div className="rb-rule__line">
          <PointSelect
            label="Starts at the first entry into"
            value={history.cycle_start}
            choices={choices}
            onChange={(cycle_start) => set((h) => ({ ...h, cycle_start }))}
          />
          <PointSelect
            label="Ends at the last entry into"
            value={history.cycle_end}
            choices={choices}
            onChange={(cycle_end) => set((h) => ({ ...h, cycle_end }))}
          />
        </div>
        <FieldMessages messages={[...errorsUnder(errors, "history.cycle_start"), ...errorsUnder(errors, "history.cycle_end")]} />
        <p className="rb-field-hint">
          An issue has a cycle time once it is in the end now; issues that never entered the start, or were reopened and are not done again,
          have none.
        </p>
      </fieldset>

      <fieldset className="rb-fieldset" data-testid="history-working-time">
        <legend className="rb-label">Durations</legend>
        <label className="rb-checkbox">
          <input
            type="checkbox"
            checked={working !== null}
            onChange={(e) => set((h) => ({ ...h, working_time: e.target.checked ? defaultWorkingTime(timeZone) : null }))}
          />
          Count working time only
        </label>
        <p className="rb-field-hint">
          {working
            ? "Every history duration of the report (time in status, cycle time, lead time, status age) counts only the hours below."
            : "Every history duration counts calendar time: nights and weekends included."}
        </p>
        {working ? (
          <>
            <fieldset className="rb-fieldset rb-weekdays">
              <legend className="rb-label">Working days</legend>
              <div className="rb-rule__line">
                {WEEKDAYS.map(({ day, name }) => {
                  const checked = working.weekdays.includes(day);
                  return (
                    <label key={day} className="rb-checkbox">
                      <input
                        type="checkbox"
                        checked={checked}
                        // The last working day stays: a calendar without one would make every duration 0.
                        disabled={checked && working.weekdays.length === 1}
                        onChange={() => setWorking((w) => toggleWeekday(w, day))}
                      />
                      {name}
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <div className="rb-rule__line">
              <LabeledSelect
                label="Working day starts"
                value={String(working.start_hour)}
                options={START_HOURS.map((h) => ({ value: String(h), label: hourLabel(h) }))}
                onChange={(v) => setWorking((w) => withStartHour(w, Number(v)))}
              />
              <LabeledSelect
                label="Working day ends"
                value={String(working.end_hour)}
                options={END_HOURS.filter((h) => h > working.start_hour).map((h) => ({ value: String(h), label: hourLabel(h) }))}
                onChange={(v) => setWorking((w) => ({ ...w, end_hour: Number(v) }))}
              />
              <LabeledSelect
                label="Time zone"
                value={working.time_zone}
                options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
                onChange={(time_zone) => setWorking((w) => ({ ...w, time_zone }))}
              />
            </div>
          </>
        ) : null}
        <FieldMessages messages={errorsUnder(errors, "history.working_time")} />
      </fieldset>
    </div>
  );
}

function PointSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: HistoryPoint;
  choices: ReturnType<typeof pointChoices>;
  onChange: (point: HistoryPoint) => void;
}) {
  const id = useId();
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className="rb-label">
        {label}
      </label>
      <select id={id} className="rb-select" value={pointValue(value)} onChange={(e) => onChange(parsePoint(e.target.value))}>
        <optgroup label="Status categories">
          {choices.categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </optgroup>
        {choices.statuses.length > 0 ? (
          <optgroup label="Statuses">
            {choices.statuses.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </span>
  );
}
