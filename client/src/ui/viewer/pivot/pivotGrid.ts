/**
 * The pivot's grid as the panel lays it out: body rows in display order (each outer row group
 * before its nested groups, as the table shows its groups), then the column totals' row; data
 * columns (one per leaf column × value), then the row totals' column. Keyboard focus moves over
 * this grid (one Tab stop for the whole pivot, arrows within), skipping positions with no cell.
 */

import type { PivotRow } from "../../../engine/index";

export interface FlatPivotRow {
  readonly row: PivotRow;
  /** The row and its ancestors, outermost first. */
  readonly path: readonly PivotRow[];
}

export function flattenPivotRows(rows: readonly PivotRow[]): FlatPivotRow[] {
  const out: FlatPivotRow[] = [];
  const visit = (row: PivotRow, parents: readonly PivotRow[]): void => {
    const path = [...parents, row];
    out.push({ row, path });
    for (const child of row.children ?? []) visit(child, path);
  };
  for (const row of rows) visit(row, []);
  return out;
}

export interface GridPoint {
  readonly r: number;
  readonly c: number;
}

export interface GridShape {
  /** Body rows, plus one when the column totals' row is shown. */
  readonly rows: number;
  /** Data columns × values, plus the values of the totals' column when shown. */
  readonly columns: number;
  /** Whether a position holds a focusable cell (a body row without row totals has none there). */
  has(point: GridPoint): boolean;
}

export type GridMove = "up" | "down" | "left" | "right" | "rowStart" | "rowEnd" | "first" | "last";

const KEY_MOVES: Readonly<Record<string, GridMove>> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
  Home: "rowStart",
  End: "rowEnd",
};

/** The move a key asks for (Ctrl+Home/End: the first or last cell), or null. */
export function moveOfKey(key: string, ctrl: boolean): GridMove | null {
  if (ctrl && key === "Home") return "first";
  if (ctrl && key === "End") return "last";
  return KEY_MOVES[key] ?? null;
}

/** The next focusable position from `from`, or `from` itself when there is none that way. */
export function moveInGrid(shape: GridShape, from: GridPoint, move: GridMove): GridPoint {
  const step = (start: GridPoint, dr: number, dc: number): GridPoint => {
    let r = start.r + dr;
    let c = start.c + dc;
    while (r >= 0 && r < shape.rows && c >= 0 && c < shape.columns) {
      if (shape.has({ r, c })) return { r, c };
      r += dr;
      c += dc;
    }
    return from;
  };
  switch (move) {
    case "up":
      return step(from, -1, 0);
    case "down":
      return step(from, 1, 0);
    case "left":
      return step(from, 0, -1);
    case "right":
      return step(from, 0, 1);
    case "rowStart":
      return shape.has({ r: from.r, c: 0 }) ? { r: from.r, c: 0 } : step({ r: from.r, c: -1 }, 0, 1);
    case "rowEnd":
      return shape.has({ r: from.r, c: shape.columns - 1 })
        ? { r: from.r, c: shape.columns - 1 }
        : step({ r: from.r, c: shape.columns }, 0, -1);
    case "first":
      return shape.has({ r: 0, c: 0 }) ? { r: 0, c: 0 } : from;
    case "last": {
      const last = { r: shape.rows - 1, c: shape.columns - 1 };
      return shape.has(last) ? last : step({ r: last.r, c: shape.columns }, 0, -1);
    }
  }
}
