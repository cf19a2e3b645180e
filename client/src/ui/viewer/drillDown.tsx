/**
 * What "Open in Jira" needs to know about the report on screen, handed down through context so
 * the table rows (which only know their group) can build each group's issue-navigator link, and
 * narrow the table to a group ("Show only"; the total row of a narrowed table stands for that group).
 *
 * Filters are not translated into JQL: the report's filter rules run in the browser with the
 * engine's own semantics (case-insensitive text, option labels or ids, relative dates), which JQL
 * cannot always repeat exactly. A note says so wherever the report has filters.
 */

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { andJql, groupJql, groupPath, type GroupLevel } from "../../engine/drilldown/index";
import type { GroupNode, GroupRule, ReportResult } from "../../engine/index";
import { issueSearchPath } from "../../host/host";
import { groupLabel } from "../common/bucketLabels";
import { useServices } from "../services";

export interface DrillDown {
  /** The issue navigator URL for a group (null: the total), or null when JQL cannot select the group. */
  hrefFor(group: GroupNode | null): string | null;
  /** Opens the group's issues in Jira's navigator, outside the app's frame. */
  open(group: GroupNode | null): void;
  /** True when the report's filters narrow the groups further than their JQL does. */
  readonly filtered: boolean;
  /** The group's name as the table shows it (date buckets in the user's locale). */
  labelOf(group: GroupNode): string;
  /** The group the table is narrowed to (its total row stands for it), or null for the whole report. */
  readonly scope: GroupNode | null;
  /** Narrows the table to a group ("Show only"); absent where the table cannot be narrowed. */
  readonly narrow?: (group: GroupNode) => void;
}

/** The parts of a report definition that decide a group's JQL. */
export interface DrillDownReport {
  /** Null where JQL cannot select the issues shown (a pivot cell's drill-down over text groups). */
  readonly jql: string | null;
  readonly grouping_rules?: readonly GroupRule[];
  readonly filtering_rules?: readonly unknown[];
}

const DrillDownContext = createContext<DrillDown | null>(null);

/** The JQL of a group of `result` (the total for null), or null when JQL cannot select it. */
export function jqlForGroup(report: DrillDownReport, result: ReportResult, group: GroupNode | null): string | null {
  const node = group ?? result.root;
  if (report.jql === null) return null;
  if (node.depth === 0) return andJql(report.jql, []);
  const path = groupPath(result.root, node);
  if (path === null) return null;
  const rules = report.grouping_rules ?? [];
  const table = result.data.table;
  const levels: GroupLevel[] = [];
  for (const step of path) {
    const rule = rules[step.depth - 1];
    // A definition newer than the result (edited meanwhile) must not give a wrong link.
    if (step.field === null || rule?.field !== step.field) return null;
    levels.push({ field: step.field, spec: table.spec(step.field), bucket: rule.bucket, key: step.key, isEmpty: step.isEmptyGroup });
  }
  return groupJql(report.jql, levels);
}

export function DrillDownProvider({
  report,
  result,
  siteUrl,
  scope = null,
  scopeLabel,
  onNarrow,
  children,
}: {
  report: DrillDownReport | null;
  /** The whole report's result, also when the table shows a narrowed view of it. */
  result: ReportResult | null;
  siteUrl: string | null;
  /** The group the table is narrowed to (a node of `result`), or null. */
  scope?: GroupNode | null;
  /** The scope's name when it is not a group of `result` (a pivot cell's drill-down: "Ada › Bug"). */
  scopeLabel?: string | undefined;
  onNarrow?: (group: GroupNode) => void;
  children: ReactNode;
}) {
  const { host } = useServices();
  const filterCount = report?.filtering_rules?.length ?? 0;
  const value = useMemo<DrillDown | null>(() => {
    if (report === null || result === null) return null;
    // Groups are immutable within one result; a report with many groups builds each link once.
    const cache = new Map<GroupNode | null, string | null>();
    const jqlOf = (group: GroupNode | null): string | null => {
      if (!cache.has(group)) cache.set(group, jqlForGroup(report, result, group));
      return cache.get(group)!;
    };
    return {
      filtered: (report.filtering_rules?.length ?? 0) > 0,
      hrefFor(group) {
        const jql = jqlOf(group);
        return jql === null ? null : `${siteUrl ?? ""}${issueSearchPath(jql)}`;
      },
      open(group) {
        const jql = jqlOf(group);
        if (jql !== null) host.openIssueSearch(jql);
      },
      labelOf: (group) => (group === scope && scopeLabel !== undefined ? scopeLabel : groupLabel(result, group)),
      scope,
      ...(onNarrow ? { narrow: onNarrow } : {}),
    };
  }, [report, result, siteUrl, host, scope, scopeLabel, onNarrow]);
  return (
    <DrillDownContext.Provider value={value}>
      {value !== null && filterCount > 0 ? (
        <p className="rb-subtle rb-drilldown-note rb-no-print" data-testid="drilldown-filter-note">
          “Open in Jira” searches with this report’s JQL and groups only. The report’s{" "}
          {filterCount === 1 ? "filter applies" : `${filterCount} filters apply`} only in Rollbook, so Jira can list more issues than a
          group shows.
        </p>
      ) : null}
      {children}
    </DrillDownContext.Provider>
  );
}

export function useDrillDown(): DrillDown | null {
  return useContext(DrillDownContext);
}
