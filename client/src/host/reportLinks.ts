/**
 * How a link names a place on the report pages, on either host. Connect links: `?report=<id>` /
 * `?ac.report=<id>`; Forge app paths: `/` (the list), `/report/<id>` (a report),
 * `/report/<id>/edit` (its editor) and `/new` (the editor of a new report).
 */

// Report ids are UUIDs; anything else in a URL is ignored rather than sent to the server.
const REPORT_ID = /^[A-Za-z0-9-]{1,64}$/;
const REPORT_PATH = /^\/report\/([^/]+)(\/edit)?\/?$/;
const NEW_REPORT_PATH = /^\/new\/?$/;

/**
 * A place on the report pages: the list (no report), a report's viewer, a report's editor, or
 * the editor of a new report (editing, no report). The trash has no address of its own.
 */
export interface PageAddress {
  readonly reportId: string | null;
  readonly editing: boolean;
}

export const LIST_ADDRESS: PageAddress = { reportId: null, editing: false };

export function isReportId(value: string): boolean {
  return REPORT_ID.test(value);
}

export function sameAddress(a: PageAddress, b: PageAddress): boolean {
  return a.reportId === b.reportId && a.editing === b.editing;
}

/** `?report=<id>` (our own links) or `?ac.report=<id>` (Connect's AP.navigator customData). */
export function reportIdFromSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  const id = params.get("report") ?? params.get("ac.report");
  return id !== null && isReportId(id) ? id : null;
}

/**
 * The place a query-style state names (`report=<id>`, plus `edit=1` for its editor; `edit=1`
 * alone: a new report). A report id that is not one names the list, never a new report.
 */
export function addressFromSearch(search: string): PageAddress {
  const params = new URLSearchParams(search);
  const editing = params.get("edit") === "1";
  if (!params.has("report") && !params.has("ac.report")) return { reportId: null, editing };
  const reportId = reportIdFromSearch(search);
  return reportId === null ? LIST_ADDRESS : { reportId, editing };
}

/** The query-style state of a place; the list is the empty state. */
export function searchOfAddress(address: PageAddress): string {
  const params = new URLSearchParams();
  if (address.reportId !== null) params.set("report", address.reportId);
  if (address.editing) params.set("edit", "1");
  return params.toString();
}

/** The place a Forge app path names; the list for `/` and anything it does not know. */
export function addressFromAppPath(pathname: string): PageAddress {
  if (NEW_REPORT_PATH.test(pathname)) return { reportId: null, editing: true };
  const match = REPORT_PATH.exec(pathname);
  if (!match) return LIST_ADDRESS;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return LIST_ADDRESS;
  }
  return isReportId(id) ? { reportId: id, editing: match[2] !== undefined } : LIST_ADDRESS;
}

/** The report named by a Forge app path (its viewer or editor), or null for anything else. */
export function reportIdFromAppPath(pathname: string): string | null {
  return addressFromAppPath(pathname).reportId;
}

export function appPathOfAddress(address: PageAddress): string {
  if (address.reportId === null) return address.editing ? "/new" : "/";
  const path = `/report/${encodeURIComponent(address.reportId)}`;
  return address.editing ? `${path}/edit` : path;
}

export function appPathOfReport(reportId: string | null): string {
  return appPathOfAddress({ reportId, editing: false });
}
