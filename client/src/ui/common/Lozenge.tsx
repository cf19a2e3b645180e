/** Lozenges for options and statuses (colored by status category) and user names with avatars. */

import type { DictionaryEntry } from "../../engine/index";

const CATEGORY_CLASSES: Record<string, string> = {
  new: "rb-lozenge--new",
  indeterminate: "rb-lozenge--indeterminate",
  done: "rb-lozenge--done",
};

export function Lozenge({ entry }: { entry: DictionaryEntry }) {
  const category = entry.category !== undefined ? CATEGORY_CLASSES[entry.category] : undefined;
  // Statuses are uppercase lozenges like Jira's; other options keep their case.
  const className = category ? `rb-lozenge ${category}` : "rb-lozenge rb-lozenge--plain";
  return (
    <span className={className} title={entry.label}>
      {entry.label}
    </span>
  );
}

/**
 * Avatars only when the CSP would allow them anyway (our origin or a data: URL): Jira's avatar
 * hosts are other origins, and loading them would tell a third party who looked at a report.
 */
export function isDisplayableImage(url: string | undefined): url is string {
  if (!url) return false;
  if (url.startsWith("data:image/")) return true;
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch {
    return false;
  }
}

export function UserName({ entry }: { entry: DictionaryEntry }) {
  const inactive = entry.active === false;
  return (
    <span className="rb-user" title={inactive ? `${entry.label} (deactivated)` : entry.label}>
      {isDisplayableImage(entry.avatarUrl) ? <img className="rb-avatar" src={entry.avatarUrl} alt="" width={16} height={16} /> : null}
      <span className={inactive ? "rb-user--inactive" : undefined}>{entry.label}</span>
    </span>
  );
}
