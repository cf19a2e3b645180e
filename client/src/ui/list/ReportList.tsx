/**
 * The report list (general and project pages): search, paging, create, open, edit, duplicate,
 * delete to trash, export one definition, import definitions, and the way to the trash. The
 * project page lists only the reports tagged with its project; the general page lists all.
 */

import { useCallback, useEffect, useRef, useState } from "react";
import type { ImportOptions, ReportExportFile, ReportList as ReportListPage, ReportSummary } from "../../api/resources.gen";
import { useHostContext } from "../app/hostContext";
import { ConfirmDialog } from "../common/Dialog";
import { ErrorBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { fileSafeName, JSON_MIME, readFileText } from "../common/files";
import { useUserNames } from "../common/useUserNames";
import { useServices } from "../services";
import { ImportDialog, parseExportFile } from "./ImportDialog";
import { ReportRows } from "./ReportRows";

export const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 250;

export interface ReportListProps {
  readonly onOpen: (id: string) => void;
  readonly onEdit: (id: string) => void;
  readonly onCreate: () => void;
  readonly onShowTrash: () => void;
}

export function ReportList({ onOpen, onEdit, onCreate, onShowTrash }: ReportListProps) {
  const { api, host, loadExporters, projectKey } = useServices();
  const context = useHostContext();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ReportListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ReportSummary | null>(null);
  const [importing, setImporting] = useState<{ file: ReportExportFile; name: string } | null>(null);
  const [importBusy, setImportBusy] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  // Debounced so typing does not send a request per key.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken is the trigger: a change reloads the same page
  useEffect(() => {
    let cancelled = false;
    api.listReports({ search: query, offset, limit: PAGE_SIZE, ...(projectKey ? { project: projectKey } : {}) }).then(
      (loaded) => {
        if (cancelled) return;
        setPage(loaded);
        setError(null);
      },
      (e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, projectKey, query, offset, reloadToken]);

  const names = useUserNames(page?.items.map((r) => r.created_by) ?? []);

  const act = async (report: ReportSummary, action: () => Promise<void>) => {
    setBusyId(report.id);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const actions = {
    onOpen: (r: ReportSummary) => onOpen(r.id),
    onEdit: (r: ReportSummary) => onEdit(r.id),
    onDuplicate: (r: ReportSummary) =>
      act(r, async () => {
        const copy = await api.duplicateReport(r.id);
        host.showFlag({ type: "success", title: "Report duplicated", body: copy.name });
        reload();
      }),
    onExport: (r: ReportSummary) =>
      act(r, async () => {
        const file = await api.exportReport(r.id);
        const { download } = await loadExporters();
        download(`${fileSafeName(r.name)}.rollbook.json`, JSON.stringify(file, null, 2), JSON_MIME);
      }),
    onDelete: (r: ReportSummary) => setDeleting(r),
  };

  const confirmDelete = () => {
    const report = deleting;
    if (!report) return;
    setDeleting(null);
    void act(report, async () => {
      await api.deleteReport(report.id);
      host.showFlag({ type: "info", title: "Moved to trash", body: `${report.name} can be restored from the trash.` });
      reload();
    });
  };

  const onFileChosen = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    setError(null);
    try {
      setImporting({ file: parseExportFile(await readFileText(chosen)), name: chosen.name });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // The dialog only collects the options: it closes, and the import runs here, where the file is.
  const runImport = async (options: ImportOptions) => {
    if (!importing) return;
    const { file } = importing;
    setImporting(null);
    setImportBusy(true);
    try {
      const imported = await api.importReports(file, options);
      host.showFlag({ type: "success", title: `Imported ${imported.ids.length} ${imported.ids.length === 1 ? "report" : "reports"}` });
      reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setImportBusy(false);
    }
  };

  const total = page?.total ?? 0;
  const items = page?.items ?? [];
  return (
    <section className="rb-screen rb-list">
      <header className="rb-header">
        <h1>Reports</h1>
        <div className="rb-toolbar">
          <button type="button" className="rb-button" onClick={() => fileInput.current?.click()} disabled={importBusy}>
            {importBusy ? "Importing…" : "Import"}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="rb-visually-hidden"
            aria-label="Import report definitions"
            data-testid="import-file"
            onChange={(e) => void onFileChosen(e)}
            tabIndex={-1}
          />
          <button type="button" className="rb-button" onClick={onShowTrash}>
            Trash
          </button>
          <button type="button" className="rb-button rb-button--primary" onClick={onCreate}>
            Create report
          </button>
        </div>
      </header>
      {projectKey ? (
        <p className="rb-subtle" data-testid="project-scope">
          Reports of project {projectKey}. A report shows here when its Projects (in the editor's General tab) include {projectKey}.
        </p>
      ) : null}
      <div className="rb-list-search">
        <label htmlFor="rb-report-search" className="rb-visually-hidden">
          Search reports
        </label>
        <input
          id="rb-report-search"
          type="search"
          className="rb-input"
          placeholder="Search reports"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {error ? <ErrorBanner message={error} onDismiss={() => setError(null)} /> : null}
      {page === null && !error ? <p className="rb-subtle">Loading reports…</p> : null}
      {page !== null && items.length === 0 ? (
        <div className="rb-empty" data-testid="list-empty">
          {query ? (
            <p>No reports match “{query}”.</p>
          ) : (
            <>
              <h2>{projectKey ? `No reports for ${projectKey} yet` : "No reports yet"}</h2>
              <p>Create a report to group, total and share Jira issues.</p>
              <button type="button" className="rb-button rb-button--primary" onClick={onCreate}>
                Create report
              </button>
            </>
          )}
        </div>
      ) : null}
      {items.length > 0 ? (
        <ReportRows
          reports={items}
          names={names}
          accountId={context?.accountId ?? null}
          timeZone={context?.timeZone}
          actions={actions}
          busyId={busyId}
        />
      ) : null}
      {total > PAGE_SIZE ? (
        <nav className="rb-pager" aria-label="Report pages">
          <button type="button" className="rb-button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            Previous
          </button>
          <span className="rb-subtle">
            {offset + 1}–{Math.min(total, offset + items.length)} of {total}
          </span>
          <button type="button" className="rb-button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
            Next
          </button>
        </nav>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title="Move report to trash?"
          confirmLabel="Move to trash"
          danger
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        >
          <p>
            <strong>{deleting.name}</strong> will be moved to the trash. Its administrators can restore it from there.
          </p>
        </ConfirmDialog>
      ) : null}
      {importing ? (
        <ImportDialog
          file={importing.file}
          fileName={importing.name}
          onImport={(o) => void runImport(o)}
          onCancel={() => setImporting(null)}
        />
      ) : null}
    </section>
  );
}
