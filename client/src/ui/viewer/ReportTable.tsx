/**
 * The virtualized grouped report table (ARIA treegrid). The scroller holds a sticky header and a
 * body as tall as all rows; only the rows in the window (plus overscan) exist in the DOM, each
 * absolutely positioned at `index × rowHeight`.
 *
 * For wide and long reports the first column is frozen (sticky left), the path of group headers
 * above the top row is pinned under the header, and the grand total is pinned at the bottom.
 * Sorting, column widths and search are this view's own (widths can be saved by an administrator).
 * The result may be narrowed to one group (see narrowing.ts): sort and search then act on it.
 */

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ReportPublic } from "../../api/resources.gen";
import type { DisplayRow, GroupNode, ReportResult } from "../../engine/index";
import { gridTemplate, totalWidth } from "./columns";
import type { Expansion } from "./expansion";
import { type GridPosition, moveFocus } from "./gridFocus";
import { ReportSearch } from "./ReportSearch";
import { ancestorsOf, parentIndexes, pinnedPath } from "./rowTree";
import { TableHeader } from "./TableHeader";
import { PinnedGroupRow, ReportRow, type RowMatch } from "./TableRows";
import { rowKey } from "./tableSearch";
import { nextSort, sortDisplayRows, type ViewSort } from "./tableSort";
import { useColumnWidths } from "./useColumnWidths";
import { useReportSearch } from "./useReportSearch";
import { useWindowRange } from "./windowing";

export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 36;
const OVERSCAN = 12;

export interface ReportTableProps {
  readonly result: ReportResult;
  readonly rows: readonly DisplayRow[];
  readonly expansion: Expansion;
  readonly siteUrl: string | null;
  readonly onOpenIssue: (issueKey: string) => void;
  readonly label: string;
  /** The stored report: with `permissions.can_edit`, the user may save column widths into it. */
  readonly report?: ReportPublic | null;
  /** A group row to scroll to and focus (after leaving a narrowed view); a new object each time. */
  readonly focusGroup?: { readonly groupId: string } | null;
}

export function ReportTable({
  result,
  rows: flatRows,
  expansion,
  siteUrl,
  onOpenIssue,
  label,
  report = null,
  focusGroup = null,
}: ReportTableProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<ViewSort | null>(null);
  const rows = useMemo(() => sortDisplayRows(flatRows, result, sort), [flatRows, result, sort]);
  const parents = useMemo(() => parentIndexes(rows), [rows]);
  // The total is pinned below the body rather than scrolled with it.
  const total = rows[rows.length - 1]?.kind === "total" ? rows[rows.length - 1]! : null;
  const bodyCount = total ? rows.length - 1 : rows.length;

  const { start, end, first, scrollToRow } = useWindowRange(scrollerRef, {
    rowHeight: ROW_HEIGHT,
    rowCount: bodyCount,
    overscan: OVERSCAN,
    offsetTop: HEADER_HEIGHT,
    offsetBottom: total ? ROW_HEIGHT : 0,
  });
  const widths = useColumnWidths(report);
  const template = useMemo(() => gridTemplate(result, widths.overrides), [result, widths.overrides]);
  const width = useMemo(() => totalWidth(result, widths.overrides), [result, widths.overrides]);

  // Brings a row into view below the pinned group path (which is as deep as the row's ancestry).
  const reveal = useCallback(
    (index: number, center = false) => {
      if (index >= bodyCount) return;
      scrollToRow(index, { insetTop: ancestorsOf(parents, index).length * ROW_HEIGHT, center });
    },
    [bodyCount, parents, scrollToRow],
  );

  // --- focus (roving tabindex) -----------------------------------------------------------------
  const [active, setActive] = useState<GridPosition>({ index: 0, cell: -1 });
  const pendingFocus = useRef(false);
  // The row a focus request set from an effect is for: effects of the commit that made the request
  // still see the previous active row, which must not take the focus instead.
  const pendingIndex = useRef<number | null>(null);
  const activeIndex = Math.min(active.index, Math.max(0, rows.length - 1));
  const focusAt = useCallback(
    (to: GridPosition) => {
      pendingFocus.current = true;
      setActive(to);
      reveal(to.index);
    },
    [reveal],
  );
  // After the move renders (and the window caught up with the scroll), focus the element.
  useEffect(() => {
    if (!pendingFocus.current || (pendingIndex.current !== null && pendingIndex.current !== activeIndex)) return;
    const row = scrollerRef.current?.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${activeIndex + 2}"]`);
    const target = active.cell < 0 ? row : row?.querySelector<HTMLElement>(`[data-cell-index="${active.cell}"]`);
    if (target) {
      pendingFocus.current = false;
      pendingIndex.current = null;
      target.focus({ preventScroll: true });
    }
  });

  const onToggle = useCallback(
    (group: GroupNode, index: number) => {
      expansion.toggle(group);
      // Keep the toggled row in view (and focused) when rows below it vanish.
      setActive({ index, cell: -1 });
      reveal(index);
    },
    [expansion, reveal],
  );

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[role="row"][aria-rowindex]');
    const ariaIndex = Number(rowEl?.getAttribute("aria-rowindex") ?? 0);
    if (!rowEl || ariaIndex < 2 || target.closest('[role="separator"], input')) return;
    const inControl = target.closest("a, button") !== null;
    // Links and buttons in a cell keep their own Enter and Space.
    if (inControl && (event.key === "Enter" || event.key === " ")) return;
    const cellEl = target.closest<HTMLElement>("[data-cell-index]");
    const at: GridPosition = {
      index: ariaIndex - 2,
      cell: target === rowEl || !cellEl || inControl ? -1 : Number(cellEl.dataset.cellIndex),
    };
    const pageRows = Math.max(1, Math.floor(((scrollerRef.current?.clientHeight ?? 640) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const move = moveFocus(
      {
        rows,
        parents,
        cellCount: result.columns.length + 1,
        pageRows,
        isExpanded: (i) => {
          const row = rows[i];
          return row?.kind === "group" ? expansion.isExpanded(row.group) : false;
        },
      },
      at,
      event.key,
      event.ctrlKey || event.metaKey,
    );
    if (move.kind === "none") return;
    event.preventDefault();
    if (move.kind === "focus") focusAt(move.to);
    else if (move.kind === "toggle") {
      const row = rows[move.index];
      if (row?.kind === "group") {
        onToggle(row.group, move.index);
        pendingFocus.current = true;
      }
    } else {
      const row = rows[move.at.index];
      const cell = move.at.cell >= 0 ? rowEl.querySelector<HTMLElement>(`[data-cell-index="${move.at.cell}"]`) : null;
      const control = cell?.querySelector<HTMLElement>("a, button");
      if (control) control.click();
      else if (row?.kind === "issue" && move.at.cell <= 0) rowEl.querySelector<HTMLElement>(".rb-issue-link")?.click();
    }
  };

  // Focus that arrives by mouse or Tab becomes the grid's tab stop.
  const onFocus = (event: React.FocusEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[role="row"][aria-rowindex]');
    const ariaIndex = Number(rowEl?.getAttribute("aria-rowindex") ?? 0);
    if (!rowEl || ariaIndex < 2) return;
    const cell = target === rowEl ? -1 : Number(target.closest<HTMLElement>("[data-cell-index]")?.dataset.cellIndex ?? -1);
    if (ariaIndex - 2 !== active.index || cell !== active.cell)
      setActive({ index: ariaIndex - 2, cell: target.matches("a, button") ? -1 : cell });
  };

  // --- narrowing -----------------------------------------------------------------------------
  // Narrowed to another group (or back): the table shows other rows, from their top.
  const scopeId = result.root.id;
  const shownScope = useRef(scopeId);
  useLayoutEffect(() => {
    if (shownScope.current === scopeId) return;
    shownScope.current = scopeId;
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
    setActive({ index: 0, cell: -1 });
  }, [scopeId]);
  // Back from a narrowed view: the user continues at the group they came out of.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request moves focus, not new rows
  useLayoutEffect(() => {
    if (focusGroup === null) return;
    const index = rows.findIndex((row) => row.kind === "group" && row.group.id === focusGroup.groupId);
    if (index < 0) return;
    pendingFocus.current = true;
    pendingIndex.current = index;
    setActive({ index, cell: -1 });
    reveal(index, true);
  }, [focusGroup]);

  // --- search --------------------------------------------------------------------------------
  const [revealKey, setRevealKey] = useState<string | null>(null);
  const search = useReportSearch(result, sort, expansion, setRevealKey);
  const indexByKey = useMemo(() => {
    if (revealKey === null) return null;
    return rows.findIndex((row) => rowKey(row) === revealKey);
  }, [rows, revealKey]);
  // The match's groups were asked to open; once the rows include it, scroll it to the middle.
  useLayoutEffect(() => {
    if (revealKey === null || indexByKey === null || indexByKey < 0) return;
    setRevealKey(null);
    setActive({ index: indexByKey, cell: -1 });
    reveal(indexByKey, true);
  }, [revealKey, indexByKey, reveal]);

  const matchOf = (row: DisplayRow): RowMatch => {
    if (search.matchKeys.size === 0) return null;
    const key = rowKey(row);
    return key === search.currentKey ? "current" : search.matchKeys.has(key) ? "match" : null;
  };

  // --- rows ----------------------------------------------------------------------------------
  const renderRow = (displayRow: DisplayRow, i: number, top: number | undefined) => (
    <ReportRow
      key={rowKey(displayRow)}
      result={result}
      displayRow={displayRow}
      index={i}
      top={top}
      height={ROW_HEIGHT}
      template={template}
      expanded={displayRow.kind === "group" ? expansion.isExpanded(displayRow.group) : false}
      siteUrl={siteUrl}
      focusCell={i === activeIndex ? active.cell : null}
      match={matchOf(displayRow)}
      onToggle={onToggle}
      onOpenIssue={onOpenIssue}
    />
  );
  const visible: React.ReactNode[] = [];
  for (let i = start; i < Math.min(end, bodyCount); i++) {
    const displayRow = rows[i];
    if (displayRow) visible.push(renderRow(displayRow, i, i * ROW_HEIGHT));
  }
  const pinned = first > 0 ? pinnedPath(parents, first) : [];

  return (
    <div className="rb-report-table">
      <div className="rb-table-tools rb-no-print">
        <ReportSearch search={search} />
        {widths.canSave ? (
          <button
            type="button"
            className="rb-button"
            onClick={() => void widths.save()}
            disabled={widths.saveState.status === "saving"}
            data-testid="save-widths"
          >
            {widths.saveState.status === "saving" ? "Saving widths…" : "Save column widths"}
          </button>
        ) : null}
        <span
          role="status"
          className={widths.saveState.status === "failed" ? "rb-error-text" : "rb-subtle"}
          data-testid="save-widths-status"
        >
          {widths.saveState.status === "saved"
            ? "Column widths saved."
            : widths.saveState.status === "failed"
              ? `Column widths were not saved: ${widths.saveState.message}`
              : ""}
        </span>
      </div>
      <div ref={scrollerRef} className="rb-table-scroller" data-testid="report-scroller">
        <div
          role="treegrid"
          aria-label={label}
          aria-rowcount={rows.length + 1}
          aria-colcount={result.columns.length + 1}
          className="rb-table"
          style={{ width }}
          data-testid="report-table"
          data-row-count={rows.length}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <div role="rowgroup" className="rb-table__head">
            <TableHeader
              result={result}
              template={template}
              height={HEADER_HEIGHT}
              sort={sort}
              overrides={widths.overrides}
              onSort={(columnIndex) => setSort((current) => nextSort(current, columnIndex))}
              onResize={widths.setWidth}
            />
            {pinned.length > 0 ? (
              <div className="rb-pinned" aria-hidden="true" data-testid="pinned-groups">
                {pinned.map((index) => {
                  const row = rows[index]!;
                  return (
                    <PinnedGroupRow
                      key={rowKey(row)}
                      result={result}
                      group={row.group}
                      template={template}
                      height={ROW_HEIGHT}
                      onSelect={() => reveal(index)}
                    />
                  );
                })}
              </div>
            ) : null}
          </div>
          <div role="rowgroup" className="rb-table__body" style={{ height: bodyCount * ROW_HEIGHT }}>
            {visible}
          </div>
          {total ? (
            <div role="rowgroup" className="rb-table__foot" data-testid="table-foot">
              {renderRow(total, rows.length - 1, undefined)}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
