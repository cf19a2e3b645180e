import { describe, expect, it } from "vitest";
import { fieldsToLoad, type ReportDefinition } from "../../src/engine/index";
import { FIELDS } from "./fixtures";

describe("fieldsToLoad: the Jira fields a report reads, from its plan", () => {
  it.each<[string, ReportDefinition, string[]]>([
    ["no rules", { columns: [] }, []],
    ["columns", { columns: [{ field: "summary" }, { field: "customfield_10016" }] }, ["summary", "customfield_10016"]],
    [
      "key and id come with every issue",
      { columns: [{ field: "issuekey" }, { field: "key" }, { field: "id" }, { field: "status" }] },
      ["status"],
    ],
    ["sorting rules", { sorting_rules: [{ field: "created", direction: "desc" }] }, ["created"]],
    [
      "grouping rules and their aggregate order",
      { grouping_rules: [{ field: "status", order: { by: "aggregate", field: "timespent", aggregation: "sum" } }] },
      ["status", "timespent"],
    ],
    ["group ordered by key takes no field", { grouping_rules: [{ field: "assignee", order: { by: "key", field: null } }] }, ["assignee"]],
    ["filtering rules", { filtering_rules: [{ field: "labels", operator: "any_of", operands: ["a"] }] }, ["labels"]],
    ["a field Jira does not describe is still asked for", { columns: [{ field: "customfield_99999" }] }, ["customfield_99999"]],
    [
      "duplicates once",
      {
        columns: [{ field: "status" }, { field: "summary" }],
        sorting_rules: [{ field: "summary" }],
        grouping_rules: [{ field: "status" }],
      },
      ["status", "summary"],
    ],
    [
      "formula references, not formula keys",
      {
        columns: [{ field: "formula_ratio" }],
        formula_fields: [
          {
            key: "formula_ratio",
            name: "Ratio",
            expression: "timespent / COALESCE(timeoriginalestimate, 1) // spent vs estimate",
            result_type: "number",
          },
          { key: "formula_label", name: "Label", expression: 'IF(formula_ratio > 1, CONCAT(summary, " late"), "ok")', result_type: "text" },
        ],
      },
      ["timespent", "timeoriginalestimate", "summary"],
    ],
    [
      "rollup references",
      {
        formula_fields: [
          { key: "formula_x", name: "X", expression: "1", result_type: "number", rollup: "SUM(customfield_10016) / COUNT(duedate)" },
        ],
      },
      ["customfield_10016", "duedate"],
    ],
    [
      "an unparsable formula adds nothing",
      { formula_fields: [{ key: "formula_bad", name: "Bad", expression: "((", result_type: "number" }] },
      [],
    ],
    [
      "formula keys used in rules are not fetched",
      {
        sorting_rules: [{ field: "formula_one" }],
        filtering_rules: [{ field: "formula_one", operator: "gt", operands: [0] }],
        formula_fields: [{ key: "formula_one", name: "One", expression: "1", result_type: "number" }],
      },
      [],
    ],
    [
      "a pivot view's row, column and value fields",
      {
        columns: [{ field: "summary" }],
        views: [
          { kind: "table", id: "table", name: "Table" },
          {
            kind: "pivot",
            id: "p",
            name: "P",
            rows: [{ field: "assignee" }],
            columns: [{ field: "issuetype" }],
            values: [{ field: "customfield_10016", aggregation: "sum" }],
          },
        ],
      },
      ["summary", "assignee", "issuetype", "customfield_10016"],
    ],
    [
      "a chart view's measures (its axes are the grouping rules)",
      {
        grouping_rules: [{ field: "status" }],
        views: [{ kind: "chart", id: "c", name: "C", chart_type: "bar", measures: [{ field: "timespent", aggregation: "sum" }] }],
      },
      ["status", "timespent"],
    ],
  ])("%s", (_name, definition, expected) => {
    expect([...fieldsToLoad(definition, FIELDS)].sort()).toEqual([...expected].sort());
  });

  it("lists formula references even before Jira's field list has loaded", () => {
    const definition: ReportDefinition = {
      formula_fields: [{ key: "formula_h", name: "H", expression: "timespent * 2", result_type: "number" }],
    };
    expect(fieldsToLoad(definition, [])).toEqual(["timespent"]);
  });
});
