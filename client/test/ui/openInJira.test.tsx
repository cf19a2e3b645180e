// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GroupNode, ReportDefinition } from "../../src/engine/index";
import { DrillDownProvider, jqlForGroup, type DrillDownReport } from "../../src/ui/viewer/drillDown";
import { OpenInJira } from "../../src/ui/viewer/OpenInJira";
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

function renderLink(group: GroupNode | null, report: DrillDownReport = statusThenLabels) {
  const services = makeServices();
  renderUi(
    <DrillDownProvider report={report} result={result} siteUrl={SITE}>
      <OpenInJira group={group} />
    </DrillDownProvider>,
    services,
  );
  return services;
}

describe("Open in Jira", () => {
  it.each<[string, GroupNode | null, string]>([
    ["the total (null)", null, "project = EX ORDER BY key"],
    ["the total (root)", result.root, "project = EX ORDER BY key"],
    ["a top-level group", done, "(project = EX) AND status = 5 ORDER BY key"],
    ["a nested group", doneBeta, '(project = EX) AND status = 5 AND labels = "beta" ORDER BY key'],
  ])("links %s to the navigator with its JQL", (_name, group, jql) => {
    renderLink(group);
    const link = screen.getByRole("link", { name: /^Open in Jira: / });
    expect(link.getAttribute("href")).toBe(`${SITE}/issues/?jql=${encodeURIComponent(jql)}`);
    expect(jqlForGroup(statusThenLabels, result, group)).toBe(jql);
  });

  it("opens the navigator through the host on a plain click", () => {
    const services = renderLink(doneBeta);
    fireEvent.click(screen.getByRole("link", { name: "Open in Jira: issues in beta" }));
    expect(services.host.openedSearches).toEqual(['(project = EX) AND status = 5 AND labels = "beta" ORDER BY key']);
  });

  it("leaves a modified click to the browser", () => {
    const services = renderLink(done);
    fireEvent.click(screen.getByRole("link"), { ctrlKey: true });
    expect(services.host.openedSearches).toEqual([]);
  });

  it("has no link when the definition no longer matches the result", () => {
    renderLink(done, { ...statusThenLabels, grouping_rules: [{ field: "assignee" }] });
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("has no link outside a provider", () => {
    renderUi(<OpenInJira group={done} />, makeServices());
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("says when the report's filters apply only in Rollbook", () => {
    renderLink(done, { ...statusThenLabels, filtering_rules: [{ field: "labels", operator: "is_not_empty", operands: [] }] });
    expect(screen.getByTestId("drilldown-filter-note").textContent).toContain("The report’s filter applies only in Rollbook");
    expect(screen.getByRole("link").getAttribute("aria-label")).toBe("Open in Jira: issues in Done (without the report's filters)");
  });

  it("shows no filter note for an unfiltered report", () => {
    renderLink(done);
    expect(screen.queryByTestId("drilldown-filter-note")).toBeNull();
  });
});
