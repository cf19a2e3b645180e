/** The editor's pane tabs (ARIA tabs: arrow keys move between tabs, each shows its error count). */

import { useRef } from "react";

export type PaneId = "general" | "columns" | "sorting" | "grouping" | "filtering" | "formulas" | "history" | "views" | "people";

export const PANES: { id: PaneId; label: string; errorPrefixes: string[] }[] = [
  { id: "general", label: "General", errorPrefixes: ["name", "description", "jql", "projects"] },
  { id: "columns", label: "Columns", errorPrefixes: ["columns"] },
  { id: "sorting", label: "Sorting", errorPrefixes: ["sorting_rules"] },
  { id: "grouping", label: "Grouping", errorPrefixes: ["grouping_rules"] },
  { id: "filtering", label: "Filtering", errorPrefixes: ["filtering_rules"] },
  { id: "formulas", label: "Formulas", errorPrefixes: ["formula_fields"] },
  { id: "history", label: "History", errorPrefixes: ["history"] },
  { id: "views", label: "Views", errorPrefixes: ["views"] },
  { id: "people", label: "People", errorPrefixes: ["people"] },
];

export function paneOfPath(path: string): PaneId | null {
  const top = path.split(".")[0] ?? "";
  return PANES.find((p) => p.errorPrefixes.includes(top))?.id ?? null;
}

export function EditorTabs({
  current,
  onSelect,
  errorCounts,
  idPrefix,
}: {
  current: PaneId;
  onSelect: (pane: PaneId) => void;
  errorCounts: Record<PaneId, number>;
  idPrefix: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    let next = -1;
    if (event.key === "ArrowRight") next = (index + 1) % PANES.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + PANES.length) % PANES.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = PANES.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(PANES[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Report settings" className="rb-tabs">
      {PANES.map((pane, index) => {
        const selected = pane.id === current;
        const errors = errorCounts[pane.id];
        return (
          <button
            key={pane.id}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${pane.id}`}
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel-${pane.id}`}
            tabIndex={selected ? 0 : -1}
            className={`rb-tab${selected ? " rb-tab--selected" : ""}`}
            onClick={() => onSelect(pane.id)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {pane.label}
            {errors > 0 ? (
              <span className="rb-tab__errors" role="img" aria-label={`${errors} ${errors === 1 ? "error" : "errors"}`}>
                {errors}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
