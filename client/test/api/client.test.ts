import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "../../src/api/client";
import type { ReportUpdate } from "../../src/api/definition.gen";
import type { ReportExportFile } from "../../src/api/resources.gen";
import { createFakeHost, type FakeServerReply } from "../support/fakeHost";
import type { ServerRequest } from "../../src/host/host";

type Answer = FakeServerReply | ((request: ServerRequest) => FakeServerReply);

/** A fake host whose Rollbook server gives `answers` in turn, whatever the route. */
function fakeServer(answers: Answer[]) {
  const host = createFakeHost().onAnyServerCall((request) => {
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    return typeof answer === "function" ? answer(request) : answer;
  });
  return { host, calls: host.serverRequests };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): FakeServerReply => ({ status, headers, json: body });

const REPORT = { id: "r1", name: "Report", version: 3 };
const UPDATE: Omit<ReportUpdate, "version"> = {
  name: "Report",
  description: "",
  jql: "project = EX",
  columns: [],
  sorting_rules: [],
  grouping_rules: [],
  filtering_rules: [],
  formula_fields: [],
  projects: [],
  views: [{ kind: "table", id: "table", name: "Table", conditional_formats: [] }],
  history: null,
  people: { access: "private", administrators: ["a1"], viewer_users: [], viewer_groups: [] },
};

describe("createApiClient: calls", () => {
  it("asks the host to call the server with JSON", async () => {
    const { host, calls } = fakeServer([json({ client_key: "ck", base_url: "https://x", account_id: "a1" })]);
    const me = await createApiClient(host).me();
    expect(me.account_id).toBe("a1");
    expect(calls).toEqual([{ method: "GET", path: "/api/me", headers: { Accept: "application/json" } }]);
  });

  it("passes the host's failure to reach the server on unchanged", async () => {
    const host = createFakeHost().onServer("GET", "/api/trash", () => {
      throw new ApiError(0, "network_error", "The Rollbook server could not be reached (offline).");
    });
    await expect(createApiClient(host).listTrash()).rejects.toMatchObject({ status: 0, code: "network_error" });
  });
});

describe("createApiClient: errors", () => {
  it.each<[string, FakeServerReply, Partial<ApiError>]>([
    [
      "409 stale version",
      json({ error: "version_conflict", message: "someone else saved this report since you opened it", current_version: 7 }, 409),
      { status: 409, code: "version_conflict", currentVersion: 7 },
    ],
    [
      "412 stale If-Match",
      json({ error: "version_conflict", message: "stale", current_version: 4 }, 412),
      { status: 412, code: "version_conflict", currentVersion: 4 },
    ],
    [
      "422 validation",
      json(
        {
          error: "invalid_report",
          detail: [{ loc: ["body", "columns", 2, "field"], msg: "unknown formula field", type: "unknown_formula_field" }],
        },
        422,
      ),
      {
        status: 422,
        code: "invalid_report",
        message: "unknown formula field",
        detail: [{ loc: ["body", "columns", 2, "field"], msg: "unknown formula field", type: "unknown_formula_field" }],
      },
    ],
    [
      "404 not found",
      json({ error: "report_not_found", message: "no such report" }, 404),
      { status: 404, code: "report_not_found", message: "no such report" },
    ],
    ["403 forbidden", json({ error: "report_forbidden", message: "not yours" }, 403), { status: 403, code: "report_forbidden" }],
    ["502 from a proxy, not JSON", { status: 502 }, { status: 502, code: "http_502", message: "The Rollbook server answered HTTP 502." }],
    [
      "401 the host could not recover from",
      json({ error: "signature_invalid", message: "bad signature" }, 401),
      { status: 401, code: "signature_invalid", message: "bad signature" },
    ],
  ])("maps %s", async (_name, response, expected) => {
    const { host } = fakeServer([response]);
    const error = await createApiClient(host)
      .updateReport("r1", UPDATE, 3)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject(expected);
  });

  it("reports a 2xx answer without a readable body", async () => {
    const { host } = fakeServer([{ status: 200 }]);
    await expect(createApiClient(host).getReport("r1")).rejects.toMatchObject({ status: 200, code: "invalid_response" });
  });
});

describe("createApiClient: requests", () => {
  it("sends If-Match and the version in the body on update", async () => {
    const { host, calls } = fakeServer([json({ ...REPORT, version: 4 })]);
    await createApiClient(host).updateReport("r 1", UPDATE, 3);
    expect(calls[0]).toMatchObject({ path: "/api/reports/r%201", method: "PUT", body: { ...UPDATE, version: 3 } });
    expect(calls[0]!.headers?.["If-Match"]).toBe('"3"');
  });

  it("lists reports with the query and the server's warning", async () => {
    const list = { items: [], total: 0, offset: 50, limit: 25 };
    const { host, calls } = fakeServer([json(list, 200, { "Rollbook-Warning": "some reports shared with groups are hidden" })]);
    const page = await createApiClient(host).listReports({ search: "a&b", offset: 50, limit: 25 });
    expect(calls[0]!.path).toBe("/api/reports?search=a%26b&offset=50&limit=25");
    expect(page).toEqual({ ...list, warning: "some reports shared with groups are hidden" });
  });

  it("lists one project's reports on the project page", async () => {
    const { host, calls } = fakeServer([json({ items: [], total: 0, offset: 0, limit: 50 })]);
    await createApiClient(host).listReports({ project: "ROLL", limit: 50 });
    expect(calls[0]!.path).toBe("/api/reports?project=ROLL&limit=50");
  });

  it("reads no warning when the server sends none", async () => {
    const { host } = fakeServer([json({ items: [], total: 0, offset: 0, limit: 50 })]);
    expect((await createApiClient(host).listReports()).warning).toBeNull();
  });

  it.each<[string, (c: ReturnType<typeof createApiClient>) => Promise<unknown>, string, string, unknown]>([
    [
      "createReport",
      (c) => c.createReport({ ...UPDATE, people: { ...UPDATE.people, administrators: [] } }),
      "POST",
      "/api/reports",
      { name: "Report" },
    ],
    ["deleteReport", (c) => c.deleteReport("r1"), "DELETE", "/api/reports/r1", undefined],
    ["listTrash", (c) => c.listTrash(), "GET", "/api/trash", undefined],
    ["restoreReport", (c) => c.restoreReport("r1"), "POST", "/api/reports/r1/restore", undefined],
    ["deleteReportForever", (c) => c.deleteReportForever("r1"), "DELETE", "/api/trash/r1", undefined],
    ["duplicateReport", (c) => c.duplicateReport("r1"), "POST", "/api/reports/r1/duplicate", undefined],
    ["exportReport", (c) => c.exportReport("r1"), "GET", "/api/reports/r1/export", undefined],
    ["adminExport", (c) => c.adminExport(), "GET", "/api/admin/export", undefined],
    [
      "adminPurge",
      (c) => c.adminPurge("https://acme.atlassian.net"),
      "POST",
      "/api/admin/purge",
      { confirm_site_url: "https://acme.atlassian.net" },
    ],
    ["getGadget", (c) => c.getGadget("100/1"), "GET", "/api/gadgets/100%2F1", undefined],
    [
      "chooseGadgetReport",
      (c) => c.chooseGadgetReport("10000", { dashboard_id: "1", report_id: "r1", view_id: null }),
      "PUT",
      "/api/gadgets/10000",
      { dashboard_id: "1", report_id: "r1" },
    ],
  ])("%s", async (_name, call, method, url, body) => {
    const { host, calls } = fakeServer([method === "DELETE" ? { status: 204 } : json({ items: [] })]);
    await call(createApiClient(host));
    expect(calls[0]).toMatchObject({ method, path: url });
    if (body === undefined) expect(calls[0]!.body).toBeUndefined();
    else expect(calls[0]!.body).toMatchObject(body as object);
  });

  it("reads an unconfigured gadget as null, and other errors as errors", async () => {
    const notChosen = json({ error: "gadget_not_configured", message: "no report chosen" }, 404);
    const gone = json({ error: "token_missing", message: "no token" }, 401);
    const { host } = fakeServer([notChosen, gone]);
    const client = createApiClient(host);
    expect(await client.getGadget("10000")).toBeNull();
    await expect(client.getGadget("10000")).rejects.toMatchObject({ status: 401, code: "token_missing" });
  });

  it("imports a chosen file with default options", async () => {
    const file: ReportExportFile = {
      format: "rollbook.report-export",
      format_version: 1,
      exported_at: "2026-01-01T00:00:00Z",
      reports: [],
      dashboard_gadgets: [],
    };
    const { host, calls } = fakeServer([json({ ids: ["n1"] }, 201)]);
    const result = await createApiClient(host).importReports(new Blob([JSON.stringify(file)]), { people: "importer_only" });
    expect(result).toEqual({ ids: ["n1"] });
    expect(calls[0]).toMatchObject({
      method: "POST",
      path: "/api/import",
      body: { file, options: { keep_ids: false, people: "importer_only", source: "" } },
    });
  });

  it("rejects a file that is not JSON before calling the server", async () => {
    const { host, calls } = fakeServer([]);
    await expect(createApiClient(host).importReports(new Blob(["not json"]))).rejects.toMatchObject({ code: "invalid_file" });
    expect(calls).toHaveLength(0);
  });
});
