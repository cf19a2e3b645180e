// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { createReportEngine, type ReportEngineOptions } from "../../src/engine/index";
import type { HostKind } from "../../src/host/host";
import { loadReportIssues, type LoadOptions } from "../../src/jira/loader";
import { STATUS_PATH } from "../../src/jira/statuses";
import { createReportSession, type ReportSession } from "../../src/session/reportSession";
import { createFakeHost, jiraErrorReply } from "../support/fakeHost";
import { installFakeJira } from "../support/fakeJira";
import { FIELDS, makeIssues, reportDefinition } from "../jira/fixtures";

const STATUSES = [
  { id: "1", name: "To Do", statusCategory: { id: 2, key: "new", name: "To Do" } },
  { id: "3", name: "In Progress", statusCategory: { id: 4, key: "indeterminate", name: "In Progress" } },
  { id: "5", name: "Done", statusCategory: { id: 3, key: "done", name: "Done" } },
];
const HISTORY_REPORT = reportDefinition({
  columns: [{ field: "issuekey" }, { field: "history_time_in_status_3" }, { field: "history_transitions" }],
});

const sessions: ReportSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function setup(kind: HostKind, statusReply: Parameters<ReturnType<typeof createFakeHost>["on"]>[2] = { json: STATUSES }) {
  const host = createFakeHost({ kind });
  installFakeJira(host, { issues: makeIssues(30), fields: FIELDS });
  host.on("GET", STATUS_PATH, statusReply);
  const loads: LoadOptions[] = [];
  const engines: ReportEngineOptions[] = [];
  const session = createReportSession({
    host,
    recomputeIntervalMs: 0,
    engineFactory: (options) => {
      engines.push(options);
      return createReportEngine(options);
    },
    loader: (options) => {
      loads.push(options);
      // The changelog routes are the loader's tests' business: load the issues without them.
      return loadReportIssues({ ...options, changelog: undefined });
    },
  });
  sessions.push(session);
  return { host, session, loads, engines };
}

describe("report session: history fields", () => {
  it.each<[HostKind, LoadOptions["changelog"]]>([
    ["forge", "bulkfetch"],
    ["connect", "expand"],
  ])("on %s, loads changelogs by %s and gives the engine the site's statuses", async (kind, mode) => {
    const { host, session, loads, engines } = setup(kind);
    expect((await session.run(HISTORY_REPORT)).status).toBe("complete");
    expect(loads[0]!.changelog).toBe(mode);
    expect(loads[0]!.fields).toEqual(expect.arrayContaining(["created", "status", "resolutiondate"]));
    expect(engines[0]!.statuses).toEqual([
      { id: "1", name: "To Do", statusCategory: { key: "new", name: "To Do" } },
      { id: "3", name: "In Progress", statusCategory: { key: "indeterminate", name: "In Progress" } },
      { id: "5", name: "Done", statusCategory: { key: "done", name: "Done" } },
    ]);
    expect(host.requestsTo(STATUS_PATH)).toHaveLength(1);
  });

  it("asks for no changelog and no statuses when the report has no history field", async () => {
    const { host, session, loads, engines } = setup("forge");
    expect((await session.run(reportDefinition())).status).toBe("complete");
    expect(loads[0]!.changelog).toBeUndefined();
    expect(engines[0]!.statuses).toBeUndefined();
    expect(host.requestsTo(STATUS_PATH)).toHaveLength(0);
  });

  it("runs the report with statuses shown by id when Jira refuses the status list", async () => {
    const { session, loads, engines } = setup("forge", jiraErrorReply(403, ["Forbidden"]));
    expect((await session.run(HISTORY_REPORT)).status).toBe("complete");
    expect(loads[0]!.changelog).toBe("bulkfetch");
    expect(engines[0]!.statuses).toEqual([]);
  });
});
