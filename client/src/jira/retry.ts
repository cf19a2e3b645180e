/**
 * The one retry rule for Jira requests: which answers are retried, after how long, and when to
 * give up (`nextRetry`, pure), and the one loop that applies it (`retryJiraRequest`). The report
 * loader and the one-off look-ups differ only in how they wait and what giving up means.
 */

import type { JiraResponse } from "../host/host";

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

/** Retries spent so far on one request; the two kinds have separate budgets. */
export interface RetryCount {
  readonly rateLimited: number;
  /** 5xx answers and failed bridge calls (no answer at all). */
  readonly failed: number;
}

export const NO_RETRIES: RetryCount = { rateLimited: 0, failed: 0 };

/** Why a request is retried or given up: Jira limited the rate, failed, or never answered. */
export type RetryCause = "rate_limited" | "server_error" | "no_answer";

export type RetryDecision =
  /** Jira answered with something a retry would not change (2xx, or a client error). */
  | { readonly kind: "answer"; readonly response: JiraResponse }
  | { readonly kind: "retry"; readonly cause: RetryCause; readonly waitMs: number; readonly count: RetryCount }
  | {
      readonly kind: "give_up";
      /** `rate_limited` with `retryAfterMs` above the policy's cap: Jira asks for too long a pause. */
      readonly cause: RetryCause;
      readonly retryAfterMs: number | null;
    };

export interface RetryClock {
  readonly now: number;
  /** In [0, 1): the jitter. */
  readonly random: () => number;
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

export const isRateLimited = (status: number): boolean => status === 429 || status === 503;

/**
 * What to do after one attempt (`response` null: the bridge call failed), given the retries
 * already spent: 429/503 wait for Retry-After plus jitter (or back off from
 * `rateLimitBaseDelayMs` when Jira, or Forge, names none); 5xx and no answer back off from
 * `baseDelayMs`; anything else is the answer.
 */
export function nextRetry(
  count: RetryCount,
  response: JiraResponse | null,
  clock: RetryClock,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
  if (response && isRateLimited(response.status)) {
    const retryAfter = retryAfterMs(response.headers, clock.now);
    if (count.rateLimited >= policy.maxRateLimitRetries || (retryAfter !== null && retryAfter > policy.maxRetryAfterMs)) {
      return { kind: "give_up", cause: "rate_limited", retryAfterMs: retryAfter };
    }
    const rateLimited = count.rateLimited + 1;
    const waitMs =
      retryAfter !== null
        ? retryAfter + Math.round(clock.random() * RETRY_AFTER_JITTER_MS)
        : backoffMs(rateLimited, clock.random, policy, policy.rateLimitBaseDelayMs);
    return { kind: "retry", cause: "rate_limited", waitMs, count: { ...count, rateLimited } };
  }
  if (!response || response.status >= 500) {
    const cause = response ? "server_error" : "no_answer";
    if (count.failed >= policy.maxServerErrorRetries) return { kind: "give_up", cause, retryAfterMs: null };
    const failed = count.failed + 1;
    return { kind: "retry", cause, waitMs: backoffMs(failed, clock.random, policy), count: { ...count, failed } };
  }
  return { kind: "answer", response };
}

export type RetryWait = Extract<RetryDecision, { kind: "retry" }>;

export type RetryResult =
  | { readonly kind: "answer"; readonly response: JiraResponse }
  | { readonly kind: "give_up"; readonly cause: RetryCause; readonly retryAfterMs: number | null; readonly response: JiraResponse | null };

export interface RetryLoopOptions {
  readonly policy: RetryPolicy;
  readonly now: () => number;
  readonly random: () => number;
  /** Waits out one retry; the loader pauses its shared rate-limit gate here instead of sleeping. */
  readonly wait: (retry: RetryWait) => Promise<void>;
}

/**
 * Sends until `nextRetry` says stop. `send` resolves null when no answer came (the bridge call
 * failed); anything it throws (an abort) ends the loop at once.
 */
export async function retryJiraRequest(send: () => Promise<JiraResponse | null>, options: RetryLoopOptions): Promise<RetryResult> {
  let count = NO_RETRIES;
  for (;;) {
    const response = await send();
    const decision = nextRetry(count, response, { now: options.now(), random: options.random }, options.policy);
    if (decision.kind === "answer") return decision;
    if (decision.kind === "give_up") return { ...decision, response };
    count = decision.count;
    await options.wait(decision);
  }
}
