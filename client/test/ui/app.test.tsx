// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../../src/ui/app/App";
import { reportIdFromSearch } from "../../src/ui/app/navigation";
import { report } from "./fixtures";
import { FakeApi, makeServices } from "./helpers";

describe("reportIdFromSearch", () => {
  it.each([
    ["?report=0b8f6c1e-2f3a-4d5e-9f00-123456789abc", "0b8f6c1e-2f3a-4d5e-9f00-123456789abc"],
    ["?xdm_e=x&ac.report=abc-123&jwt=t", "abc-123"],
    ["?ac.report=%3Cscript%3E", null],
    ["?report=", null],
    ["?other=1", null],
    ["", null],
  ])("%s → %s", (search, expected) => {
    expect(reportIdFromSearch(search)).toBe(expected);
  });
});

describe("App", () => {
  it("shows the report list on the general page, with the user's context", async () => {
    const services = makeServices({ api: new FakeApi([report({ name: "Mine" })]) });
    render(<App services={services} initialReportId={null} />);
    const row = await screen.findByTestId("report-list-row");
    // Edit appears once the host context says who is looking (an administrator of the report).
    await waitFor(() => expect(within(row).getByRole("button", { name: "Edit Mine" })).toBeTruthy());
    expect(document.querySelector(".rb-app--fill")).not.toBeNull();
  });

  it("shows the admin page", () => {
    render(<App services={makeServices({ page: "admin" })} initialReportId={null} />);
    expect(screen.getByRole("heading", { name: "Rollbook administration" })).toBeTruthy();
  });

  it("shows the gadget, sized to its content", async () => {
    render(<App services={makeServices({ page: "gadget" })} initialReportId={null} />);
    expect(await screen.findByText(/There are no reports to show yet/)).toBeTruthy();
    expect(document.querySelector(".rb-app--fill")).toBeNull();
  });

  it("starts a new report on the project page with the project's JQL", async () => {
    const services = makeServices({ page: "project", projectKey: "OPS" });
    render(<App services={services} initialReportId={null} />);
    fireEvent.click((await screen.findAllByRole("button", { name: "Create report" }))[0]!);
    const jql = (await screen.findByLabelText("JQL (required)")) as HTMLTextAreaElement;
    expect(jql.value).toBe("project = OPS");
  });

  it("opens the gadget's settings view on the report picker", async () => {
    const r = report({ name: "Team load" });
    const services = makeServices({
      page: "gadgetSettings",
      api: new FakeApi([r]),
      context: { dashboardItem: { id: "g1", dashboardId: "d1", editable: true, choosableHere: true, titledByHost: false } },
    });
    services.host.gadgetReports.set("g1", r.id);
    render(<App services={services} initialReportId={null} />);
    const picker = (await screen.findByLabelText("Report to show")) as HTMLSelectElement;
    expect(picker.value).toBe(r.id);
    // The settings view is only for choosing: there is no report to go back to.
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    expect(document.querySelector(".rb-app--gadget")).not.toBeNull();
  });
});

describe("App: the report in the host page's URL", () => {
  it("records the open report and the list, and follows Back and Forward", async () => {
    const r = report({ name: "Mine" });
    const services = makeServices({ api: new FakeApi([r]) });
    render(<App services={services} initialReportId={null} />);
    fireEvent.click(await screen.findByRole("button", { name: "Mine" }));
    expect(await screen.findByRole("heading", { name: "Mine" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "← Reports" }));
    await screen.findByTestId("report-list-row");
    expect(services.host.pageNavigations).toEqual([null, r.id, null]);

    act(() => services.host.goBackTo(r.id));
    expect(await screen.findByRole("heading", { name: "Mine" })).toBeTruthy();
    act(() => services.host.goBackTo(null));
    expect(await screen.findByTestId("report-list-row")).toBeTruthy();
    // The screen echoes each move back; hosts ignore a path they already show (see the host contract).
    expect(services.host.pageNavigations).toEqual([null, r.id, null, r.id, null]);
  });

  it("opens on the report the URL names", async () => {
    const r = report({ name: "Linked" });
    const services = makeServices({ api: new FakeApi([r]) });
    render(<App services={services} initialReportId={r.id} />);
    expect(await screen.findByRole("heading", { name: "Linked" })).toBeTruthy();
    expect(services.host.pageNavigations).toEqual([r.id]);
  });
});
