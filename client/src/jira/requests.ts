/**
 * Jira calls for the fetch planner: JSON in and out, bounded retries, and one rate-limit gate
 * shared by every request of a load, so a 429/503 pauses the whole planner rather than only the
 * request that received it (PLATFORM.md §4.8: honour Retry-After, back off with jitter).
 */

import type { JiraHost, JiraRequest, JiraResponse } from "../host/host";
import { JiraApiError, jiraApiError } from "./errors";

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

export interface RetryPolicy {
  /** Retries of one request after 500/502/504 or a failed bridge call. */
  readonly maxServerErrorRetries: number;
  /** Retries of one request after 429/503. */
  readonly maxRateLimitRetries: number;
  /** First backoff after a 5xx or a failed bridge call (doubling, with jitter). */
  readonly baseDelayMs: number;
  /** First backoff after a 429/503 that names no Retry-After (doubling, with jitter). Forge may
   * not pass rate-limit headers to the frame at all, so this is the usual case there; Jira's
   * burst limits count per second, so a shorter first wait would mostly earn another 429. */
  readonly rateLimitBaseDelayMs: number;
  readonly maxDelayMs: number;
  /** A longer Retry-After (an exhausted hourly quota) stops the load instead of freezing it. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxServerErrorRetries: 4,
  maxRateLimitRetries: 8,
  baseDelayMs: 500,
  rateLimitBaseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

// Spreads the retries of requests that were rate limited together, on top of Retry-After.
const RETRY_AFTER_JITTER_MS = 250;

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
    signal.addEventListener("abort", () => {
      for (const pending of [...registered]) pending();
      registered.clear();
    }, { once: true });
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

/** `Retry-After` in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: number): number | null {
  const value = headers["retry-after"]?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffMs(attempt: number, random: () => number, policy: RetryPolicy, baseDelayMs = policy.baseDelayMs): number {
  const delay = Math.min(policy.maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

/** The wait after a 429/503: Retry-After plus jitter when Jira named one, else backoff. */
function rateLimitWaitMs(retryAfter: number | null, attempt: number, random: () => number, policy: RetryPolicy): number {
  if (retryAfter !== null) return retryAfter + Math.round(random() * RETRY_AFTER_JITTER_MS);
  return backoffMs(attempt, random, policy, policy.rateLimitBaseDelayMs);
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

export function createJiraCaller(options: JiraCallerOptions): JiraCaller {
  const { host, signal, random } = options;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => Date.now());
  const sleep = (ms: number): Promise<void> => abortable(options.sleep(ms), signal);
  const gate = new RateLimitGate(options.sleep, now, options.onRateLimitWait);

  async function call<T>(path: string, request: JiraRequest): Promise<T> {
    let rateLimitRetries = 0;
    let serverRetries = 0;
    for (;;) {
      await gate.wait(signal);
      let response: JiraResponse | null = null;
      try {
        response = await abortable(host.requestJira(path, request), signal);
      } catch (error) {
        if (error instanceof LoadStopped) throw error;
      }
      if (signal.aborted) throw abortReason();
      const status = response?.status ?? 0;
      if (response && status >= 200 && status < 300) {
        if (response.headers["x-ratelimit-nearlimit"]?.trim().toLowerCase() === "true") options.onNearLimit?.();
        try {
          return JSON.parse(response.body) as T;
        } catch {
          throw new LoadStopped("unreadable", "Jira sent a response that could not be read.");
        }
      }
      if (response && (status === 429 || status === 503)) {
        rateLimitRetries++;
        const retryAfter = retryAfterMs(response.headers, now());
        if (rateLimitRetries > policy.maxRateLimitRetries) {
          throw new LoadStopped("rate_limited", `Jira kept limiting the request rate (${statusLabel(response)}) after ${policy.maxRateLimitRetries} retries; the report is incomplete. Try again later.`, jiraApiError(response, path));
        }
        if (retryAfter !== null && retryAfter > policy.maxRetryAfterMs) {
          throw new LoadStopped("rate_limited", `Jira asks to wait ${Math.ceil(retryAfter / 60_000)} minutes before more requests (rate limit); the report is incomplete. Try again later.`, jiraApiError(response, path));
        }
        const waitMs = rateLimitWaitMs(retryAfter, rateLimitRetries, random, policy);
        options.onRetry?.({ status, waitMs });
        gate.pause(waitMs);
        continue;
      }
      if (!response || status >= 500) {
        serverRetries++;
        if (serverRetries > policy.maxServerErrorRetries) {
          const error = response ? jiraApiError(response, path) : undefined;
          throw new LoadStopped(response ? "server_error" : "network", `Jira failed (${statusLabel(response)}) ${policy.maxServerErrorRetries + 1} times in a row; the report is incomplete.`, error);
        }
        const waitMs = backoffMs(serverRetries, random, policy);
        options.onRetry?.({ status, waitMs });
        await sleep(waitMs);
        continue;
      }
      const error = jiraApiError(response, path);
      if (status === 401 || status === 403) {
        throw new LoadStopped("permission", "You do not have permission to read these issues in Jira.", error);
      }
      throw new LoadStopped("bad_request", status === 400 ? "Jira rejected the report's query." : `Jira refused the request (HTTP ${status}).`, error);
    }
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
 * preview), retried under the same policy as the planner's requests: 429/503 wait for
 * Retry-After (or back off), 5xx and failed bridge calls back off. Returns Jira's last answer,
 * so callers still see the final 429 or error status; rejects only when no answer ever came.
 */
export async function requestWithRetries(host: JiraHost, path: string, request: JiraRequest = {}, options: LookupOptions = {}): Promise<JiraResponse> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => Date.now());
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  let rateLimitRetries = 0;
  let serverRetries = 0;
  for (;;) {
    let response: JiraResponse | null = null;
    try {
      response = await host.requestJira(path, request);
    } catch (error) {
      if (serverRetries >= policy.maxServerErrorRetries) throw error;
    }
    const status = response?.status ?? 0;
    if (response && (status === 429 || status === 503)) {
      const retryAfter = retryAfterMs(response.headers, now());
      if (rateLimitRetries >= policy.maxRateLimitRetries || (retryAfter !== null && retryAfter > policy.maxRetryAfterMs)) return response;
      rateLimitRetries++;
      await sleep(rateLimitWaitMs(retryAfter, rateLimitRetries, random, policy));
      continue;
    }
    if (!response || status >= 500) {
      if (response && serverRetries >= policy.maxServerErrorRetries) return response;
      serverRetries++;
      await sleep(backoffMs(serverRetries, random, policy));
      continue;
    }
    return response;
  }
}
