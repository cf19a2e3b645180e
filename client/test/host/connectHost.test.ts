import { describe, expect, it, vi } from "vitest";
import { createConnectHost, decodeJwtPayload, type ApRequestOptions, type ConnectAp, type ConnectEnvironment } from "../../src/host/connectHost";

function jwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}.signature`;
}

const NOW = 1_750_000_000_000;

function environment(overrides: Partial<ConnectEnvironment> = {}): ConnectEnvironment {
  return {
    search: "?xdm_e=https%3A%2F%2Facme.atlassian.net&xdm_c=channel-1&cp=&lic=none&jwt=x",
    referrer: "",
    rootDataset: { page: "reports" },
    now: () => NOW,
    defaultTimeZone: () => "Browser/Zone",
    ...overrides,
  };
}

function fakeAp(overrides: Partial<ConnectAp> = {}) {
  const requests: ApRequestOptions[] = [];
  const ap = {
    request: vi.fn((options: ApRequestOptions) => {
      requests.push(options);
      return Promise.resolve({ body: '{"ok":true}', xhr: { status: 200, headers: { "Content-Type": "application/json" } } });
    }),
    context: {
      getToken: vi.fn(() => Promise.resolve(jwt({ sub: "acc-from-token", exp: NOW / 1000 + 900 }))),
      getContext: vi.fn(() => Promise.resolve({ jira: { project: { key: "CTX", id: "10000" } } })),
    },
    navigator: { go: vi.fn() },
    user: {
      getCurrentUser: vi.fn(() => Promise.resolve({ atlassianAccountId: "acc-1" })),
      getTimeZone: vi.fn(() => Promise.resolve("Europe/Berlin")),
    },
    resize: vi.fn(),
    sizeToParent: vi.fn(),
    flag: { create: vi.fn() },
    ...overrides,
  };
  return { ap, requests };
}

describe("requestJira", () => {
  it("calls AP.request with a JSON body and normalises a success", async () => {
    const { ap, requests } = fakeAp();
    const host = createConnectHost(ap, environment());
    const response = await host.requestJira("/rest/api/3/search/jql", { method: "POST", body: { jql: "project = EX" } });
    expect(response).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
    expect(requests[0]).toMatchObject({ url: "/rest/api/3/search/jql", type: "POST", data: '{"jql":"project = EX"}', contentType: "application/json" });
  });

  it("sends no body with GET", async () => {
    const { ap, requests } = fakeAp();
    await createConnectHost(ap, environment()).requestJira("/rest/api/3/field");
    expect(requests[0]).toMatchObject({ type: "GET" });
    expect(requests[0]!.data).toBeUndefined();
  });

  it.each<[string, ConnectAp["request"], { status: number; headers: Record<string, string>; body: string }]>([
    [
      "promise rejection {err, xhr} with a headers object",
      () => Promise.reject({ err: "Too Many Requests", xhr: { status: 429, responseText: '{"errorMessages":["Rate limit exceeded."]}', headers: { "Retry-After": "3", "RateLimit-Reason": "jira-burst-based" } } }),
      { status: 429, headers: { "retry-after": "3", "ratelimit-reason": "jira-burst-based" }, body: '{"errorMessages":["Rate limit exceeded."]}' },
    ],
    [
      "promise rejection with getResponseHeader only",
      () => Promise.reject({ xhr: { status: 503, responseText: "busy", getResponseHeader: (name: string) => (name.toLowerCase() === "retry-after" ? "7" : null) } }),
      { status: 503, headers: { "retry-after": "7" }, body: "busy" },
    ],
    [
      "success with getResponseHeader only: the near-limit signal gets through",
      () => Promise.resolve({ body: "{}", xhr: { status: 200, getResponseHeader: (name: string) => (name.toLowerCase() === "x-ratelimit-nearlimit" ? "true" : null) } }),
      { status: 200, headers: { "x-ratelimit-nearlimit": "true" }, body: "{}" },
    ],
    [
      "error callback (xhr, statusText, errorThrown) with getAllResponseHeaders",
      (options) => {
        options.error?.({ status: 400, responseText: '{"errorMessages":["bad"]}', getAllResponseHeaders: () => "Content-Type: application/json\r\nRetry-After: 1\r\n" }, "error", "Bad Request");
      },
      { status: 400, headers: { "content-type": "application/json", "retry-after": "1" }, body: '{"errorMessages":["bad"]}' },
    ],
    [
      "rejection with the xhr itself",
      () => Promise.reject({ status: 404, responseText: "" }),
      { status: 404, headers: {}, body: "" },
    ],
    [
      "success callback with the response text",
      (options) => {
        options.success?.('{"count":3}', "success", { status: 200 });
      },
      { status: 200, headers: {}, body: '{"count":3}' },
    ],
  ])("normalises %s", async (_name, request, expected) => {
    const { ap } = fakeAp({ request });
    expect(await createConnectHost(ap, environment()).requestJira("/rest/api/3/x")).toEqual(expected);
  });

  it("settles once when both the callback and the promise answer", async () => {
    const { ap } = fakeAp({
      request: (options) => {
        options.success?.("first", "success", { status: 200 });
        return Promise.reject({ xhr: { status: 500, responseText: "second" } });
      },
    });
    expect((await createConnectHost(ap, environment()).requestJira("/rest/api/3/x")).body).toBe("first");
  });

  it.each([
    ["status 0", () => Promise.reject({ err: "network down", xhr: { status: 0 } })],
    ["a thrown error", () => {
      throw new Error("bridge gone");
    }],
    ["a bare string", () => Promise.reject("timeout")],
  ])("rejects when the request could not be made: %s", async (_name, request) => {
    const { ap } = fakeAp({ request: request as ConnectAp["request"] });
    await expect(createConnectHost(ap, environment()).requestJira("/rest/api/3/x")).rejects.toThrow(/could not be made|bridge gone/);
  });

  it("refuses paths outside Jira's REST API", async () => {
    const { ap } = fakeAp();
    await expect(createConnectHost(ap, environment()).requestJira("https://evil.example/steal")).rejects.toThrow(/not a Jira REST path/);
    expect(ap.request).not.toHaveBeenCalled();
  });
});

describe("getServerToken", () => {
  it("caches the token until shortly before it expires; fresh bypasses the cache", async () => {
    let now = NOW;
    let issued = 0;
    const { ap } = fakeAp();
    ap.context.getToken = vi.fn(() => Promise.resolve(jwt({ n: ++issued, exp: now / 1000 + 900 })));
    const host = createConnectHost(ap, environment({ now: () => now }));
    const first = await host.getServerToken();
    expect(await host.getServerToken()).toBe(first);
    expect(ap.context.getToken).toHaveBeenCalledTimes(1);

    const fresh = await host.getServerToken({ fresh: true });
    expect(fresh).not.toBe(first);
    expect(await host.getServerToken()).toBe(fresh);

    now += 850_000; // within a minute of expiry
    const renewed = await host.getServerToken();
    expect(renewed).not.toBe(fresh);
    expect(ap.context.getToken).toHaveBeenCalledTimes(3);
  });

  it("shares one request between concurrent callers", async () => {
    const { ap } = fakeAp();
    const host = createConnectHost(ap, environment());
    const [a, b] = await Promise.all([host.getServerToken(), host.getServerToken()]);
    expect(a).toBe(b);
    expect(ap.context.getToken).toHaveBeenCalledTimes(1);
  });

  it("does not cache a token whose expiry cannot be read", async () => {
    const { ap } = fakeAp();
    ap.context.getToken = vi.fn(() => Promise.resolve("opaque-token"));
    const host = createConnectHost(ap, environment());
    await host.getServerToken();
    await host.getServerToken();
    expect(ap.context.getToken).toHaveBeenCalledTimes(2);
  });

  it("works with callback-style getToken", async () => {
    const { ap } = fakeAp();
    ap.context.getToken = vi.fn((callback?: (token: string) => void) => {
      callback?.(jwt({ exp: NOW / 1000 + 900 }));
    }) as unknown as typeof ap.context.getToken;
    expect(decodeJwtPayload(await createConnectHost(ap, environment()).getServerToken())).toEqual({ exp: NOW / 1000 + 900 });
  });
});

describe("getContext", () => {
  it("assembles user, zone, site and the page shell's data attributes", async () => {
    const { ap } = fakeAp();
    // data-projectKey in HTML arrives lower-cased in the dataset.
    const host = createConnectHost(ap, environment({ rootDataset: { page: "project", projectkey: "EX" } }));
    expect(await host.getContext()).toEqual({ accountId: "acc-1", siteUrl: "https://acme.atlassian.net", timeZone: "Europe/Berlin", projectKey: "EX" });
    await host.getContext();
    expect(ap.user.getCurrentUser).toHaveBeenCalledTimes(1);
  });

  it.each<[string, Partial<ConnectEnvironment>, Partial<ConnectAp>, Record<string, unknown>]>([
    ["data-project-key spelled with dashes", { rootDataset: { projectKey: "DASH" } }, {}, { projectKey: "DASH" }],
    ["project from Jira's context when the page has none", { rootDataset: {} }, {}, { projectKey: "CTX" }],
    ["browser zone without AP.user.getTimeZone", {}, { user: { getCurrentUser: () => Promise.resolve({ atlassianAccountId: "acc-1" }) } }, { timeZone: "Browser/Zone" }],
    ["account id from the token without AP.user", {}, { user: undefined }, { accountId: "acc-from-token" }],
    ["site from the referrer without xdm_e", { search: "", referrer: "https://other.atlassian.net/jira/apps/x" }, {}, { siteUrl: "https://other.atlassian.net" }],
    ["context path appended", { search: "?xdm_e=https%3A%2F%2Fwiki.example&cp=%2Fwiki" }, {}, { siteUrl: "https://wiki.example/wiki" }],
  ])("%s", async (_name, env, apOverrides, expected) => {
    const { ap } = fakeAp(apOverrides);
    expect(await createConnectHost(ap, environment(env)).getContext()).toMatchObject(expected);
  });
});

describe("the dashboard gadget", () => {
  const GADGET_PAGE = { rootDataset: { page: "gadget", dashboarditemid: "77", dashboardid: "10100" } };
  const editableAnswer = (answer: boolean) => ({ isDashboardItemEditable: vi.fn((callback?: (value: boolean) => void) => callback?.(answer)), setDashboardItemTitle: vi.fn() });

  it.each<[string, Partial<ConnectAp>, boolean]>([
    ["Jira says the user may edit the dashboard", { jira: editableAnswer(true) }, true],
    ["Jira says the user may not", { jira: editableAnswer(false) }, false],
    ["a host without AP.jira: nobody may change it", {}, false],
    ["AP.jira fails: nobody may change it", { jira: { isDashboardItemEditable: () => Promise.reject(new Error("no")) } }, false],
  ])("%s", async (_name, apOverrides, editable) => {
    const { ap } = fakeAp(apOverrides);
    const context = await createConnectHost(ap, environment(GADGET_PAGE)).getContext();
    expect(context.dashboardItem).toEqual({ id: "77", dashboardId: "10100", editable });
  });

  it("reads the dashboard item from Jira's context when the page has none", async () => {
    const { ap } = fakeAp({ context: { getToken: () => Promise.resolve(""), getContext: () => Promise.resolve({ jira: { dashboard: { id: "5" }, dashboardItem: { id: "6" } } }) } });
    expect((await createConnectHost(ap, environment()).getContext()).dashboardItem).toEqual({ id: "6", dashboardId: "5", editable: false });
  });

  it("sets the gadget's title only on the gadget page", () => {
    const jira = editableAnswer(true);
    createConnectHost(fakeAp({ jira }).ap, environment(GADGET_PAGE)).setGadgetTitle("Team load");
    createConnectHost(fakeAp({ jira }).ap, environment({ rootDataset: { page: "reports" } })).setGadgetTitle("Elsewhere");
    expect(jira.setDashboardItemTitle.mock.calls).toEqual([["Team load"]]);
  });
});

describe("navigation, sizing and flags", () => {
  it("opens issues through the navigator", () => {
    const { ap } = fakeAp();
    createConnectHost(ap, environment()).openIssue("EX-12");
    expect(ap.navigator.go).toHaveBeenCalledWith("issue", { issueKey: "EX-12" });
  });

  it.each([
    ["gadget", "resize"],
    ["reports", "sizeToParent"],
  ] as const)("resizes a %s page with %s", (page, method) => {
    const { ap } = fakeAp();
    createConnectHost(ap, environment({ rootDataset: { page } })).resize();
    expect(ap[method]).toHaveBeenCalledTimes(1);
  });

  it("shows flags; errors stay until closed", () => {
    const { ap } = fakeAp();
    const host = createConnectHost(ap, environment());
    host.showFlag({ type: "error", title: "Rate limited", body: "Try again" });
    host.showFlag({ type: "success", title: "Saved" });
    expect(ap.flag.create).toHaveBeenNthCalledWith(1, { type: "error", title: "Rate limited", body: "Try again", close: "manual" });
    expect(ap.flag.create).toHaveBeenNthCalledWith(2, { type: "success", title: "Saved", close: "auto" });
  });

  it("needs AP", () => {
    expect(() => createConnectHost(undefined, environment())).toThrow(/inside Jira/);
  });
});
