import { describe, expect, it } from "vitest";
import { createFakeHost, jiraErrorReply, jsonReply } from "../support/fakeHost";
import { fetchFields, FIELD_PATH } from "../../src/jira/fields";
import { requestWithRetries, stopCodeOfStatus, type StopCode } from "../../src/jira/requests";
import { DEFAULT_RETRY_POLICY } from "../../src/jira/retry";

const PATH = "/rest/api/3/field";

function sequence(...replies: ReturnType<typeof jsonReply>[]) {
  let index = 0;
  return () => replies[Math.min(index++, replies.length - 1)]!;
}

function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe("requestWithRetries", () => {
  it.each([
    ["429 with Retry-After", jiraErrorReply(429, ["Rate limit exceeded."], { "retry-after": "2" }), 2000],
    ["503 with Retry-After", jiraErrorReply(503, ["Busy"], { "retry-after": "1" }), 1000],
    ["503 without Retry-After (backoff)", jiraErrorReply(503, ["Busy"]), DEFAULT_RETRY_POLICY.rateLimitBaseDelayMs / 2],
    ["500 (backoff)", jiraErrorReply(500, ["Oops"]), DEFAULT_RETRY_POLICY.baseDelayMs / 2],
  ])("waits after a %s and returns the next answer", async (_name, first, atLeastMs) => {
    const host = createFakeHost().on("GET", PATH, sequence(first, jsonReply([])));
    const { waits, sleep } = recordingSleep();
    const response = await requestWithRetries(host, PATH, {}, { sleep, random: () => 0 });
    expect(response.status).toBe(200);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(atLeastMs);
    expect(host.requestsTo(PATH)).toHaveLength(2);
  });

  it.each([
    ["rate limits", 429, DEFAULT_RETRY_POLICY.maxRateLimitRetries],
    ["server errors", 500, DEFAULT_RETRY_POLICY.maxServerErrorRetries],
  ])("gives up on persistent %s with Jira's last answer", async (_name, status, retries) => {
    const host = createFakeHost().on("GET", PATH, jiraErrorReply(status, ["no"]));
    const { waits, sleep } = recordingSleep();
    const response = await requestWithRetries(host, PATH, {}, { sleep, random: () => 0 });
    expect(response.status).toBe(status);
    expect(waits).toHaveLength(retries);
  });

  it("backs off on a bare 429 (no headers, no body: what Forge may hand the frame) with growing waits", async () => {
    const bare = { status: 429, headers: {}, body: "" };
    const host = createFakeHost().on("GET", PATH, bare);
    const { waits, sleep } = recordingSleep();
    const response = await requestWithRetries(host, PATH, {}, { sleep, random: () => 0 });
    expect(response).toEqual(bare);
    // Equal jitter at its low end: half of 1 s, 2 s, 4 s, … up to half of the 30 s cap.
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(60_000);
  });

  it("rejects with the bridge's error when no answer ever came, after the failure budget", async () => {
    const broken = new Error("bridge down");
    const host = { requestJira: () => Promise.reject(broken) };
    const { waits, sleep } = recordingSleep();
    await expect(requestWithRetries(host, PATH, {}, { sleep, random: () => 0 })).rejects.toBe(broken);
    expect(waits).toHaveLength(DEFAULT_RETRY_POLICY.maxServerErrorRetries);
  });

  it("does not retry a client error", async () => {
    const host = createFakeHost().on("GET", PATH, jiraErrorReply(400, ["bad"]));
    const { waits, sleep } = recordingSleep();
    expect((await requestWithRetries(host, PATH, {}, { sleep })).status).toBe(400);
    expect(waits).toEqual([]);
  });
});

describe("lookups use the retry policy", () => {
  it("loads Jira's field list after a 429", async () => {
    const host = createFakeHost().on(
      "GET",
      FIELD_PATH,
      sequence(jiraErrorReply(429, ["Rate limit exceeded."], { "retry-after": "0" }), jsonReply([{ id: "summary", name: "Summary" }])),
    );
    expect(await fetchFields(host)).toEqual([{ id: "summary", name: "Summary" }]);
  });
});

describe("stopCodeOfStatus", () => {
  it.each<[number, StopCode]>([
    [400, "bad_request"],
    [401, "permission"],
    [403, "permission"],
    [404, "bad_request"],
    [429, "rate_limited"],
    [503, "rate_limited"],
    [500, "server_error"],
    [502, "server_error"],
  ])("HTTP %i stops a load as %s", (status, code) => {
    expect(stopCodeOfStatus(status)).toBe(code);
  });
});
