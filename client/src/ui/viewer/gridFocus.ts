/**
 * Keyboard movement in the report treegrid (WAI-ARIA treegrid pattern, roving tabindex): one row
 * or cell is the grid's single tab stop; arrow keys move it. Pure: given where focus is and a
 * key, where it goes next (or which group to open or close).
 */

import type { DisplayRow } from "../../engine/index";

/** A row (cell −1) or one of its cells (0 = the tree column). */
export interface GridPosition {
  readonly index: number;
  readonly cell: number;
}

export type GridMove =
  | { readonly kind: "focus"; readonly to: GridPosition }
  | { readonly kind: "toggle"; readonly index: number }
  /** Enter: open the row's issue (cell −1), or follow the link or button in the focused cell. */
  | { readonly kind: "activate"; readonly at: GridPosition }
  | { readonly kind: "none" };

export interface GridShape {
  readonly rows: readonly DisplayRow[];
  /** Enclosing group row of each row (see rowTree.parentIndexes). */
  readonly parents: Int32Array;
  /** Cells per row, tree column included. */
  readonly cellCount: number;
  /** Rows per page for PageUp/PageDown. */
  readonly pageRows: number;
  readonly isExpanded: (index: number) => boolean;
}

export function moveFocus(shape: GridShape, at: GridPosition, key: string, ctrlKey = false): GridMove {
  const last = shape.rows.length - 1;
  if (last < 0) return { kind: "none" };
  const row = shape.rows[at.index];
  const clampRow = (index: number) => Math.max(0, Math.min(last, index));
  const focus = (index: number, cell = at.cell): GridMove => ({ kind: "focus", to: { index: clampRow(index), cell } });
  const isGroup = row?.kind === "group";
  switch (key) {
    case "ArrowDown":
      return focus(at.index + 1);
    case "ArrowUp":
      return focus(at.index - 1);
    case "PageDown":
      return focus(at.index + shape.pageRows);
    case "PageUp":
      return focus(at.index - shape.pageRows);
    case "Home":
      return ctrlKey || at.cell < 0 ? focus(0) : focus(at.index, 0);
    case "End":
      return ctrlKey || at.cell < 0 ? focus(last) : focus(at.index, shape.cellCount - 1);
    case "ArrowRight":
      if (at.cell >= 0) return focus(at.index, Math.min(shape.cellCount - 1, at.cell + 1));
      if (isGroup && !shape.isExpanded(at.index)) return { kind: "toggle", index: at.index };
      return focus(at.index, 0);
    case "ArrowLeft":
      if (at.cell > 0) return focus(at.index, at.cell - 1);
      if (at.cell === 0) return focus(at.index, -1);
      if (isGroup && shape.isExpanded(at.index)) return { kind: "toggle", index: at.index };
      return (shape.parents[at.index] ?? -1) >= 0 ? focus(shape.parents[at.index]!, -1) : { kind: "none" };
    case "Enter":
      return isGroup && at.cell <= 0 ? { kind: "toggle", index: at.index } : { kind: "activate", at };
    default:
      return { kind: "none" };
  }
}
