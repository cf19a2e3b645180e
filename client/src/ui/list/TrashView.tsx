/** Reports in the trash, with restore and delete forever (after a confirmation). Nothing empties
 * the trash by itself: a deleted report is kept until it is restored or deleted forever. */

import { useCallback, useEffect, useState } from "react";
import type { ReportPublic } from "../../api/resources.gen";
import { useHostContext } from "../app/hostContext";
import { ConfirmDialog } from "../common/Dialog";
import { formatTimestamp } from "../common/dates";
import { ErrorBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";

export function TrashView({ onBack }: { onBack: () => void }) {
  const { api, host } = useServices();
  const context = useHostContext();
  const [items, setItems] = useState<ReportPublic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [erasing, setErasing] = useState<ReportPublic | null>(null);

  const load = useCallback(() => {
    api.listTrash().then(
      (trash) => setItems(trash.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api]);
  useEffect(load, [load]);

  const restore = async (report: ReportPublic) => {
    setBusyId(report.id);
    setError(null);
    try {
      await api.restoreReport(report.id);
      host.showFlag({ type: "success", title: "Report restored", body: report.name });
      load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const deleteForever = async (report: ReportPublic) => {
    setErasing(null);
    setBusyId(report.id);
    setError(null);
    try {
      await api.deleteReportForever(report.id);
      host.showFlag({ type: "info", title: "Deleted forever", body: report.name });
      load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="rb-screen rb-trash">
      <header className="rb-header">
        <button type="button" className="rb-button rb-button--subtle" onClick={onBack}>
          ← Reports
        </button>
        <h1>Trash</h1>
      </header>
      <p className="rb-subtle" data-testid="trash-retention">
        Deleted reports are kept until someone restores them or deletes them forever. Only a report's administrators see it here.
      </p>
      {error ? <ErrorBanner message={error} onDismiss={() => setError(null)} /> : null}
      {items === null && !error ? <p className="rb-subtle">Loading…</p> : null}
      {items !== null && items.length === 0 ? <p className="rb-empty">The trash is empty.</p> : null}
      {items !== null && items.length > 0 ? (
        <table className="rb-list-table" data-testid="trash-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Deleted</th>
              <th scope="col">
                <span className="rb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((report) => (
              <tr key={report.id} data-testid="trash-row" data-report-id={report.id}>
                <td>{report.name}</td>
                <td>{formatTimestamp(report.deleted_at, context?.timeZone, context?.locale)}</td>
                <td className="rb-list-actions">
                  <button
                    type="button"
                    className="rb-button rb-button--compact"
                    onClick={() => void restore(report)}
                    disabled={busyId === report.id}
                    aria-label={`Restore ${report.name}`}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    className="rb-button rb-button--subtle rb-button--compact"
                    onClick={() => setErasing(report)}
                    disabled={busyId === report.id}
                    aria-label={`Delete forever ${report.name}`}
                  >
                    Delete forever
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {erasing ? (
        <ConfirmDialog
          title="Delete report forever?"
          confirmLabel="Delete forever"
          danger
          onConfirm={() => void deleteForever(erasing)}
          onCancel={() => setErasing(null)}
        >
          <p>
            <strong>{erasing.name}</strong> will be deleted for good. It cannot be restored afterwards, and dashboard gadgets showing it
            will show nothing.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
