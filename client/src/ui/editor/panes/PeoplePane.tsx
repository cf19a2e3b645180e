/** People pane: who can view (private / limited / open), administrators, viewer users and groups. */

import type { Access, People } from "../../../api/definition.gen";
import { ACCESS_DESCRIPTIONS, ACCESS_LABELS } from "../../common/AccessLozenge";
import { FieldMessages } from "../controls";
import { GroupPicker, UserPicker } from "../PeoplePickers";
import { errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

const ACCESS_LEVELS: Access[] = ["private", "limited", "open"];

export function PeoplePane({ draft, onChange, errors }: PaneProps) {
  const people = draft.people;
  const set = (patch: Partial<People>) => onChange((d) => ({ ...d, people: { ...d.people, ...patch } }));
  const adminErrors = errorsUnder(errors, "people.administrators");
  const noAdmins = people.administrators.length === 0;
  return (
    <div className="rb-pane">
      <fieldset className="rb-fieldset">
        <legend className="rb-label">Who can view this report</legend>
        {ACCESS_LEVELS.map((access) => (
          <label key={access} className="rb-radio-card">
            <input type="radio" name="report-access" value={access} checked={people.access === access} onChange={() => set({ access })} />
            <span>
              <strong>{ACCESS_LABELS[access]}</strong>
              <span className="rb-subtle"> — {ACCESS_DESCRIPTIONS[access]}</span>
            </span>
          </label>
        ))}
        <FieldMessages messages={errorsUnder(errors, "people.access")} />
      </fieldset>
      <p className="rb-field-hint">
        Everyone still needs Jira permission to see the issues: a report never shows issues a viewer could not open in Jira.
      </p>

      <div className="rb-field">
        <UserPicker
          label="Administrators (can edit, share and delete)"
          accountIds={people.administrators}
          onChange={(administrators) => set({ administrators })}
          invalid={adminErrors.length > 0}
          testId="administrators-picker"
        />
        {noAdmins ? <span className="rb-field-hint">No administrators: you will be the administrator.</span> : null}
        <FieldMessages messages={adminErrors} />
      </div>

      <div className="rb-field">
        <UserPicker
          label="Viewers: users"
          accountIds={people.viewer_users}
          onChange={(viewer_users) => set({ viewer_users })}
          testId="viewer-users-picker"
        />
        <FieldMessages messages={errorsUnder(errors, "people.viewer_users")} />
      </div>
      <div className="rb-field">
        <GroupPicker
          label="Viewers: groups"
          groups={people.viewer_groups}
          onChange={(viewer_groups) => set({ viewer_groups })}
          testId="viewer-groups-picker"
        />
        <FieldMessages messages={errorsUnder(errors, "people.viewer_groups")} />
        {people.access !== "limited" ? <span className="rb-field-hint">Viewers apply when access is Limited.</span> : null}
      </div>
      <FieldMessages messages={errorsUnder(errors, "people").filter((m) => !/^(administrators|viewer|access)/.test(m))} />
    </div>
  );
}
