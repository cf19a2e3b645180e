/**
 * One report session per mounted viewer or gadget. The session holds the only copy of the issue
 * data, so unmounting disposes it (privacy: nothing outlives the screen that showed it). Created
 * once per mount; the app does not use StrictMode's double mounting, which would dispose it early.
 */

import { useCallback, useEffect, useState } from "react";
import type { ReportPublic } from "../../api/resources.gen";
import type { ReportSession, SessionState } from "../ports";
import { useServices } from "../services";

export function useReportSession(createSession: () => ReportSession): { session: ReportSession; state: SessionState } {
  const [session] = useState(createSession);
  const [state, setState] = useState<SessionState>(() => session.current());
  useEffect(() => {
    const unsubscribe = session.subscribe(setState);
    setState(session.current());
    return unsubscribe;
  }, [session]);
  // dispose(): discard the issues and drop the session's page listeners.
  useEffect(() => () => session.dispose(), [session]);
  return { session, state };
}

/** Loads a saved report's definition from the server and runs it in this screen's session. */
export function useReportRun(reportId: string): {
  session: ReportSession;
  state: SessionState;
  report: ReportPublic | null;
  loadError: unknown;
  /** Loads the definition again (after it failed to load) and runs it. */
  reload: () => void;
} {
  const services = useServices();
  const { session, state } = useReportSession(services.createSession);
  const [report, setReport] = useState<ReportPublic | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes only to load again (reload()).
  useEffect(() => {
    let cancelled = false;
    setReport(null);
    setLoadError(null);
    services.api.getReport(reportId).then(
      (loaded) => {
        if (cancelled) return;
        setReport(loaded);
        void session.run(loaded);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [reportId, services.api, session, attempt]);
  return { session, state, report, loadError, reload };
}
