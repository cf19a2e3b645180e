import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "../../src/api/client";
import type { ReportUpdate } from "../../src/api/definition.gen";
import type { ReportExportFile } from "../../src/api/resources.gen";
import { createFakeHost } from "../../src/host/fakeHost";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

function fakeFetch(answers: (Response | ((call: Call) => Response))[]) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? "GET",
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    return typeof answer === "function" ? answer(call) : answer;
  }) as typeof fetch;
  return { calls, fetchFn };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

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
  people: { access: "private", administrators: ["a1"], viewer_users: [], viewer_groups: [] },
};

describe("createApiClient: authentication", () => {
  it("sends the context JWT from the host, and no cookies", async () => {
    const host = createFakeHost();
    const { calls, fetchFn } = fakeFetch([json({ client_key: "ck", base_url: "https://x", account_id: "a1" })]);
    const me = await createApiClient(host, { fetch: fetchFn }).me();
    expect(me.account_id).toBe("a1");
    expect(calls[0]).toMatchObject({ url: "/api/me", method: "GET", credentials: "omit" });
    expect(calls[0]!.headers.Authorization).toBe("JWT token-1");
    expect(host.tokenCalls).toEqual([{ fresh: false }]);
  });

  it("retries a 401 once with a fresh token", async () => {
    const host = createFakeHost();
    const { calls, fetchFn } = fakeFetch([json({ error: "token_expired", message: "expired" }, 401), json(REPORT)]);
    expect(await createApiClient(host, { fetch: fetchFn }).getReport("r1")).toEqual(REPORT);
    expect(calls.map((c) => c.headers.Authorization)).toEqual(["JWT token-1", "JWT token-2"]);
    expect(host.tokenCalls).toEqual([{ fresh: false }, { fresh: true }]);
  });

  it("gives up after the second 401", async () => {
    const host = createFakeHost();
    const { calls, fetchFn } = fakeFetch([json({ error: "token_expired", message: "expired" }, 401), json({ error: "signature_invalid", message: "bad signature" }, 401)]);
    const error = await createApiClient(host, { fetch: fetchFn }).getReport("r1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "signature_invalid", message: "bad signature" });
    expect(calls).toHaveLength(2);
  });
});

describe("createApiClient: errors", () => {
  it.each<[string, Response, Partial<ApiError>]>([
    ["409 stale version", json({ error: "version_conflict", message: "someone else saved this report since you opened it", current_version: 7 }, 409), { status: 409, code: "version_conflict", currentVersion: 7 }],
    ["412 stale If-Match", json({ error: "version_conflict", message: "stale", current_version: 4 }, 412), { status: 412, code: "version_conflict", currentVersion: 4 }],
    [
      "422 validation",
      json({ error: "invalid_report", detail: [{ loc: ["body", "columns", 2, "field"], msg: "unknown formula field", type: "unknown_formula_field" }] }, 422),
      { status: 422, code: "invalid_report", message: "unknown formula field", detail: [{ loc: ["body", "columns", 2, "field"], msg: "unknown formula field", type: "unknown_formula_field" }] },
    ],
    ["404 not found", json({ error: "report_not_found", message: "no such report" }, 404), { status: 404, code: "report_not_found", message: "no such report" }],
    ["403 forbidden", json({ error: "report_forbidden", message: "not yours" }, 403), { status: 403, code: "report_forbidden" }],
    ["502 from a proxy, not JSON", new Response("<html>Bad gateway</html>", { status: 502 }), { status: 502, code: "http_502" }],
  ])("maps %s", async (_name, response, expected) => {
    const { fetchFn } = fakeFetch([response]);
    const error = await createApiClient(createFakeHost(), { fetch: fetchFn }).updateReport("r1", UPDATE, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject(expected);
  });

  it("maps a network failure to status 0", async () => {
    const fetchFn = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    await expect(createApiClient(createFakeHost(), { fetch: fetchFn }).listTrash()).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("refuses a base URL on another origin", () => {
    expect(() => createApiClient(createFakeHost(), { baseUrl: "https://evil.example" })).toThrow(/own origin/);
    expect(() => createApiClient(createFakeHost(), { baseUrl: "//evil.example" })).toThrow(/own origin/);
  });
});

describe("createApiClient: requests", () => {
  it("sends If-Match and the version in the body on update", async () => {
    const { calls, fetchFn } = fakeFetch([json({ ...REPORT, version: 4 })]);
    await createApiClient(createFakeHost(), { fetch: fetchFn }).updateReport("r 1", UPDATE, 3);
    expect(calls[0]).toMatchObject({ url: "/api/reports/r%201", method: "PUT", body: { ...UPDATE, version: 3 } });
    expect(calls[0]!.headers["If-Match"]).toBe('"3"');
    expect(calls[0]!.headers["Content-Type"]).toBe("application/json");
  });

  it("lists reports with the query and the server's warning", async () => {
    const list = { items: [], total: 0, offset: 50, limit: 25 };
    const { calls, fetchFn } = fakeFetch([json(list, 200, { "Rollbook-Warning": "some reports shared with groups are hidden" })]);
    const page = await createApiClient(createFakeHost(), { fetch: fetchFn, baseUrl: "/app/" }).listReports({ search: "a&b", offset: 50, limit: 25 });
    expect(calls[0]!.url).toBe("/app/api/reports?search=a%26b&offset=50&limit=25");
    expect(page).toEqual({ ...list, warning: "some reports shared with groups are hidden" });
  });

  it.each<[string, (c: ReturnType<typeof createApiClient>) => Promise<unknown>, string, string, unknown]>([
    ["createReport", (c) => c.createReport({ ...UPDATE, people: { ...UPDATE.people, administrators: [] } }), "POST", "/api/reports", { name: "Report" }],
    ["deleteReport", (c) => c.deleteReport("r1"), "DELETE", "/api/reports/r1", undefined],
    ["listTrash", (c) => c.listTrash(), "GET", "/api/trash", undefined],
    ["restoreReport", (c) => c.restoreReport("r1"), "POST", "/api/reports/r1/restore", undefined],
    ["duplicateReport", (c) => c.duplicateReport("r1"), "POST", "/api/reports/r1/duplicate", undefined],
    ["exportReport", (c) => c.exportReport("r1"), "GET", "/api/reports/r1/export", undefined],
    ["adminExport", (c) => c.adminExport(), "GET", "/api/admin/export", undefined],
    ["adminPurge", (c) => c.adminPurge("https://acme.atlassian.net"), "POST", "/api/admin/purge", { confirm_site_url: "https://acme.atlassian.net" }],
    ["getGadget", (c) => c.getGadget("100/1"), "GET", "/api/gadgets/100%2F1", undefined],
    ["chooseGadgetReport", (c) => c.chooseGadgetReport("10000", { dashboard_id: "1", report_id: "r1" }), "PUT", "/api/gadgets/10000", { dashboard_id: "1", report_id: "r1" }],
  ])("%s", async (_name, call, method, url, body) => {
    const { calls, fetchFn } = fakeFetch([method === "DELETE" ? new Response(null, { status: 204 }) : json({ items: [] })]);
    await call(createApiClient(createFakeHost(), { fetch: fetchFn }));
    expect(calls[0]).toMatchObject({ method, url });
    if (body === undefined) expect(calls[0]!.body).toBeUndefined();
    else expect(calls[0]!.body).toMatchObject(body as object);
  });

  it("reads an unconfigured gadget as null, and other errors as errors", async () => {
    const notChosen = json({ error: "gadget_not_configured", message: "no report chosen" }, 404);
    const gone = json({ error: "token_missing", message: "no token" }, 401);
    const { fetchFn } = fakeFetch([notChosen, gone, gone]);
    const client = createApiClient(createFakeHost(), { fetch: fetchFn });
    expect(await client.getGadget("10000")).toBeNull();
    await expect(client.getGadget("10000")).rejects.toMatchObject({ status: 401, code: "token_missing" });
  });

  it("imports a chosen file with default options", async () => {
    const file: ReportExportFile = { format: "rollbook.report-export", format_version: 1, exported_at: "2026-01-01T00:00:00Z", reports: [], dashboard_gadgets: [] };
    const { calls, fetchFn } = fakeFetch([json({ ids: ["n1"] }, 201)]);
    const result = await createApiClient(createFakeHost(), { fetch: fetchFn }).importReports(new Blob([JSON.stringify(file)]), { people: "importer_only" });
    expect(result).toEqual({ ids: ["n1"] });
    expect(calls[0]).toMatchObject({ method: "POST", url: "/api/import", body: { file, options: { keep_ids: false, people: "importer_only" } } });
  });

  it("rejects a file that is not JSON before calling the server", async () => {
    const { calls, fetchFn } = fakeFetch([]);
    await expect(createApiClient(createFakeHost(), { fetch: fetchFn }).importReports(new Blob(["not json"]))).rejects.toMatchObject({ code: "invalid_file" });
    expect(calls).toHaveLength(0);
  });
});
