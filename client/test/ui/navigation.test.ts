import { describe, expect, it } from "vitest";
import type { PageAddress } from "../../src/host/reportLinks";
import { addressOfScreen, editorScreen, initialScreen, type Screen, screenOfAddress } from "../../src/ui/app/navigation";

const list: Screen = { kind: "list" };
const viewer = (reportId: string): Screen => ({ kind: "viewer", reportId });
const at = (reportId: string | null, editing = false): PageAddress => ({ reportId, editing });

describe("the screen a page opens on", () => {
  it.each([
    ["the list", null, false, list],
    ["a report", "r-1", false, viewer("r-1")],
    [
      "a report's editor, Cancel to its viewer",
      "r-1",
      true,
      { kind: "editor", reportId: "r-1", returnTo: viewer("r-1"), aboveReturn: false },
    ],
    ["a new report's editor, Cancel to the list", null, true, { kind: "editor", reportId: null, returnTo: list, aboveReturn: false }],
  ])("%s", (_case, reportId, editing, expected) => {
    expect(initialScreen(reportId, editing)).toEqual(expected);
  });
});

describe("the place a screen puts in the URL", () => {
  it.each([
    ["the list", list, at(null)],
    ["a report", viewer("r-1"), at("r-1")],
    ["a report's editor", editorScreen("r-1", viewer("r-1")), at("r-1", true)],
    ["a new report's editor", editorScreen(null, list), at(null, true)],
    ["the trash: none", { kind: "trash" } as Screen, undefined],
  ])("%s", (_case, screen, expected) => {
    expect(addressOfScreen(screen)).toEqual(expected);
  });
});

describe("the screen for a place reached by Back or Forward", () => {
  it("keeps the current screen when it already is there", () => {
    const editor = editorScreen("r-1", viewer("r-1"));
    expect(screenOfAddress(at("r-1", true), editor)).toBe(editor);
    const shown = viewer("r-1");
    expect(screenOfAddress(at("r-1"), shown)).toBe(shown);
  });

  it.each([
    ["Back from an editor to its viewer", editorScreen("r-1", viewer("r-1")), at("r-1"), viewer("r-1")],
    ["Back to the list", viewer("r-1"), at(null), list],
    ["Forward from a viewer into its editor", viewer("r-1"), at("r-1", true), editorScreen("r-1", viewer("r-1"))],
    ["Forward from the list into an editor", list, at("r-1", true), editorScreen("r-1", list)],
    ["Forward from the list into a new report", list, at(null, true), editorScreen(null, list)],
    [
      "an editor reached from elsewhere knows nothing of the entry below",
      viewer("r-2"),
      at("r-1", true),
      { kind: "editor", reportId: "r-1", returnTo: viewer("r-1"), aboveReturn: false },
    ],
  ])("%s", (_case, current, address, expected) => {
    expect(screenOfAddress(address, current)).toEqual(expected);
  });
});
