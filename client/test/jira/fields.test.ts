import { describe, expect, it } from "vitest";
import { createFakeHost, jiraErrorReply } from "../support/fakeHost";
import { JiraApiError } from "../../src/jira/errors";
import { fetchFields, fetchFieldsCached, FIELD_PATH } from "../../src/jira/fields";
import { FIELDS } from "./fixtures";

describe("fetchFields", () => {
  it("returns Jira's field list", async () => {
    const host = createFakeHost().on("GET", FIELD_PATH, { json: [...FIELDS, { name: "no id" }] });
    expect(await fetchFields(host)).toEqual(FIELDS);
  });

  it("throws Jira's error", async () => {
    const host = createFakeHost().on("GET", FIELD_PATH, jiraErrorReply(403, ["Forbidden"]));
    await expect(fetchFields(host)).rejects.toBeInstanceOf(JiraApiError);
    await expect(fetchFields(host)).rejects.toMatchObject({ status: 403, errorMessages: ["Forbidden"] });
  });

  it("caches per host for the page's life, but not failures", async () => {
    let fail = true;
    const host = createFakeHost().on("GET", FIELD_PATH, () => (fail ? jiraErrorReply(403, ["Forbidden"]) : { json: FIELDS }));
    await expect(fetchFieldsCached(host)).rejects.toBeInstanceOf(JiraApiError);
    fail = false;
    expect(await fetchFieldsCached(host)).toEqual(FIELDS);
    expect(await fetchFieldsCached(host)).toEqual(FIELDS);
    expect(host.requestsTo(FIELD_PATH)).toHaveLength(2);
    const other = createFakeHost().on("GET", FIELD_PATH, { json: [] });
    expect(await fetchFieldsCached(other)).toEqual([]);
  });
});
