// @vitest-environment jsdom
import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { GadgetPage } from "../../src/ui/gadget/GadgetPage";
import { buildResult, makeIssues, report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

describe("GadgetPage", () => {
  it("lets the user pick a report, then shows its totals and top groups", async () => {
    const r = report({ name: "Team load" });
    const opened: string[] = [];
    const services = makeServices({ api: new FakeApi([r, report({ name: "Other" })]), page: "gadget", openReportPage: (id) => opened.push(id) });
    renderUi(<GadgetPage initialReportId={null} />, services);
    fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(await screen.findByRole("heading", { name: "Team load" })).toBeTruthy();
    const session = services.sessions[0]!;
    expect(session.runs).toEqual([r]);

    act(() => session.emit({ status: "complete", result: buildResult(r, makeIssues(30)), outcome: { status: "complete", loaded: 30 } }));
    const summary = screen.getByTestId("gadget-summary");
    expect(within(summary).getAllByTestId("gadget-group").map((row) => row.querySelector("th")!.textContent)).toEqual(["To Do", "In Progress", "Done"]);
    const total = within(summary).getByTestId("gadget-total");
    expect(total.textContent).toContain("30");
    const points = Array.from({ length: 30 }, (_, i) => (i % 8) + 1).reduce((a, b) => a + b, 0);
    expect(total.querySelector('[data-column="customfield_10016"]')!.textContent).toBe(String(points));
    expect(screen.getByTestId("completeness").textContent).toBe("All 30 issues loaded");

    fireEvent.click(screen.getByTestId("open-full-report"));
    expect(opened).toEqual([r.id]);
  });

  it("shows the report from its URL without asking", async () => {
    const r = report({ name: "Linked" });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget" });
    renderUi(<GadgetPage initialReportId={r.id} />, services);
    expect(await screen.findByRole("heading", { name: "Linked" })).toBeTruthy();
    expect(screen.queryByLabelText("Report to show")).toBeNull();
    // Without a host that can navigate, no dead link is offered.
    expect(screen.queryByTestId("open-full-report")).toBeNull();
  });

  it("limits the groups it lists", async () => {
    const r = report({ grouping_rules: [{ field: "summary", bucket: null, order: { by: "key", direction: "asc", field: null, aggregation: null }, show_empty: true }] });
    const services = makeServices({ api: new FakeApi([r]), page: "gadget" });
    renderUi(<GadgetPage initialReportId={r.id} />, services);
    await screen.findByRole("heading", { name: r.name });
    act(() => services.sessions[0]!.emit({ status: "complete", result: buildResult(r, makeIssues(25)), outcome: { status: "complete", loaded: 25 } }));
    expect(screen.getAllByTestId("gadget-group")).toHaveLength(10);
    expect(screen.getByText("and 15 more groups")).toBeTruthy();
  });
});
