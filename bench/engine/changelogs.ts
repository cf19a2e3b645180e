/**
 * Synthetic status changelogs for the history benchmark (history.ts): every issue of generate.ts
 * gets `entries` status changes, a random walk through the site's workflow that ends in the
 * issue's current status, dated between its creation and its resolution (or up to 60 days later
 * for unresolved work). The shape is what the loader attaches to an issue (Jira's
 * `expand=changelog`), complete, so the engine derives every history field of every issue.
 *
 * A second PRNG per issue (salted seed): the issues themselves stay exactly what generate.ts
 * makes for the other benchmarks.
 */

import type { JiraChangeHistory, JiraIssue } from "../../client/src/engine/jira";
import { createRandom, generateIssues, jiraDateTime, STATUSES } from "./generate";

const DAY_MS = 86_400_000;
const OPEN_SPAN_MS = 60 * DAY_MS;
const CHANGELOG_SALT = 0x5eed;

interface StatusRef {
  id: string;
  name: string;
}

function statusItem(from: StatusRef, to: StatusRef): JiraChangeHistory["items"][number] {
  return { field: "status", fieldtype: "jira", from: from.id, fromString: from.name, to: to.id, toString: to.name };
}

/** `entries` status changes ending in the issue's status, oldest first; `nextId` numbers them. */
export function statusHistories(
  issue: JiraIssue,
  index: number,
  entries: number,
  now: number,
  nextId: { value: number },
  seed = 42,
): JiraChangeHistory[] {
  const rnd = createRandom((seed * 1_000_003 + index) ^ CHANGELOG_SALT);
  const fields = issue.fields ?? {};
  const created = Date.parse(String(fields.created).replace("+0000", "Z"));
  const resolved = typeof fields.resolutiondate === "string" ? Date.parse(fields.resolutiondate.replace("+0000", "Z")) : NaN;
  const end = Number.isNaN(resolved) ? Math.min(created + OPEN_SPAN_MS, now) : resolved;
  const final = fields.status as StatusRef;
  const pickOther = (...not: StatusRef[]): StatusRef => {
    for (;;) {
      const status = STATUSES[Math.floor(rnd() * STATUSES.length)]!;
      if (!not.some((s) => s.id === status.id)) return status;
    }
  };
  // Sorted instants in (created, end]: each change after the previous one.
  const instants = Array.from({ length: entries }, () => created + 1000 + Math.floor(rnd() * Math.max(end - created - 1000, 1))).sort(
    (a, b) => a - b,
  );
  const histories: JiraChangeHistory[] = [];
  let current = entries === 1 ? pickOther(final) : pickOther();
  for (let k = 0; k < entries; k++) {
    // The last change lands in the current status; the one before it must leave another status.
    const next = k === entries - 1 ? final : k === entries - 2 ? pickOther(current, final) : pickOther(current);
    histories.push({ id: (nextId.value++).toString(), created: jiraDateTime(instants[k]!), items: [statusItem(current, next)] });
    current = next;
  }
  return histories;
}

/**
 * The `/search/jql` pages of generate.ts's `searchPages`, each issue carrying a complete changelog
 * of `entries` status changes, as JSON text.
 */
export function pagesWithChangelogs(
  size: number,
  fields: readonly string[],
  entries: number,
  now: number,
  pageSize = 100,
  seed = 42,
): string[] {
  const pages: string[] = [];
  const nextId = { value: 100_000 };
  for (let from = 0; from < size; from += pageSize) {
    const count = Math.min(pageSize, size - from);
    const issues = generateIssues(from, count, seed).map((issue, offset) => {
      const all = issue.fields ?? {};
      const picked: Record<string, unknown> = {};
      for (const f of fields) if (f in all) picked[f] = all[f];
      const histories = statusHistories(issue, from + offset, entries, now, nextId, seed);
      return { ...issue, fields: picked, changelog: { startAt: 0, maxResults: entries, total: entries, histories } };
    });
    const isLast = from + pageSize >= size;
    pages.push(JSON.stringify({ issues, ...(isLast ? {} : { nextPageToken: `page-${from + pageSize}` }), isLast }));
  }
  return pages;
}
