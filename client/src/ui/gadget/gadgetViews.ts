/**
 * Which of a report's views a dashboard gadget shows, and which the picker offers first. A gadget
 * keeps a view by id; the report's editors may delete or reorder views since, so an id that is no
 * longer there shows the report's first view (what the report itself opens on).
 */

import type { View } from "../../engine/index";
import type { GadgetChoice } from "../../host/host";

/** The view to show: the stored one while the report still has it, else the first. */
export function shownView(views: readonly View[], viewId: string | null): View {
  return views.find((v) => v.id === viewId) ?? views[0]!;
}

/** The view the picker selects for `reportId`: the stored one when the stored choice is this
 * report and still has it, else the report's first view. */
export function initialViewId(views: readonly View[], reportId: string, current: GadgetChoice | null): string {
  const kept = current?.reportId === reportId ? current.viewId : null;
  return shownView(views, kept).id;
}

/**
 * What the picker stores for `reportId`: the selected view when the report has more than one
 * (null: its first). `views` is null while they are being read (or could not be): the stored
 * view then stays if the report is the stored one.
 */
export function choiceOf(
  reportId: string,
  views: readonly View[] | null,
  viewId: string | null,
  current: GadgetChoice | null,
): GadgetChoice {
  if (views === null) return { reportId, viewId: current?.reportId === reportId ? current.viewId : null };
  return { reportId, viewId: views.length > 1 && viewId !== null ? viewId : null };
}
