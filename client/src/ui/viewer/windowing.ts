/**
 * Fixed-row-height windowing: which rows of a long list are in (or near) the viewport. The table
 * renders only those rows, absolutely positioned inside a body as tall as all rows together, so
 * the DOM stays at a few dozen rows whether the report has 50 or 100,000.
 */

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Rows rendered above and below the viewport so fast scrolling does not show blank space. */
  readonly overscan: number;
  /** Height of whatever sits above the first row inside the scroller (the sticky header). */
  readonly offsetTop?: number;
  /** Height of whatever is pinned over the bottom of the viewport (the sticky total row). */
  readonly offsetBottom?: number;
}

export interface ScrollPlacement {
  /** Rows pinned under the header (the group path) that would cover the row at the top. */
  readonly insetTop?: number;
  /** Put the row in the middle of the viewport (search results), not just into view. */
  readonly center?: boolean;
}

export interface WindowRange {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** Last rendered row (exclusive). */
  readonly end: number;
  /** The row at the top of the viewport, just under the header. */
  readonly first: number;
}

export function visibleRange({ scrollTop, viewportHeight, rowHeight, rowCount, overscan, offsetTop = 0 }: WindowInput): WindowRange {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0, first: 0 };
  const top = Math.max(0, scrollTop - offsetTop);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(rowCount - 1, first - overscan));
  const end = Math.min(rowCount, first + visible + overscan);
  // The header is sticky: it covers the top `offsetTop` px of the viewport, so the row just under
  // it is the one at `scrollTop` in body coordinates.
  const underHeader = Math.floor(Math.max(0, scrollTop) / rowHeight);
  return { start, end: Math.max(start, end), first: Math.min(underHeader, rowCount - 1) };
}

/** Used when the scroller has no layout (jsdom, a hidden tab): a typical iframe's worth of rows. */
const FALLBACK_VIEWPORT = 640;

/**
 * Tracks the scroller's scroll position and height. Scroll events are coalesced to one update
 * per animation frame: at 100k rows a render per event would be wasted work.
 */
export function useWindowRange(
  scrollerRef: RefObject<HTMLElement | null>,
  options: Omit<WindowInput, "scrollTop" | "viewportHeight">,
): WindowRange & { scrollToRow(index: number, placement?: ScrollPlacement): void } {
  const [metrics, setMetrics] = useState({ scrollTop: 0, viewportHeight: FALLBACK_VIEWPORT });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    frame.current = null;
    const el = scrollerRef.current;
    if (!el) return;
    const viewportHeight = el.clientHeight > 0 ? el.clientHeight : FALLBACK_VIEWPORT;
    setMetrics((m) =>
      m.scrollTop === el.scrollTop && m.viewportHeight === viewportHeight ? m : { scrollTop: el.scrollTop, viewportHeight },
    );
  }, [scrollerRef]);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    measure();
    const onScroll = () => {
      if (frame.current === null) frame.current = requestAnimationFrame(measure);
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(() => measure()) : null;
    observer?.observe(el);
    return () => {
      el.removeEventListener("scroll", onScroll);
      observer?.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [scrollerRef, measure]);

  // When rows disappear (collapse all) the scroller may now be past the end; re-read it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowCount is the trigger (rows collapsed); measure reads the DOM
  useEffect(() => {
    measure();
  }, [options.rowCount, measure]);

  const range = visibleRange({ ...options, ...metrics });
  const scrollToRow = useCallback(
    (index: number, placement: ScrollPlacement = {}) => {
      const el = scrollerRef.current;
      if (!el) return;
      const offsetTop = options.offsetTop ?? 0;
      const rowTop = index * options.rowHeight;
      // The band of the viewport rows can be read in: below the header and anything pinned under
      // it, above anything pinned at the bottom.
      const viewport = el.clientHeight > 0 ? el.clientHeight : FALLBACK_VIEWPORT;
      const bandHeight = viewport - offsetTop - (placement.insetTop ?? 0) - (options.offsetBottom ?? 0);
      const bandTop = el.scrollTop + (placement.insetTop ?? 0);
      if (placement.center)
        el.scrollTop = Math.max(0, rowTop - (placement.insetTop ?? 0) - Math.max(0, (bandHeight - options.rowHeight) / 2));
      else if (rowTop < bandTop) el.scrollTop = Math.max(0, rowTop - (placement.insetTop ?? 0));
      else if (rowTop + options.rowHeight > bandTop + bandHeight)
        el.scrollTop = rowTop + options.rowHeight - bandHeight - (placement.insetTop ?? 0);
      measure();
    },
    [scrollerRef, options.offsetTop, options.offsetBottom, options.rowHeight, measure],
  );
  return { ...range, scrollToRow };
}
