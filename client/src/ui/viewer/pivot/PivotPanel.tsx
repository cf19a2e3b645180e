/**
 * A pivot view of the report: `computePivot` over the report's result, drawn as a table (a real
 * <table> with a caption and header scopes, described in docs/viewer.md "Pivot view"; its test ids
 * are what the browser tests read). Row groups nest like the table's groups, the outer levels
 * being subtotal rows; column groups span their nested columns; totals and the grand total when
 * the view asks for them. The header and the row names stay in view while the pivot scrolls
 * inside the panel. Every cell drills down: Enter, Space or a click narrows the viewer's table to
 * the cell's issues. Keyboard focus is one Tab stop; arrows move between cells (an ARIA grid).
 */

import { type KeyboardEvent, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ReportPublic } from "../../../api/resources.gen";
import {
  computePivot,
  type PivotCell,
  type PivotGroupKey,
  type PivotResult,
  type PivotView,
  type ReportResult,
} from "../../../engine/index";
import { InfoBanner } from "../../common/ErrorBanner";
import type { CellToneMark } from "../conditionalFormat";
import { cellId, type PivotDrill, pivotDrill } from "./pivotDrill";
import { type FlatPivotRow, flattenPivotRows, type GridPoint, type GridShape, moveInGrid, moveOfKey } from "./pivotGrid";
import { resultFieldName } from "../../common/measureNames";
import { pivotGroupLabel, shareName, valueName } from "./pivotLabels";
import { type PivotToneOf, pivotTones, showsShare } from "./pivotTones";

export interface PivotPanelProps {
  /** The whole report's result (never a narrowed one). */
  readonly result: ReportResult;
  readonly view: PivotView;
  readonly report: ReportPublic;
  /** The report's name, for the table's caption. */
  readonly label: string;
  readonly siteUrl: string | null;
  /** Narrows the viewer's table to a cell's issues; without it, cells do not drill down. */
  readonly onDrillDown?: (drill: PivotDrill) => void;
  /** A cell to focus when the pivot shows (the one drilled from, on the way back). */
  readonly focusCell?: string | null;
}

// Header rows are this tall, so each sticks just under the one above it.
const HEADER_ROW_HEIGHT = 32;
const INDENT = 16;
const PATH_SEPARATOR = " › ";

export function PivotPanel({ result, view, label, onDrillDown, focusCell = null }: PivotPanelProps) {
  const pivot = useMemo(() => computePivot(result, view), [result, view]);
  const toneOf = useMemo(() => pivotTones(result, view, pivot), [result, view, pivot]);
  return (
    <div className="rb-pivot-panel" data-testid="pivot-panel">
      {pivot.warnings.length > 0 ? (
        <InfoBanner tone="warning">
          <div className="rb-banner__title">Parts of this pivot were ignored</div>
          <ul className="rb-warning-list" data-testid="pivot-warnings">
            {pivot.warnings.map((warning, i) => (
              <li key={`w${i}`}>{warning}</li>
            ))}
          </ul>
        </InfoBanner>
      ) : null}
      <PivotTable result={result} view={view} pivot={pivot} label={label} toneOf={toneOf} onDrillDown={onDrillDown} focusCell={focusCell} />
    </div>
  );
}

interface PivotTableProps {
  readonly result: ReportResult;
  readonly view: PivotView;
  readonly pivot: PivotResult;
  readonly label: string;
  readonly toneOf: PivotToneOf;
  readonly onDrillDown: ((drill: PivotDrill) => void) | undefined;
  readonly focusCell: string | null;
}

function PivotTable({ result, view, pivot, label, toneOf, onDrillDown, focusCell }: PivotTableProps) {
  const tableRef = useRef<HTMLTableElement>(null);
  const flat = useMemo(() => flattenPivotRows(pivot.rows), [pivot]);
  const valueCount = pivot.values.length;
  const columnCount = pivot.columns.length;
  const levels = pivot.headers.length;
  const several = valueCount > 1;
  const totalColumn = pivot.rowTotals || pivot.columnTotals;
  const shape = useMemo<GridShape>(
    () => ({
      rows: flat.length + (pivot.columnTotals ? 1 : 0),
      columns: (columnCount + (totalColumn ? 1 : 0)) * valueCount,
      // Body rows have row totals only when asked; the totals' row has them all.
      has: ({ r, c }) => c < columnCount * valueCount || r >= flat.length || pivot.rowTotals,
    }),
    [flat.length, pivot.columnTotals, pivot.rowTotals, columnCount, totalColumn, valueCount],
  );

  // --- focus (roving tab index) ----------------------------------------------------------------
  const [active, setActive] = useState<GridPoint>({ r: 0, c: 0 });
  const pendingFocus = useRef(false);
  const activePoint = { r: Math.min(active.r, shape.rows - 1), c: Math.min(active.c, shape.columns - 1) };
  const isActive = (r: number, c: number) => r === activePoint.r && c === activePoint.c;
  useEffect(() => {
    if (!pendingFocus.current) return;
    pendingFocus.current = false;
    tableRef.current?.querySelector<HTMLElement>(`[data-r="${activePoint.r}"][data-c="${activePoint.c}"]`)?.focus();
  });
  // Back from a drill-down: the cell the user came from takes the focus again.
  useLayoutEffect(() => {
    if (focusCell === null) return;
    const cells = tableRef.current?.querySelectorAll<HTMLElement>("[data-cell-id]") ?? [];
    const cell = [...cells].find((td) => td.dataset.cellId === focusCell);
    if (!cell) return;
    setActive({ r: Number(cell.dataset.r), c: Number(cell.dataset.c) });
    cell.focus();
  }, [focusCell]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const move = moveOfKey(event.key, event.ctrlKey || event.metaKey);
    if (move === null || !(event.target as HTMLElement).matches("[data-r]")) return;
    event.preventDefault();
    pendingFocus.current = true;
    setActive(moveInGrid(shape, activePoint, move));
  };
  const onFocus = (event: React.FocusEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    if (!target.matches("[data-r]")) return;
    const point = { r: Number(target.dataset.r), c: Number(target.dataset.c) };
    if (point.r !== activePoint.r || point.c !== activePoint.c) setActive(point);
  };

  // --- drill-down ------------------------------------------------------------------------------
  const drill = useCallback(
    (rowPath: FlatPivotRow["path"], columnPath: readonly PivotGroupKey[], id: string) =>
      onDrillDown?.(pivotDrill(result, view, rowPath, columnPath, id)),
    [onDrillDown, result, view],
  );

  const shared = useMemo<RowShared>(() => {
    const share = shareName(pivot.percentOf);
    return {
      result,
      view,
      pivot,
      toneOf,
      drill: onDrillDown ? drill : undefined,
      columnLabels: pivot.columns.map((column) => columnPathLabel(result, view, column.path)),
      valueTitles: pivot.values.map(
        (value) => `${valueName(result, value)}${share && showsShare(pivot.percentOf, value.aggregation) ? ` (${share})` : ""}`,
      ),
    };
  }, [result, view, pivot, toneOf, onDrillDown, drill]);
  const { columnLabels } = shared;
  const valueTitle = (v: number): string => shared.valueTitles[v]!;
  const columnLabel = (path: readonly PivotGroupKey[]): string => columnPathLabel(result, view, path);
  const rowFields = pivot.rowFields.map((field) => resultFieldName(result, field)).join(PATH_SEPARATOR);
  const headerRows = Math.max(levels, 1) + (several ? 1 : 0);

  const cellProps = (r: number, c: number, id: string, onActivate: () => void) => ({
    r,
    c,
    id,
    focusable: isActive(r, c),
    onActivate: onDrillDown ? onActivate : undefined,
  });

  return (
    <div className="rb-pivot-scroller" data-testid="pivot-scroller">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the data grid pattern over a real table: its cells take focus and drill down */}
      <table ref={tableRef} className="rb-pivot" role="grid" data-testid="pivot-table" onKeyDown={onKeyDown} onFocus={onFocus}>
        <caption className="rb-pivot__caption">
          {label}: {view.name}
          <span className="rb-subtle">
            {" "}
            · {pivot.values.map((_, v) => valueTitle(v)).join(", ")} · {pivot.issueCount.toLocaleString()}{" "}
            {pivot.issueCount === 1 ? "issue" : "issues"}
          </span>
          {onDrillDown ? <span className="rb-visually-hidden"> Enter on a cell shows its issues.</span> : null}
        </caption>
        <thead>
          {Array.from({ length: headerRows }, (_, k) => (
            <tr key={k} className="rb-pivot__header-row">
              {k === 0 ? (
                <th scope="col" rowSpan={headerRows} className="rb-pivot__corner">
                  {rowFields}
                </th>
              ) : null}
              {k < Math.max(levels, 1)
                ? headerCells(k)
                : pivot.columns.flatMap((column) =>
                    pivot.values.map((_, v) => (
                      <th
                        key={`${column.index}:${v}`}
                        scope="col"
                        className="rb-pivot__value-header"
                        style={{ top: k * HEADER_ROW_HEIGHT }}
                      >
                        {valueTitle(v)}
                      </th>
                    )),
                  )}
              {totalColumn && k === 0 ? (
                <th
                  scope="col"
                  colSpan={valueCount}
                  rowSpan={Math.max(levels, 1)}
                  className="rb-pivot__total-header"
                  data-testid="pivot-total-column"
                  style={{ top: 0 }}
                >
                  Total
                </th>
              ) : null}
              {totalColumn && several && k === headerRows - 1
                ? pivot.values.map((_, v) => (
                    <th key={`total:${v}`} scope="col" className="rb-pivot__value-header" style={{ top: k * HEADER_ROW_HEIGHT }}>
                      {valueTitle(v)}
                    </th>
                  ))
                : null}
            </tr>
          ))}
        </thead>
        <tbody>
          {flat.map((flatRow, r) => (
            <PivotBodyRow key={flatRow.row.id} flatRow={flatRow} r={r} activeC={activePoint.r === r ? activePoint.c : -1} shared={shared} />
          ))}
          {pivot.columnTotals ? (
            <tr className="rb-pivot__row rb-pivot__row--total" data-testid="pivot-total-row">
              <th scope="row" className="rb-pivot__row-header">
                Total
              </th>
              {pivot.columns.flatMap((column, c) =>
                column.total.map((cell, v) => (
                  <PivotCellTd
                    key={`${c}:${v}`}
                    testId="pivot-column-total"
                    columnIndex={c}
                    valueIndex={v}
                    cell={cell}
                    tone={toneOf(v, cell)}
                    total
                    title={`Total × ${columnLabels[c]}${several ? `, ${valueTitle(v)}` : ""}`}
                    {...cellProps(flat.length, c * valueCount + v, cellId(null, c, v), () => drill([], column.path, cellId(null, c, v)))}
                  />
                )),
              )}
              {pivot.grandTotal.map((cell, v) => (
                <PivotCellTd
                  key={`grand:${v}`}
                  testId="pivot-grand-total"
                  valueIndex={v}
                  cell={cell}
                  tone={toneOf(v, cell)}
                  total
                  title={`Grand total${several ? `, ${valueTitle(v)}` : ""}`}
                  {...cellProps(flat.length, columnCount * valueCount + v, cellId(null, "total", v), () =>
                    drill([], [], cellId(null, "total", v)),
                  )}
                />
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );

  /** The header cells of column level `k`: each spans its nested columns (× values). */
  function headerCells(k: number) {
    if (levels === 0) {
      return (
        <th scope="col" colSpan={valueCount} className="rb-pivot__column-header" style={{ top: 0 }}>
          All issues
        </th>
      );
    }
    const leaf = k === levels - 1;
    return pivot.headers[k]!.map((header) => {
      const column = pivot.columns[header.firstColumn]!;
      const text = pivotGroupLabel(result, view.columns[k], header);
      return (
        <th
          key={`${k}:${header.firstColumn}`}
          scope="col"
          colSpan={header.span * valueCount}
          className="rb-pivot__column-header"
          style={{ top: k * HEADER_ROW_HEIGHT }}
          title={text}
          {...(leaf
            ? {
                "data-testid": "pivot-column",
                "data-column-index": header.firstColumn,
                "data-path": columnLabel(column.path),
              }
            : {})}
        >
          {text}
        </th>
      );
    });
  }
}

interface PivotCellTdProps {
  readonly testId: string;
  readonly columnIndex?: number;
  readonly valueIndex: number;
  readonly cell: PivotCell;
  readonly tone: CellToneMark | null;
  readonly total?: boolean;
  readonly title: string;
  readonly r: number;
  readonly c: number;
  readonly id: string;
  readonly focusable: boolean;
  readonly onActivate: (() => void) | undefined;
}

function PivotCellTd({
  testId,
  columnIndex,
  valueIndex,
  cell,
  tone,
  total = false,
  title,
  r,
  c,
  id,
  focusable,
  onActivate,
}: PivotCellTdProps) {
  const display = cell.display;
  const onKeyDown = (event: KeyboardEvent<HTMLTableCellElement>) => {
    if (!onActivate || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    onActivate();
  };
  return (
    <td
      className={`rb-pivot__cell${total ? " rb-pivot__cell--total" : ""}`}
      data-testid={testId}
      data-column-index={columnIndex}
      data-value-index={valueIndex}
      data-r={r}
      data-c={c}
      data-cell-id={id}
      data-tone={tone?.color}
      tabIndex={focusable ? 0 : -1}
      // The threshold a tinted cell reached, in words: read out instead of the bare value.
      aria-label={tone ? `${display || "empty"} (${tone.description})` : undefined}
      title={`${title}: ${display || "empty"}${tone ? ` (${tone.description})` : ""}${onActivate ? ". Show these issues." : ""}`}
      onClick={onActivate}
      onKeyDown={onKeyDown}
    >
      {display}
    </td>
  );
}

function columnPathLabel(result: ReportResult, view: PivotView, path: readonly PivotGroupKey[]): string {
  return path.map((group, i) => pivotGroupLabel(result, view.columns[i], group)).join(PATH_SEPARATOR);
}

/** What every body row reads, the same object while the pivot and the handlers stay the same. */
interface RowShared {
  readonly result: ReportResult;
  readonly view: PivotView;
  readonly pivot: PivotResult;
  readonly toneOf: PivotToneOf;
  readonly drill: ((rowPath: FlatPivotRow["path"], columnPath: readonly PivotGroupKey[], id: string) => void) | undefined;
  readonly columnLabels: readonly string[];
  readonly valueTitles: readonly string[];
}

interface PivotBodyRowProps {
  readonly flatRow: FlatPivotRow;
  /** The row's position in the focus grid. */
  readonly r: number;
  /** The focused cell's column when it is in this row, else -1. */
  readonly activeC: number;
  readonly shared: RowShared;
}

/** Memoized: moving the focus re-renders the two rows it leaves and enters, not the whole pivot. */
const PivotBodyRow = memo(function PivotBodyRow({ flatRow, r, activeC, shared }: PivotBodyRowProps) {
  const { result, view, pivot, toneOf, drill, columnLabels, valueTitles } = shared;
  const { row, path } = flatRow;
  const valueCount = pivot.values.length;
  const several = valueCount > 1;
  const rowLabels = path.map((p, i) => pivotGroupLabel(result, view.rows[i], p));
  const rowPath = rowLabels.join(PATH_SEPARATOR);
  const activate = (columnPath: readonly PivotGroupKey[], id: string) => (drill ? () => drill(path, columnPath, id) : undefined);
  return (
    <tr
      className={`rb-pivot__row${row.children ? " rb-pivot__row--subtotal" : ""}`}
      data-testid="pivot-row"
      data-depth={row.depth}
      data-path={rowPath}
    >
      <th scope="row" className="rb-pivot__row-header" style={{ paddingLeft: 8 + (row.depth - 1) * INDENT }} title={rowPath}>
        {rowLabels[rowLabels.length - 1]}
      </th>
      {pivot.columns.flatMap((column, c) =>
        row.cells[c]!.map((cell, v) => {
          const id = cellId(row.id, c, v);
          return (
            <PivotCellTd
              key={`${c}:${v}`}
              testId="pivot-cell"
              columnIndex={c}
              valueIndex={v}
              cell={cell}
              tone={toneOf(v, cell)}
              title={`${rowPath} × ${columnLabels[c]}${several ? `, ${valueTitles[v]}` : ""}`}
              r={r}
              c={c * valueCount + v}
              id={id}
              focusable={activeC === c * valueCount + v}
              onActivate={activate(column.path, id)}
            />
          );
        }),
      )}
      {pivot.rowTotals
        ? row.total.map((cell, v) => {
            const id = cellId(row.id, "total", v);
            const c = pivot.columns.length * valueCount + v;
            return (
              <PivotCellTd
                key={`total:${v}`}
                testId="pivot-row-total"
                valueIndex={v}
                cell={cell}
                tone={toneOf(v, cell)}
                total
                title={`${rowPath}, total${several ? `, ${valueTitles[v]}` : ""}`}
                r={r}
                c={c}
                id={id}
                focusable={activeC === c}
                onActivate={activate([], id)}
              />
            );
          })
        : pivot.columnTotals
          ? pivot.values.map((_, v) => <td key={`total:${v}`} className="rb-pivot__cell rb-pivot__cell--total" />)
          : null}
    </tr>
  );
});
