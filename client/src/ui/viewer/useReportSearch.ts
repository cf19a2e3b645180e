/**
 * Search within the report: the matches over every row (collapsed groups included), the current
 * one, and moving between them. Going to a match inside a collapsed group opens its groups.
 */

import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { flattenReport, type DisplayRow, type ReportResult } from "../../engine/index";
import type { Expansion } from "./expansion";
import { ancestorsOf, parentIndexes } from "./rowTree";
import { findMatches, rowKey } from "./tableSearch";
import { sortDisplayRows, type ViewSort } from "./tableSort";

export interface ReportSearch {
  readonly query: string;
  setQuery(query: string): void;
  /** Keys (see `rowKey`) of every matching row. */
  readonly matchKeys: ReadonlySet<string>;
  readonly total: number;
  /** Position of the current match in `0..total-1`, or −1 when there is none. */
  readonly current: number;
  readonly currentKey: string | null;
  next(): void;
  previous(): void;
}

/**
 * `onReveal(key)` is called with the row to bring into view whenever the current match changes;
 * by then its groups have been asked to expand.
 */
export function useReportSearch(
  result: ReportResult,
  sort: ViewSort | null,
  expansion: Expansion,
  onReveal: (key: string) => void,
): ReportSearch {
  const [query, setQuery] = useState("");
  const [current, setCurrent] = useState(-1);
  const deferredQuery = useDeferredValue(query);

  // Every row, as if all groups were open, in this view's order: what the search looks through.
  const everything = useMemo<readonly DisplayRow[] | null>(
    () => (deferredQuery.trim() === "" ? null : sortDisplayRows(flattenReport(result), result, sort)),
    [deferredQuery, result, sort],
  );
  const matches = useMemo(() => (everything ? findMatches(result, everything, deferredQuery) : []), [everything, result, deferredQuery]);
  const matchKeys = useMemo(() => new Set(everything ? matches.map((i) => rowKey(everything[i]!)) : []), [everything, matches]);
  const parents = useMemo(() => (everything ? parentIndexes(everything) : null), [everything]);

  const goTo = useCallback(
    (position: number) => {
      if (!everything || !parents || matches.length === 0) return;
      const wrapped = ((position % matches.length) + matches.length) % matches.length;
      const index = matches[wrapped]!;
      for (const ancestor of ancestorsOf(parents, index)) {
        const row = everything[ancestor]!;
        if (row.kind === "group" && !expansion.isExpanded(row.group)) expansion.toggle(row.group);
      }
      setCurrent(wrapped);
      onReveal(rowKey(everything[index]!));
    },
    [everything, parents, matches, expansion, onReveal],
  );

  // A new query shows its first match, as a browser's find does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new query (not new pages of issues) moves to the first match
  useEffect(() => {
    if (deferredQuery.trim() === "") setCurrent(-1);
    else goTo(0);
  }, [deferredQuery]);

  const safeCurrent = current >= 0 && current < matches.length ? current : matches.length > 0 ? 0 : -1;
  const currentKey = everything && safeCurrent >= 0 ? rowKey(everything[matches[safeCurrent]!]!) : null;

  return {
    query,
    setQuery,
    matchKeys,
    total: matches.length,
    current: safeCurrent,
    currentKey,
    next: () => goTo(safeCurrent + 1),
    previous: () => goTo(safeCurrent - 1),
  };
}
