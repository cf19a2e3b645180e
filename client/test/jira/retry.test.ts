import { describe, expect, it } from "vitest";
import type { JiraResponse } from "../../src/host/host";
import {
  DEFAULT_RETRY_POLICY,
  NO_RETRIES,
  nextRetry,
  retryAfterMs,
  retryJiraRequest,
  type RetryCount,
  type RetryDecision,
  type RetryPolicy,
} from "../../src/jira/retry";

const NOW = Date.parse("2026-03-02T10:00:00Z");
const policy: RetryPolicy = DEFAULT_RETRY_POLICY;
const maxRateLimited: RetryCount = { rateLimited: policy.maxRateLimitRetries, failed: 0 };
const maxFailed: RetryCount = { rateLimited: 0, failed: policy.maxServerErrorRetries };

function answer(status: number, headers: Record<string, string> = {}): JiraResponse {
  return { status, headers, body: "" };
}

describe("nextRetry", () => {
  it.each<[string, RetryCount, JiraResponse | null, number, RetryDecision]>([
    ["200 is the answer", NO_RETRIES, answer(200), 0, { kind: "answer", response: answer(200) }],
    ["204 is the answer", NO_RETRIES, answer(204), 0, { kind: "answer", response: answer(204) }],
    ["400 is the answer (a retry would not change it)", NO_RETRIES, answer(400), 0, { kind: "answer", response: answer(400) }],
    ["401 is the answer", NO_RETRIES, answer(401), 0, { kind: "answer", response: answer(401) }],
    ["403 is the answer", NO_RETRIES, answer(403), 0, { kind: "answer", response: answer(403) }],
    ["404 is the answer", NO_RETRIES, answer(404), 0, { kind: "answer", response: answer(404) }],
    [
      "429 waits Retry-After seconds",
      NO_RETRIES,
      answer(429, { "retry-after": "2" }),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: 2000, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "429 adds up to 250 ms of jitter to Retry-After",
      NO_RETRIES,
      answer(429, { "retry-after": "2" }),
      1,
      { kind: "retry", cause: "rate_limited", waitMs: 2250, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "429 reads Retry-After as an HTTP date",
      NO_RETRIES,
      answer(429, { "retry-after": "Mon, 02 Mar 2026 10:00:03 GMT" }),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: 3000, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "503 is a rate limit too",
      NO_RETRIES,
      answer(503, { "retry-after": "1" }),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: 1000, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "bare 429 (Forge passes no headers) backs off from the rate-limit base",
      NO_RETRIES,
      answer(429),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: policy.rateLimitBaseDelayMs / 2, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "bare 429, full jitter",
      NO_RETRIES,
      answer(429),
      1,
      { kind: "retry", cause: "rate_limited", waitMs: policy.rateLimitBaseDelayMs, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "bare 429, third retry doubles twice",
      { rateLimited: 2, failed: 0 },
      answer(429),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: 2 * policy.rateLimitBaseDelayMs, count: { rateLimited: 3, failed: 0 } },
    ],
    [
      "bare 429 backoff stops at the cap",
      { rateLimited: 7, failed: 0 },
      answer(429),
      1,
      { kind: "retry", cause: "rate_limited", waitMs: policy.maxDelayMs, count: { rateLimited: 8, failed: 0 } },
    ],
    [
      "unreadable Retry-After backs off",
      NO_RETRIES,
      answer(429, { "retry-after": "soon" }),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: policy.rateLimitBaseDelayMs / 2, count: { rateLimited: 1, failed: 0 } },
    ],
    [
      "429 gives up when the rate-limit budget is spent",
      maxRateLimited,
      answer(429),
      0,
      { kind: "give_up", cause: "rate_limited", retryAfterMs: null },
    ],
    [
      "429 gives up on a Retry-After beyond the cap",
      NO_RETRIES,
      answer(429, { "retry-after": "3600" }),
      0,
      { kind: "give_up", cause: "rate_limited", retryAfterMs: 3_600_000 },
    ],
    [
      "500 backs off from the base delay",
      NO_RETRIES,
      answer(500),
      0,
      { kind: "retry", cause: "server_error", waitMs: policy.baseDelayMs / 2, count: { rateLimited: 0, failed: 1 } },
    ],
    [
      "502 backs off",
      NO_RETRIES,
      answer(502),
      1,
      { kind: "retry", cause: "server_error", waitMs: policy.baseDelayMs, count: { rateLimited: 0, failed: 1 } },
    ],
    [
      "504, second retry doubles",
      { rateLimited: 0, failed: 1 },
      answer(504),
      0,
      { kind: "retry", cause: "server_error", waitMs: policy.baseDelayMs, count: { rateLimited: 0, failed: 2 } },
    ],
    [
      "no answer (failed bridge call) backs off like a 5xx",
      NO_RETRIES,
      null,
      0,
      { kind: "retry", cause: "no_answer", waitMs: policy.baseDelayMs / 2, count: { rateLimited: 0, failed: 1 } },
    ],
    [
      "5xx gives up when the failure budget is spent",
      maxFailed,
      answer(500),
      0,
      { kind: "give_up", cause: "server_error", retryAfterMs: null },
    ],
    [
      "no answer gives up when the failure budget is spent",
      maxFailed,
      null,
      0,
      { kind: "give_up", cause: "no_answer", retryAfterMs: null },
    ],
    [
      "a spent rate-limit budget does not stop 5xx retries",
      maxRateLimited,
      answer(500),
      0,
      {
        kind: "retry",
        cause: "server_error",
        waitMs: policy.baseDelayMs / 2,
        count: { rateLimited: policy.maxRateLimitRetries, failed: 1 },
      },
    ],
    [
      "a spent failure budget does not stop rate-limit retries",
      maxFailed,
      answer(429, { "retry-after": "1" }),
      0,
      { kind: "retry", cause: "rate_limited", waitMs: 1000, count: { rateLimited: 1, failed: policy.maxServerErrorRetries } },
    ],
  ])("%s", (_name, count, response, random, expected) => {
    expect(nextRetry(count, response, { now: NOW, random: () => random }, policy)).toEqual(expected);
  });
});

describe("retryAfterMs", () => {
  it.each<[string, Record<string, string>, number | null]>([
    ["absent", {}, null],
    ["seconds", { "retry-after": "5" }, 5000],
    ["fractional seconds", { "retry-after": " 1.5 " }, 1500],
    ["an HTTP date", { "retry-after": "Mon, 02 Mar 2026 10:01:00 GMT" }, 60_000],
    ["a date in the past", { "retry-after": "Mon, 02 Mar 2026 09:00:00 GMT" }, 0],
    ["unreadable", { "retry-after": "later" }, null],
  ])("%s", (_name, headers, expected) => {
    expect(retryAfterMs(headers, NOW)).toBe(expected);
  });
});

describe("retryJiraRequest", () => {
  function run(answers: (JiraResponse | null)[]) {
    const waits: [string, number][] = [];
    let sent = 0;
    const result = retryJiraRequest(async () => answers[Math.min(sent++, answers.length - 1)] ?? null, {
      policy,
      now: () => NOW,
      random: () => 0,
      wait: async (retry) => {
        waits.push([retry.cause, retry.waitMs]);
      },
    });
    return { result, waits, sent: () => sent };
  }

  it.each<[string, (JiraResponse | null)[], string[], string]>([
    ["answers at once", [answer(200)], [], "answer"],
    [
      "retries through a rate limit and a failure",
      [answer(429, { "retry-after": "1" }), null, answer(500), answer(200)],
      ["rate_limited", "no_answer", "server_error"],
      "answer",
    ],
    ["returns a client error as the answer", [answer(503), answer(404)], ["rate_limited"], "answer"],
    ["gives up on persistent server errors", [answer(500)], Array<string>(policy.maxServerErrorRetries).fill("server_error"), "give_up"],
    ["gives up on persistent rate limits", [answer(429)], Array<string>(policy.maxRateLimitRetries).fill("rate_limited"), "give_up"],
  ])("%s", async (_name, answers, causes, kind) => {
    const { result, waits, sent } = run(answers);
    expect((await result).kind).toBe(kind);
    expect(waits.map(([cause]) => cause)).toEqual(causes);
    expect(sent()).toBe(causes.length + 1);
  });

  it("gives up with Jira's last answer, or none when none came", async () => {
    expect(await run([answer(502)]).result).toMatchObject({ kind: "give_up", cause: "server_error", response: { status: 502 } });
    expect(await run([null]).result).toEqual({ kind: "give_up", cause: "no_answer", retryAfterMs: null, response: null });
  });

  it("stops at once when sending throws (an abort)", async () => {
    const aborted = new Error("aborted");
    await expect(
      retryJiraRequest(() => Promise.reject(aborted), { policy, now: () => NOW, random: () => 0, wait: async () => {} }),
    ).rejects.toBe(aborted);
  });
});
