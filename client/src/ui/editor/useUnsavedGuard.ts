/** Guards unsaved edits: before the page unloads, and before the report page moves elsewhere in its history. */

import { useEffect, useLayoutEffect, useRef } from "react";

/** Asks the browser to confirm leaving the page (closing the tab, navigating Jira) while there are unsaved changes. */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);
}

/**
 * Answers the page's request to leave the editor (the browser's Back or Forward): at once when
 * nothing is unsaved, else `ask` puts the question Cancel asks, whose answer the editor passes on.
 */
export function useLeaveRequest(requested: boolean, dirty: boolean, ask: () => void, answer: ((leave: boolean) => void) | undefined): void {
  const latest = useRef({ dirty, ask, answer });
  useLayoutEffect(() => {
    latest.current = { dirty, ask, answer };
  });
  useEffect(() => {
    if (!requested) return;
    if (latest.current.dirty) latest.current.ask();
    else latest.current.answer?.(true);
  }, [requested]);
}
