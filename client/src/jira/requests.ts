/**
 * Jira calls for the fetch planner: JSON in and out, retried by the one rule in `retry.ts`, and
 * one rate-limit gate shared by every request of a load, so a 429/503 pauses the whole planner
 * rather than only the request that received it (docs/platform.md#rate-limits: honour Retry-After, back off
 * with jitter). Also the same rule for single look-ups outside a load (`requestWithRetries`).
 */

import type { JiraHost, JiraRequest, JiraResponse } from "../host/host";
import { type JiraApiError, jiraApiError } from "./errors";
import { DEFAULT_RETRY_POLICY, isRateLimited, retryJiraRequest, type RetryPolicy, type RetryResult } from "./retry";

/** Why a load stopped, for the UI to pick its message and icon. */
export type StopCode = "bad_request" | "permission" | "rate_limited" | "server_error" | "network" | "unreadable" | "aborted" | "unexpected";

/** Ends a load: thrown by the caller, turned into a `stopped` outcome by the planner. */
export class LoadStopped extends Error {
  override readonly name = "LoadStopped";

  constructor(
    readonly code: StopCode,
    readonly reason: string,
    readonly error?: JiraApiError,
  ) {
    super(reason);
  }
}

export interface JiraCallerOptions {
  readonly host: JiraHost;
  readonly signal: AbortSignal;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now?: () => number;
  readonly policy?: RetryPolicy;
  /** A request is about to be retried after `waitMs`. */
  readonly onRetry?: (retry: { readonly status: number; readonly waitMs: number }) => void;
  /** The gate closed for `waitMs`, or (null) opened again. */
  readonly onRateLimitWait?: (waitMs: number | null) => void;
  /** Jira answered, but with `X-RateLimit-NearLimit: true`: the app is close to its quota. */
  readonly onNearLimit?: () => void;
}

export interface JiraCaller {
  post<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

/** The stop code for the HTTP status a request ended with (the loader's and the session's). */
export function stopCodeOfStatus(status: number): StopCode {
  if (status === 401 || status === 403) return "permission";
  if (isRateLimited(status)) return "rate_limited";
  return status >= 500 ? "server_error" : "bad_request";
}

export function abortReason(): LoadStopped {
  return new LoadStopped("aborted", "Loading was cancelled.");
}

// One abort listener per signal, fanning out to every pending wait: a load has hundreds of
// waits, and one listener each would trip Node's EventTarget leak warning in benchmarks.
const pendingAborts = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = pendingAborts.get(signal);
  if (!callbacks) {
    const registered = new Set<() => void>();
    callbacks = registered;
    pendingAborts.set(signal, registered);
    signal.addEventListener(
      "abort",
      () => {
        for (const pending of [...registered]) pending();
        registered.clear();
      },
      { once: true },
    );
  }
  callbacks.add(callback);
  const set = callbacks;
  return () => set.delete(callback);
}

/** Settles like `promise`, or rejects with `LoadStopped("aborted")` as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason());
  return new Promise<T>((resolve, reject) => {
    const forget = onAbort(signal, () => reject(abortReason()));
    promise.then(
      (value) => {
        forget();
        resolve(value);
      },
      (error: unknown) => {
        forget();
        reject(error);
      },
    );
  });
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** While closed, no request of the load is sent; a longer pause replaces a shorter one. */
export class RateLimitGate {
  private pending: Promise<void> | null = null;
  private until = 0;

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number,
    private readonly onChange: (waitMs: number | null) => void = () => {},
  ) {}

  get closed(): boolean {
    return this.pending !== null;
  }

  pause(ms: number): void {
    const until = this.now() + ms;
    if (this.pending && until <= this.until) return;
    this.until = until;
    const pause: Promise<void> = this.sleep(ms)
      .catch(() => {})
      .then(() => {
        if (this.pending !== pause) return;
        this.pending = null;
        this.onChange(null);
      });
    this.pending = pause;
    this.onChange(ms);
  }

  async wait(signal: AbortSignal): Promise<void> {
    // Loops because a longer pause may replace the one being waited for.
    while (this.pending) await abortable(this.pending, signal);
  }
}

function statusLabel(response: JiraResponse | null): string {
  return response ? `HTTP ${response.status}` : "no answer";
}

/** Why a request the loader gave up on ends the load, in words for the report's status line. */
function gaveUp(result: Extract<RetryResult, { kind: "give_up" }>, path: string, policy: RetryPolicy): LoadStopped {
  const { response } = result;
  const error = response ? jiraApiError(response, path) : undefined;
  if (result.cause === "rate_limited" && result.retryAfterMs !== null && result.retryAfterMs > policy.maxRetryAfterMs) {
    return new LoadStopped(
      "rate_limited",
      `Jira asks to wait ${Math.ceil(result.retryAfterMs / 60_000)} minutes before more requests (rate limit); the report is incomplete. Try again later.`,
      error,
    );
  }
  if (result.cause === "rate_limited") {
    return new LoadStopped(
      "rate_limited",
      `Jira kept limiting the request rate (${statusLabel(response)}) after ${policy.maxRateLimitRetries} retries; the report is incomplete. Try again later.`,
      error,
    );
  }
  return new LoadStopped(
    response ? "server_error" : "network",
    `Jira failed (${statusLabel(response)}) ${policy.maxServerErrorRetries + 1} times in a row; the report is incomplete.`,
    error,
  );
}

/** Jira's answer as the loader's result: the parsed body, or why the load stops. */
function readAnswer<T>(response: JiraResponse, path: string): T {
  const { status } = response;
  if (status >= 200 && status < 300) {
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new LoadStopped("unreadable", "Jira sent a response that could not be read.");
    }
  }
  const error = jiraApiError(response, path);
  if (stopCodeOfStatus(status) === "permission") {
    throw new LoadStopped("permission", "You do not have permission to read these issues in Jira.", error);
  }
  throw new LoadStopped(
    "bad_request",
    status === 400 ? "Jira rejected the report's query." : `Jira refused the request (HTTP ${status}).`,
    error,
  );
}

export function createJiraCaller(options: JiraCallerOptions): JiraCaller {
  const { host, signal, random } = options;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => Date.now());
  const gate = new RateLimitGate(options.sleep, now, options.onRateLimitWait);

  async function call<T>(path: string, request: JiraRequest): Promise<T> {
    let status = 0;
    const send = async (): Promise<JiraResponse | null> => {
      await gate.wait(signal);
      let response: JiraResponse | null = null;
      try {
        response = await abortable(host.requestJira(path, request), signal);
      } catch (error) {
        if (error instanceof LoadStopped) throw error;
      }
      if (signal.aborted) throw abortReason();
      status = response?.status ?? 0;
      return response;
    };
    const result = await retryJiraRequest(send, {
      policy,
      now,
      random,
      wait: async (retry) => {
        options.onRetry?.({ status, waitMs: retry.waitMs });
        // A rate limit holds back every request of the load, not only this one.
        if (retry.cause === "rate_limited") gate.pause(retry.waitMs);
        else await abortable(options.sleep(retry.waitMs), signal);
      },
    });
    if (result.kind === "give_up") throw gaveUp(result, path, policy);
    if (result.response.headers["x-ratelimit-nearlimit"]?.trim().toLowerCase() === "true") options.onNearLimit?.();
    return readAnswer<T>(result.response, path);
  }

  return {
    post: (path, body) => call(path, { method: "POST", body }),
    get: (path) => call(path, { method: "GET" }),
  };
}

export interface LookupOptions {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly policy?: RetryPolicy;
}

/**
 * One Jira request outside a report load (field list, JQL check, people pickers, formula
 * preview), retried under the same rule as the loader's requests (`retry.ts`). Returns Jira's
 * last answer, so callers still see the final 429 or error status; rejects only when no answer
 * ever came.
 */
export async function requestWithRetries(
  host: JiraHost,
  path: string,
  request: JiraRequest = {},
  options: LookupOptions = {},
): Promise<JiraResponse> {
  const sleep = options.sleep ?? defaultSleep;
  let failure: unknown;
  const send = async (): Promise<JiraResponse | null> => {
    try {
      return await host.requestJira(path, request);
    } catch (error) {
      failure = error;
      return null;
    }
  };
  const result = await retryJiraRequest(send, {
    policy: options.policy ?? DEFAULT_RETRY_POLICY,
    now: options.now ?? (() => Date.now()),
    random: options.random ?? Math.random,
    wait: (retry) => sleep(retry.waitMs),
  });
  if (result.response) return result.response;
  throw failure;
}
