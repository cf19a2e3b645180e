/**
 * The general and project report pages: list ↔ trash ↔ viewer ↔ editor, kept in component
 * state and mirrored in the host page's URL where the host has one (the list, a report, a
 * report's editor or a new report's), so Back, Forward and a reload keep the user where they
 * were. Back while the editor holds unsaved edits asks first (the editor's own question). The
 * editor is loaded on first use so it stays out of the initial bundle.
 */

import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PageAddress } from "../../host/reportLinks";
import { ReportList } from "../list/ReportList";
import { TrashView } from "../list/TrashView";
import { useServices } from "../services";
import { ReportViewer } from "../viewer/ReportViewer";
import { addressOfScreen, editorScreen, initialScreen, type Screen, sameScreenAddress, screenOfAddress } from "./navigation";

const ReportEditor = lazy(() => import("../editor/ReportEditor"));

/** A screen and how it enters the host's history: a new entry (hosts ignore the place their URL
 * already shows: the page's first screen, Back, Forward), in place of the current entry, or not
 * at all (a Back we asked the host for, whose URL is still the editor's). */
interface At {
  readonly screen: Screen;
  readonly record: "push" | "replace" | "none";
}

export interface ReportsAppProps {
  /** The report the host's URL names, if any. */
  readonly initialReportId: string | null;
  /** Whether the URL names its editor (with no report: a new report's). */
  readonly initialEditing?: boolean;
}

export function ReportsApp({ initialReportId, initialEditing = false }: ReportsAppProps) {
  const { host } = useServices();
  const [at, setAt] = useState<At>(() => ({ screen: initialScreen(initialReportId, initialEditing), record: "push" }));
  // Where Back (in the browser) wants to go while the editor decides whether it may leave.
  const [leaveTo, setLeaveTo] = useState<Screen | null>(null);
  const latest = useRef({ at, leaveTo });
  useLayoutEffect(() => {
    latest.current = { at, leaveTo };
  });

  useEffect(() => {
    // A Back heard as the editor closed has nobody left to ask; the next editor must not answer it.
    if (at.screen.kind !== "editor") setLeaveTo(null);
    // Auto-resized frames (project page) adopt the new screen's height.
    host.resize();
    const address = addressOfScreen(at.screen);
    if (address === undefined || at.record === "none") return;
    host.navigatePage(address.reportId, { editing: address.editing, replace: at.record === "replace" });
  }, [at, host]);

  useEffect(
    () =>
      host.onPageNavigation((reportId, editing) => {
        const current = latest.current.at.screen;
        const address: PageAddress = { reportId, editing };
        const target = screenOfAddress(address, current);
        if (target === current) return;
        // The editor may hold unsaved edits: it answers (asking the user if need be) in `answerLeave`.
        if (current.kind === "editor") setLeaveTo(target);
        else setAt({ screen: target, record: "push" });
      }),
    [host],
  );

  const answerLeave = useCallback((leave: boolean) => {
    const { at: now, leaveTo: target } = latest.current;
    setLeaveTo(null);
    if (!target) return;
    if (leave) {
      setAt({ screen: target, record: "push" });
      return;
    }
    // Keep editing: the editor's entry again, above the place Back went to.
    const editor = now.screen;
    if (editor.kind !== "editor") return;
    setAt({ screen: { ...editor, aboveReturn: sameScreenAddress(target, editor.returnTo) }, record: "push" });
  }, []);

  const { screen } = at;
  const go = (next: Screen) => setAt({ screen: next, record: "push" });

  /** Leaves the editor for `next` without an editor entry left in the history: Back when the
   * entry below is `next`'s (no duplicate), else in place of the editor's entry. */
  const leaveEditor = (editor: Extract<Screen, { kind: "editor" }>, next: Screen) => {
    if (editor.aboveReturn && sameScreenAddress(next, editor.returnTo) && host.navigatePageBack) {
      setAt({ screen: next, record: "none" });
      host.navigatePageBack();
    } else {
      setAt({ screen: next, record: "replace" });
    }
  };

  const list: Screen = { kind: "list" };
  switch (screen.kind) {
    case "list":
      return (
        <ReportList
          onOpen={(reportId) => go({ kind: "viewer", reportId })}
          onEdit={(reportId) => go(editorScreen(reportId, screen))}
          onCreate={() => go(editorScreen(null, screen))}
          onShowTrash={() => go({ kind: "trash" })}
        />
      );
    case "trash":
      return <TrashView onBack={() => go(list)} />;
    case "viewer":
      return (
        <ReportViewer
          key={screen.reportId}
          reportId={screen.reportId}
          onBack={() => go(list)}
          onEdit={(report) => go(editorScreen(report.id, screen))}
        />
      );
    case "editor":
      return (
        <Suspense fallback={<p className="rb-subtle">Loading the editor…</p>}>
          <ReportEditor
            reportId={screen.reportId}
            onSaved={(report) => leaveEditor(screen, { kind: "viewer", reportId: report.id })}
            onCancel={() => leaveEditor(screen, screen.returnTo)}
            leaveRequested={leaveTo !== null}
            onLeaveAnswer={answerLeave}
          />
        </Suspense>
      );
  }
}
