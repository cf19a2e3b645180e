/**
 * Questions (and their small forms) in the host's own modal: what the opener sends to Connect's
 * AP.dialog and Forge's Modal, what the dialog frame reads back, and how answers (and
 * non-answers) come home.
 */

import { describe, expect, it } from "vitest";
import { answerFor, canConfirm, confirmRequestOf, initialValues, typedMatches } from "../../src/host/confirmRequest";
import type { ConnectAp } from "../../src/host/connectAp";
import { askOverAp, CONFIRM_DIALOG_KEY, closeDialogOverAp, connectDialogSize, dialogRequestOverAp } from "../../src/host/connectDialog";
import { askInForgeModal, CONFIRM_CONTEXT_KEY, confirmRequestInModal, type ForgeModalOptions } from "../../src/host/forgeDialog";
import type { ConfirmRequest } from "../../src/host/host";
import { KEEP_IDS, PEOPLE, SITE } from "../support/dialogForms";

const REQUEST: ConfirmRequest = {
  title: "Move report to trash?",
  message: "Q3 will be moved.",
  confirmLabel: "Move to trash",
  danger: true,
};

/** An import's question: a radio group and a checkbox. */
const IMPORT: ConfirmRequest = {
  title: "Import reports",
  message: "a.json holds 2 reports.",
  confirmLabel: "Import 2 reports",
  danger: false,
  choices: [PEOPLE],
  checks: [KEEP_IDS],
};

/** A purge's question: the site URL must be typed. */
const PURGE: ConfirmRequest = {
  title: "Remove all Rollbook data?",
  message: "Type the site URL.",
  confirmLabel: "Remove permanently",
  danger: true,
  cancelLabel: "Keep my data",
  typeToConfirm: SITE,
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
    ["an import's form", { ...IMPORT }, IMPORT],
    ["a purge's text to type", { ...PURGE }, PURGE],
    [
      "a text to type that anything matches",
      { ...PURGE, typeToConfirm: { ...SITE, expected: null } },
      { ...PURGE, typeToConfirm: { ...SITE, expected: null } },
    ],
    ["a cancel label that is not text", { ...REQUEST, cancelLabel: 3 }, null],
    ["a choice whose initial value is no option", { ...IMPORT, choices: [{ ...PEOPLE, initial: "everyone" }] }, null],
    ["a choice of one option", { ...IMPORT, choices: [{ ...PEOPLE, options: [PEOPLE.options[0]] }] }, null],
    ["a choice with an option twice", { ...IMPORT, choices: [{ ...PEOPLE, options: [PEOPLE.options[0], PEOPLE.options[0]] }] }, null],
    ["an option without a label", { ...IMPORT, choices: [{ ...PEOPLE, options: [{ value: "keep" }, PEOPLE.options[1]] }] }, null],
    ["a check whose initial state is text", { ...IMPORT, checks: [{ ...KEEP_IDS, initial: "no" }] }, null],
    ["a field name that is not a name", { ...IMPORT, checks: [{ ...KEEP_IDS, name: "keep ids<" }] }, null],
    ["two fields of one name", { ...IMPORT, checks: [{ ...KEEP_IDS, name: "people" }] }, null],
    ["choices that are not a list", { ...IMPORT, choices: PEOPLE }, null],
    ["nine checks", { ...REQUEST, checks: Array.from({ length: 9 }, (_, i) => ({ ...KEEP_IDS, name: `c${i}` })) }, null],
    ["a message past 2,000 characters", { ...REQUEST, message: "x".repeat(2001) }, null],
    ["a text to type without a label", { ...PURGE, typeToConfirm: { name: "siteUrl", expected: "x" } }, null],
  ])("reads %s", (_name, value, expected) => {
    expect(confirmRequestOf(value)).toEqual(expected);
  });

  it("keeps only the known parts of a request", () => {
    expect(confirmRequestOf({ ...REQUEST, html: "<b>x</b>", onConfirm: "alert(1)" })).toEqual(REQUEST);
  });

  it.each([
    ["the expected text", "https://acme.atlassian.net", "https://acme.atlassian.net", true],
    ["spaces and a trailing slash", "  https://acme.atlassian.net/ ", "https://acme.atlassian.net", true],
    ["another site", "https://other.atlassian.net", "https://acme.atlassian.net", false],
    ["a prefix", "https://acme.atlassian", "https://acme.atlassian.net", false],
    ["nothing", "  ", "https://acme.atlassian.net", false],
    ["any text where nothing is expected", "x", null, true],
    ["nothing where nothing is expected", "", null, false],
  ])("typed text matches: %s", (_name, typed, expected, matches) => {
    expect(typedMatches(typed, expected)).toBe(matches);
  });

  it("starts a form at its initial values and confirms only with the expected text", () => {
    expect(initialValues(IMPORT)).toEqual({ people: "keep", keepIds: false });
    expect(initialValues(PURGE)).toEqual({ siteUrl: "" });
    expect(canConfirm(IMPORT, initialValues(IMPORT))).toBe(true);
    expect(canConfirm(PURGE, initialValues(PURGE))).toBe(false);
    expect(canConfirm(PURGE, { siteUrl: "https://acme.atlassian.net/" })).toBe(true);
  });

  it.each([
    ["a confirmation", REQUEST, { confirmed: true }, { confirmed: true, values: {} }],
    ["a cancel", REQUEST, { confirmed: false }, { confirmed: false, values: {} }],
    ["a truthy word", REQUEST, { confirmed: "yes" }, { confirmed: false, values: {} }],
    ["a close without an answer", IMPORT, undefined, { confirmed: false, values: { people: "keep", keepIds: false } }],
    [
      "the form's values",
      IMPORT,
      { confirmed: true, values: { people: "importer_only", keepIds: true } },
      { confirmed: true, values: { people: "importer_only", keepIds: true } },
    ],
    [
      "values that do not fit (initial ones instead), and unknown names dropped",
      IMPORT,
      { confirmed: true, values: { people: "everyone", keepIds: "yes", admin: true } },
      { confirmed: true, values: { people: "keep", keepIds: false } },
    ],
    [
      "the typed text",
      PURGE,
      { confirmed: true, values: { siteUrl: "https://acme.atlassian.net" } },
      { confirmed: true, values: { siteUrl: "https://acme.atlassian.net" } },
    ],
    [
      "a confirmation with the wrong text (no)",
      PURGE,
      { confirmed: true, values: { siteUrl: "https://other.atlassian.net" } },
      { confirmed: false, values: { siteUrl: "https://other.atlassian.net" } },
    ],
    ["a confirmation with nothing typed (no)", PURGE, { confirmed: true }, { confirmed: false, values: { siteUrl: "" } }],
  ])("reads the dialog's answer: %s", (_name, request, payload, expected) => {
    expect(answerFor(request, payload)).toEqual(expected);
  });
});

describe("Connect: AP.dialog", () => {
  it.each([true, false])("opens the confirm module with the question and resolves with the dialog frame's answer (%s)", async (answer) => {
    const { ap, created, listenerCount } = fakeAp();
    const asked = askOverAp(ap, REQUEST);
    expect(created).toEqual([{ key: CONFIRM_DIALOG_KEY, customData: REQUEST, chrome: false, ...connectDialogSize(REQUEST) }]);
    // The dialog frame (same AP here) reads the question and answers.
    await expect(dialogRequestOverAp(ap)).resolves.toEqual(REQUEST);
    closeDialogOverAp(ap, answer);
    await expect(asked).resolves.toEqual({ confirmed: answer, values: {} });
    expect(listenerCount()).toBe(0);
  });

  it("carries a form there and its values back", async () => {
    const { ap } = fakeAp();
    const asked = askOverAp(ap, IMPORT);
    const shown = await dialogRequestOverAp(ap);
    expect(shown).toEqual(IMPORT);
    closeDialogOverAp(ap, true, { ...initialValues(shown), people: "importer_only" });
    await expect(asked).resolves.toEqual({ confirmed: true, values: { people: "importer_only", keepIds: false } });
  });

  it.each([
    ["a short question", REQUEST, "480px", 220, 260],
    ["a long question", { ...REQUEST, message: "x".repeat(400) }, "480px", 300, 560],
    ["a form", IMPORT, "600px", 300, 400],
    ["a text to type", PURGE, "600px", 300, 400],
    [
      "a form longer than the page",
      { ...IMPORT, checks: Array.from({ length: 8 }, (_, i) => ({ ...KEEP_IDS, name: `c${i}`, label: "x".repeat(300) })) },
      "600px",
      560,
      560,
    ],
  ])("sizes the dialog to its content: %s", (_name, request, width, least, most) => {
    const size = connectDialogSize(request);
    expect(size.width).toBe(width);
    const height = Number.parseInt(size.height, 10);
    expect(height).toBeGreaterThanOrEqual(least);
    expect(height).toBeLessThanOrEqual(most);
  });

  it("reads a close without an answer (Esc on the host's dialog) as no", async () => {
    const { ap } = fakeAp();
    const asked = askOverAp(ap, PURGE);
    ap.dialog?.close();
    await expect(asked).resolves.toEqual({ confirmed: false, values: { siteUrl: "" } });
  });

  it("refuses where the page has no dialogs, and a dialog frame without a question", async () => {
    await expect(askOverAp({} as ConnectAp, REQUEST)).rejects.toThrow(/no dialogs/);
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
    const asked = askInForgeModal(Modal, REQUEST);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.size).toBe("small");
    expect(confirmRequestInModal(opened[0]!.context)).toEqual(REQUEST);
    opened[0]!.onClose(payload);
    await expect(asked).resolves.toEqual({ confirmed: expected, values: {} });
  });

  it("opens a medium modal for a form and reads its values against the request", async () => {
    const { Modal, opened } = fakeModal();
    const asked = askInForgeModal(Modal, PURGE);
    expect(opened[0]!.size).toBe("medium");
    expect(confirmRequestInModal(opened[0]!.context)).toEqual(PURGE);
    opened[0]!.onClose({ confirmed: true, values: { siteUrl: "https://acme.atlassian.net/" } });
    await expect(asked).resolves.toEqual({ confirmed: true, values: { siteUrl: "https://acme.atlassian.net/" } });
  });

  it("rejects when the host cannot open the modal", async () => {
    const { Modal } = fakeModal(() => Promise.reject(new Error("Unable to open modal.")));
    await expect(askInForgeModal(Modal, REQUEST)).rejects.toThrow("Unable to open modal.");
  });

  it("finds no question outside a modal or in another modal", () => {
    expect(confirmRequestInModal(undefined)).toBeNull();
    expect(confirmRequestInModal({ other: REQUEST })).toBeNull();
    expect(confirmRequestInModal({ [CONFIRM_CONTEXT_KEY]: REQUEST })).toEqual(REQUEST);
  });
});
