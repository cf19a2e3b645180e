// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/api/client";
import { DEFAULT_FAKE_CONTEXT } from "../support/fakeHost";
import { AdminPage } from "../../src/ui/admin/AdminPage";
import { report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

const SITE = DEFAULT_FAKE_CONTEXT.siteUrl;

describe("AdminPage", () => {
  it("downloads every report definition as JSON", async () => {
    const services = makeServices({ page: "admin" });
    renderUi(<AdminPage />, services);
    fireEvent.click(screen.getByRole("button", { name: "Download all reports (JSON)" }));
    await waitFor(() => expect(services.exports.downloads).toHaveLength(1));
    const download = services.exports.downloads[0]!;
    expect(download.filename).toMatch(/^rollbook-export-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(download.data as string).format).toBe("rollbook.report-export");
  });

  it("purges only after the site URL is typed", async () => {
    const api = new FakeApi([report(), report()]);
    const services = makeServices({ api, page: "admin" });
    renderUi(<AdminPage />, services);
    fireEvent.click(screen.getByRole("button", { name: "Remove all Rollbook data…" }));
    const dialog = screen.getByRole("dialog", { name: "Remove all Rollbook data?" });
    const remove = within(dialog).getByRole("button", { name: "Remove permanently" });
    expect(remove.hasAttribute("disabled")).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Site URL"), { target: { value: "https://other.atlassian.net" } });
    expect(remove.hasAttribute("disabled")).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Site URL"), { target: { value: `${SITE}/` } });
    expect(remove.hasAttribute("disabled")).toBe(false);
    fireEvent.click(remove);
    expect(await screen.findByText(/All Rollbook data of this site was removed \(2 reports\)/)).toBeTruthy();
    expect(api.callsTo("adminPurge")).toEqual([[SITE]]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("closes the purge dialog with Esc without purging", async () => {
    const services = makeServices({ page: "admin" });
    renderUi(<AdminPage />, services);
    fireEvent.click(screen.getByRole("button", { name: "Remove all Rollbook data…" }));
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(services.api.callsTo("adminPurge")).toHaveLength(0);
  });

  it("says clearly when the user is not a Jira administrator", async () => {
    const api = new FakeApi().fail("adminExport", new ApiError(403, "jira_admin_required", "only Jira administrators can do this"));
    renderUi(<AdminPage />, makeServices({ api, page: "admin" }));
    fireEvent.click(screen.getByRole("button", { name: "Download all reports (JSON)" }));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Only Jira administrators can do this");
  });

  it.each([
    ["an email address", "security@acme.example", "mailto:security@acme.example"],
    ["an https URL", "https://acme.example/security?via=rollbook&lang=en", "https://acme.example/security?via=rollbook&lang=en"],
  ])("shows the configured security contact: %s", async (_kind, contact, href) => {
    const api = new FakeApi();
    api.securityContactAnswer = { contact, href };
    renderUi(<AdminPage />, makeServices({ api, page: "admin" }));
    const link = await screen.findByTestId("security-contact-link");
    expect(link.textContent).toBe(contact);
    expect(link.getAttribute("href")).toBe(href);
    expect(within(screen.getByTestId("security-contact")).queryByRole("status")).toBeNull();
  });

  it("shows a contact as text, never as markup", async () => {
    const api = new FakeApi();
    const contact = '<img src=x onerror="alert(1)">@acme.example';
    api.securityContactAnswer = { contact, href: "mailto:security@acme.example" };
    renderUi(<AdminPage />, makeServices({ api, page: "admin" }));
    const link = await screen.findByTestId("security-contact-link");
    expect(link.textContent).toBe(contact);
    expect(screen.getByTestId("security-contact").querySelector("img")).toBeNull();
  });

  it("warns when no security contact is configured", async () => {
    renderUi(<AdminPage />, makeServices({ page: "admin" }));
    const card = screen.getByTestId("security-contact");
    const warning = await within(card).findByRole("status");
    expect(warning.textContent).toContain("No security contact is configured.");
    expect(warning.textContent).toContain("ROLLBOOK_SECURITY_CONTACT");
    expect(within(card).queryByRole("link")).toBeNull();
  });

  it("shows a refused purge on the page, once the dialog closed", async () => {
    const api = new FakeApi().fail(
      "adminPurge",
      new ApiError(422, "purge_not_confirmed", "type the site URL exactly to confirm permanent removal"),
    );
    renderUi(<AdminPage />, makeServices({ api, page: "admin" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove all Rollbook data…" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Site URL"), { target: { value: SITE } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove permanently" }));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("type the site URL exactly");
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
