/**
 * Which groups are open. One default for every group plus the exceptions the user toggled, so
 * "collapse all" is O(1) however many groups there are; group ids are paths of typed keys, so the
 * state survives recomputes while pages are still loading.
 */

import { useCallback, useMemo, useState } from "react";
import type { GroupNode } from "../../engine/index";

interface ExpansionState {
  readonly allExpanded: boolean;
  readonly toggled: ReadonlySet<string>;
}

export interface Expansion {
  isExpanded(group: GroupNode): boolean;
  toggle(group: GroupNode): void;
  expandAll(): void;
  collapseAll(): void;
}

export function useExpansion(): Expansion {
  const [state, setState] = useState<ExpansionState>({ allExpanded: true, toggled: new Set() });
  const toggle = useCallback((group: GroupNode) => {
    setState((s) => {
      const toggled = new Set(s.toggled);
      if (toggled.has(group.id)) toggled.delete(group.id);
      else toggled.add(group.id);
      return { allExpanded: s.allExpanded, toggled };
    });
  }, []);
  const expandAll = useCallback(() => setState({ allExpanded: true, toggled: new Set() }), []);
  const collapseAll = useCallback(() => setState({ allExpanded: false, toggled: new Set() }), []);
  return useMemo(
    () => ({
      isExpanded: (group: GroupNode) => state.allExpanded !== state.toggled.has(group.id),
      toggle,
      expandAll,
      collapseAll,
    }),
    [state, toggle, expandAll, collapseAll],
  );
}
