/**
 * The single in-memory report run: loads a report's issues from Jira into a fresh engine,
 * recomputes as pages arrive, and publishes state to the UI. Issue data lives only in the
 * current engine; starting another run, `discard()` or leaving the page empties it (privacy
 * promise 4: report data is cached only in memory and dropped when the next report loads).
 */

import {
  createReportEngine,
  fieldsToLoad,
  getIssueKey,
  needsChangelog,
  type JiraStatus,
  type ReportDefinition,
  type ReportEngine,
  type ReportEngineOptions,
  type ReportResult,
} from "../engine/index";
import type { Host } from "../host/host";
import { JiraApiError } from "../jira/errors";
import { fetchFieldsCached } from "../jira/fields";
import { fetchPriorityOrderCached } from "../jira/priorities";
import { fetchStatusesCached } from "../jira/statuses";
import { loadReportIssues, type LoadOptions, type LoadOutcome, type LoadProgress } from "../jira/loader";
import { stopCodeOfStatus, type StopCode } from "../jira/requests";

export type SessionStatus = "idle" | "loading" | "complete" | "stopped" | "error";

export interface SessionState {
  readonly status: SessionStatus;
  readonly progress: LoadProgress | null;
  /** The report over what has loaded so far; null before the engine exists. */
  readonly result: ReportResult | null;
  readonly outcome: LoadOutcome | null;
  /** Why the run stopped or failed (a `JiraApiError` carries Jira's messages). */
  readonly error: Error | null;
}

export type SessionListener = (state: SessionState) => void;

/** The user's locale as Intl takes it: Jira spells it `en_US`, Intl wants `en-US`. */
function localeOf(locale: string | undefined): string | undefined {
  return locale ? locale.replace(/_/g, "-") : undefined;
}

export interface ReportSessionOptions {
  readonly host: Host;
  readonly engineFactory?: (options: ReportEngineOptions) => ReportEngine;
  readonly now?: () => Date;
  readonly locale?: string;
  /** Recompute at most this often while loading (default 150 ms); always once at the end. */
  readonly recomputeIntervalMs?: number;
  readonly concurrency?: number;
  /** The planner; swappable for benchmarks (`loadSequentially`) and tests. */
  readonly loader?: (options: LoadOptions) => Promise<LoadOutcome>;
}

export interface ReportSession {
  run(definition: ReportDefinition): Promise<LoadOutcome>;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void;
  current(): SessionState;
  /** Drops the current report and every issue it held. */
  discard(): void;
  /** `discard()`, and forget the session (page listeners, debug hook). */
  dispose(): void;
}

/**
 * Unit-test hook on `window`: what the in-memory sessions hold right now. Only in development
 * and test builds: `__ROLLBOOK_DEBUG_HOOK__` is `false` in a production build (vite.config.ts),
 * so the minifier drops the hook and the shipped bundle holds no `__rollbookDebug`. The browser
 * privacy tests read the page's heap instead (tests/support/heap.py).
 */
export interface RollbookDebugHook {
  heldIssueKeys(): string[];
  heldIssueCount(): number;
}

declare global {
  /** Set by Vite's `define` (vite.config.ts): true outside production builds. */
  const __ROLLBOOK_DEBUG_HOOK__: boolean;
  interface Window {
    __rollbookDebug?: RollbookDebugHook;
  }
}

const IDLE: SessionState = { status: "idle", progress: null, result: null, outcome: null, error: null };
const DEFAULT_RECOMPUTE_INTERVAL_MS = 150;

interface HeldIssues {
  keys(): string[];
  count(): number;
}

// Every live session, for the debug hook.
const liveSessions = new Set<HeldIssues>();

function installDebugHook(): void {
  if (typeof window === "undefined") return;
  // Assigned again on every load of this module (hot reload), so the hook reads this Set.
  window.__rollbookDebug = {
    heldIssueKeys: () => [...liveSessions].flatMap((s) => s.keys()),
    heldIssueCount: () => [...liveSessions].reduce((sum, s) => sum + s.count(), 0),
  };
}

function stopCodeOf(error: unknown): StopCode {
  return error instanceof JiraApiError ? stopCodeOfStatus(error.status) : "network";
}

export function createReportSession(options: ReportSessionOptions): ReportSession {
  const { host } = options;
  const engineFactory = options.engineFactory ?? createReportEngine;
  const loader = options.loader ?? loadReportIssues;
  const now = options.now ?? (() => new Date());
  const interval = options.recomputeIntervalMs ?? DEFAULT_RECOMPUTE_INTERVAL_MS;
  const listeners = new Set<SessionListener>();
  let state: SessionState = IDLE;
  let engine: ReportEngine | null = null;
  let controller: AbortController | null = null;
  let runId = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastComputeAt = -Infinity;

  function publish(patch: Partial<SessionState>): void {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) {
      try {
        listener(state);
      } catch (error) {
        // One broken subscriber must not stop the load or the other subscribers; report it.
        if (typeof reportError === "function") reportError(error);
        else console.error(error);
      }
    }
  }

  function cancelTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function computeNow(): void {
    cancelTimer();
    if (!engine) return;
    lastComputeAt = Date.now();
    try {
      publish({ result: engine.compute() });
    } catch (error) {
      publish({ status: "error", error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** Leading edge for fast first rows, then at most one compute per interval. */
  function scheduleCompute(): void {
    if (timer !== null) return;
    const wait = lastComputeAt + interval - Date.now();
    if (wait <= 0) computeNow();
    else timer = setTimeout(computeNow, wait);
  }

  /** Ends the current run and empties its engine; its late pages are ignored (runId moved on). */
  function release(): void {
    runId++;
    controller?.abort();
    controller = null;
    cancelTimer();
    engine?.clear();
    engine = null;
    lastComputeAt = -Infinity;
  }

  const held: HeldIssues = {
    keys() {
      if (!engine) return [];
      // A fresh compute when pages arrived since the last one, so the hook is exact.
      const result = state.result && state.result.loadedIssueCount === engine.issueCount ? state.result : engine.compute();
      const keys: string[] = [];
      for (let row = 0; row < result.loadedIssueCount; row++) {
        const key = getIssueKey(result, row);
        if (key !== undefined) keys.push(key);
      }
      return keys;
    },
    count: () => engine?.issueCount ?? 0,
  };

  const onPageHide = (): void => session.discard();

  const session: ReportSession = {
    async run(definition) {
      release();
      const id = runId;
      const current = (): boolean => id === runId;
      const abort = new AbortController();
      controller = abort;
      publish({
        status: "loading",
        progress: { phase: "counting", loaded: 0, approximateTotal: null, retries: 0 },
        result: null,
        outcome: null,
        error: null,
      });
      try {
        const [fields, context] = await Promise.all([fetchFieldsCached(host), host.getContext()]);
        // The engine's plan says which fields the report reads; it needs Jira's field list to
        // type them, so the priority look-up below waits for it (both are cached per host).
        const needed = fieldsToLoad(definition, fields);
        // Without the site's order the engine orders priorities by id, which is right for
        // Jira's default scheme; so a refused look-up costs custom priorities, not the report.
        // History fields need each issue's changelog, and the site's statuses to name them and
        // know their categories; without the statuses a status shows as its id and belongs to no
        // category, so a refused look-up costs names and category times, not the report.
        const changelogs = needsChangelog(definition, fields);
        const [priorityOrder, statuses] = await Promise.all([
          needed.includes("priority") ? fetchPriorityOrderCached(host).catch(() => []) : [],
          changelogs ? fetchStatusesCached(host).catch((): JiraStatus[] => []) : [],
        ]);
        if (!current()) return { status: "stopped", loaded: 0, reason: "Another report was opened.", code: "aborted" };
        // Numbers and dates read in the user's locale (the host's word first).
        const locale = localeOf(context.locale ?? options.locale);
        const runEngine = engineFactory({
          definition,
          fields,
          now,
          timeZone: context.timeZone,
          ...(priorityOrder.length > 0 ? { priorityOrder } : {}),
          ...(changelogs ? { statuses } : {}),
          ...(locale ? { locale } : {}),
        });
        engine = runEngine;
        // Columns, warnings and formula errors show before the first issue arrives.
        computeNow();
        lastComputeAt = -Infinity;
        const outcome = await loader({
          host,
          jql: definition.jql ?? "",
          fields: needed,
          signal: abort.signal,
          ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
          // Forge apps may call changelog/bulkfetch; Connect apps may not (Jira answers 403).
          ...(changelogs ? { changelog: host.kind === "forge" ? ("bulkfetch" as const) : ("expand" as const) } : {}),
          onPage: (issues) => {
            if (!current()) return;
            runEngine.addIssues(issues);
            scheduleCompute();
          },
          onProgress: (progress) => {
            if (current()) publish({ progress });
          },
        });
        if (!current()) return outcome;
        computeNow();
        const error = outcome.status === "stopped" ? (outcome.error ?? new Error(outcome.reason)) : null;
        publish({ status: outcome.status, outcome, error });
        return outcome;
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        const outcome: LoadOutcome = {
          status: "stopped",
          loaded: engine?.issueCount ?? 0,
          reason: `The report could not be loaded: ${failure.message}`,
          code: stopCodeOf(error),
          ...(error instanceof JiraApiError ? { error } : {}),
        };
        if (current()) publish({ status: "error", outcome, error: failure });
        return outcome;
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    current: () => state,

    discard() {
      release();
      publish(IDLE);
    },

    dispose() {
      // Subscribers are going away with the session: nobody to tell about the discard.
      listeners.clear();
      session.discard();
      liveSessions.delete(held);
      if (typeof window !== "undefined") window.removeEventListener("pagehide", onPageHide);
    },
  };

  liveSessions.add(held);
  if (typeof window !== "undefined") window.addEventListener("pagehide", onPageHide);
  return session;
}

// Installed when the module loads, not with the first session: a test asks any page (even one
// that never ran a report) what it holds, and must get an answer, not undefined. The `typeof`
// check keeps the module loadable where Vite's define did not run (Node scripts).
if (typeof __ROLLBOOK_DEBUG_HOOK__ !== "undefined" && __ROLLBOOK_DEBUG_HOOK__) installDebugHook();
