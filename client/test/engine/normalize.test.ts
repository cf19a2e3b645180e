import { describe, expect, it } from "vitest";
import { resolveFieldSpec } from "../../src/engine/columns/fieldTypes";
import { toBooleanCode, toDateValue, toDurationSeconds, toEntry, toNumber, toText } from "../../src/engine/columns/normalize";
import { MS_PER_DAY } from "../../src/engine/time/civil";
import { adf, FIELDS, PRIORITY, STATUS, USERS, sprint } from "./fixtures";
import { displayRow, run, cellValueOf } from "./helpers";

const details = (id: string) => FIELDS.find((f) => f.id === id);
const noPriority = () => undefined;

describe("field types from /rest/api/3/field", () => {
  it.each([
    ["summary", "text"],
    ["description", "text"],
    ["status", "option"],
    ["priority", "option"],
    ["issuetype", "option"],
    ["project", "option"],
    ["resolution", "option"],
    ["assignee", "user"],
    ["labels", "multi"],
    ["components", "multi"],
    ["fixVersions", "multi"],
    ["timespent", "duration"],
    ["timeoriginalestimate", "duration"],
    ["timeestimate", "duration"],
    ["aggregatetimespent", "duration"],
    ["created", "datetime"],
    ["updated", "datetime"],
    ["resolutiondate", "datetime"],
    ["duedate", "date"],
    ["parent", "issuelink"],
    ["issuekey", "issuelink"],
    ["customfield_10016", "number"],
    ["customfield_10020", "multi"],
    ["customfield_10030", "option"],
    ["customfield_10040", "multi"],
    ["customfield_10050", "multi"],
    ["customfield_10060", "text"],
    ["customfield_10070", "date"],
    ["customfield_10080", "boolean"],
  ])("%s is %s", (id, type) => {
    expect(resolveFieldSpec(id, details(id)).type).toBe(type);
  });

  it("a field Jira did not describe is text and flagged unknown", () => {
    expect(resolveFieldSpec("customfield_99999", undefined)).toMatchObject({ type: "text", unknown: true });
  });

  it("sprints and statuses get their own comparators", () => {
    expect(resolveFieldSpec("customfield_10020", details("customfield_10020")).entryKind).toBe("sprint");
    expect(resolveFieldSpec("status", details("status")).entryKind).toBe("status");
    expect(resolveFieldSpec("priority", details("priority")).entryKind).toBe("priority");
  });
});

describe("value normalization", () => {
  it.each([
    [null, null],
    ["", null],
    ["plain", "plain"],
    [42, "42"],
    [true, "true"],
    [adf("One", "Two"), "One\nTwo"],
    [{ value: "Option A", id: "1" }, "Option A"],
    [[{ name: "a" }, { name: "b" }], "a, b"],
    [{ weird: ["nested"] }, null],
  ])("text of %j is %j", (input, expected) => expect(toText(input)).toBe(expected));

  it.each([
    [3, 3],
    ["2.5", 2.5],
    ["", NaN],
    ["abc", NaN],
    [null, NaN],
    [Infinity, NaN],
    [{ votes: 4 }, 4],
    [{ watchCount: 2, isWatching: false }, 2],
  ])("number of %j is %d", (input, expected) => expect(toNumber(input)).toBe(expected));

  it.each([
    [3600, 3600],
    [null, NaN],
    [{ timeSpentSeconds: 400, timeSpent: "6m" }, 400],
    [{}, NaN],
  ])("duration of %j is %d s", (input, expected) => expect(toDurationSeconds(input)).toBe(expected));

  it("dates keep their calendar day", () => {
    expect(toDateValue("2024-06-01")).toBe(Date.UTC(2024, 5, 1));
    expect(toDateValue("2024-06-01T23:00:00.000-0500") / MS_PER_DAY).toBe(Date.UTC(2024, 5, 1) / MS_PER_DAY);
    expect(toDateValue(20240601)).toBeNaN();
  });

  it.each([
    [true, 1],
    [false, 0],
    ["true", 1],
    ["No", 0],
    [null, -1],
    ["maybe", -1],
    [[{ value: "Yes" }], 1],
  ])("boolean of %j is %i", (input, expected) => expect(toBooleanCode(input)).toBe(expected));

  it("status entries carry their category and color", () => {
    expect(toEntry(STATUS.review, "status", noPriority)).toMatchObject({
      key: "10001",
      label: "Code Review",
      category: "indeterminate",
      color: "yellow",
    });
  });

  it("priority entries carry Jira's position", () => {
    expect(toEntry(PRIORITY.high, "priority", (id) => Number(id) - 1)).toMatchObject({ label: "High", order: 1 });
  });

  it("users are keyed by account id and labelled by display name", () => {
    expect(toEntry(USERS.bob, "user", noPriority)).toMatchObject({ key: USERS.bob.accountId, label: "bob brown", active: true });
    expect(toEntry({ displayName: "No id" }, "user", noPriority)).toBeUndefined();
  });

  it("sprints: JSON objects and legacy strings", () => {
    expect(toEntry(sprint(7, "Sprint 7", "active"), "sprint", noPriority)).toMatchObject({ key: "7", label: "Sprint 7", order: 7 });
    expect(
      toEntry(
        "com.atlassian.greenhopper.service.sprint.Sprint@1[id=3,rapidViewId=1,state=CLOSED,name=Old one,goal=]",
        "sprint",
        noPriority,
      ),
    ).toMatchObject({
      key: "3",
      label: "Old one",
      order: 3,
    });
  });

  it("cascading selects read as Parent - Child", () => {
    expect(toEntry({ value: "EMEA", id: "1", child: { value: "Berlin", id: "2" } }, "option", noPriority)).toMatchObject({
      key: "1/2",
      label: "EMEA - Berlin",
    });
  });

  it.each([[undefined], [null], [""], [[]], [{}], [42]])("odd option payload %j never throws", (value) => {
    expect(() => toEntry(value, "option", noPriority)).not.toThrow();
  });
});

describe("normalization through the engine", () => {
  const result = run({
    columns: [
      { field: "summary" },
      { field: "description" },
      { field: "labels" },
      { field: "customfield_10020" },
      { field: "customfield_10060" },
      { field: "parent" },
      { field: "customfield_10030" },
      { field: "customfield_10050" },
    ],
  });

  it("hostile strings are kept verbatim as text", () => {
    expect(cellValueOf(result, "EX-9")).toBe('null "); DROP TABLE issues;-- <script>alert(1)</script> \u202Eevil');
    expect(cellValueOf(result, "EX-9", 2)).toEqual(["null", "undefined", "__proto__", "constructor"]);
  });

  it("an empty summary is empty, a blank one is kept", () => {
    expect(cellValueOf(result, "EX-11")).toBeNull();
    expect(cellValueOf(result, "EX-12")).toBe("   ");
  });

  it("ADF descriptions become plain text", () => expect(cellValueOf(result, "EX-10", 1)).toBe("First paragraph\nSecond 🚀"));

  it("duplicate labels count once", () => expect(cellValueOf(result, "EX-3", 2)).toEqual(["backend", "api"]));

  it("sprints keep Jira's order; the legacy string form is parsed", () => {
    expect(cellValueOf(result, "EX-2", 3)).toEqual(["Sprint 2", "Sprint 10"]);
    expect(cellValueOf(result, "OPS-10", 3)).toEqual(["Legacy Sprint"]);
  });

  it("unknown custom types degrade to text without crashing", () => expect(cellValueOf(result, "EX-9", 4)).toBeNull());

  it("parent is an issue link shown by key", () => expect(displayRow(result, "EX-10")[5]).toBe("EX-100"));

  it("a plain string in an option field still becomes an option", () =>
    expect(cellValueOf(result, "EX-11", 6)).toBe("plain-string-option"));

  it("multi-user pickers list display names", () => expect(displayRow(result, "EX-2")[7]).toBe("Alice Adams, Carol Chen"));
});
