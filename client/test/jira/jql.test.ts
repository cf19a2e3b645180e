import { describe, expect, it } from "vitest";
import { createFakeHost, jiraErrorReply, jsonReply } from "../support/fakeHost";
import { JiraApiError } from "../../src/jira/errors";
import { checkJql, getUser, searchGroups, searchUsers } from "../../src/jira/jql";

describe("checkJql", () => {
  it("asks Jira's strict parser and accepts a clean query", async () => {
    const host = createFakeHost().on("POST", "/rest/api/3/jql/parse", { json: { queries: [{ query: "project = EX", structure: {} }] } });
    expect(await checkJql(host, "project = EX")).toEqual({ valid: true });
    expect(host.requests[0]).toMatchObject({
      path: "/rest/api/3/jql/parse?validation=strict",
      method: "POST",
      body: { queries: ["project = EX"] },
    });
  });

  it.each([
    [
      "parse errors",
      jsonReply({
        queries: [
          { query: "invalid query", errors: ["Error in the JQL Query: Expecting operator but got 'query'. (line 1, character 9)"] },
        ],
      }),
      ["Error in the JQL Query: Expecting operator but got 'query'. (line 1, character 9)"],
    ],
    [
      "an ErrorCollection",
      jiraErrorReply(400, ["Field 'universe' does not exist or you do not have permission to view it."]),
      ["Field 'universe' does not exist or you do not have permission to view it."],
    ],
  ])("reports Jira's messages verbatim: %s", async (_name, reply, messages) => {
    const host = createFakeHost().on("POST", "/rest/api/3/jql/parse", reply);
    expect(await checkJql(host, "universe = 42")).toEqual({ valid: false, messages });
  });

  it("does not ask Jira about an empty query", async () => {
    const host = createFakeHost();
    expect(await checkJql(host, "  ")).toMatchObject({ valid: false });
    expect(host.requests).toHaveLength(0);
  });

  it("throws when Jira fails", async () => {
    const host = createFakeHost().on("POST", "/rest/api/3/jql/parse", jiraErrorReply(403, ["boom"]));
    await expect(checkJql(host, "project = EX")).rejects.toBeInstanceOf(JiraApiError);
  });
});

describe("people pickers", () => {
  const user = (accountId: string, displayName: string, accountType = "atlassian") => ({
    accountId,
    accountType,
    displayName,
    active: true,
    avatarUrls: { "24x24": `https://avatars/${accountId}-24.png`, "48x48": `https://avatars/${accountId}-48.png` },
  });

  it("searches users and leaves app accounts out", async () => {
    const host = createFakeHost().on("GET", "/rest/api/3/user/search", {
      json: [user("a1", "Ada Lovelace"), user("app", "Rollbook", "app")],
    });
    expect(await searchUsers(host, "ad & co")).toEqual([
      { accountId: "a1", displayName: "Ada Lovelace", avatarUrl: "https://avatars/a1-24.png", active: true },
    ]);
    expect(host.requests[0]!.query.get("query")).toBe("ad & co");
  });

  it("gets one user, or null when Jira has none", async () => {
    const host = createFakeHost().on("GET", "/rest/api/3/user", (r) =>
      r.query.get("accountId") === "a1" ? { json: user("a1", "Ada") } : jiraErrorReply(404, ["Specified user does not exist"]),
    );
    expect(await getUser(host, "a1")).toMatchObject({ accountId: "a1", displayName: "Ada" });
    expect(await getUser(host, "nobody")).toBeNull();
  });

  it("searches groups, ignoring case", async () => {
    const host = createFakeHost().on("GET", "/rest/api/3/groups/picker", {
      json: {
        header: "Showing 2 of 2 matching groups",
        total: 2,
        groups: [
          { name: "jira-admins", html: "<b>jira</b>-admins", groupId: "g1" },
          { name: "jira-users", html: "", labels: [] },
        ],
      },
    });
    expect(await searchGroups(host, "JIRA")).toEqual([
      { name: "jira-admins", groupId: "g1" },
      { name: "jira-users", groupId: null },
    ]);
    expect(host.requests[0]!.query.get("caseInsensitive")).toBe("true");
  });
});
