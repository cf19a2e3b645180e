/**
 * Checks the report's JQL with Jira while the user edits it: debounced after typing, at once on
 * blur. Only the latest answer counts, so a slow reply for old text never overwrites a newer one.
 */

import { useCallback, useEffect, useRef, useState } from "react";
import { useServices } from "../services";

export type JqlCheckState =
  | { readonly status: "idle" }
  | { readonly status: "checking" }
  | { readonly status: "valid"; readonly jql: string }
  | { readonly status: "invalid"; readonly jql: string; readonly messages: readonly string[] }
  | { readonly status: "unavailable"; readonly message: string };

export const JQL_CHECK_DEBOUNCE_MS = 800;

export function useJqlCheck(jql: string): { state: JqlCheckState; checkNow: () => void } {
  const { jira } = useServices();
  const [state, setState] = useState<JqlCheckState>({ status: "idle" });
  const latest = useRef(0);
  const lastChecked = useRef<string | null>(null);

  const check = useCallback(
    (text: string) => {
      const trimmed = text.trim();
      if (trimmed === "") {
        latest.current++;
        lastChecked.current = null;
        setState({ status: "idle" });
        return;
      }
      if (lastChecked.current === text) return;
      lastChecked.current = text;
      const ticket = ++latest.current;
      setState({ status: "checking" });
      jira.checkJql(text).then(
        (answer) => {
          if (ticket !== latest.current) return;
          setState(answer.valid ? { status: "valid", jql: text } : { status: "invalid", jql: text, messages: answer.messages });
        },
        (error: unknown) => {
          if (ticket !== latest.current) return;
          lastChecked.current = null;
          setState({ status: "unavailable", message: error instanceof Error ? error.message : "Jira could not check the JQL." });
        },
      );
    },
    [jira],
  );

  useEffect(() => {
    const timer = setTimeout(() => check(jql), JQL_CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [jql, check]);

  const checkNow = useCallback(() => check(jql), [check, jql]);
  return { state, checkNow };
}
