/** In-memory screen routing for the report pages (no router library: three screens, no history). */

export type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "trash" }
  | { readonly kind: "viewer"; readonly reportId: string }
  | { readonly kind: "editor"; readonly reportId: string | null; readonly returnTo: Screen };

// Report ids are UUIDs; anything else in the URL is ignored rather than sent to the server.
const REPORT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** `?report=<id>` (our own links) or `?ac.report=<id>` (Connect's AP.navigator customData). */
export function reportIdFromSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  const id = params.get("report") ?? params.get("ac.report");
  return id !== null && REPORT_ID.test(id) ? id : null;
}

export function initialScreen(reportId: string | null): Screen {
  return reportId ? { kind: "viewer", reportId } : { kind: "list" };
}
