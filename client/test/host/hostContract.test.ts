/**
 * The host contract: the same cases against every `Host` — the fake one the other tests use,
 * Connect over a fake `AP`, and Forge over a fake `window.__bridge` with the real
 * `@forge/bridge` package — so the UI can rely on one behaviour whichever host it runs on.
 */

import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "../../src/api/client";
import type { GadgetChoice } from "../../src/host/host";
import { connectHarness } from "./contract/connectHarness";
import { fakeHarness, JIRA_PATHS } from "./contract/fakeHarness";
import { forgeHarness } from "./contract/forgeHarness";
import {
  ACCOUNT_ID,
  DASHBOARD_ID,
  GADGET_ID,
  PROJECT_KEY,
  SITE_URL,
  TIME_ZONE,
  type HarnessFactory,
  type Scenario,
  type ServerFailure,
} from "./contract/harness";

const HOSTS: [string, HarnessFactory][] = [
  ["fake", fakeHarness],
  ["connect", connectHarness],
  ["forge", forgeHarness],
];

const REPORTS_PAGE: Scenario = { page: "reports" };
const EDITOR_GADGET: Scenario = { page: "gadget", dashboardEditor: true };

describe.each(HOSTS)("%s host", (_name, harnessFor) => {
  describe("requestJira", () => {
    it("hands over a success with lower-cased headers", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerJira({
        status: 200,
        headers: { "Content-Type": "application/json", "X-RateLimit-NearLimit": "true" },
        body: '{"accountId":"acc-1"}',
      });
      const response = await h.host.requestJira(JIRA_PATHS.get);
      expect(response).toMatchObject({ status: 200, body: '{"accountId":"acc-1"}' });
      expect(response.headers).toMatchObject({ "content-type": "application/json", "x-ratelimit-nearlimit": "true" });
      expect(h.jiraRequests()).toEqual([{ method: "GET", path: JIRA_PATHS.get }]);
    });

    it("sends a POST body as JSON", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerJira({ status: 200, body: '{"issues":[]}' });
      await h.host.requestJira(JIRA_PATHS.post, { method: "POST", body: { jql: "project = EX", maxResults: 100 } });
      expect(h.jiraRequests()).toEqual([{ method: "POST", path: JIRA_PATHS.post, body: { jql: "project = EX", maxResults: 100 } }]);
    });

    it.each([
      ["404 with Jira's error body", { status: 404, body: '{"errorMessages":["Issue does not exist"],"errors":{}}' }],
      ["429 with no headers and no body (Forge may strip them)", { status: 429, body: "" }],
      ["429 with Retry-After", { status: 429, headers: { "Retry-After": "3" }, body: '{"errorMessages":["Rate limit exceeded."]}' }],
      ["503", { status: 503, body: "busy" }],
    ])("answers an HTTP error as a response, not an exception: %s", async (_case, answer) => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerJira(answer);
      const response = await h.host.requestJira(JIRA_PATHS.get);
      expect(response.status).toBe(answer.status);
      expect(response.body).toBe(answer.body);
      const retryAfter = (answer as { headers?: Record<string, string> }).headers?.["Retry-After"];
      expect(response.headers["retry-after"]).toBe(retryAfter);
    });

    it("rejects when the request could not be made", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerJira("network-failure");
      await expect(h.host.requestJira(JIRA_PATHS.get)).rejects.toThrow(/could not be made/);
    });

    it("refuses paths outside Jira's REST API", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      await expect(h.host.requestJira("https://evil.example/steal")).rejects.toThrow();
      expect(h.jiraRequests()).toEqual([]);
    });
  });

  describe("context and page", () => {
    it.each<[string, Scenario, Record<string, unknown>]>([
      ["general page", REPORTS_PAGE, {}],
      ["project page", { page: "project" }, { projectKey: PROJECT_KEY }],
      ["admin page", { page: "admin" }, {}],
    ])("says who is looking and where: %s", async (_case, scenario, extra) => {
      const context = await (await harnessFor(scenario)).host.getContext();
      expect(context).toMatchObject({ accountId: ACCOUNT_ID, siteUrl: SITE_URL, timeZone: TIME_ZONE, ...extra });
      expect(context.dashboardItem).toBeUndefined();
    });

    it.each([true, false])("places the gadget on its dashboard (may edit: %s)", async (editor) => {
      const h = await harnessFor({ page: "gadget", dashboardEditor: editor });
      const item = (await h.host.getContext()).dashboardItem;
      expect(item).toMatchObject({ id: GADGET_ID, dashboardId: DASHBOARD_ID, editable: editor });
      expect(item?.choosableHere).toBe(h.choosesInGadgetView);
    });

    it("lets a dashboard editor choose the report where the host keeps the choice", async () => {
      const item = (await (await harnessFor({ ...EDITOR_GADGET, gadgetEditView: true })).host.getContext()).dashboardItem;
      expect(item).toMatchObject({ editable: true, choosableHere: true });
    });

    it.each<[string, Scenario, Record<string, unknown>]>([
      ["the general page's list", REPORTS_PAGE, { kind: "reports", reportId: null }],
      ["a report named by the URL", { page: "reports", reportInUrl: "r-42" }, { kind: "reports", reportId: "r-42" }],
      ["the project page", { page: "project" }, { kind: "project", reportId: null, projectKey: PROJECT_KEY }],
      ["the admin page", { page: "admin" }, { kind: "admin", reportId: null }],
      ["the gadget", { page: "gadget" }, { kind: "gadget", reportId: null }],
    ])("names the page: %s", async (_case, scenario, expected) => {
      expect(await (await harnessFor(scenario)).host.getPage()).toEqual(expected);
    });
  });

  describe("the Rollbook server", () => {
    it("carries a call and its answer, headers included", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerServer({
        status: 200,
        headers: { "Rollbook-Warning": "some reports shared with groups are hidden" },
        json: { items: [], total: 0, offset: 0, limit: 50 },
      });
      const page = await createApiClient(h.host).listReports({ search: "team" });
      expect(page.warning).toBe("some reports shared with groups are hidden");
      expect(h.serverRequests()).toEqual([expect.objectContaining({ method: "GET", path: "/api/reports?search=team" })]);
    });

    it("sends a JSON body and the client's headers", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerServer({ status: 200, json: { id: "r1", version: 4 } });
      await createApiClient(h.host).updateReport("r1", { name: "R" } as never, 3);
      const [request] = h.serverRequests();
      expect(request).toMatchObject({ method: "PUT", path: "/api/reports/r1", body: { name: "R", version: 3 } });
      expect(request!.headers).toMatchObject({ Accept: "application/json", "If-Match": '"3"' });
    });

    it("turns a 4xx with Rollbook's JSON error into an ApiError", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.answerServer({ status: 409, json: { error: "version_conflict", message: "someone else saved this report", current_version: 7 } });
      const error = await createApiClient(h.host)
        .updateReport("r1", { name: "R" } as never, 3)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 409, code: "version_conflict", message: "someone else saved this report", currentVersion: 7 });
    });

    it("answers 401 when the server cannot tell who the user is", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.failServer("unauthorized");
      const error = await createApiClient(h.host)
        .me()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 401 });
    });

    it.each<ServerFailure>(["unreachable", "unreachable-resolved"])(
      "rejects with status 0 when the server cannot be reached (%s)",
      async (failure) => {
        const h = await harnessFor(REPORTS_PAGE);
        h.failServer(failure);
        const error = await h.host.callServer({ method: "GET", path: "/api/me" }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ status: 0, code: "network_error", message: expect.stringMatching(/could not be reached/) });
      },
    );
  });

  describe("navigation and flags", () => {
    it("opens an issue", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.host.openIssue("EX-12");
      await Promise.resolve();
      expect(h.openedIssues()).toEqual(["EX-12"]);
    });

    it("opens the full report page from the gadget", async () => {
      const h = await harnessFor(EDITOR_GADGET);
      expect(h.host.openReportPage).toBeTypeOf("function");
      h.host.openReportPage?.("r-7");
      await Promise.resolve();
      expect(h.openedReports()).toEqual(["r-7"]);
    });

    it("keeps the open report in the page's URL where the host has one, and follows Back", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      const heard: (string | null)[] = [];
      const stop = h.host.onPageNavigation((reportId) => heard.push(reportId));
      h.host.navigatePage("r-1");
      await new Promise((resolve) => setTimeout(resolve, 0));
      h.host.navigatePage(null);
      await new Promise((resolve) => setTimeout(resolve, 0));
      h.userNavigates("r-1");
      stop();
      h.userNavigates(null);
      expect(h.urlReports()).toEqual(h.keepsReportInUrl ? ["r-1", null] : []);
      expect(heard).toEqual(h.keepsReportInUrl ? ["r-1"] : []);
    });

    it("shows flags", async () => {
      const h = await harnessFor(REPORTS_PAGE);
      h.host.showFlag({ type: "error", title: "Rate limited", body: "Try again" });
      h.host.showFlag({ type: "success", title: "Saved" });
      await Promise.resolve();
      expect(h.flags()).toEqual([
        { type: "error", title: "Rate limited", body: "Try again" },
        { type: "success", title: "Saved" },
      ]);
    });

    it("accepts resize and gadget titles on every page", async () => {
      const h = await harnessFor(EDITOR_GADGET);
      expect(() => {
        h.host.resize();
        h.host.setGadgetTitle("Team load");
      }).not.toThrow();
    });
  });

  describe("the gadget's report and view", () => {
    it.each<[string, Scenario["gadgetChoice"], GadgetChoice | null]>([
      ["none chosen yet", undefined, null],
      ["stored by the host", { where: "host", reportId: "r-host" }, { reportId: "r-host", viewId: null }],
      [
        "stored on the Rollbook server (a choice migrated from Connect)",
        { where: "server", reportId: "r-server" },
        { reportId: "r-server", viewId: null },
      ],
      [
        "stored by the host, with a view",
        { where: "host", reportId: "r-host", viewId: "by-status" },
        { reportId: "r-host", viewId: "by-status" },
      ],
      [
        "stored on the Rollbook server, with a view",
        { where: "server", reportId: "r-server", viewId: "by-status" },
        { reportId: "r-server", viewId: "by-status" },
      ],
    ])("reads it: %s", async (_case, gadgetChoice, expected) => {
      const h = await harnessFor({ ...EDITOR_GADGET, ...(gadgetChoice ? { gadgetChoice } : {}) });
      const item = (await h.host.getContext()).dashboardItem!;
      expect(await h.host.getGadgetReport(item)).toEqual(expected);
    });

    it.each<[string, string | null]>([
      ["with a view", "points-chart"],
      ["without one (the report's first view)", null],
    ])("stores a choice where the host allows it, and reads it back: %s", async (_case, viewId) => {
      const h = await harnessFor({
        ...EDITOR_GADGET,
        gadgetEditView: true,
        gadgetChoice: { where: "host", reportId: "r-old", viewId: "old-view" },
      });
      const item = (await h.host.getContext()).dashboardItem!;
      expect(item.choosableHere).toBe(true);
      await h.host.chooseGadgetReport(item, { reportId: "r-new", viewId });
      expect([h.storedGadgetChoice(), h.storedGadgetView()]).toEqual(["r-new", viewId]);
      expect(await h.host.getGadgetReport(item)).toEqual({ reportId: "r-new", viewId });
    });
  });
});
