// @vitest-environment jsdom
/**
 * The UI over the real Forge host (and the real `@forge/bridge`, over a fake Jira page): the
 * gadget's edit view stores its report with `view.submit`, and the report pages keep the open
 * report in the app path `/report/{id}`.
 */

import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../../src/ui/app/App";
import type { Services } from "../../src/ui/services";
import { forgeHarnessWithLog } from "../host/contract/forgeHarness";
import { DASHBOARD_ID, GADGET_ID } from "../host/contract/harness";
import { report } from "./fixtures";
import { FakeApi, makeServices } from "./helpers";

describe("the UI on Forge", () => {
  it("chooses the gadget's report in its edit view with view.submit", async () => {
    const r = report({ name: "Team load" });
    const forge = await forgeHarnessWithLog(
      { page: "gadget", gadgetEditView: true },
      {
        extension: {
          type: "jira:dashboardGadget",
          entryPoint: "edit",
          gadget: { id: GADGET_ID },
          dashboard: { id: DASHBOARD_ID },
          gadgetConfiguration: {},
        },
      },
    );
    const page = await forge.host.getPage();
    const services: Services = { ...makeServices({ api: new FakeApi([r]) }), host: forge.host, page: page.kind };
    render(<App services={services} initialReportId={page.reportId} />);
    fireEvent.change(await screen.findByLabelText("Report to show"), { target: { value: r.id } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(await screen.findByRole("heading", { name: "Team load" })).toBeTruthy();
    expect(forge.storedGadgetChoice()).toBe(r.id);
  });

  it("opens the report the app path names, and puts the list back in it", async () => {
    const r = report({ name: "Linked" });
    const forge = await forgeHarnessWithLog({ page: "reports", reportInUrl: r.id });
    const page = await forge.host.getPage();
    expect(page).toEqual({ kind: "reports", reportId: r.id });
    const services: Services = { ...makeServices({ api: new FakeApi([r]) }), host: forge.host, page: page.kind };
    render(<App services={services} initialReportId={page.reportId} />);
    expect(await screen.findByRole("heading", { name: "Linked" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "← Reports" }));
    await screen.findByTestId("report-list-row");
    expect(forge.urlReports()).toEqual([null]);
    act(() => forge.userNavigates(r.id));
    expect(await screen.findByRole("heading", { name: "Linked" })).toBeTruthy();
  });
});
