/**
 * Confirmations in the host's own modal: what the opener sends to Connect's AP.dialog and Forge's
 * Modal, what the dialog frame reads back, and how answers (and non-answers) come home.
 */

import { describe, expect, it } from "vitest";
import { confirmedIn, confirmRequestOf } from "../../src/host/confirmRequest";
import type { ConnectAp } from "../../src/host/connectAp";
import { CONFIRM_DIALOG_KEY, closeDialogOverAp, confirmOverAp, dialogRequestOverAp } from "../../src/host/connectDialog";
import { CONFIRM_CONTEXT_KEY, confirmInForgeModal, confirmRequestInModal, type ForgeModalOptions } from "../../src/host/forgeDialog";
import type { ConfirmRequest } from "../../src/host/host";

const REQUEST: ConfirmRequest = {
  title: "Move report to trash?",
  message: "Q3 will be moved.",
  confirmLabel: "Move to trash",
  danger: true,
};

/** An AP whose dialog and events behave like connect-host's: close broadcasts `dialog.close`. */
function fakeAp() {
  const listeners = new Map<string, Set<(event: unknown) => void>>();
  const created: unknown[] = [];
  let customData: unknown;
  const ap = {
    events: {
      on: (name: string, listener: (event: unknown) => void) => listeners.set(name, (listeners.get(name) ?? new Set()).add(listener)),
      off: (name: string, listener: (event: unknown) => void) => listeners.get(name)?.delete(listener),
    },
    dialog: {
      create: (options: { customData?: unknown }) => {
        created.push(options);
        customData = options.customData;
      },
      getCustomData: (callback: (data: unknown) => void) => callback(customData),
      close: (data?: unknown) => {
        for (const listener of [...(listeners.get("dialog.close") ?? [])]) listener(data);
      },
    },
  } as unknown as ConnectAp;
  return { ap, created, listenerCount: () => listeners.get("dialog.close")?.size ?? 0 };
}

describe("confirm requests crossing frames", () => {
  it.each([
    ["a request", { ...REQUEST }, REQUEST],
    ["no danger flag", { title: "t", message: "m", confirmLabel: "c" }, { title: "t", message: "m", confirmLabel: "c", danger: false }],
    ["a missing label", { title: "t", message: "m" }, null],
    ["a number for text", { title: 1, message: "m", confirmLabel: "c" }, null],
    ["nothing", undefined, null],
  ])("reads %s", (_name, value, expected) => {
    expect(confirmRequestOf(value)).toEqual(expected);
  });

  it.each([
    [{ confirmed: true }, true],
    [{ confirmed: false }, false],
    [{ confirmed: "yes" }, false],
    [undefined, false],
  ])("treats %j as confirmed: %s", (answer, expected) => {
    expect(confirmedIn(answer)).toBe(expected);
  });
});

describe("Connect: AP.dialog", () => {
  it.each([true, false])("opens the confirm module with the question and resolves with the dialog frame's answer (%s)", async (answer) => {
    const { ap, created, listenerCount } = fakeAp();
    const asked = confirmOverAp(ap, REQUEST);
    expect(created).toEqual([{ key: CONFIRM_DIALOG_KEY, customData: REQUEST, chrome: false, width: "480px", height: "220px" }]);
    // The dialog frame (same AP here) reads the question and answers.
    await expect(dialogRequestOverAp(ap)).resolves.toEqual(REQUEST);
    closeDialogOverAp(ap, answer);
    await expect(asked).resolves.toBe(answer);
    expect(listenerCount()).toBe(0);
  });

  it("reads a close without an answer (Esc on the host's dialog) as no", async () => {
    const { ap } = fakeAp();
    const asked = confirmOverAp(ap, REQUEST);
    ap.dialog?.close();
    await expect(asked).resolves.toBe(false);
  });

  it("refuses where the page has no dialogs, and a dialog frame without a question", async () => {
    await expect(confirmOverAp({} as ConnectAp, REQUEST)).rejects.toThrow(/no dialogs/);
    const { ap } = fakeAp();
    await expect(dialogRequestOverAp(ap)).rejects.toThrow(/without a question/);
  });
});

describe("Forge: Modal", () => {
  function fakeModal(open: () => Promise<void> = async () => undefined) {
    const opened: ForgeModalOptions[] = [];
    class Modal {
      constructor(readonly options: ForgeModalOptions) {}
      open() {
        opened.push(this.options);
        return open();
      }
    }
    return { Modal, opened };
  }

  it.each([
    [{ confirmed: true }, true],
    [{ confirmed: false }, false],
    [undefined, false],
  ])("opens a small modal with the question and resolves with onClose(%j)", async (payload, expected) => {
    const { Modal, opened } = fakeModal();
    const asked = confirmInForgeModal(Modal, REQUEST);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.size).toBe("small");
    expect(confirmRequestInModal(opened[0]!.context)).toEqual(REQUEST);
    opened[0]!.onClose(payload);
    await expect(asked).resolves.toBe(expected);
  });

  it("rejects when the host cannot open the modal", async () => {
    const { Modal } = fakeModal(() => Promise.reject(new Error("Unable to open modal.")));
    await expect(confirmInForgeModal(Modal, REQUEST)).rejects.toThrow("Unable to open modal.");
  });

  it("finds no question outside a modal or in another modal", () => {
    expect(confirmRequestInModal(undefined)).toBeNull();
    expect(confirmRequestInModal({ other: REQUEST })).toBeNull();
    expect(confirmRequestInModal({ [CONFIRM_CONTEXT_KEY]: REQUEST })).toEqual(REQUEST);
  });
});
