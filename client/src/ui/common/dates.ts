/**
 * Server timestamps (ISO 8601) shown as the report viewer shows date-times: the user's locale
 * (the host's, else the browser's), medium date and short time, in the user's Jira time zone.
 */

/** The user's locale: what the host says (HostContext.locale), else the browser's. */
export function userLocale(hostLocale: string | undefined): string | undefined {
  if (hostLocale) {
    try {
      // Jira writes locales as `en_US`; Intl wants BCP 47 (`en-US`).
      return Intl.getCanonicalLocales(hostLocale.replace(/_/g, "-"))[0];
    } catch {
      // A locale Intl cannot read falls back to the browser's rather than breaking the page.
    }
  }
  return undefined;
}

export function formatTimestamp(iso: string | null | undefined, timeZone: string | undefined, hostLocale?: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = userLocale(hostLocale);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) }).format(date);
  } catch {
    // An unknown zone name from the host must not break the list.
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }
}
