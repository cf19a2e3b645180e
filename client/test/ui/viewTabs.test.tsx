// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { View } from "../../src/engine/index";
import { ViewTabs, viewsOf } from "../../src/ui/viewer/ViewTabs";

const VIEWS: View[] = [
  { kind: "table", id: "table", name: "Table" },
  { kind: "pivot", id: "by-type", name: "By type", rows: [{ field: "assignee" }], columns: [{ field: "issuetype" }], values: [] },
  { kind: "chart", id: "chart", name: "Chart", chart_type: "bar", measures: [] },
];

function Tabs({ views }: { views: View[] }) {
  const [current, setCurrent] = useState(views[0]!);
  return <ViewTabs views={views} current={current} onSelect={setCurrent} />;
}

afterEach(cleanup);

describe("ViewTabs", () => {
  it("shows one tab per view, the first selected", () => {
    render(<Tabs views={VIEWS} />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.textContent)).toEqual(["Table", "By type", "Chart"]);
    expect(tabs.map((t) => t.getAttribute("aria-selected"))).toEqual(["true", "false", "false"]);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  });

  it.each([
    ["ArrowRight", "By type"],
    ["ArrowLeft", "Chart"],
    ["End", "Chart"],
    ["Home", "Table"],
  ])("%s from the first tab selects and focuses %s", (key, expected) => {
    render(<Tabs views={VIEWS} />);
    fireEvent.keyDown(screen.getAllByRole("tab")[0]!, { key });
    const selected = screen.getByRole("tab", { selected: true });
    expect(selected.textContent).toBe(expected);
    expect(document.activeElement).toBe(selected);
  });

  it("is not shown for a report with one view", () => {
    render(<Tabs views={[VIEWS[0]!]} />);
    expect(screen.queryByRole("tablist")).toBeNull();
  });

  it("gives a report stored without views its table", () => {
    expect(viewsOf({ views: [] }).map((v) => v.kind)).toEqual(["table"]);
    expect(viewsOf(null).map((v) => v.kind)).toEqual(["table"]);
    expect(viewsOf({ views: VIEWS })).toBe(VIEWS);
  });
});
