import { describe, expect, it } from "vitest";
import { createFakeHost, jiraErrorReply } from "../support/fakeHost";
import { installFakeJira } from "../support/fakeJira";
import { JiraApiError } from "../../src/jira/errors";
import { SEARCH_PATH } from "../../src/jira/loader";
import { fetchSampleIssues } from "../../src/jira/sampleIssues";
import { FIELDS, makeIssues } from "./fixtures";

describe("fetchSampleIssues", () => {
  it.each<[string, string[], string[]]>([
    ["the fields asked for", ["timespent", "summary"], ["timespent", "summary"]],
    ["the key when no field is asked for (Jira would send bare ids)", [], ["key"]],
  ])("asks for the first issues of the JQL with %s, in one request", async (_name, fields, sent) => {
    const host = createFakeHost();
    installFakeJira(host, { issues: makeIssues(20), fields: FIELDS });
    const issues = await fetchSampleIssues(host, "project = EX", fields, 5);
    expect(issues.map((i) => i.key)).toEqual(["EX-1", "EX-2", "EX-3", "EX-4", "EX-5"]);
    expect(host.requests.map((r) => [r.pathname, r.body])).toEqual([[SEARCH_PATH, { jql: "project = EX", fields: sent, maxResults: 5 }]]);
  });

  it("throws Jira's error", async () => {
    const host = createFakeHost().on("POST", SEARCH_PATH, jiraErrorReply(400, ["bad JQL"]));
    await expect(fetchSampleIssues(host, "nonsense =", ["summary"], 5)).rejects.toBeInstanceOf(JiraApiError);
  });
});
