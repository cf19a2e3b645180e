import { describe, expect, it, vi } from "vitest";
import type { ConnectAp } from "../../src/host/connectAp";
import { addressOfPageUrl, createConnectPageHistory, historyStateOf, POPSTATE_EVENT } from "../../src/host/connectHistory";
import type { PageAddress } from "../../src/host/reportLinks";

const PAGE = "https://acme.atlassian.net/plugins/servlet/ac/rollbook/reports";

const list: PageAddress = { reportId: null, editing: false };
const view = (reportId: string): PageAddress => ({ reportId, editing: false });
const edit = (reportId: string | null): PageAddress => ({ reportId, editing: true });

function fakeAp(href = PAGE) {
  const listeners: ((event: unknown) => void)[] = [];
  const history = {
    pushState: vi.fn(),
    replaceState: vi.fn(),
    getState: vi.fn(() => Promise.resolve({ hash: "", href })),
    popState: vi.fn(),
    back: vi.fn(),
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

describe("the place in the Jira page URL", () => {
  it.each([
    ["the #! state names a report", `${PAGE}#!report=r-1`, view("r-1")],
    ["the #! state names a report's editor", `${PAGE}#!report=r-1&edit=1`, edit("r-1")],
    ["the #! state names a new report's editor", `${PAGE}#!edit=1`, edit(null)],
    ["an empty #! state is the list", `${PAGE}?ac.report=r-9#!`, list],
    ["the #! state wins over a link parameter", `${PAGE}?ac.report=r-9#!report=r-2`, view("r-2")],
    ["without #! the link parameter names the report", `${PAGE}?ac.report=r-9`, view("r-9")],
    ["an edit marker in a link parameter is ignored", `${PAGE}?ac.report=r-9&ac.edit=1`, view("r-9")],
    ["nothing names the list", PAGE, list],
    ["an id that is not a report id is ignored", `${PAGE}#!report=..%2Fadmin`, list],
    ["editing a bad id is the list, not a new report", `${PAGE}#!report=..%2Fadmin&edit=1`, list],
    ["an edit marker other than 1 is the viewer", `${PAGE}#!report=r-1&edit=yes`, view("r-1")],
    ["an unreadable URL says nothing", "not a url", undefined],
  ])("%s", (_case, href, expected) => {
    expect(addressOfPageUrl(href)).toEqual(expected);
  });

  it.each([
    ["a report", view("r-1"), "report=r-1"],
    ["a report's editor", edit("r-1"), "report=r-1&edit=1"],
    ["a new report's editor", edit(null), "edit=1"],
    ["the list", list, ""],
  ])("writes %s as its #! state, which reads back the same", (_case, address, state) => {
    expect(historyStateOf(address)).toBe(state);
    expect(addressOfPageUrl(`${PAGE}#!${state}`)).toEqual(address);
  });
});

describe("createConnectPageHistory", () => {
  it("reads the opening place from the #! state only", async () => {
    expect(await createConnectPageHistory(fakeAp(`${PAGE}#!report=r-1`).ap).initialAddress()).toEqual(view("r-1"));
    expect(await createConnectPageHistory(fakeAp(`${PAGE}#!report=r-1&edit=1`).ap).initialAddress()).toEqual(edit("r-1"));
    expect(await createConnectPageHistory(fakeAp(`${PAGE}#!`).ap).initialAddress()).toEqual(list);
    expect(await createConnectPageHistory(fakeAp(`${PAGE}?ac.report=r-9`).ap).initialAddress()).toBeUndefined();
  });

  it("gives up on a host that does not answer", async () => {
    const { ap, history } = fakeAp();
    history.getState.mockReturnValue(new Promise(() => undefined));
    expect(await createConnectPageHistory(ap, 10).initialAddress()).toBeUndefined();
  });

  it("adds one history entry per new place, none for the page it opened on", () => {
    const { ap, history } = fakeAp();
    const pageHistory = createConnectPageHistory(ap);
    pageHistory.opened(view("r-1"));
    pageHistory.navigate(view("r-1"));
    expect(history.pushState).not.toHaveBeenCalled();
    pageHistory.navigate(edit("r-1"));
    pageHistory.navigate(list);
    pageHistory.navigate(view("r-2"));
    expect(history.pushState.mock.calls).toEqual([["report=r-1&edit=1"], [""], ["report=r-2"]]);
  });

  it("replaces the current entry when asked (the editor after Save)", () => {
    const { ap, history } = fakeAp();
    const pageHistory = createConnectPageHistory(ap);
    pageHistory.opened(list);
    pageHistory.navigate(edit(null));
    pageHistory.navigate(view("r-new"), true);
    expect(history.pushState.mock.calls).toEqual([["edit=1"]]);
    expect(history.replaceState.mock.calls).toEqual([["report=r-new"]]);
  });

  it("replaces the entry on its first record when nobody said where the page opened", () => {
    const { ap, history } = fakeAp();
    createConnectPageHistory(ap).navigate(view("r-1"));
    expect(history.replaceState).toHaveBeenCalledWith("report=r-1");
    expect(history.pushState).not.toHaveBeenCalled();
  });

  it("goes back through the host, where it can", () => {
    const { ap, history } = fakeAp();
    expect(createConnectPageHistory(ap).back()).toBe(true);
    expect(history.back).toHaveBeenCalledTimes(1);
    const withoutBack = { history: { pushState: vi.fn() } } as unknown as ConnectAp;
    expect(createConnectPageHistory(withoutBack).back()).toBe(false);
  });

  it("tells listeners about Back and Forward once per change, until they stop", () => {
    const { ap, history, pop } = fakeAp();
    const pageHistory = createConnectPageHistory(ap);
    pageHistory.opened(view("r-2"));
    const heard: PageAddress[] = [];
    const stop = pageHistory.listen((address) => heard.push(address));
    expect(history.popState).toHaveBeenCalledTimes(1);
    pop(`${PAGE}#!report=r-1`);
    pop(`${PAGE}#!report=r-1`); // the same change, by the host's second route
    pop(`${PAGE}#!report=r-1&edit=1`);
    pop(`${PAGE}#!`);
    stop();
    pop(`${PAGE}#!report=r-3`);
    expect(heard).toEqual([view("r-1"), edit("r-1"), list]);
  });

  it("hears a Back to the place it was told to leave, after a Back it asked for", () => {
    const { ap, pop } = fakeAp();
    const pageHistory = createConnectPageHistory(ap);
    pageHistory.opened(view("r-1"));
    pageHistory.navigate(edit("r-1"));
    const heard: PageAddress[] = [];
    pageHistory.listen((address) => heard.push(address));
    pageHistory.back();
    pop(`${PAGE}#!report=r-1`);
    expect(heard).toEqual([view("r-1")]);
  });
});
