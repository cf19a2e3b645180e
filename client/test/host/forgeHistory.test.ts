import { describe, expect, it } from "vitest";
import { forgeHarnessWithLog } from "./contract/forgeHarness";

/** A Forge page history (`view.createHistory()`) that records what the host was asked. */
function fakeHistory(pathname: string) {
  const listeners: ((location: { pathname: string }) => void)[] = [];
  const calls: string[] = [];
  const history = {
    location: { pathname },
    listen(listener: (location: { pathname: string }) => void) {
      listeners.push(listener);
      return () => undefined;
    },
    push(path: string) {
      calls.push(`push ${path}`);
      history.move(path);
    },
    replace(path: string) {
      calls.push(`replace ${path}`);
      history.move(path);
    },
    go(delta: number) {
      calls.push(`go ${delta}`);
    },
    move(path: string) {
      history.location = { pathname: path };
      for (const listener of [...listeners]) listener(history.location);
    },
  };
  return { history, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function forgePage(pathname: string) {
  const { history, calls } = fakeHistory(pathname);
  const h = await forgeHarnessWithLog(
    { page: "reports" },
    { answer: (name) => (name === "createHistory" ? Promise.resolve(history) : undefined) },
  );
  return { host: h.host, history, calls };
}

describe("the Forge page history of the editor", () => {
  it.each([
    ["a report's editor", "/report/r-1/edit", { reportId: "r-1", editing: true }],
    ["a new report's editor", "/new", { reportId: null, editing: true }],
    ["a report", "/report/r-1", { reportId: "r-1" }],
  ])("opens on %s named by the app path", async (_case, path, expected) => {
    const { host } = await forgePage(path);
    expect(await host.getPage()).toEqual({ kind: "reports", ...expected });
  });

  it("pushes the editor, replaces it when asked, and goes back through the history", async () => {
    const { host, calls } = await forgePage("/report/r-1");
    host.navigatePage("r-1", { editing: true });
    await tick();
    host.navigatePage("r-1", { replace: true });
    await tick();
    host.navigatePage(null, { editing: true });
    await tick();
    host.navigatePageBack?.();
    await tick();
    expect(calls).toEqual(["push /report/r-1/edit", "replace /report/r-1", "push /new", "go -1"]);
  });

  it("tells listeners whether Back or Forward landed on an editor", async () => {
    const { host, history } = await forgePage("/report/r-1");
    const heard: [string | null, boolean][] = [];
    host.onPageNavigation((reportId, editing) => heard.push([reportId, editing]));
    await tick();
    history.move("/report/r-1/edit");
    history.move("/report/r-1/edit/"); // the same place
    history.move("/report/r-1");
    expect(heard).toEqual([
      ["r-1", true],
      ["r-1", false],
    ]);
  });
});
