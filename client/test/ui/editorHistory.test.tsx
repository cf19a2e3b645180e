// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ReportsApp } from "../../src/ui/app/ReportsApp";
import { report } from "./fixtures";
import { FakeApi, makeServices, renderUi } from "./helpers";

/** The report's editor, opened from its viewer. */
async function openEditor(name: string) {
  const r = report({ name });
  const services = makeServices({ api: new FakeApi([r]) });
  renderUi(<ReportsApp initialReportId={r.id} />, services);
  fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
  // The first test loads the editor's lazy chunk.
  await screen.findByLabelText("Name (required)", undefined, { timeout: 10_000 });
  return { r, services, host: services.host };
}

describe("ReportsApp: the editor in the host page's history", () => {
  it("records the editor as its own entry", async () => {
    const { r, host } = await openEditor("Entry");
    expect(host.pageNavigationDetails.at(-1)).toEqual({ reportId: r.id, editing: true, replace: false });
  });

  it("asks before Back drops unsaved edits; keeping them records the editor again", async () => {
    const { r, host } = await openEditor("Asked");
    fireEvent.change(screen.getByLabelText("Name (required)"), { target: { value: "Asked, renamed" } });
    act(() => host.goBackTo(r.id));
    const question = await screen.findByRole("dialog", { name: "Discard unsaved changes?" });
    fireEvent.click(within(question).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect((screen.getByLabelText("Name (required)") as HTMLInputElement).value).toBe("Asked, renamed");
    expect(host.pageNavigationDetails.at(-1)).toEqual({ reportId: r.id, editing: true, replace: false });

    act(() => host.goBackTo(r.id));
    fireEvent.click(await screen.findByRole("button", { name: "Discard changes" }));
    expect(await screen.findByRole("heading", { name: "Asked" })).toBeTruthy();
    expect(screen.queryByLabelText("Name (required)")).toBeNull();
  });

  it("leaves a clean editor on Back without asking", async () => {
    const { r, host } = await openEditor("Clean");
    act(() => host.goBackTo(r.id));
    expect(await screen.findByRole("heading", { name: "Clean" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("puts the viewer in place of the editor's entry after Save, where the host cannot go Back", async () => {
    const { r, host } = await openEditor("Saved");
    fireEvent.change(screen.getByLabelText("Name (required)"), { target: { value: "Saved, renamed" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("heading", { name: "Saved, renamed" })).toBeTruthy();
    expect(host.pageNavigationDetails.at(-1)).toEqual({ reportId: r.id, editing: false, replace: true });
  });

  it("opens the editor when the host's URL names it", async () => {
    const r = report({ name: "Reloaded" });
    const services = makeServices({ api: new FakeApi([r]) });
    renderUi(<ReportsApp initialReportId={r.id} initialEditing />, services);
    expect(((await screen.findByLabelText("Name (required)")) as HTMLInputElement).value).toBe("Reloaded");
  });
});
