// @vitest-environment jsdom
/**
 * ConfirmDialog asks in the host's modal when the host has one (the question as plain text, its
 * form as data, one dialog per mount, the answer and the form's values routed to
 * onConfirm/onCancel), and inside the frame otherwise; the `confirm` page shows the host's
 * question and form and answers with the values.
 */

import { fireEvent, screen, waitFor } from "@testing-library/react";
import { type ReactNode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ConfirmRequest, DialogAnswer, DialogValues } from "../../src/host/host";
import { ConfirmScreen } from "../../src/ui/common/ConfirmScreen";
import { ConfirmDialog } from "../../src/ui/common/Dialog";
import { flush, makeServices, renderUi } from "./helpers";
import { KEEP_IDS, PEOPLE, SITE } from "../support/dialogForms";

function withHostDialog(answer: Promise<boolean | DialogAnswer>) {
  const services = makeServices();
  const asked: ConfirmRequest[] = [];
  const host = Object.assign(services.host, {
    ask: async (request: ConfirmRequest): Promise<DialogAnswer> => {
      asked.push(request);
      const given = await answer;
      return typeof given === "boolean" ? { confirmed: given, values: {} } : given;
    },
  });
  return { services: { ...services, host }, asked };
}

function importQuestion(onConfirm: (values: DialogValues) => void, onCancel: () => void) {
  return (
    <ConfirmDialog
      title="Import reports"
      confirmLabel="Import 2 reports"
      choices={[PEOPLE]}
      checks={[KEEP_IDS]}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>a.json holds 2 reports.</p>
    </ConfirmDialog>
  );
}

function purgeQuestion(onConfirm: (values: DialogValues) => void, onCancel: () => void) {
  return (
    <ConfirmDialog
      title="Remove all data?"
      confirmLabel="Remove permanently"
      danger
      typeToConfirm={SITE}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>Type the site URL.</p>
    </ConfirmDialog>
  );
}

/** Re-renders its children on demand: a re-render must not open a second dialog. */
function Rerendering({ children }: { children: ReactNode }) {
  const [count, setCount] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setCount(count + 1)}>
        Re-render
      </button>
      {children}
    </>
  );
}

function question(onConfirm: () => void, onCancel: () => void) {
  return (
    <ConfirmDialog title="Move report to trash?" confirmLabel="Move to trash" danger onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        <strong>Q3 plan</strong> will be moved to the trash.
      </p>
    </ConfirmDialog>
  );
}

describe("ConfirmDialog", () => {
  it.each([
    [true, "onConfirm"],
    [false, "onCancel"],
  ])("asks once in the host's dialog with the children's text; answer %s calls %s", async (answer, called) => {
    const { services, asked } = withHostDialog(Promise.resolve(answer));
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    renderUi(<Rerendering>{question(onConfirm, onCancel)}</Rerendering>, services);
    fireEvent.click(screen.getByRole("button", { name: "Re-render" }));
    await flush();
    expect(asked).toEqual([
      { title: "Move report to trash?", message: "Q3 plan will be moved to the trash.", confirmLabel: "Move to trash", danger: true },
    ]);
    expect((called === "onConfirm" ? onConfirm : onCancel).mock.calls).toHaveLength(1);
    expect((called === "onConfirm" ? onCancel : onConfirm).mock.calls).toHaveLength(0);
    // Nothing of the question shows in the frame: the host's dialog has it.
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("sends paragraphs a blank line apart, and the confirm page shows them apart", async () => {
    const { services, asked } = withHostDialog(Promise.resolve(false));
    renderUi(
      <ConfirmDialog
        title="This report changed"
        confirmLabel="Reload their version"
        cancelLabel="Keep editing"
        onConfirm={vi.fn()}
        onCancel={vi.fn()}
      >
        <p>Ada saved this report.</p>
        <p className="rb-subtle">
          Reload <em>their</em> version.
        </p>
      </ConfirmDialog>,
      services,
    );
    await flush();
    expect(asked[0]?.message).toBe("Ada saved this report.\n\nReload their version.");
    expect(asked[0]?.cancelLabel).toBe("Keep editing");
  });

  it("treats a host dialog that failed to open as a cancel", async () => {
    const { services } = withHostDialog(Promise.reject(new Error("Unable to open modal.")));
    const onCancel = vi.fn();
    renderUi(question(vi.fn(), onCancel), services);
    await waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
  });

  it("ignores an answer that comes after the screen moved on", async () => {
    let answer: (confirmed: boolean) => void = () => undefined;
    const { services } = withHostDialog(new Promise((resolve) => (answer = resolve)));
    const onConfirm = vi.fn();
    const view = renderUi(question(onConfirm, vi.fn()), services);
    view.unmount();
    answer(true);
    await flush();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("sends the form with the question and hands its values to onConfirm", async () => {
    const values = { people: "importer_only", keepIds: true };
    const { services, asked } = withHostDialog(Promise.resolve({ confirmed: true, values }));
    const onConfirm = vi.fn();
    renderUi(importQuestion(onConfirm, vi.fn()), services);
    await flush();
    expect(asked).toEqual([
      {
        title: "Import reports",
        message: "a.json holds 2 reports.",
        confirmLabel: "Import 2 reports",
        danger: false,
        choices: [PEOPLE],
        checks: [KEEP_IDS],
      },
    ]);
    expect(onConfirm.mock.calls).toEqual([[values]]);
  });

  it("asks inside the frame where the host has no dialog", () => {
    const onConfirm = vi.fn();
    renderUi(question(onConfirm, vi.fn()), makeServices());
    expect(screen.getByRole("dialog", { name: "Move report to trash?" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Move to trash" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});

describe("ConfirmDialog's form inside the frame", () => {
  it("starts on the first choice and confirms with the values chosen", () => {
    const onConfirm = vi.fn();
    renderUi(importQuestion(onConfirm, vi.fn()), makeServices());
    const dialog = screen.getByRole("dialog", { name: "Import reports" });
    expect(document.activeElement).toBe(screen.getByRole("radio", { name: "Keep as exported" }));
    fireEvent.click(screen.getByRole("radio", { name: "Only me" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Keep report ids" }));
    fireEvent.click(screen.getByRole("button", { name: "Import 2 reports" }));
    expect(onConfirm.mock.calls).toEqual([[{ people: "importer_only", keepIds: true }]]);
    expect(dialog).toBeTruthy();
  });

  it("enables the confirm button, and Enter, only for the expected text", () => {
    const onConfirm = vi.fn();
    renderUi(purgeQuestion(onConfirm, vi.fn()), makeServices());
    const field = screen.getByLabelText("Site URL");
    const remove = screen.getByRole("button", { name: "Remove permanently" });
    expect(document.activeElement).toBe(field);
    expect(remove.hasAttribute("disabled")).toBe(true);
    fireEvent.change(field, { target: { value: "https://other.atlassian.net" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: "https://acme.atlassian.net/" } });
    expect(remove.hasAttribute("disabled")).toBe(false);
    fireEvent.keyDown(field, { key: "Enter" });
    expect(onConfirm.mock.calls).toEqual([[{ siteUrl: "https://acme.atlassian.net/" }]]);
  });
});

describe("the confirm page", () => {
  function dialogFrame(request: Promise<ConfirmRequest>, answers: DialogAnswer[] = []) {
    const services = makeServices({ page: "confirm" });
    const closed: boolean[] = [];
    Object.assign(services.host, {
      dialogRequest: () => request,
      closeDialog: (confirmed: boolean, values: DialogValues = {}) => {
        closed.push(confirmed);
        answers.push({ confirmed, values });
      },
    });
    renderUi(<ConfirmScreen />, services);
    return closed;
  }
  const REQUEST = {
    title: "Discard unsaved changes?",
    message: "Your changes have not been saved.",
    confirmLabel: "Discard changes",
    danger: true,
  };

  it.each([
    ["Discard changes", true],
    ["Cancel", false],
  ])("shows the question; %s answers %s", async (button, confirmed) => {
    const closed = dialogFrame(Promise.resolve(REQUEST));
    expect(await screen.findByRole("heading", { name: REQUEST.title })).toBeTruthy();
    expect(screen.getByText(REQUEST.message)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: button }));
    expect(closed).toEqual([confirmed]);
  });

  it("answers no on Escape", async () => {
    const closed = dialogFrame(Promise.resolve(REQUEST));
    fireEvent.keyDown(await screen.findByRole("button", { name: "Cancel" }), { key: "Escape" });
    expect(closed).toEqual([false]);
  });

  it("shows a message's paragraphs apart", async () => {
    dialogFrame(Promise.resolve({ ...REQUEST, message: "Ada saved this report.\n\nReload their version." }));
    expect(await screen.findByText("Ada saved this report.")).toBeTruthy();
    expect(screen.getByText("Reload their version.").tagName).toBe("P");
  });

  it("offers a way out when the question is lost", async () => {
    const closed = dialogFrame(Promise.reject(new Error("no question")));
    fireEvent.click(await screen.findByRole("button", { name: "Close" }));
    expect(closed).toEqual([false]);
  });

  it("shows a form's choices and answers with the values chosen", async () => {
    const answers: DialogAnswer[] = [];
    dialogFrame(
      Promise.resolve({
        title: "Import reports",
        message: "a.json holds 2 reports.",
        confirmLabel: "Import 2 reports",
        choices: [PEOPLE],
        checks: [KEEP_IDS],
      }),
      answers,
    );
    // A form to fill in is a dialog, not an alert; focus starts on its first field.
    expect(await screen.findByRole("dialog", { name: "Import reports" })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("radio", { name: "Keep as exported" })));
    expect(screen.getByRole("group", { name: "People" })).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: "Only me" }));
    fireEvent.click(screen.getByRole("button", { name: "Import 2 reports" }));
    expect(answers).toEqual([{ confirmed: true, values: { people: "importer_only", keepIds: false } }]);
  });

  it("waits for the expected text; Enter in the field then confirms, Escape cancels", async () => {
    const answers: DialogAnswer[] = [];
    dialogFrame(
      Promise.resolve({
        title: "Remove all data?",
        message: "Type the site URL.",
        confirmLabel: "Remove permanently",
        danger: true,
        cancelLabel: "Keep my data",
        typeToConfirm: SITE,
      }),
      answers,
    );
    const field = await screen.findByLabelText("Site URL");
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.getByRole("alertdialog", { name: "Remove all data?" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Remove permanently" }).hasAttribute("disabled")).toBe(true);
    fireEvent.change(field, { target: { value: "https://acme" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(answers).toEqual([]);
    fireEvent.keyDown(field, { key: "Escape" });
    expect(answers).toEqual([{ confirmed: false, values: { siteUrl: "https://acme" } }]);
    fireEvent.change(field, { target: { value: "https://acme.atlassian.net" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(answers.at(-1)).toEqual({ confirmed: true, values: { siteUrl: "https://acme.atlassian.net" } });
    fireEvent.click(screen.getByRole("button", { name: "Keep my data" }));
    expect(answers.at(-1)?.confirmed).toBe(false);
  });
});
