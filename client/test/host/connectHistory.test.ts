import { describe, expect, it, vi } from "vitest";
import type { ConnectAp } from "../../src/host/connectAp";
import { createConnectPageHistory, historyStateOfReport, POPSTATE_EVENT, reportIdOfPageUrl } from "../../src/host/connectHistory";

const PAGE = "https://acme.atlassian.net/plugins/servlet/ac/rollbook/reports";

function fakeAp(href = PAGE) {
  const listeners: ((event: unknown) => void)[] = [];
  const history = {
    pushState: vi.fn(),
    replaceState: vi.fn(),
    getState: vi.fn(() => Promise.resolve({ hash: "", href })),
    popState: vi.fn(),
  };
  const ap = {
    history,
    events: { on: (name: string, listener: (event: unknown) => void) => void (name === POPSTATE_EVENT && listeners.push(listener)) },
  } as unknown as ConnectAp;
  const pop = (newURL: string) => {
    for (const listener of listeners) listener({ newURL });
  };
  return { ap, history, pop };
}

describe("the report in the Jira page URL", () => {
  it.each([
    ["the #! state names a report", `${PAGE}#!report=r-1`, "r-1"],
    ["an empty #! state is the list", `${PAGE}?ac.report=r-9#!`, null],
    ["the #! state wins over a link parameter", `${PAGE}?ac.report=r-9#!report=r-2`, "r-2"],
    ["without #! the link parameter names it", `${PAGE}?ac.report=r-9`, "r-9"],
    ["nothing names the list", PAGE, null],
    ["an id that is not a report id is ignored", `${PAGE}#!report=..%2Fadmin`, null],
    ["an unreadable URL says nothing", "not a url", undefined],
  ])("%s", (_case, href, expected) => {
    expect(reportIdOfPageUrl(href)).toBe(expected);
  });

  it("writes a report as report=<id> and the list as the empty state", () => {
    expect(historyStateOfReport("r-1")).toBe("report=r-1");
    expect(historyStateOfReport(null)).toBe("");
  });
});

describe("createConnectPageHistory", () => {
  it("reads the opening report from the #! state only", async () => {
    expect(await createConnectPageHistory(fakeAp(`${PAGE}#!report=r-1`).ap).initialReport()).toBe("r-1");
    expect(await createConnectPageHistory(fakeAp(`${PAGE}#!`).ap).initialReport()).toBeNull();
    expect(await createConnectPageHistory(fakeAp(`${PAGE}?ac.report=r-9`).ap).initialReport()).toBeUndefined();
  });

  it("gives up on a host that does not answer", async () => {
    const { ap, history } = fakeAp();
    history.getState.mockReturnValue(new Promise(() => undefined));
    expect(await createConnectPageHistory(ap, 10).initialReport()).toBeUndefined();
  });

  it("adds one history entry per new report, none for the page it opened on", () => {
    const { ap, history } = fakeAp();
    const pageHistory = createConnectPageHistory(ap);
    pageHistory.opened("r-1");
    pageHistory.navigate("r-1");
    expect(history.pushState).not.toHaveBeenCalled();
    pageHistory.navigate(null);
    pageHistory.navigate("r-2");
    expect(history.pushState.mock.calls).toEqual([[""], ["report=r-2"]]);
  });

  it("replaces the entry on its first record when nobody said where the page opened", () => {
    const { ap, history } = fakeAp();
    createConnectPageHistory(ap).navigate("r-1");
    expect(history.replaceState).toHaveBeenCalledWith("report=r-1");
    expect(history.pushState).not.toHaveBeenCalled();
  });

  it("tells listeners about Back and Forward once per change, until they stop", () => {
    const { ap, history, pop } = fakeAp();
    const pageHistory = createConnectPageHistory(ap);
    pageHistory.opened("r-2");
    const heard: (string | null)[] = [];
    const stop = pageHistory.listen((reportId) => heard.push(reportId));
    expect(history.popState).toHaveBeenCalledTimes(1);
    pop(`${PAGE}#!report=r-1`);
    pop(`${PAGE}#!report=r-1`); // the same change, by the host's second route
    pop(`${PAGE}#!`);
    stop();
    pop(`${PAGE}#!report=r-3`);
    expect(heard).toEqual(["r-1", null]);
  });
});
