/**
 * The three kinds of report rows as treegrid rows: group headers (toggle, key, issue count,
 * aggregates), issues (key link and cells) and the grand total.
 */

import { memo } from "react";
import { getIssueKey, type DisplayRow, type GroupNode, type ReportResult } from "../../engine/index";
import { CellContent, IssueLink, isNumericColumn } from "./CellContent";
import { issueCountText } from "./statusText";

export interface RowProps {
  readonly result: ReportResult;
  readonly displayRow: DisplayRow;
  /** Position in the flattened list (0-based); the header is aria row 1. */
  readonly index: number;
  readonly top: number;
  readonly height: number;
  readonly template: string;
  readonly expanded: boolean;
  readonly siteUrl: string | null;
  readonly onToggle: (group: GroupNode, index: number) => void;
  readonly onOpenIssue: (issueKey: string) => void;
}

const INDENT = 20;

function AggregateCells({ result, group }: { result: ReportResult; group: GroupNode }) {
  return (
    <>
      {result.columns.map((column) => {
        const cell = group.aggregates[column.index] ?? null;
        return (
          <div
            key={column.index}
            role="gridcell"
            className={`rb-cell rb-cell--aggregate${isNumericColumn(column) || typeof cell?.value === "number" ? " rb-cell--numeric" : ""}`}
            data-column={column.field}
            title={cell && column.aggregation ? `${column.aggregation}: ${cell.display}` : undefined}
          >
            {cell ? cell.display : null}
          </div>
        );
      })}
    </>
  );
}

function GroupRow({ result, displayRow, index, top, height, template, expanded, onToggle }: RowProps) {
  const group = displayRow.group;
  const label = group.isEmptyGroup ? "(none)" : group.label;
  const onKeyDown = (event: React.KeyboardEvent) => {
    // Treegrid convention: Right expands, Left collapses.
    if ((event.key === "ArrowRight" && !expanded) || (event.key === "ArrowLeft" && expanded)) {
      event.preventDefault();
      onToggle(group, index);
    }
  };
  return (
    <div
      role="row"
      className={`rb-row rb-row--group rb-row--depth-${Math.min(group.depth, 5)}`}
      style={{ top, height, gridTemplateColumns: template }}
      aria-rowindex={index + 2}
      aria-level={group.depth}
      aria-expanded={expanded}
      data-testid="row-group"
      data-group-key={label}
      data-group-id={group.id}
      data-depth={group.depth}
    >
      <div role="gridcell" className="rb-cell rb-cell--tree" style={{ paddingLeft: 8 + (group.depth - 1) * INDENT }}>
        <button
          type="button"
          className="rb-toggle"
          aria-label={`${expanded ? "Collapse" : "Expand"} ${label}`}
          aria-expanded={expanded}
          onClick={() => onToggle(group, index)}
          onKeyDown={onKeyDown}
          data-testid="group-toggle"
        >
          <span aria-hidden="true" className={`rb-chevron${expanded ? " rb-chevron--open" : ""}`} />
        </button>
        <span className="rb-group-label" title={label}>
          {label}
        </span>
        <span className="rb-group-count">{issueCountText(group.issueCount)}</span>
      </div>
      <AggregateCells result={result} group={group} />
    </div>
  );
}

function IssueRow({ result, displayRow, index, top, height, template, siteUrl, onOpenIssue }: RowProps) {
  if (displayRow.kind !== "issue") return null;
  const issueKey = getIssueKey(result, displayRow.row) ?? "";
  return (
    <div
      role="row"
      className="rb-row rb-row--issue"
      style={{ top, height, gridTemplateColumns: template }}
      aria-rowindex={index + 2}
      aria-level={result.groupDepth + 1}
      data-testid="row-issue"
      data-issue-key={issueKey}
    >
      <div
        role="gridcell"
        className="rb-cell rb-cell--tree"
        style={{ paddingLeft: 8 + result.groupDepth * INDENT + (result.groupDepth > 0 ? 24 : 0) }}
      >
        {issueKey ? <IssueLink issueKey={issueKey} siteUrl={siteUrl} onOpen={onOpenIssue} /> : null}
      </div>
      {result.columns.map((column) => (
        <div
          key={column.index}
          role="gridcell"
          className={`rb-cell${isNumericColumn(column) ? " rb-cell--numeric" : ""}`}
          data-column={column.field}
        >
          <CellContent result={result} row={displayRow.row} column={column} siteUrl={siteUrl} onOpenIssue={onOpenIssue} />
        </div>
      ))}
    </div>
  );
}

function TotalRow({ result, displayRow, index, top, height, template }: RowProps) {
  return (
    <div
      role="row"
      className="rb-row rb-row--total"
      style={{ top, height, gridTemplateColumns: template }}
      aria-rowindex={index + 2}
      aria-level={1}
      data-testid="row-total"
    >
      <div role="gridcell" className="rb-cell rb-cell--tree">
        <span className="rb-group-label">Total</span>
        <span className="rb-group-count">{issueCountText(displayRow.group.issueCount)}</span>
      </div>
      <AggregateCells result={result} group={displayRow.group} />
    </div>
  );
}

/** Memoized: scrolling re-renders only rows entering the window. */
export const ReportRow = memo(function ReportRow(props: RowProps) {
  switch (props.displayRow.kind) {
    case "group":
      return <GroupRow {...props} />;
    case "issue":
      return <IssueRow {...props} />;
    case "total":
      return <TotalRow {...props} />;
  }
});
