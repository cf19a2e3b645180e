/**
 * The editor's working copy of a report: the `ReportCreate` body, plus helpers to start one,
 * load one from a stored report, compare for unsaved changes, and derive formula keys.
 */

import type { ReportCreate } from "../../api/definition.gen";
import type { ReportPublic } from "../../api/resources.gen";

export type Draft = ReportCreate;

export function newDraft(options: { accountId: string | null; projectKey?: string | undefined }): Draft {
  return {
    name: "",
    description: "",
    jql: options.projectKey ? `project = ${quoteJqlValue(options.projectKey)}` : "",
    columns: [
      { field: "summary", label: null, format: null, aggregation: null, width: null },
      { field: "status", label: null, format: null, aggregation: null, width: null },
      { field: "assignee", label: null, format: null, aggregation: null, width: null },
    ],
    sorting_rules: [],
    grouping_rules: [],
    filtering_rules: [],
    formula_fields: [],
    // Made on a project page: that page lists it (editable in the General pane).
    projects: options.projectKey ? [options.projectKey] : [],
    // The server's default: the grouped table alone.
    views: [{ kind: "table", id: "table", name: "Table", conditional_formats: [] }],
    // Defaults (In Progress → Done, calendar time) until the History pane sets them.
    history: null,
    // An empty administrators list becomes [creator] on the server.
    people: { access: "private", administrators: options.accountId ? [options.accountId] : [], viewer_users: [], viewer_groups: [] },
  };
}

/** Project keys are plain `[A-Z][A-Z0-9_]*`; anything else is quoted so the JQL stays valid. */
function quoteJqlValue(value: string): string {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(value) ? value : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function draftFromReport(report: ReportPublic): Draft {
  return {
    name: report.name,
    description: report.description,
    jql: report.jql,
    columns: report.columns,
    sorting_rules: report.sorting_rules,
    grouping_rules: report.grouping_rules,
    filtering_rules: report.filtering_rules,
    formula_fields: report.formula_fields,
    projects: report.projects,
    // Edited in the Views pane (panes/ViewsPane.tsx).
    views: report.views,
    // Edited in the History pane (panes/HistoryPane.tsx); a report saved before issue 14 has none.
    history: report.history ?? null,
    people: {
      access: report.people.access,
      administrators: report.people.administrators,
      viewer_users: report.people.viewer_users,
      viewer_groups: report.people.viewer_groups,
    },
  };
}

/** Structural equality of two drafts: what "unsaved changes" means. */
export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `formula_<slug>` from a name, unique among `taken`; slug per docs/report-model.md. */
export function formulaKeyFor(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "field";
  let key = `formula_${slug}`;
  for (let n = 2; taken.has(key); n++) key = `formula_${slug}_${n}`;
  return key;
}

/** Immutable list edits shared by every pane. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length || from === to) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** Applies `patch` to the item as it is when the update runs, not as it was rendered, so two
 * quick edits of one row (say, field then direction) both survive. */
export function patchItem<T>(items: readonly T[], index: number, patch: Partial<T>): T[] {
  return items.map((existing, i) => (i === index ? { ...existing, ...patch } : existing));
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}
