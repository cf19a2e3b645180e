/**
 * Keeps a host frame sized to its content: asks the host to resize whenever the page's size
 * changes (a message replacing "Loading…", a report's rows arriving, the picker opening), not
 * only on the states a component thought to list.
 */

import { useEffect } from "react";

export function useFitToContent(resize: () => void): void {
  useEffect(() => {
    resize();
    // Without ResizeObserver (old browsers, jsdom) the first size is all the host learns.
    if (typeof ResizeObserver === "undefined") return;
    // It reports the first size too, and every change after layout, before paint.
    const observer = new ResizeObserver(() => resize());
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [resize]);
}
