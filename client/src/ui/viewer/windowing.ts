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
}

export interface WindowRange {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** Last rendered row (exclusive). */
  readonly end: number;
}

export function visibleRange({ scrollTop, viewportHeight, rowHeight, rowCount, overscan, offsetTop = 0 }: WindowInput): WindowRange {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop - offsetTop);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(rowCount - 1, first - overscan));
  const end = Math.min(rowCount, first + visible + overscan);
  return { start, end: Math.max(start, end) };
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
): WindowRange & { scrollToRow(index: number): void } {
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
    (index: number) => {
      const el = scrollerRef.current;
      if (!el) return;
      const top = (options.offsetTop ?? 0) + index * options.rowHeight;
      const bottom = top + options.rowHeight;
      const viewTop = el.scrollTop + (options.offsetTop ?? 0);
      if (top < viewTop) el.scrollTop = top - (options.offsetTop ?? 0);
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      measure();
    },
    [scrollerRef, options.offsetTop, options.rowHeight, measure],
  );
  return { ...range, scrollToRow };
}
