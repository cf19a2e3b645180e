/** In-memory screen routing for the report pages (no router library: a handful of screens). */

import { LIST_ADDRESS, type PageAddress, sameAddress } from "../../host/reportLinks";

export { reportIdFromSearch } from "../../host/reportLinks";

export type Screen =
  | { readonly kind: "list" }
  | { readonly kind: "trash" }
  | { readonly kind: "viewer"; readonly reportId: string }
  | {
      readonly kind: "editor";
      /** null: a new report. */
      readonly reportId: string | null;
      /** Where Cancel goes. */
      readonly returnTo: Screen;
      /** The host history's entry below the editor's is `returnTo`'s (the editor was opened from
       * it in this page): leaving for it can go Back instead of adding a second entry for it. */
      readonly aboveReturn: boolean;
    };

const LIST: Screen = { kind: "list" };

/** The screen a page opens on: the one its URL names (a report, or an editor). */
export function initialScreen(reportId: string | null, editing = false): Screen {
  const viewerOrList: Screen = reportId ? { kind: "viewer", reportId } : LIST;
  return editing ? { kind: "editor", reportId, returnTo: viewerOrList, aboveReturn: false } : viewerOrList;
}

/** The editor of `reportId` (null: a new report), opened from `from`, whose entry it goes above. */
export function editorScreen(reportId: string | null, from: Screen): Screen {
  return { kind: "editor", reportId, returnTo: from, aboveReturn: true };
}

/** The place a screen puts in the host page's URL; undefined for the trash, which has none. */
export function addressOfScreen(screen: Screen): PageAddress | undefined {
  switch (screen.kind) {
    case "list":
      return LIST_ADDRESS;
    case "trash":
      return undefined;
    case "viewer":
      return { reportId: screen.reportId, editing: false };
    case "editor":
      return { reportId: screen.reportId, editing: true };
  }
}

export function sameScreenAddress(a: Screen, b: Screen): boolean {
  const first = addressOfScreen(a);
  const second = addressOfScreen(b);
  return first !== undefined && second !== undefined && sameAddress(first, second);
}

/**
 * The screen for a place the user moved to through the host's history (Back, Forward), seen
 * from `current`: `current` itself when it already is there, so nothing remounts.
 */
export function screenOfAddress(address: PageAddress, current: Screen): Screen {
  const currentAddress = addressOfScreen(current);
  if (currentAddress !== undefined && sameAddress(currentAddress, address)) return current;
  if (!address.editing) return initialScreen(address.reportId);
  // Forward into an editor from the list or its report's viewer: its entry sits right above them.
  // Anywhere else (a reload, a link) nothing is known of the entry below.
  const openedHere = current.kind === "list" || (current.kind === "viewer" && current.reportId === address.reportId);
  if (openedHere) return editorScreen(address.reportId, current);
  return { kind: "editor", reportId: address.reportId, returnTo: initialScreen(address.reportId), aboveReturn: false };
}
