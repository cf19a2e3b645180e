/**
 * Forge-only behaviour of the Forge host, over the real `@forge/bridge` and a fake Jira page:
 * the exact bridge payloads, the gadget's edit view, theming, history and failure shapes.
 * What every host shares is in hostContract.test.ts.
 */

import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/api/client";
import { enableForgeTheming } from "../../src/host/forgeHost";
import { invocationError, serverResponseOf } from "../../src/host/forgeRemote";
import { FORGE_CLOUD_ID, forgeHarnessWithLog } from "./contract/forgeHarness";
import { DASHBOARD_ID, GADGET_ID } from "./contract/harness";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const EDIT_VIEW = {
  type: "jira:dashboardGadget",
  entryPoint: "edit",
  gadget: { id: GADGET_ID },
  dashboard: { id: DASHBOARD_ID },
  gadgetConfiguration: {},
};

describe("Forge host: bridge payloads", () => {
  it("enables the host's theme before handing out the host", async () => {
    const h = await forgeHarnessWithLog({ page: "reports" });
    expect(h.calls[0]).toEqual({ name: "enableTheming", payload: undefined });
  });

  it("starts even when theming fails", async () => {
    const h = await forgeHarnessWithLog(
      { page: "reports" },
      { answer: (name) => (name === "enableTheming" ? Promise.reject(new Error("no theme")) : undefined) },
    );
    expect(h.host.kind).toBe("forge");
  });

  it("does not wait for a host that never answers the theme call", async () => {
    const started = Date.now();
    await enableForgeTheming({ view: { theme: { enable: () => new Promise<void>(() => undefined) } } } as never, 20);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("calls Jira with fetchProduct as the user", async () => {
    const h = await forgeHarnessWithLog({ page: "reports" });
    h.answerJira({ status: 200, body: "{}" });
    await h.host.requestJira("/rest/api/3/search/jql", { method: "POST", body: { jql: "project = EX" } });
    const call = h.calls.find((c) => c.name === "fetchProduct")!;
    expect(call.payload).toMatchObject({
      product: "jira",
      restPath: "/rest/api/3/search/jql",
      fetchRequestInit: { method: "POST", body: '{"jql":"project = EX"}' },
    });
    expect(
      Object.fromEntries((call.payload as { fetchRequestInit: { headers: [string, string][] } }).fetchRequestInit.headers),
    ).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      "x-atlassian-token": "no-check",
    });
  });

  it("calls the Rollbook server with invokeRemote (ui-remote-fetch)", async () => {
    const h = await forgeHarnessWithLog({ page: "reports" });
    h.answerServer({ status: 201, json: { id: "r1" } });
    await createApiClient(h.host).createReport({ name: "R" } as never);
    expect(h.calls.find((c) => c.name === "invoke")!.payload).toEqual({
      path: "/api/reports",
      method: "POST",
      headers: { Accept: "application/json" },
      body: { name: "R" },
      invokeType: "ui-remote-fetch",
    });
  });

  it("opens issues in a new tab and the report page in the same tab", async () => {
    const h = await forgeHarnessWithLog({ page: "gadget" });
    h.host.openIssue("EX-1");
    h.host.openReportPage?.("r-7");
    await tick();
    expect(h.calls.filter((c) => c.name === "navigate").map((c) => c.payload)).toEqual([
      { target: "issue", issueKey: "EX-1", type: "new-tab" },
      { target: "module", moduleKey: "rollbook-global", path: "/report/r-7", type: "same-tab" },
    ]);
  });

  it("shows flags with unique ids; errors stay until dismissed", async () => {
    const h = await forgeHarnessWithLog({ page: "reports" });
    h.host.showFlag({ type: "error", title: "Failed", body: "Why" });
    h.host.showFlag({ type: "info", title: "Note" });
    await tick();
    expect(h.calls.filter((c) => c.name === "showFlag").map((c) => c.payload)).toEqual([
      { id: "rollbook-flag-1", title: "Failed", description: "Why", type: "error", isAutoDismiss: false },
      { id: "rollbook-flag-2", title: "Note", type: "info", isAutoDismiss: true },
    ]);
  });
});

describe("Forge host: context and pages", () => {
  it("reads the cloud id and locale", async () => {
    const context = await (await forgeHarnessWithLog({ page: "reports" })).host.getContext();
    expect(context).toMatchObject({ cloudId: FORGE_CLOUD_ID, locale: "en-US" });
  });

  it("opens the gadget's edit view on the report picker, where the choice can be stored", async () => {
    const h = await forgeHarnessWithLog({ page: "gadget", gadgetEditView: true }, { extension: EDIT_VIEW });
    expect(await h.host.getPage()).toEqual({ kind: "gadgetSettings", reportId: null });
    expect((await h.host.getContext()).dashboardItem).toEqual({
      id: GADGET_ID,
      dashboardId: DASHBOARD_ID,
      editable: true,
      choosableHere: true,
      titledByHost: false,
    });
    const item = (await h.host.getContext()).dashboardItem!;
    await h.host.chooseGadgetReport(item, { reportId: "r-1", viewId: null });
    await h.host.chooseGadgetReport(item, { reportId: "r-1", viewId: "points-chart" });
    // The view goes into Jira's gadget configuration only when one is named.
    expect(h.calls.filter((c) => c.name === "submit").map((c) => c.payload)).toEqual([
      { reportId: "r-1" },
      { reportId: "r-1", viewId: "points-chart" },
    ]);
  });

  it.each([
    ["Jira says the user may edit", true, true],
    ["Jira says the user may not", false, false],
    ["Jira does not say", undefined, false],
  ])("in the gadget view: %s", async (_case, editable, expected) => {
    const h = await forgeHarnessWithLog({ page: "gadget", ...(editable !== undefined ? { dashboardEditor: editable } : {}) });
    expect((await h.host.getContext()).dashboardItem).toMatchObject({ editable: expected, choosableHere: false });
  });

  it("says so when Jira will not store the choice outside the edit view", async () => {
    const h = await forgeHarnessWithLog({ page: "gadget", dashboardEditor: true });
    const item = (await h.host.getContext()).dashboardItem!;
    await expect(h.host.chooseGadgetReport(item, { reportId: "r-1", viewId: null })).rejects.toThrow(/did not store the gadget's report/);
  });

  it("ignores a stored configuration that is not a report id", async () => {
    const h = await forgeHarnessWithLog(
      { page: "gadget" },
      { extension: { ...EDIT_VIEW, entryPoint: undefined, gadgetConfiguration: { reportId: "<script>" } } },
    );
    expect(await h.host.getGadgetReport((await h.host.getContext()).dashboardItem!)).toBeNull();
  });

  it("shows the report's first view for a stored view that is not a view id", async () => {
    const h = await forgeHarnessWithLog(
      { page: "gadget" },
      { extension: { ...EDIT_VIEW, entryPoint: undefined, gadgetConfiguration: { reportId: "r-1", viewId: "<b>x</b>" } } },
    );
    expect(await h.host.getGadgetReport((await h.host.getContext()).dashboardItem!)).toEqual({ reportId: "r-1", viewId: null });
  });

  it("refuses a context without a signed-in user", async () => {
    const h = await forgeHarnessWithLog(
      { page: "reports" },
      {
        answer: (name) =>
          name === "getContext" ? Promise.resolve({ siteUrl: "https://x", extension: { type: "jira:globalPage" } }) : undefined,
      },
    );
    await expect(h.host.getContext()).rejects.toThrow(/who the current user is/);
  });

  it("asks for the context again after a failure", async () => {
    let failures = 1;
    const h = await forgeHarnessWithLog(
      { page: "reports" },
      { answer: (name) => (name === "getContext" && failures-- > 0 ? Promise.reject(new Error("not yet")) : undefined) },
    );
    await expect(h.host.getContext()).rejects.toThrow(/not yet/);
    expect((await h.host.getContext()).accountId).toBe("acc-1");
  });

  it("pushes a path only when it changes, and creates no history in a gadget", async () => {
    const page = await forgeHarnessWithLog({ page: "reports" });
    page.host.navigatePage(null);
    page.host.navigatePage("r-1");
    page.host.navigatePage("r-1");
    await tick();
    expect(page.urlReports()).toEqual(["r-1"]);

    const gadget = await forgeHarnessWithLog({ page: "gadget" });
    gadget.host.navigatePage("r-1");
    gadget.host.onPageNavigation(() => undefined);
    await tick();
    expect(gadget.calls.map((c) => c.name)).not.toContain("createHistory");
  });
});

describe("Forge Remote answers", () => {
  it.each<[string, unknown, Record<string, unknown>]>([
    [
      "headers as arrays (the declared type)",
      { status: 200, headers: { "Rollbook-Warning": ["a", "b"] }, body: { ok: 1 } },
      { headers: { "rollbook-warning": "a, b" }, body: { ok: 1 } },
    ],
    [
      "headers comma-joined by the bridge",
      { status: 200, headers: { "rollbook-warning": "a,b" } },
      { headers: { "rollbook-warning": "a,b" }, body: undefined },
    ],
    [
      "a body as JSON text",
      { status: 404, headers: {}, body: '{"error":"report_not_found"}' },
      { status: 404, body: { error: "report_not_found" } },
    ],
    ["a body that is not JSON", { status: 502, headers: {}, body: "<html>" }, { status: 502, body: undefined }],
  ])("reads %s", (_case, answer, expected) => {
    expect(serverResponseOf(answer)).toMatchObject(expected);
  });

  it.each<[string, unknown, number]>([
    ["a resolved error object", { message: "The remote could not be reached" }, 0],
    ["a resolved error object for a refused token", { status: 401, message: "Unauthorized" }, 401],
    ["nothing at all", undefined, 0],
  ])("turns %s into an ApiError", (_case, answer, status) => {
    expect(() => serverResponseOf(answer)).toThrow(expect.objectContaining({ name: "ApiError", status }));
  });

  it.each<[string, unknown, number, string]>([
    ["Forge's words for a refused token", new Error("Remote could not verify the Forge Invocation Token"), 401, "forge_unauthorized"],
    ["a timeout", new Error("The remote did not answer within 25 seconds."), 0, "network_error"],
    ["a bare string", "offline", 0, "network_error"],
  ])("maps a rejection: %s", (_case, reason, status, code) => {
    expect(invocationError(reason)).toMatchObject({ status, code });
  });
});
