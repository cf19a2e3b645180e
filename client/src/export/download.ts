/**
 * Saves an export built in the browser: a Blob behind a temporary object URL, clicked through a
 * detached link, then revoked so the report data does not outlive the download.
 */

// Revoking synchronously after click() can cancel the download in some browsers; a short delay
// lets the browser take the Blob first.
const REVOKE_DELAY_MS = 1000;

export function download(filename: string, data: Uint8Array | string, mime: string): void {
  const part: BlobPart = typeof data === "string" ? data : (data as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.rel = "noopener";
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}

/** A file name from a report name: no path or reserved characters, never empty. */
export function exportFilename(reportName: string, extension: "csv" | "xlsx" | "png" | "svg"): string {
  const base = reportName
    .replace(/[\\/:*?"<>|\u0000-\u001F]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `${base || "report"}.${extension}`;
}
