import { describe, expect, it } from "vitest";
import type { SessionState } from "../../src/ui/ports";
import { describeLoadError, describeRunError } from "../../src/ui/viewer/runErrors";
import { filterCountOf, hiddenByFiltersText } from "../../src/ui/viewer/statusText";
import { askAdministratorText, showsTable, viewerStateNotice, type ViewerStateInput } from "../../src/ui/viewer/viewerStates";
import { ApiError } from "../../src/api/client";

function complete(loaded: number, matched: number): SessionState {
  const result = { loadedIssueCount: loaded, matchedIssueCount: matched } as unknown as SessionState["result"];
  return { status: "complete", progress: null, result, outcome: { status: "complete", loaded }, error: null };
}

const base: ViewerStateInput = {
  loadProblem: null,
  runError: null,
  state: complete(10, 10),
  jql: "project = EX",
  canEdit: true,
  filterCount: 0,
};

describe("hidden by filters", () => {
  it.each([
    [3534, 3346, 2, "188 issues hidden by the report's 2 filters"],
    [10, 9, 1, "1 issue hidden by the report's filter"],
    [10, 10, 2, null],
    [0, 0, 0, null],
  ])("%i loaded, %i shown, %i filters", (loaded, matched, filters, text) => {
    expect(hiddenByFiltersText(loaded, matched, filters)).toBe(text);
  });

  it("counts filter rules and groupings that leave out empty values", () => {
    expect(filterCountOf({ filtering_rules: [{}, {}], grouping_rules: [{ show_empty: false }, { show_empty: true }, {}] })).toBe(3);
  });
});

describe("viewerStateNotice", () => {
  it.each([
    ["no issues, editor", { state: complete(0, 0) }, "no_issues", ["edit_jql"]],
    ["no issues, viewer", { state: complete(0, 0), canEdit: false }, "no_issues", ["ask_admin"]],
    ["all filtered, editor", { state: complete(12, 0), filterCount: 2 }, "all_filtered", ["edit_filters"]],
    ["all filtered, viewer", { state: complete(12, 0), canEdit: false }, "all_filtered", ["ask_admin"]],
    ["bad JQL, editor", { runError: describeRunError("bad_request", { status: 400, messages: ["bad"] }) }, "jql", ["edit_jql"]],
    [
      "bad JQL, viewer",
      { runError: describeRunError("bad_request", { status: 400, messages: ["bad"] }), canEdit: false },
      "jql",
      ["ask_admin"],
    ],
    ["rate limited", { runError: describeRunError("rate_limited", undefined) }, "rate_limited", ["retry"]],
    ["unreachable", { runError: describeRunError("network", undefined, "no answer") }, "unreachable", ["retry"]],
    ["Jira failing", { runError: describeRunError("server_error", undefined, "500") }, "unreachable", ["retry"]],
    ["not shared", { loadProblem: describeLoadError(new ApiError(403, "report_forbidden", "no")) }, "permission", ["back"]],
    ["deleted", { loadProblem: describeLoadError(new ApiError(404, "report_not_found", "gone")) }, "not_found", ["back"]],
    ["server down", { loadProblem: describeLoadError(new ApiError(0, "network_error", "down")) }, "failed", ["retry", "back"]],
  ] as const)("%s", (_case, overrides, kind, actions) => {
    const notice = viewerStateNotice({ ...base, ...overrides });
    expect(notice?.kind).toBe(kind);
    expect(notice?.actions).toEqual(actions);
  });

  it("says nothing while loading or when issues show", () => {
    expect(viewerStateNotice(base)).toBeNull();
    expect(viewerStateNotice({ ...base, state: { ...complete(0, 0), status: "loading" } })).toBeNull();
  });

  it("explains an all-filtered report with the numbers", () => {
    expect(viewerStateNotice({ ...base, state: complete(12, 0), filterCount: 2 })?.message).toBe(
      "Jira found 12 issues for this report, and its 2 filters hide all of them.",
    );
  });

  it("shows no table frame for an empty result or a run that failed before any issue", () => {
    const empty = viewerStateNotice({ ...base, state: complete(0, 0) });
    expect(showsTable(complete(0, 0), empty)).toBe(false);
    const failed = viewerStateNotice({ ...base, state: complete(0, 0), runError: describeRunError("network", undefined, "x") });
    expect(showsTable(complete(0, 0), failed)).toBe(false);
    expect(showsTable(complete(5, 5), failed)).toBe(true);
    expect(showsTable(complete(5, 5), null)).toBe(true);
  });

  it.each([
    [[], "Ask one of the report's administrators to change its JQL."],
    [["Ada Admin"], "Ask the report's administrator, Ada Admin, to change its JQL."],
    [["Ada Admin", "Max Member", "Olive"], "Ask one of the report's administrators, Ada Admin, Max Member and Olive, to change its JQL."],
  ])("names the administrators to ask: %j", (names, text) => {
    expect(askAdministratorText("jql", names)).toBe(text);
  });
});
