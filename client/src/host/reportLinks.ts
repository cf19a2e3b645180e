/**
 * How a link names one report, on either host: `?report=<id>` / `?ac.report=<id>` on Connect,
 * the app path `/report/<id>` on Forge (the list is `/`).
 */

// Report ids are UUIDs; anything else in a URL is ignored rather than sent to the server.
const REPORT_ID = /^[A-Za-z0-9-]{1,64}$/;
const REPORT_PATH = /^\/report\/([^/]+)\/?$/;

export function isReportId(value: string): boolean {
  return REPORT_ID.test(value);
}

/** `?report=<id>` (our own links) or `?ac.report=<id>` (Connect's AP.navigator customData). */
export function reportIdFromSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  const id = params.get("report") ?? params.get("ac.report");
  return id !== null && isReportId(id) ? id : null;
}

/** The report named by a Forge app path (`/report/<id>`), or null for the list and anything else. */
export function reportIdFromAppPath(pathname: string): string | null {
  const match = REPORT_PATH.exec(pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return isReportId(id) ? id : null;
}

export function appPathOfReport(reportId: string | null): string {
  return reportId === null ? "/" : `/report/${encodeURIComponent(reportId)}`;
}
