import { describe, expect, it } from "vitest";
import { PRIORITY_SEARCH_PATH } from "../../src/jira/priorities";
import {
  fetchCustomFieldOptions,
  fetchPriorityThresholds,
  fetchValueChoices,
  ISSUE_TYPE_PATH,
  PROJECT_SEARCH_PATH,
  RESOLUTION_SEARCH_PATH,
  statusChoices,
} from "../../src/jira/values";
import { fetchStatuses, STATUS_PATH } from "../../src/jira/statuses";
import { createFakeHost, jiraErrorReply } from "../support/fakeHost";

const page = (values: unknown[], isLast = true) => ({ json: { startAt: 0, maxResults: 100, total: values.length, isLast, values } });
const status = (id: string, name: string, category: string) => ({ id, name, statusCategory: { key: "x", name: category } });

describe("fetching choices", () => {
  it("statuses: one per name, with the categories", async () => {
    const host = createFakeHost().on("GET", STATUS_PATH, {
      json: [status("1", "To Do", "To Do"), status("3", "In Progress", "In Progress"), status("10", "to do", "To Do"), { id: "4" }],
    });
    expect(statusChoices(await fetchStatuses(host))).toEqual([
      { value: "To Do", label: "To Do", detail: "To Do" },
      { value: "In Progress", label: "In Progress", detail: "In Progress" },
    ]);
  });

  it("priorities in the site's order; thresholds store the id", async () => {
    const host = createFakeHost().on("GET", PRIORITY_SEARCH_PATH, (request) =>
      request.query.get("startAt") === "0"
        ? page(
            [
              { id: "1", name: "Highest" },
              { id: "10000", name: "Urgent" },
            ],
            false,
          )
        : page([{ id: "2", name: "High" }]),
    );
    expect(await fetchValueChoices(host, "priority")).toEqual([
      { value: "Highest", label: "Highest" },
      { value: "Urgent", label: "Urgent" },
      { value: "High", label: "High" },
    ]);
    expect((await fetchPriorityThresholds(host)).map((c) => c.value)).toEqual(["1", "10000", "2"]);
    // Both read one cached list.
    expect(host.requestsTo(PRIORITY_SEARCH_PATH)).toHaveLength(2);
  });

  it.each<["version" | "component", string]>([
    ["version", "versions"],
    ["component", "components"],
  ])("%ss of every browsable project, one per name, naming the projects", async (source, resource) => {
    const host = createFakeHost()
      .on("GET", PROJECT_SEARCH_PATH, page([{ key: "ROLL" }, { key: "OPS" }]))
      .on("GET", `/rest/api/3/project/ROLL/${resource}`, {
        json: [
          { id: "1", name: "1.0" },
          { id: "2", name: "2.0" },
        ],
      })
      .on("GET", `/rest/api/3/project/OPS/${resource}`, {
        json: [
          { id: "7", name: "1.0" },
          { id: "8", name: "" },
        ],
      });
    expect(await fetchValueChoices(host, source)).toEqual([
      { value: "1.0", label: "1.0", detail: "ROLL, OPS" },
      { value: "2.0", label: "2.0", detail: "ROLL" },
    ]);
    await fetchValueChoices(host, source);
    expect(host.requestsTo(`/rest/api/3/project/ROLL/${resource}`)).toHaveLength(1);
  });

  it("issue types (sub-task types say so), resolutions over pages, projects by name", async () => {
    const host = createFakeHost()
      .on("GET", ISSUE_TYPE_PATH, {
        json: [
          { id: "1", name: "Story", subtask: false },
          { id: "2", name: "Sub-task", subtask: true },
        ],
      })
      .on("GET", RESOLUTION_SEARCH_PATH, (request) =>
        request.query.get("startAt") === "0" ? page([{ id: "1", name: "Done" }], false) : page([{ id: "2", name: "Won't Do" }]),
      )
      .on("GET", PROJECT_SEARCH_PATH, page([{ key: "ROLL", name: "Rollbook" }]));
    expect(await fetchValueChoices(host, "issuetype")).toEqual([
      { value: "Story", label: "Story" },
      { value: "Sub-task", label: "Sub-task", detail: "sub-task" },
    ]);
    expect((await fetchValueChoices(host, "resolution")).map((c) => c.value)).toEqual(["Done", "Won't Do"]);
    expect(await fetchValueChoices(host, "project")).toEqual([{ value: "Rollbook", label: "Rollbook", detail: "ROLL" }]);
  });

  it("custom field options over every context, leaving out disabled and cascading children", async () => {
    const host = createFakeHost()
      .on("GET", "/rest/api/3/field/customfield_1/context", page([{ id: "100" }, { id: "200" }]))
      .on(
        "GET",
        "/rest/api/3/field/customfield_1/context/100/option",
        page([
          { id: "1", value: "Red" },
          { id: "2", value: "Old", disabled: true },
          { id: "3", value: "Child", optionId: "1" },
        ]),
      )
      .on(
        "GET",
        "/rest/api/3/field/customfield_1/context/200/option",
        page([
          { id: "4", value: "Blue" },
          { id: "5", value: "red" },
        ]),
      );
    expect(await fetchCustomFieldOptions(host, "customfield_1")).toEqual([
      { value: "Red", label: "Red" },
      { value: "Blue", label: "Blue" },
    ]);
  });

  it("a refusal (options are for administrators) rejects, and the cache forgets it", async () => {
    let allowed = false;
    const host = createFakeHost().on("GET", "/rest/api/3/field/customfield_2/context", () =>
      allowed ? page([]) : jiraErrorReply(403, ["Forbidden"]),
    );
    await expect(fetchValueChoices(host, { customOptions: "customfield_2" })).rejects.toThrow("Forbidden");
    allowed = true;
    expect(await fetchValueChoices(host, { customOptions: "customfield_2" })).toEqual([]);
  });
});
