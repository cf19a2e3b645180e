/**
 * The three kinds of report rows as treegrid rows: group headers (toggle, key, issue count,
 * aggregates, "Open in Jira"), issues (key link and cells) and the grand total; and the pinned
 * copies of group headers kept under the table header while scrolling inside a group.
 *
 * Focus: the grid has one tab stop (roving tabindex). `focusCell` says where it is in this row:
 * null elsewhere, −1 on the row itself, n ≥ 0 on cell n (0 = the tree column).
 */

import { memo } from "react";
import { formatCell, getCellValue, getIssueKey, type DisplayRow, type GroupNode, type ReportResult } from "../../engine/index";
import { groupLabel } from "../common/bucketLabels";
import { CellContent, IssueLink, isNumericColumn, withTone } from "./CellContent";
import { cellToneMark } from "./conditionalFormat";
import { ToneDescription, useTableFormats } from "./TableFormatsContext";
import { OpenInJira, ShowOnlyGroup } from "./OpenInJira";
import { issueCountText } from "./statusText";

export type RowMatch = "current" | "match" | null;

export interface RowProps {
  readonly result: ReportResult;
  readonly displayRow: DisplayRow;
  /** Position in the flattened list (0-based); the header is aria row 1. */
  readonly index: number;
  readonly top: number | undefined;
  readonly height: number;
  readonly template: string;
  readonly expanded: boolean;
  readonly siteUrl: string | null;
  readonly focusCell: number | null;
  readonly match: RowMatch;
  readonly onToggle: (group: GroupNode, index: number) => void;
  readonly onOpenIssue: (issueKey: string) => void;
}

const INDENT = 20;

const tabIndexFor = (focusCell: number | null, cell: number) => (focusCell === cell ? 0 : -1);

function rowClass(base: string, match: RowMatch): string {
  return `rb-row ${base}${match === "current" ? " rb-row--current-match" : match === "match" ? " rb-row--match" : ""}`;
}

function AggregateCells({ result, group, focusCell }: { result: ReportResult; group: GroupNode; focusCell: number | null }) {
  const formats = useTableFormats();
  return (
    <>
      {result.columns.map((column) => {
        const cell = group.aggregates[column.index] ?? null;
        const tone = cell ? cellToneMark(formats, result, column, cell.value, cell.type) : null;
        return (
          <div
            key={column.index}
            role="gridcell"
            className={`rb-cell rb-cell--aggregate${isNumericColumn(column) || typeof cell?.value === "number" ? " rb-cell--numeric" : ""}`}
            data-column={column.field}
            data-cell-index={column.index + 1}
            tabIndex={tabIndexFor(focusCell, column.index + 1)}
            title={withTone(cell && column.aggregation ? `${column.aggregation}: ${cell.display}` : cell?.display || undefined, tone)}
            data-tone={tone?.color}
          >
            {cell ? cell.display : null}
            <ToneDescription mark={tone} />
          </div>
        );
      })}
    </>
  );
}

function GroupRow({ result, displayRow, index, top, height, template, expanded, focusCell, match, onToggle }: RowProps) {
  const group = displayRow.group;
  const label = groupLabel(result, group);
  return (
    <div
      role="row"
      className={rowClass(`rb-row--group rb-row--depth-${Math.min(group.depth, 5)}`, match)}
      style={{ top, height, gridTemplateColumns: template }}
      aria-rowindex={index + 2}
      aria-level={group.depth}
      aria-expanded={expanded}
      tabIndex={tabIndexFor(focusCell, -1)}
      data-testid="row-group"
      data-group-key={label}
      data-group-id={group.id}
      data-depth={group.depth}
    >
      <div
        role="gridcell"
        className="rb-cell rb-cell--tree"
        style={{ paddingLeft: 8 + (group.depth - 1) * INDENT }}
        data-cell-index={0}
        tabIndex={tabIndexFor(focusCell, 0)}
      >
        <button
          type="button"
          className="rb-toggle"
          aria-label={`${expanded ? "Collapse" : "Expand"} ${label}`}
          aria-expanded={expanded}
          // The row takes the keys (Enter, Left, Right); the button is for the mouse and stays out of the tab order.
          tabIndex={-1}
          onClick={() => onToggle(group, index)}
          data-testid="group-toggle"
        >
          <span aria-hidden="true" className={`rb-chevron${expanded ? " rb-chevron--open" : ""}`} />
        </button>
        <span className="rb-group-label" title={label}>
          {label}
        </span>
        <span className="rb-group-count">{issueCountText(group.issueCount)}</span>
        <ShowOnlyGroup group={group} label={label} />
        <OpenInJira group={group} />
      </div>
      <AggregateCells result={result} group={group} focusCell={focusCell} />
    </div>
  );
}

function IssueRow({ result, displayRow, index, top, height, template, siteUrl, focusCell, match, onOpenIssue }: RowProps) {
  const formats = useTableFormats();
  if (displayRow.kind !== "issue") return null;
  const issueKey = getIssueKey(result, displayRow.row) ?? "";
  return (
    <div
      role="row"
      className={rowClass("rb-row--issue", match)}
      style={{ top, height, gridTemplateColumns: template }}
      aria-rowindex={index + 2}
      aria-level={result.groupDepth + 1}
      tabIndex={tabIndexFor(focusCell, -1)}
      data-testid="row-issue"
      data-issue-key={issueKey}
    >
      <div
        role="gridcell"
        className="rb-cell rb-cell--tree"
        style={{ paddingLeft: 8 + result.groupDepth * INDENT + (result.groupDepth > 0 ? 24 : 0) }}
        data-cell-index={0}
        tabIndex={tabIndexFor(focusCell, 0)}
      >
        {issueKey ? <IssueLink issueKey={issueKey} siteUrl={siteUrl} onOpen={onOpenIssue} tabIndex={-1} /> : null}
      </div>
      {result.columns.map((column) => {
        // The full text, for a cell too narrow to show it: a tooltip on hover; on focus the cell unfolds (table.css).
        const full = formatCell(result, displayRow.row, column.index).display;
        const tone = cellToneMark(formats, result, column, getCellValue(result, displayRow.row, column.index));
        return (
          <div
            key={column.index}
            role="gridcell"
            className={`rb-cell${isNumericColumn(column) ? " rb-cell--numeric" : ""}`}
            data-column={column.field}
            data-cell-index={column.index + 1}
            tabIndex={tabIndexFor(focusCell, column.index + 1)}
            title={withTone(full || undefined, tone)}
            data-tone={tone?.color}
          >
            <CellContent result={result} row={displayRow.row} column={column} siteUrl={siteUrl} onOpenIssue={onOpenIssue} />
            <ToneDescription mark={tone} />
          </div>
        );
      })}
    </div>
  );
}

function TotalRow({ result, displayRow, index, height, template, focusCell }: RowProps) {
  return (
    <div
      role="row"
      className="rb-row rb-row--total"
      style={{ height, gridTemplateColumns: template }}
      aria-rowindex={index + 2}
      aria-level={1}
      tabIndex={tabIndexFor(focusCell, -1)}
      data-testid="row-total"
    >
      <div role="gridcell" className="rb-cell rb-cell--tree" data-cell-index={0} tabIndex={tabIndexFor(focusCell, 0)}>
        <span className="rb-group-label">Total</span>
        <span className="rb-group-count">{issueCountText(displayRow.group.issueCount)}</span>
        <OpenInJira group={null} />
      </div>
      <AggregateCells result={result} group={displayRow.group} focusCell={focusCell} />
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

export interface PinnedGroupRowProps {
  readonly result: ReportResult;
  readonly group: GroupNode;
  readonly template: string;
  readonly height: number;
  readonly onSelect: () => void;
}

/**
 * A copy of a group header pinned under the table header so the user knows where they are deep
 * in a long group. Hidden from assistive technology (the real row is in the grid); a click
 * scrolls back to the group's own row.
 */
export function PinnedGroupRow({ result, group, template, height, onSelect }: PinnedGroupRowProps) {
  const label = groupLabel(result, group);
  const formats = useTableFormats();
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a mouse shortcut; keyboard users reach the group with Left in the grid
    // biome-ignore lint/a11y/noStaticElementInteractions: as above
    <div
      className={`rb-row rb-row--group rb-row--pinned rb-row--depth-${Math.min(group.depth, 5)}`}
      style={{ height, gridTemplateColumns: template }}
      data-testid="pinned-group"
      data-group-key={label}
      data-depth={group.depth}
      onClick={onSelect}
    >
      <div className="rb-cell rb-cell--tree" style={{ paddingLeft: 8 + (group.depth - 1) * INDENT }}>
        <span className="rb-toggle rb-toggle--static">
          <span className="rb-chevron rb-chevron--open" />
        </span>
        <span className="rb-group-label" title={label}>
          {label}
        </span>
        <span className="rb-group-count">{issueCountText(group.issueCount)}</span>
      </div>
      {result.columns.map((column) => {
        const cell = group.aggregates[column.index] ?? null;
        const tone = cell ? cellToneMark(formats, result, column, cell.value, cell.type) : null;
        return (
          <div
            key={column.index}
            className={`rb-cell rb-cell--aggregate${isNumericColumn(column) ? " rb-cell--numeric" : ""}`}
            data-tone={tone?.color}
          >
            {cell ? cell.display : null}
          </div>
        );
      })}
    </div>
  );
}
