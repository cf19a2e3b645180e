/**
 * The viewer's view switcher: one ARIA tab per view of the report (table, pivot, chart), shown
 * only when the report has more than one. Arrow keys, Home and End move between the tabs.
 */

import { useRef } from "react";
import type { View } from "../../engine/index";

/** The id of the panel the tabs control; the viewer gives it to the element that shows the view. */
export const VIEW_PANEL_ID = "rb-view-panel";

export const viewTabId = (view: View): string => `rb-view-tab-${view.id}`;

export function ViewTabs({ views, current, onSelect }: { views: readonly View[]; current: View; onSelect: (view: View) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  if (views.length < 2) return null;
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    let next = -1;
    if (event.key === "ArrowRight") next = (index + 1) % views.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + views.length) % views.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = views.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(views[next]!);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Views of this report" className="rb-tabs rb-view-tabs rb-no-print" data-testid="view-tabs">
      {views.map((view, index) => {
        const selected = view.id === current.id;
        return (
          <button
            key={view.id}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={viewTabId(view)}
            aria-selected={selected}
            aria-controls={VIEW_PANEL_ID}
            tabIndex={selected ? 0 : -1}
            className={`rb-tab${selected ? " rb-tab--selected" : ""}`}
            data-view-kind={view.kind}
            onClick={() => onSelect(view)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {view.name}
          </button>
        );
      })}
    </div>
  );
}

/** The view a report opens in: its first; a report stored before views existed has a table. */
export function viewsOf(report: { readonly views?: readonly View[] } | null): readonly View[] {
  const views = report?.views ?? [];
  return views.length > 0 ? views : [DEFAULT_TABLE_VIEW];
}

const DEFAULT_TABLE_VIEW: View = { kind: "table", id: "table", name: "Table" };
