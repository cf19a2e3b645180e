// @vitest-environment jsdom
/**
 * ConfirmDialog asks in the host's modal when the host has one (the question as plain text, one
 * dialog per mount, the answer routed to onConfirm/onCancel), and inside the frame otherwise; the
 * `confirm` page shows the host's question and answers it.
 */

import { fireEvent, screen, waitFor } from "@testing-library/react";
import { type ReactNode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ConfirmRequest } from "../../src/host/host";
import { ConfirmScreen } from "../../src/ui/common/ConfirmScreen";
import { ConfirmDialog } from "../../src/ui/common/Dialog";
import { flush, makeServices, renderUi } from "./helpers";

function withHostDialog(answer: Promise<boolean>) {
  const services = makeServices();
  const asked: ConfirmRequest[] = [];
  const host = Object.assign(services.host, {
    confirm: (request: ConfirmRequest) => {
      asked.push(request);
      return answer;
    },
  });
  return { services: { ...services, host }, asked };
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

  it("asks inside the frame where the host has no dialog", () => {
    const onConfirm = vi.fn();
    renderUi(question(onConfirm, vi.fn()), makeServices());
    expect(screen.getByRole("dialog", { name: "Move report to trash?" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Move to trash" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});

describe("the confirm page", () => {
  function dialogFrame(request: Promise<ConfirmRequest>) {
    const services = makeServices({ page: "confirm" });
    const closed: boolean[] = [];
    Object.assign(services.host, { dialogRequest: () => request, closeDialog: (confirmed: boolean) => closed.push(confirmed) });
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

  it("offers a way out when the question is lost", async () => {
    const closed = dialogFrame(Promise.reject(new Error("no question")));
    fireEvent.click(await screen.findByRole("button", { name: "Close" }));
    expect(closed).toEqual([false]);
  });
});
