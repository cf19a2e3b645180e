// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
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
});
