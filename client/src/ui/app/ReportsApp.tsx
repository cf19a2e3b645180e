/**
 * The general and project report pages: list ↔ trash ↔ viewer ↔ editor, kept in component
 * state and mirrored in the host page's URL where the host has one (the open report, or the
 * list), so Back and Forward move between them. The editor is loaded on first use so it stays
 * out of the initial bundle.
 */

import { lazy, Suspense, useEffect, useState } from "react";
import { ReportList } from "../list/ReportList";
import { TrashView } from "../list/TrashView";
import { useServices } from "../services";
import { ReportViewer } from "../viewer/ReportViewer";
import { initialScreen, reportInUrl, type Screen } from "./navigation";

const ReportEditor = lazy(() => import("../editor/ReportEditor"));

export function ReportsApp({ initialReportId }: { initialReportId: string | null }) {
  const { host } = useServices();
  const [screen, setScreen] = useState<Screen>(() => initialScreen(initialReportId));

  useEffect(() => {
    // Auto-resized frames (project page) adopt the new screen's height.
    host.resize();
    const reportId = reportInUrl(screen);
    if (reportId !== undefined) host.navigatePage(reportId);
  }, [screen, host]);

  useEffect(
    () =>
      host.onPageNavigation((reportId) =>
        setScreen((current) => {
          if (reportId === null) return current.kind === "list" ? current : { kind: "list" };
          return current.kind === "viewer" && current.reportId === reportId ? current : { kind: "viewer", reportId };
        }),
      ),
    [host],
  );

  const list: Screen = { kind: "list" };
  switch (screen.kind) {
    case "list":
      return (
        <ReportList
          onOpen={(reportId) => setScreen({ kind: "viewer", reportId })}
          onEdit={(reportId) => setScreen({ kind: "editor", reportId, returnTo: list })}
          onCreate={() => setScreen({ kind: "editor", reportId: null, returnTo: list })}
          onShowTrash={() => setScreen({ kind: "trash" })}
        />
      );
    case "trash":
      return <TrashView onBack={() => setScreen(list)} />;
    case "viewer":
      return (
        <ReportViewer
          key={screen.reportId}
          reportId={screen.reportId}
          onBack={() => setScreen(list)}
          onEdit={(report) => setScreen({ kind: "editor", reportId: report.id, returnTo: screen })}
        />
      );
    case "editor":
      return (
        <Suspense fallback={<p className="rb-subtle">Loading the editor…</p>}>
          <ReportEditor
            reportId={screen.reportId}
            onSaved={(report) => setScreen({ kind: "viewer", reportId: report.id })}
            onCancel={() => setScreen(screen.returnTo)}
          />
        </Suspense>
      );
  }
}
