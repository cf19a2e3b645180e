/** The report list table: name (opens the viewer), owner, access, last updated, and row actions. */

import type { ReportSummary } from "../../api/resources.gen";
import { AccessLozenge } from "../common/AccessLozenge";
import { useHostContext } from "../app/hostContext";
import { formatTimestamp } from "../common/dates";
import { displayName } from "../common/useUserNames";
import type { JiraUser } from "../ports";
import { ImportedMark } from "./ImportedMark";

export interface ReportRowActions {
  onOpen(report: ReportSummary): void;
  onEdit(report: ReportSummary): void;
  onDuplicate(report: ReportSummary): void;
  onExport(report: ReportSummary): void;
  onDelete(report: ReportSummary): void;
}

export interface ReportRowsProps {
  readonly reports: readonly ReportSummary[];
  readonly names: ReadonlyMap<string, JiraUser>;
  readonly accountId: string | null;
  readonly timeZone: string | undefined;
  readonly actions: ReportRowActions;
  readonly busyId: string | null;
}

export function ReportRows({ reports, names, accountId, timeZone, actions, busyId }: ReportRowsProps) {
  const locale = useHostContext()?.locale;
  return (
    <table className="rb-list-table" data-testid="report-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Owner</th>
          <th scope="col">Access</th>
          <th scope="col">Last updated</th>
          <th scope="col">
            <span className="rb-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => {
          // Unknown user (context not loaded yet): offer the actions and let the server decide.
          const administers = accountId === null || report.administrators.includes(accountId);
          const busy = busyId === report.id;
          return (
            <tr key={report.id} data-testid="report-list-row" data-report-id={report.id}>
              <td>
                <button type="button" className="rb-link-button rb-list-name" onClick={() => actions.onOpen(report)}>
                  {report.name}
                </button>{" "}
                <ImportedMark report={report} timeZone={timeZone} />
                {report.description ? <div className="rb-subtlest rb-list-description">{report.description}</div> : null}
              </td>
              <td>{displayName(names, report.created_by)}</td>
              <td>
                <AccessLozenge access={report.access} />
              </td>
              <td title={report.updated_at}>{formatTimestamp(report.updated_at, timeZone, locale)}</td>
              <td className="rb-list-actions">
                {administers ? (
                  <button
                    type="button"
                    className="rb-button rb-button--subtle rb-button--compact"
                    onClick={() => actions.onEdit(report)}
                    aria-label={`Edit ${report.name}`}
                    disabled={busy}
                  >
                    Edit
                  </button>
                ) : null}
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact"
                  onClick={() => actions.onDuplicate(report)}
                  aria-label={`Duplicate ${report.name}`}
                  disabled={busy}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact"
                  onClick={() => actions.onExport(report)}
                  aria-label={`Export ${report.name}`}
                  disabled={busy}
                >
                  Export
                </button>
                {administers ? (
                  <button
                    type="button"
                    className="rb-button rb-button--subtle rb-button--compact"
                    onClick={() => actions.onDelete(report)}
                    aria-label={`Delete ${report.name}`}
                    disabled={busy}
                  >
                    Delete
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
