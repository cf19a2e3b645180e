/** Import of report definitions from an export file: choose how ids and people are kept. */

import { useState } from "react";
import type { ImportOptions, ReportExportFile } from "../../api/resources.gen";
import { Dialog } from "../common/Dialog";

export interface ImportDialogProps {
  readonly file: ReportExportFile;
  readonly fileName: string;
  readonly busy: boolean;
  readonly onImport: (options: ImportOptions) => void;
  readonly onCancel: () => void;
}

export function ImportDialog({ file, fileName, busy, onImport, onCancel }: ImportDialogProps) {
  const [keepIds, setKeepIds] = useState(false);
  const [people, setPeople] = useState<ImportOptions["people"]>("keep");
  const count = file.reports.length;
  return (
    <Dialog
      title="Import reports"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="rb-button rb-button--subtle" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="rb-button rb-button--primary"
            onClick={() => onImport({ keep_ids: keepIds, people, source: importSource(fileName) })}
            disabled={busy || count === 0}
            data-autofocus
          >
            {busy ? "Importing…" : `Import ${count} ${count === 1 ? "report" : "reports"}`}
          </button>
        </>
      }
    >
      <p>
        <strong>{fileName}</strong> holds {count} {count === 1 ? "report" : "reports"}.
      </p>
      <fieldset className="rb-fieldset">
        <legend className="rb-label">People</legend>
        <label className="rb-checkbox">
          <input type="radio" name="import-people" checked={people === "keep"} onChange={() => setPeople("keep")} />
          Keep access, administrators and viewers as exported (same Jira site)
        </label>
        <label className="rb-checkbox">
          <input type="radio" name="import-people" checked={people === "importer_only"} onChange={() => setPeople("importer_only")} />
          Make me the only administrator, private (moving to another site)
        </label>
      </fieldset>
      <label className="rb-checkbox">
        <input type="checkbox" checked={keepIds} onChange={(e) => setKeepIds(e.target.checked)} />
        Keep report ids (fails if a report with the same id exists here)
      </label>
    </Dialog>
  );
}

/** The file's name as the import's `source`, which the list shows beside each imported report:
 * the server takes up to 255 characters and no control characters. */
export function importSource(fileName: string): string {
  return fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255);
}

/** Parses an uploaded file; throws a sentence when it is not a Rollbook export. */
export function parseExportFile(text: string): ReportExportFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("This file is not JSON. Choose a file exported from Rollbook.");
  }
  const file = parsed as Partial<ReportExportFile> | null;
  if (!file || typeof file !== "object" || file.format !== "rollbook.report-export" || !Array.isArray(file.reports)) {
    throw new Error("This file is not a Rollbook report export.");
  }
  return file as ReportExportFile;
}
