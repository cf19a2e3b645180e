/**
 * One issue cell: status and options as lozenges, users as names, issue links as links that open
 * the issue in Jira, everything else as the engine's formatted text. All Jira text is React text.
 */

import { formatCell, getCellEntries, type ColumnDescriptor, type ReportResult } from "../../engine/index";
import { Lozenge, UserName } from "../common/Lozenge";
import type { CellToneMark } from "./conditionalFormat";

export interface IssueLinkProps {
  readonly issueKey: string;
  readonly siteUrl: string | null;
  readonly onOpen: (issueKey: string) => void;
  readonly children?: React.ReactNode;
  /** −1 inside the report grid, where the row or cell holds the tab stop and Enter follows the link. */
  readonly tabIndex?: number;
}

/** A real link (copyable, middle-clickable) whose plain click asks the host to open the issue. */
export function IssueLink({ issueKey, siteUrl, onOpen, children, tabIndex }: IssueLinkProps) {
  const href = siteUrl ? `${siteUrl.replace(/\/$/, "")}/browse/${encodeURIComponent(issueKey)}` : "#";
  return (
    <a
      className="rb-issue-link"
      href={href}
      target="_top"
      rel="noopener noreferrer"
      tabIndex={tabIndex}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onOpen(issueKey);
      }}
    >
      {children ?? issueKey}
    </a>
  );
}

export interface CellContentProps {
  readonly result: ReportResult;
  readonly row: number;
  readonly column: ColumnDescriptor;
  readonly siteUrl: string | null;
  readonly onOpenIssue: (issueKey: string) => void;
}

export function CellContent({ result, row, column, siteUrl, onOpenIssue }: CellContentProps) {
  const formatType = column.format.type;
  if (column.type === "issuelink") {
    const entries = getCellEntries(result, row, column.index);
    if (entries.length > 0) {
      return (
        <>
          {entries.map((entry) => (
            <IssueLink key={entry.key} issueKey={entry.key} siteUrl={siteUrl} onOpen={onOpenIssue} tabIndex={-1}>
              {entry.label}
            </IssueLink>
          ))}
        </>
      );
    }
  }
  if (formatType === "option" || formatType === "user") {
    const entries = getCellEntries(result, row, column.index);
    if (entries.length > 0) {
      return (
        <span className="rb-cell-entries">
          {entries.map((entry, i) =>
            formatType === "user" || entry.avatarUrl !== undefined || column.type === "user" ? (
              <UserName key={`${entry.key}-${i}`} entry={entry} />
            ) : (
              <Lozenge key={`${entry.key}-${i}`} entry={entry} />
            ),
          )}
        </span>
      );
    }
  }
  const { display } = formatCell(result, row, column.index);
  return <>{display}</>;
}

/** Numbers, durations and dates line up on the right like Jira's number columns. */
export function isNumericColumn(column: ColumnDescriptor): boolean {
  const t = column.format.type;
  return t === "number" || t === "percent" || t === "duration";
}

/** A cell's tooltip with the threshold its tint stands for, so the colour is explained on hover too. */
export function withTone(title: string | undefined, tone: CellToneMark | null): string | undefined {
  if (tone === null) return title;
  return title ? `${title} (${tone.description})` : `(${tone.description})`;
}
