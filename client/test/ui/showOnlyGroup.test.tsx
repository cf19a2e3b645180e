// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { GroupNode, ReportDefinition } from "../../src/engine/index";
import { Breadcrumb } from "../../src/ui/viewer/Breadcrumb";
import { DrillDownProvider, type DrillDownReport } from "../../src/ui/viewer/drillDown";
import { OpenInJira, ShowOnlyGroup } from "../../src/ui/viewer/OpenInJira";
import { DEFAULT_FAKE_CONTEXT } from "../support/fakeHost";
import { buildResult, makeIssues } from "./fixtures";
import { makeServices, renderUi } from "./helpers";

const SITE = DEFAULT_FAKE_CONTEXT.siteUrl;
const statusThenLabels: DrillDownReport & ReportDefinition = {
  jql: "project = EX ORDER BY key",
  columns: [{ field: "summary" }],
  grouping_rules: [{ field: "status" }, { field: "labels" }],
};
const result = buildResult(statusThenLabels, makeIssues(12));
const done = result.root.children!.find((g) => g.label === "Done")!;
const doneBeta = done.children!.find((g) => g.label === "beta")!;

function renderInScope(scope: GroupNode | null, children: React.ReactNode, onNarrow?: (group: GroupNode) => void) {
  renderUi(
    <DrillDownProvider report={statusThenLabels} result={result} siteUrl={SITE} scope={scope} {...(onNarrow ? { onNarrow } : {})}>
      {children}
    </DrillDownProvider>,
    makeServices(),
  );
}

describe("the total of a narrowed table", () => {
  it.each<[string, GroupNode | null, string, string]>([
    ["the whole report", null, "all issues of this report", "project = EX ORDER BY key"],
    ["a top-level group", done, "issues in Done", "(project = EX) AND status = 5 ORDER BY key"],
    ["a nested group", doneBeta, "issues in beta", '(project = EX) AND status = 5 AND labels = "beta" ORDER BY key'],
  ])("opens %s in Jira", (_name, scope, name, jql) => {
    renderInScope(scope, <OpenInJira group={null} />);
    const link = screen.getByRole("link", { name: `Open in Jira: ${name}` });
    expect(link.getAttribute("href")).toBe(`${SITE}/issues/?jql=${encodeURIComponent(jql)}`);
  });
});

describe("Show only", () => {
  it("narrows to the group it is named after", () => {
    const onNarrow = vi.fn();
    renderInScope(null, <ShowOnlyGroup group={doneBeta} label="beta" />, onNarrow);
    fireEvent.click(screen.getByRole("button", { name: "Show only beta" }));
    expect(onNarrow).toHaveBeenCalledWith(doneBeta);
  });

  it("is absent where the table cannot be narrowed", () => {
    renderInScope(null, <ShowOnlyGroup group={doneBeta} label="beta" />);
    expect(screen.queryByRole("button")).toBeNull();
  });
});

describe("the breadcrumb", () => {
  const path = [
    { id: done.id, label: "Done" },
    { id: doneBeta.id, label: "beta" },
  ];

  it("reads the path, the last crumb being where the user is", () => {
    renderUi(<Breadcrumb path={path} onGo={() => {}} focusCurrent={true} />, makeServices());
    const nav = screen.getByRole("navigation", { name: "Shown group" });
    expect(nav.textContent).toBe("All issues›Done›beta");
    const current = screen.getByText("beta");
    expect(current.getAttribute("aria-current")).toBe("location");
    expect(document.activeElement).toBe(current);
  });

  it.each<[string, string | null]>([
    ["All issues", null],
    ["Done", done.id],
  ])("goes back up to %s", (crumb, id) => {
    const onGo = vi.fn();
    renderUi(<Breadcrumb path={path} onGo={onGo} focusCurrent={false} />, makeServices());
    fireEvent.click(screen.getByRole("button", { name: crumb }));
    expect(onGo).toHaveBeenCalledWith(id);
  });

  it("is not there when the whole report is shown", () => {
    renderUi(<Breadcrumb path={[]} onGo={() => {}} focusCurrent={false} />, makeServices());
    expect(screen.queryByRole("navigation")).toBeNull();
  });
});
