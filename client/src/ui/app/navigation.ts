/** In-memory screen routing for the report pages (no router library: a handful of screens). */

export { reportIdFromSearch } from "../../host/reportLinks";

export type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "trash" }
  | { readonly kind: "viewer"; readonly reportId: string }
  | { readonly kind: "editor"; readonly reportId: string | null; readonly returnTo: Screen };

export function initialScreen(reportId: string | null): Screen {
  return reportId ? { kind: "viewer", reportId } : { kind: "list" };
}

/** The report a screen puts in the host page's URL: the viewer's, else none (the list). */
export function reportInUrl(screen: Screen): string | null | undefined {
  if (screen.kind === "viewer") return screen.reportId;
  if (screen.kind === "list") return null;
  // Trash and editor leave the URL as it is.
  return undefined;
}
