/**
 * The viewer's state for a drill-down from a pivot cell: the slice drilled into (view state only,
 * like "Show only"), the result narrowed to it in every new result (more pages, Refresh: a slice
 * names groups, not rows), its breadcrumb steps and JQL, and the cell to focus on the way back.
 */

import { useCallback, useMemo, useState } from "react";
import type { ReportPublic } from "../../../api/resources.gen";
import { sliceJql, sliceResult } from "../../../engine/drilldown/slice";
import type { GroupNode, ReportResult } from "../../../engine/index";
import type { Crumb } from "../Breadcrumb";
import type { DrillDownReport } from "../drillDown";
import type { PivotDrill } from "./pivotDrill";

/** Breadcrumb ids of a drill-down's levels: "slice:0" is the cell's outermost group. */
const SLICE_CRUMB = "slice:";

/** The viewer's "Show only" narrowing, which a drill-down's table can narrow further. */
interface GroupNarrowing {
  /** Back up `path` to the group `groupId` (null: the whole table). */
  goBack(path: readonly GroupNode[], groupId: string | null): void;
}

export interface PivotDrillState {
  /** The drill-down shown, or null (also while its slice is not in the result). */
  readonly drilled: PivotDrill | null;
  /** The result narrowed to the slice, or the whole result. */
  readonly base: ReportResult | null;
  /** The report with the slice's JQL (null when JQL cannot select it), for "Open in Jira". */
  readonly report: DrillDownReport | null;
  /** The breadcrumb's steps before any "Show only" group: one per group of the cell. */
  readonly crumbs: readonly Crumb[];
  /** True right after drilling down: focus goes to the breadcrumb. */
  readonly focusCurrent: boolean;
  /** The pivot cell to focus after coming back from its drill-down. */
  readonly returnFocus: string | null;
  drillDown(next: PivotDrill): void;
  /** Leaves any drill-down without refocusing a cell (another view was chosen). */
  reset(): void;
  /**
   * A breadcrumb step (null: its root) while the table shows `path`'s "Show only" groups: back to
   * the pivot, to a coarser slice (the cell's outer groups), or to a group of the table.
   */
  goBack(crumbId: string | null, path: readonly GroupNode[]): void;
}

export function usePivotDrill(result: ReportResult | null, report: ReportPublic | null, narrowing: GroupNarrowing): PivotDrillState {
  const [drill, setDrill] = useState<PivotDrill | null>(null);
  const [focusCurrent, setFocusCurrent] = useState(false);
  const [returnFocus, setReturnFocus] = useState<string | null>(null);

  const sliced = useMemo(() => (result && drill ? sliceResult(result, drill.slice) : null), [result, drill]);
  const drilled = sliced !== null ? drill : null;
  const jql = useMemo(() => (report && result && drilled ? sliceJql(report.jql, result, drilled.slice) : null), [report, result, drilled]);
  const drilledReport = useMemo(() => (report && drilled ? { ...report, jql } : report), [report, drilled, jql]);
  const crumbs = useMemo(() => (drilled ? sliceCrumbs(drilled) : []), [drilled]);

  const drillDown = useCallback(
    (next: PivotDrill) => {
      narrowing.goBack([], null);
      setDrill(next);
      setFocusCurrent(true);
    },
    [narrowing],
  );
  const reset = useCallback(() => {
    setDrill(null);
    setReturnFocus(null);
  }, []);
  const goBack = useCallback(
    (crumbId: string | null, path: readonly GroupNode[]) => {
      setFocusCurrent(false);
      if (drilled === null || (crumbId !== null && !crumbId.startsWith(SLICE_CRUMB))) {
        narrowing.goBack(path, crumbId);
        return;
      }
      if (crumbId === null) {
        // The root is the pivot drilled from, with focus back on the cell.
        narrowing.goBack([], null);
        setDrill(null);
        setReturnFocus(drilled.cellId);
        return;
      }
      const keep = Number(crumbId.slice(SLICE_CRUMB.length)) + 1;
      if (keep >= drilled.slice.levels.length) {
        // The slice itself: out of any "Show only" group inside it.
        narrowing.goBack(path, null);
        return;
      }
      // A coarser slice: the cell's outer groups only.
      narrowing.goBack([], null);
      setDrill({ ...drilled, slice: { ...drilled.slice, levels: drilled.slice.levels.slice(0, keep) } });
    },
    [drilled, narrowing],
  );

  return useMemo(
    () => ({
      drilled,
      base: sliced ?? result,
      report: drilledReport,
      crumbs,
      focusCurrent,
      returnFocus,
      drillDown,
      reset,
      goBack,
    }),
    [drilled, sliced, result, drilledReport, crumbs, focusCurrent, returnFocus, drillDown, reset, goBack],
  );
}

/** The crumbs of a drill-down: one per group of the cell; the grand total's is "Total". */
function sliceCrumbs(drill: PivotDrill): Crumb[] {
  const levels = drill.slice.levels;
  if (levels.length === 0) return [{ id: `${SLICE_CRUMB}0`, label: "Total" }];
  return levels.map((level, i) => ({ id: `${SLICE_CRUMB}${i}`, label: level.label }));
}
