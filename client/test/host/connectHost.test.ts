import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../src/api/errors";
import {
  createConnectHost,
  decodeJwtPayload,
  type ApRequestOptions,
  type ConnectAp,
  type ConnectEnvironment,
} from "../../src/host/connectHost";

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
    expect(requests[0]).toMatchObject({
      url: "/rest/api/3/search/jql",
      type: "POST",
      data: '{"jql":"project = EX"}',
      contentType: "application/json",
    });
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
      () =>
        Promise.reject({
          err: "Too Many Requests",
          xhr: {
            status: 429,
            responseText: '{"errorMessages":["Rate limit exceeded."]}',
            headers: { "Retry-After": "3", "RateLimit-Reason": "jira-burst-based" },
          },
        }),
      {
        status: 429,
        headers: { "retry-after": "3", "ratelimit-reason": "jira-burst-based" },
        body: '{"errorMessages":["Rate limit exceeded."]}',
      },
    ],
    [
      "promise rejection with getResponseHeader only",
      () =>
        Promise.reject({
          xhr: {
            status: 503,
            responseText: "busy",
            getResponseHeader: (name: string) => (name.toLowerCase() === "retry-after" ? "7" : null),
          },
        }),
      { status: 503, headers: { "retry-after": "7" }, body: "busy" },
    ],
    [
      "success with getResponseHeader only: the near-limit signal gets through",
      () =>
        Promise.resolve({
          body: "{}",
          xhr: { status: 200, getResponseHeader: (name: string) => (name.toLowerCase() === "x-ratelimit-nearlimit" ? "true" : null) },
        }),
      { status: 200, headers: { "x-ratelimit-nearlimit": "true" }, body: "{}" },
    ],
    [
      "rejection with getAllResponseHeaders",
      () =>
        Promise.reject({
          xhr: {
            status: 400,
            responseText: '{"errorMessages":["bad"]}',
            getAllResponseHeaders: () => "Content-Type: application/json\r\nRetry-After: 1\r\n",
          },
        }),
      { status: 400, headers: { "content-type": "application/json", "retry-after": "1" }, body: '{"errorMessages":["bad"]}' },
    ],
    ["rejection with the xhr itself", () => Promise.reject({ status: 404, responseText: "" }), { status: 404, headers: {}, body: "" }],
    ["resolution with the response text only", () => Promise.resolve('{"count":3}'), { status: 200, headers: {}, body: '{"count":3}' }],
  ])("normalises %s", async (_name, request, expected) => {
    const { ap } = fakeAp({ request });
    expect(await createConnectHost(ap, environment()).requestJira("/rest/api/3/x")).toEqual(expected);
  });

  it("passes AP.request no functions: Simple-XDM would drop each one with a console warning", async () => {
    const { ap, requests } = fakeAp();
    await createConnectHost(ap, environment()).requestJira("/rest/api/3/search/jql", { method: "POST", body: { jql: "x" } });
    expect(Object.values(requests[0]!).filter((value) => typeof value === "function")).toEqual([]);
  });

  it("rejects when AP.request answers with no promise (an all.js too old to use)", async () => {
    const { ap } = fakeAp({ request: () => undefined });
    await expect(createConnectHost(ap, environment()).requestJira("/rest/api/3/x")).rejects.toThrow(/no promise/);
  });

  it.each([
    ["status 0", () => Promise.reject({ err: "network down", xhr: { status: 0 } })],
    [
      "a thrown error",
      () => {
        throw new Error("bridge gone");
      },
    ],
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

interface FetchCall {
  url: string;
  init: RequestInit;
}

function fakeFetch(answers: (Response | Error)[]) {
  const calls: FetchCall[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    const answer = answers.shift() ?? new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { calls, fetchFn };
}

const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const authorizationOf = (call: FetchCall) => (call.init.headers as Record<string, string>).Authorization;

describe("callServer", () => {
  it("fetches the app's own /api with the context JWT, JSON and no cookies", async () => {
    const { ap } = fakeAp();
    const { calls, fetchFn } = fakeFetch([jsonResponse({ id: "r1" }, 201, { "Rollbook-Warning": "hidden" })]);
    const host = createConnectHost(ap, environment({ fetch: fetchFn }));
    const response = await host.callServer({
      method: "POST",
      path: "/api/reports",
      headers: { Accept: "application/json" },
      body: { name: "R" },
    });
    expect(response).toEqual({
      status: 201,
      headers: { "content-type": "application/json", "rollbook-warning": "hidden" },
      body: { id: "r1" },
    });
    expect(calls[0]!.url).toBe("/api/reports");
    expect(calls[0]!.init).toMatchObject({ method: "POST", credentials: "omit", cache: "no-store", body: '{"name":"R"}' });
    expect(calls[0]!.init.headers).toEqual({
      Accept: "application/json",
      "Content-Type": "application/json",
      Authorization: expect.stringMatching(/^JWT ey/),
    });
  });

  it("caches the token until shortly before it expires", async () => {
    let now = NOW;
    let issued = 0;
    const { ap } = fakeAp();
    ap.context.getToken = vi.fn(() => Promise.resolve(jwt({ n: ++issued, exp: now / 1000 + 900 })));
    const { calls, fetchFn } = fakeFetch([jsonResponse({}), jsonResponse({}), jsonResponse({})]);
    const host = createConnectHost(ap, environment({ now: () => now, fetch: fetchFn }));
    await host.callServer({ method: "GET", path: "/api/me" });
    await host.callServer({ method: "GET", path: "/api/me" });
    now += 850_000; // within a minute of expiry
    await host.callServer({ method: "GET", path: "/api/me" });
    const tokens = calls.map(authorizationOf);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[1]);
    expect(ap.context.getToken).toHaveBeenCalledTimes(2);
  });

  it("retries a 401 once with a token straight from Jira, then hands the answer over", async () => {
    let issued = 0;
    const { ap } = fakeAp();
    ap.context.getToken = vi.fn(() => Promise.resolve(jwt({ n: ++issued, exp: NOW / 1000 + 900 })));
    const expired = jsonResponse({ error: "token_expired", message: "expired" }, 401);
    const refused = jsonResponse({ error: "signature_invalid", message: "bad signature" }, 401);
    const { calls, fetchFn } = fakeFetch([expired, refused]);
    const response = await createConnectHost(ap, environment({ fetch: fetchFn })).callServer({ method: "GET", path: "/api/me" });
    expect(response).toMatchObject({ status: 401, body: { error: "signature_invalid" } });
    expect(calls).toHaveLength(2);
    expect(authorizationOf(calls[1]!)).not.toBe(authorizationOf(calls[0]!));
  });

  it("shares one token request between concurrent calls", async () => {
    const { ap } = fakeAp();
    const { fetchFn } = fakeFetch([jsonResponse({}), jsonResponse({})]);
    const host = createConnectHost(ap, environment({ fetch: fetchFn }));
    await Promise.all([host.callServer({ method: "GET", path: "/api/me" }), host.callServer({ method: "GET", path: "/api/trash" })]);
    expect(ap.context.getToken).toHaveBeenCalledTimes(1);
  });

  it("does not cache a token whose expiry cannot be read, and takes callback-style answers", async () => {
    const { ap } = fakeAp();
    ap.context.getToken = vi.fn((callback?: (token: string) => void) => {
      callback?.("opaque-token");
    }) as unknown as typeof ap.context.getToken;
    const { calls, fetchFn } = fakeFetch([jsonResponse({}), jsonResponse({})]);
    const host = createConnectHost(ap, environment({ fetch: fetchFn }));
    await host.callServer({ method: "GET", path: "/api/me" });
    await host.callServer({ method: "GET", path: "/api/me" });
    expect(calls.map(authorizationOf)).toEqual(["JWT opaque-token", "JWT opaque-token"]);
    expect(ap.context.getToken).toHaveBeenCalledTimes(2);
  });

  it("reads a body that is not JSON as no body", async () => {
    const { fetchFn } = fakeFetch([new Response("<html>Bad gateway</html>", { status: 502 })]);
    expect(
      await createConnectHost(fakeAp().ap, environment({ fetch: fetchFn })).callServer({ method: "GET", path: "/api/me" }),
    ).toMatchObject({ status: 502, body: undefined });
  });

  it("maps a network failure to an ApiError with status 0", async () => {
    const { fetchFn } = fakeFetch([new TypeError("Failed to fetch")]);
    const failure = createConnectHost(fakeAp().ap, environment({ fetch: fetchFn })).callServer({ method: "GET", path: "/api/me" });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("refuses a base URL on another origin", () => {
    expect(() => createConnectHost(fakeAp().ap, environment({ apiBaseUrl: "https://evil.example" }))).toThrow(/own origin/);
    expect(() => createConnectHost(fakeAp().ap, environment({ apiBaseUrl: "//evil.example" }))).toThrow(/own origin/);
  });

  it("prefixes a same-origin base URL", async () => {
    const { calls, fetchFn } = fakeFetch([jsonResponse({})]);
    await createConnectHost(fakeAp().ap, environment({ fetch: fetchFn, apiBaseUrl: "/app/" })).callServer({
      method: "GET",
      path: "/api/me",
    });
    expect(calls[0]!.url).toBe("/app/api/me");
  });

  it("decodes a JWT's payload, and nothing else", () => {
    expect(decodeJwtPayload(jwt({ sub: "a" }))).toEqual({ sub: "a" });
    expect(decodeJwtPayload("not-a-jwt")).toBeNull();
  });
});

describe("getPage", () => {
  it.each<[string, Partial<ConnectEnvironment>, Partial<ConnectAp>, Record<string, unknown>]>([
    ["the page the shell names", { rootDataset: { page: "admin" } }, {}, { kind: "admin", reportId: null }],
    ["the reports page by default", { rootDataset: {} }, {}, { kind: "reports", reportId: null }],
    ["a report in the iframe URL", { search: "?xdm_e=x&ac.report=abc-123" }, {}, { kind: "reports", reportId: "abc-123" }],
    [
      "a report in the Jira page's URL",
      { search: "?xdm_e=x" },
      {
        navigator: {
          go: vi.fn(),
          getLocation: (callback: (location: unknown) => void) =>
            callback({ href: "https://acme.atlassian.net/plugins/servlet/ac/app/reports?ac.report=r-9" }),
        },
      },
      { kind: "reports", reportId: "r-9" },
    ],
    [
      "the project page with its project",
      { rootDataset: { page: "project", projectkey: "EX" } },
      {},
      { kind: "project", reportId: null, projectKey: "EX" },
    ],
  ])("%s", async (_name, env, apOverrides, expected) => {
    const { ap } = fakeAp(apOverrides);
    expect(await createConnectHost(ap, environment(env)).getPage()).toEqual(expected);
  });

  it("opens the reports page module on a report, with the app key from the frame's name", () => {
    const { ap } = fakeAp();
    const host = createConnectHost(ap, environment({ frameName: JSON.stringify({ extension_id: "rollbook-app__gadget__x" }) }));
    host.openReportPage?.("r1");
    expect(ap.navigator.go).toHaveBeenCalledWith("addonModule", {
      addonKey: "rollbook-app",
      moduleKey: "reports",
      customData: { report: "r1" },
    });
  });

  it("offers no report link without AP.navigator", () => {
    expect(createConnectHost(fakeAp({ navigator: undefined }).ap, environment()).openReportPage).toBeUndefined();
  });
});

describe("getContext", () => {
  it("assembles user, zone, site and the page shell's data attributes", async () => {
    const { ap } = fakeAp();
    // data-projectKey in HTML arrives lower-cased in the dataset.
    const host = createConnectHost(ap, environment({ rootDataset: { page: "project", projectkey: "EX" } }));
    expect(await host.getContext()).toEqual({
      accountId: "acc-1",
      siteUrl: "https://acme.atlassian.net",
      timeZone: "Europe/Berlin",
      projectKey: "EX",
    });
    await host.getContext();
    expect(ap.user.getCurrentUser).toHaveBeenCalledTimes(1);
  });

  it.each<[string, Partial<ConnectEnvironment>, Partial<ConnectAp>, Record<string, unknown>]>([
    ["data-project-key spelled with dashes", { rootDataset: { projectKey: "DASH" } }, {}, { projectKey: "DASH" }],
    ["project from Jira's context when the page has none", { rootDataset: {} }, {}, { projectKey: "CTX" }],
    [
      "browser zone without AP.user.getTimeZone",
      {},
      { user: { getCurrentUser: () => Promise.resolve({ atlassianAccountId: "acc-1" }) } },
      { timeZone: "Browser/Zone" },
    ],
    ["account id from the token without AP.user", {}, { user: undefined }, { accountId: "acc-from-token" }],
    [
      "site from the referrer without xdm_e",
      { search: "", referrer: "https://other.atlassian.net/jira/apps/x" },
      {},
      { siteUrl: "https://other.atlassian.net" },
    ],
    ["context path appended", { search: "?xdm_e=https%3A%2F%2Fwiki.example&cp=%2Fwiki" }, {}, { siteUrl: "https://wiki.example/wiki" }],
  ])("%s", async (_name, env, apOverrides, expected) => {
    const { ap } = fakeAp(apOverrides);
    expect(await createConnectHost(ap, environment(env)).getContext()).toMatchObject(expected);
  });
});

describe("the dashboard gadget", () => {
  const GADGET_PAGE = { rootDataset: { page: "gadget", dashboarditemid: "77", dashboardid: "10100" } };
  const editableAnswer = (answer: boolean) => ({
    isDashboardItemEditable: vi.fn((callback?: (value: boolean) => void) => callback?.(answer)),
    setDashboardItemTitle: vi.fn(),
  });

  it.each<[string, Partial<ConnectAp>, boolean]>([
    ["Jira says the user may edit the dashboard", { jira: editableAnswer(true) }, true],
    ["Jira says the user may not", { jira: editableAnswer(false) }, false],
    ["a host without AP.jira: nobody may change it", {}, false],
    ["AP.jira fails: nobody may change it", { jira: { isDashboardItemEditable: () => Promise.reject(new Error("no")) } }, false],
  ])("%s", async (_name, apOverrides, editable) => {
    const { ap } = fakeAp(apOverrides);
    const context = await createConnectHost(ap, environment(GADGET_PAGE)).getContext();
    expect(context.dashboardItem).toEqual({ id: "77", dashboardId: "10100", editable, choosableHere: true, titledByHost: true });
  });

  it("reads the dashboard item from Jira's context when the page has none", async () => {
    const { ap } = fakeAp({
      context: {
        getToken: () => Promise.resolve(""),
        getContext: () => Promise.resolve({ jira: { dashboard: { id: "5" }, dashboardItem: { id: "6" } } }),
      },
    });
    expect((await createConnectHost(ap, environment()).getContext()).dashboardItem).toEqual({
      id: "6",
      dashboardId: "5",
      editable: false,
      choosableHere: true,
      titledByHost: true,
    });
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
