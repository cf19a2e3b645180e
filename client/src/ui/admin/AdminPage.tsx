/**
 * Administration (Jira administrators only, checked by the server on every call): download every
 * report definition of the site as JSON, and permanently remove all of the site's Rollbook data.
 * It also shows where to report a vulnerability (the operator's security contact).
 */

import { useState } from "react";
import { useHostContext } from "../app/hostContext";
import { ConfirmDialog } from "../common/Dialog";
import { ErrorBanner, InfoBanner } from "../common/ErrorBanner";
import { asApiError, errorMessage } from "../common/errors";
import { JSON_MIME } from "../common/files";
import { useServices } from "../services";
import { SecurityContactCard } from "./SecurityContactCard";

function adminError(error: unknown): string {
  if (asApiError(error)?.code === "jira_admin_required")
    return "Only Jira administrators can do this. Ask a Jira administrator of this site.";
  return errorMessage(error);
}

const normalizeUrl = (url: string): string => url.trim().replace(/\/+$/, "");

export function AdminPage() {
  const { api, loadExporters } = useServices();
  const context = useHostContext();
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [purgeOpen, setPurgeOpen] = useState(false);
  const [purging, setPurging] = useState(false);
  const [purgeError, setPurgeError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<number | null>(null);

  const exportAll = async () => {
    setExporting(true);
    setError(null);
    try {
      const file = await api.adminExport();
      const { download } = await loadExporters();
      download(`rollbook-export-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(file, null, 2), JSON_MIME);
    } catch (e) {
      setError(adminError(e));
    } finally {
      setExporting(false);
    }
  };

  // The dialog only collects the typed URL: it closes, the purge runs here and a refusal shows
  // on this page.
  const purge = async (typed: string) => {
    setPurgeOpen(false);
    setPurging(true);
    setPurgeError(null);
    try {
      const answer = await api.adminPurge(normalizeUrl(typed));
      setRemoved(answer.reports_removed);
    } catch (e) {
      setPurgeError(adminError(e));
    } finally {
      setPurging(false);
    }
  };

  const siteUrl = context ? normalizeUrl(context.siteUrl) : null;

  return (
    <section className="rb-screen rb-admin">
      <header className="rb-header">
        <h1>Rollbook administration</h1>
      </header>
      {error ? <ErrorBanner message={error} onDismiss={() => setError(null)} kind="admin" /> : null}
      {removed !== null ? (
        <InfoBanner tone="success">
          All Rollbook data of this site was removed ({removed} {removed === 1 ? "report" : "reports"}).
        </InfoBanner>
      ) : null}

      <section className="rb-card" aria-labelledby="rb-admin-export">
        <h2 id="rb-admin-export">Export report definitions</h2>
        <p className="rb-subtle">
          A JSON file with every report of this site: definitions, sharing and audit fields. It contains no issue data (Rollbook never
          stores any) and can be imported back on the report list.
        </p>
        <button type="button" className="rb-button rb-button--primary" onClick={() => void exportAll()} disabled={exporting}>
          {exporting ? "Exporting…" : "Download all reports (JSON)"}
        </button>
      </section>

      <section className="rb-card rb-card--danger" aria-labelledby="rb-admin-purge">
        <h2 id="rb-admin-purge">Remove all data</h2>
        <p className="rb-subtle">
          Permanently deletes every report of this site, including the trash, and the site's installation record. This cannot be undone;
          download an export first if you may want the reports back.
        </p>
        {purgeError ? <ErrorBanner message={purgeError} onDismiss={() => setPurgeError(null)} kind="purge" /> : null}
        <button type="button" className="rb-button rb-button--danger" onClick={() => setPurgeOpen(true)} disabled={purging}>
          {purging ? "Removing…" : "Remove all Rollbook data…"}
        </button>
      </section>

      <SecurityContactCard />

      {purgeOpen ? (
        <ConfirmDialog
          title="Remove all Rollbook data?"
          confirmLabel="Remove permanently"
          danger
          // When the site URL is known, the button waits for an exact match; the server checks again.
          typeToConfirm={{ name: "siteUrl", label: "Site URL", expected: siteUrl, placeholder: "https://your-site.atlassian.net" }}
          onConfirm={(values) => void purge(String(values.siteUrl ?? ""))}
          onCancel={() => setPurgeOpen(false)}
        >
          <p>
            Every report of this site will be deleted permanently. To confirm, type the site URL
            {siteUrl ? (
              <>
                {" "}
                (<strong>{siteUrl}</strong>)
              </>
            ) : null}
            .
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
