import { describe, expect, it } from "vitest";
import { createFakeHost, jiraErrorReply } from "./fakeHost";
import { installFakeJira, SEARCH_PATH } from "./fakeJira";
import { makeIssues } from "../jira/fixtures";

describe("FakeHost", () => {
  it("routes by method and path, records requests and answers 404 otherwise", async () => {
    const host = createFakeHost({ routes: { "GET /rest/api/3/myself": { json: { accountId: "a1" } } } });
    expect(JSON.parse((await host.requestJira("/rest/api/3/myself?expand=groups")).body)).toEqual({ accountId: "a1" });
    expect((await host.requestJira("/rest/api/3/nothing", { method: "POST", body: { a: 1 } })).status).toBe(404);
    expect(host.requests.map((r) => [r.method, r.pathname, r.query.get("expand"), r.body, r.sequence])).toEqual([
      ["GET", "/rest/api/3/myself", "groups", undefined, 0],
      ["POST", "/rest/api/3/nothing", null, { a: 1 }, 1],
    ]);
  });

  it("lower-cases response headers and counts requests in flight", async () => {
    let release: () => void = () => {};
    const host = createFakeHost().on("GET", "/rest/slow", async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return jiraErrorReply(429, ["slow down"], { "Retry-After": "2" });
    });
    const pending = host.requestJira("/rest/slow");
    expect(host.inFlight).toBe(1);
    release();
    expect((await pending).headers).toEqual({ "retry-after": "2" });
    expect(host.inFlight).toBe(0);
    expect(host.maxInFlight).toBe(1);
  });

  it("answers server routes, 404 otherwise, and records host calls", async () => {
    const host = createFakeHost({ context: { projectKey: "EX" }, serverRoutes: { "GET /api/me": { json: { account_id: "a1" } } } });
    expect(await host.callServer({ method: "GET", path: "/api/me?x=1" })).toEqual({
      status: 200,
      headers: { "content-type": "application/json" },
      body: { account_id: "a1" },
    });
    expect((await host.callServer({ method: "DELETE", path: "/api/reports/r1" })).status).toBe(404);
    expect(host.serverRequests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/me?x=1", "DELETE /api/reports/r1"]);
    expect(await host.getContext()).toMatchObject({ projectKey: "EX", timeZone: "UTC" });
    host.openIssue("EX-1");
    host.resize();
    host.showFlag({ type: "info", title: "Hi" });
    expect([host.openedIssues, host.resizeCount, host.flags]).toEqual([["EX-1"], 1, [{ type: "info", title: "Hi" }]]);
  });
});

describe("installFakeJira", () => {
  it("serves bare ids, page tokens and id chunks with the chosen fields", async () => {
    const host = createFakeHost();
    installFakeJira(host, { issues: makeIssues(5), idPageCap: 3 });
    const first = JSON.parse(
      (await host.requestJira(SEARCH_PATH, { method: "POST", body: { jql: "project = EX", fields: ["id"], maxResults: 5000 } })).body,
    );
    expect(first).toEqual({ issues: [{ id: "10001" }, { id: "10002" }, { id: "10003" }], isLast: false, nextPageToken: "page:3" });
    const chunk = JSON.parse(
      (await host.requestJira(SEARCH_PATH, { method: "POST", body: { jql: "id in (10002,10005)", fields: ["labels"], maxResults: 100 } }))
        .body,
    );
    expect(chunk).toEqual({
      issues: [
        { id: "10002", key: "EX-2", fields: { labels: ["gamma"] } },
        { id: "10005", key: "EX-5", fields: { labels: ["alpha", "beta"] } },
      ],
      isLast: true,
    });
  });
});
