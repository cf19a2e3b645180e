/**
 * The way back from a table narrowed to one group: "All issues › Data Platform › In Progress".
 * Each crumb but the last goes back up to that level; the last names what is shown.
 */

import { useEffect, useRef } from "react";

export interface Crumb {
  /** The group's id; null for "All issues". */
  readonly id: string | null;
  readonly label: string;
}

export interface BreadcrumbProps {
  /** The narrowed path, outermost group first (without "All issues"). */
  readonly path: readonly Crumb[];
  readonly onGo: (groupId: string | null) => void;
  /** Moves keyboard focus to the current crumb when the path changes (after "Show only"). */
  readonly focusCurrent: boolean;
  /** The first crumb, where the path starts: the pivot view a cell was drilled from (default "All issues"). */
  readonly rootLabel?: string;
}

export const ALL_ISSUES = "All issues";

export function Breadcrumb({ path, onGo, focusCurrent, rootLabel = ALL_ISSUES }: BreadcrumbProps) {
  const currentRef = useRef<HTMLSpanElement>(null);
  const current = path[path.length - 1]?.id ?? null;
  useEffect(() => {
    if (focusCurrent && current !== null) currentRef.current?.focus();
  }, [focusCurrent, current]);
  if (path.length === 0) return null;
  const crumbs: Crumb[] = [{ id: null, label: rootLabel }, ...path];
  return (
    <div className="rb-breadcrumb rb-no-print">
      <nav aria-label="Shown group" data-testid="drill-breadcrumb">
        <ol className="rb-breadcrumb__list">
          {crumbs.map((crumb, i) => {
            const last = i === crumbs.length - 1;
            return (
              <li key={crumb.id ?? ""} className="rb-breadcrumb__item">
                {i > 0 ? (
                  <span className="rb-breadcrumb__separator" aria-hidden="true">
                    ›
                  </span>
                ) : null}
                {last ? (
                  // Focusable by script only: after "Show only" focus lands here, naming what is shown.
                  <span ref={currentRef} className="rb-breadcrumb__current" aria-current="location" tabIndex={-1} title={crumb.label}>
                    {crumb.label}
                  </span>
                ) : (
                  <button type="button" className="rb-breadcrumb__link" onClick={() => onGo(crumb.id)} title={crumb.label}>
                    {crumb.label}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <span className="rb-subtle rb-breadcrumb__hint">
        {rootLabel === ALL_ISSUES ? "Esc shows all issues" : `Esc goes back to ${rootLabel}`}
      </span>
    </div>
  );
}
