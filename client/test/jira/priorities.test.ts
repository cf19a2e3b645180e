import { describe, expect, it } from "vitest";
import { createFakeHost, jiraErrorReply } from "../support/fakeHost";
import { JiraApiError } from "../../src/jira/errors";
import { fetchPriorityOrder, fetchPriorityOrderCached, PRIORITY_SEARCH_PATH } from "../../src/jira/priorities";

const priority = (id: string) => ({ id, name: `P${id}`, self: `https://x/rest/api/3/priority/${id}` });

describe("fetchPriorityOrder", () => {
  it("reads every page, in Jira's order", async () => {
    const order = ["10000", "1", "2", "3", "10001", "4", "5"];
    const host = createFakeHost().on("GET", PRIORITY_SEARCH_PATH, (request) => {
      const start = Number(request.query.get("startAt"));
      const values = order.slice(start, start + 3).map(priority);
      return { json: { startAt: start, maxResults: 3, total: order.length, isLast: start + 3 >= order.length, values } };
    });
    expect(await fetchPriorityOrder(host)).toEqual(order);
    expect(host.requestsTo(PRIORITY_SEARCH_PATH).map((r) => r.query.get("startAt"))).toEqual(["0", "3", "6"]);
  });

  it("skips entries without a string id and stops at an empty page", async () => {
    const host = createFakeHost().on("GET", PRIORITY_SEARCH_PATH, (request) =>
      request.query.get("startAt") === "0"
        ? { json: { isLast: false, values: [priority("1"), { id: 2 }, null] } }
        : { json: { isLast: false, values: [] } },
    );
    expect(await fetchPriorityOrder(host)).toEqual(["1"]);
    expect(host.requestsTo(PRIORITY_SEARCH_PATH)).toHaveLength(2);
  });

  it("throws Jira's error, and the cache forgets a failure", async () => {
    let fail = true;
    const host = createFakeHost().on("GET", PRIORITY_SEARCH_PATH, () =>
      fail ? jiraErrorReply(403, ["Forbidden"]) : { json: { isLast: true, values: [priority("1")] } },
    );
    await expect(fetchPriorityOrderCached(host)).rejects.toBeInstanceOf(JiraApiError);
    fail = false;
    expect(await fetchPriorityOrderCached(host)).toEqual(["1"]);
    expect(await fetchPriorityOrderCached(host)).toEqual(["1"]);
    expect(host.requestsTo(PRIORITY_SEARCH_PATH)).toHaveLength(2);
  });
});
