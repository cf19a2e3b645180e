/**
 * One report session per mounted viewer or gadget. The session holds the only copy of the issue
 * data, so unmounting disposes it (privacy: nothing outlives the screen that showed it). Created
 * once per mount; the app does not use StrictMode's double mounting, which would dispose it early.
 */

import { useEffect, useState } from "react";
import type { ReportSession, SessionState } from "../ports";

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
