/** Import of report definitions from an export file: choose how ids and people are kept. The
 * question goes to the host's dialog where there is one; the file stays here, and so does the
 * import itself (`onImport`). */

import type { ImportOptions, ReportExportFile } from "../../api/resources.gen";
import type { DialogCheck, DialogChoice, DialogValues } from "../../host/host";
import { ConfirmDialog } from "../common/Dialog";

export interface ImportDialogProps {
  readonly file: ReportExportFile;
  readonly fileName: string;
  readonly onImport: (options: ImportOptions) => void;
  readonly onCancel: () => void;
}

const PEOPLE: DialogChoice = {
  name: "people",
  legend: "People",
  options: [
    { value: "keep", label: "Keep access, administrators and viewers as exported (same Jira site)" },
    { value: "importer_only", label: "Make me the only administrator, private (moving to another site)" },
  ],
  initial: "keep",
};

const KEEP_IDS: DialogCheck = {
  name: "keepIds",
  label: "Keep report ids (fails if a report with the same id exists here)",
  initial: false,
};

/** The dialog's values as the import's options. */
export function importOptionsOf(values: DialogValues, fileName: string): ImportOptions {
  return {
    keep_ids: values[KEEP_IDS.name] === true,
    people: values[PEOPLE.name] === "importer_only" ? "importer_only" : "keep",
    source: importSource(fileName),
  };
}

const reports = (count: number): string => `${count} ${count === 1 ? "report" : "reports"}`;

export function ImportDialog({ file, fileName, onImport, onCancel }: ImportDialogProps) {
  const count = file.reports.length;
  return (
    <ConfirmDialog
      title="Import reports"
      confirmLabel={`Import ${reports(count)}`}
      choices={[PEOPLE]}
      checks={[KEEP_IDS]}
      onConfirm={(values) => onImport(importOptionsOf(values, fileName))}
      onCancel={onCancel}
    >
      <p>
        <strong>{fileName}</strong> holds {reports(count)}.
      </p>
    </ConfirmDialog>
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
  if (file.reports.length === 0) throw new Error("This export file holds no reports: there is nothing to import.");
  return file as ReportExportFile;
}
