import { describe, expect, it } from "vitest";
import type { ReportDefinition } from "../../src/engine/index";
import { createFakeHost, jiraErrorReply } from "../../src/host/fakeHost";
import { JiraApiError } from "../../src/jira/errors";
import { fetchFields, fetchFieldsCached, FIELD_PATH, neededFields } from "../../src/jira/fields";
import { FIELDS } from "./fixtures";

describe("neededFields", () => {
  it.each<[string, ReportDefinition, string[]]>([
    ["no rules", { columns: [] }, []],
    ["columns in order", { columns: [{ field: "summary" }, { field: "customfield_10016" }] }, ["summary", "customfield_10016"]],
    ["key and id come with every issue", { columns: [{ field: "issuekey" }, { field: "key" }, { field: "id" }, { field: "status" }] }, ["status"]],
    ["sorting rules", { sorting_rules: [{ field: "created", direction: "desc" }] }, ["created"]],
    ["grouping rules and their aggregate order", { grouping_rules: [{ field: "status", order: { by: "aggregate", field: "timespent", aggregation: "sum" } }] }, ["status", "timespent"]],
    ["group ordered by key takes no field", { grouping_rules: [{ field: "assignee", order: { by: "key", field: null } }] }, ["assignee"]],
    ["filtering rules", { filtering_rules: [{ field: "labels", operator: "any_of", operands: ["a"] }] }, ["labels"]],
    ["duplicates once, first use first", { columns: [{ field: "status" }, { field: "summary" }], sorting_rules: [{ field: "summary" }], grouping_rules: [{ field: "status" }] }, ["status", "summary"]],
    [
      "formula references, not formula keys",
      {
        columns: [{ field: "formula_ratio" }],
        formula_fields: [
          { key: "formula_ratio", name: "Ratio", expression: "timespent / COALESCE(timeoriginalestimate, 1) // spent vs estimate", result_type: "number" },
          { key: "formula_label", name: "Label", expression: 'IF(formula_ratio > 1, CONCAT(summary, " late"), "ok")', result_type: "text" },
        ],
      },
      ["timespent", "timeoriginalestimate", "summary"],
    ],
    [
      "rollup references",
      { formula_fields: [{ key: "formula_x", name: "X", expression: "1", result_type: "number", rollup: "SUM(customfield_10016) / COUNT(duedate)" }] },
      ["customfield_10016", "duedate"],
    ],
    ["an unparsable formula adds nothing", { formula_fields: [{ key: "formula_bad", name: "Bad", expression: "((", result_type: "number" }] }, []],
    ["formula keys used in rules are not fetched", { sorting_rules: [{ field: "formula_ghost" }] }, []],
  ])("%s", (_name, definition, expected) => {
    expect(neededFields(definition)).toEqual(expected);
  });
});

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
