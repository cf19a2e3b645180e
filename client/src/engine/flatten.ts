/**
 * Flattens a result into display rows for a virtualized table and for CSV/XLSX export, with an
 * outline level per row (groups at depth d → d − 1, issues one below the deepest group, total 0).
 */

import type { GroupNode, ReportResult } from "./result";

export type DisplayRow =
  | { readonly kind: "group"; readonly group: GroupNode; readonly outlineLevel: number }
  | { readonly kind: "issue"; readonly row: number; readonly group: GroupNode; readonly outlineLevel: number }
  | { readonly kind: "total"; readonly group: GroupNode; readonly outlineLevel: 0 };

export interface FlattenOptions {
  /** Collapsed groups show their header only. Default: every group expanded. */
  readonly isExpanded?: (group: GroupNode) => boolean;
  /** Include issue rows (default true); false gives a summary of group rows only. */
  readonly includeIssues?: boolean;
  /** Where the grand-total row goes (default "bottom"). */
  readonly grandTotal?: "top" | "bottom" | "none";
}

export function flattenReport(result: ReportResult, options: FlattenOptions = {}): DisplayRow[] {
  const isExpanded = options.isExpanded ?? (() => true);
  const includeIssues = options.includeIssues !== false;
  const placement = options.grandTotal ?? "bottom";
  const out: DisplayRow[] = [];
  const issueLevel = result.groupDepth;
  const rows = result.rows;

  if (placement === "top") out.push({ kind: "total", group: result.root, outlineLevel: 0 });
  const visit = (group: GroupNode): void => {
    if (group.depth > 0) {
      out.push({ kind: "group", group, outlineLevel: group.depth - 1 });
      if (!isExpanded(group)) return;
    }
    if (group.children !== null) {
      for (const child of group.children) visit(child);
      return;
    }
    if (includeIssues)
      for (let i = group.rowStart; i < group.rowEnd; i++) out.push({ kind: "issue", row: rows[i]!, group, outlineLevel: issueLevel });
  };
  visit(result.root);
  if (placement === "bottom") out.push({ kind: "total", group: result.root, outlineLevel: 0 });
  return out;
}
