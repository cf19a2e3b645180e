/**
 * Questions in Jira's own modal on Connect: `AP.dialog.create` opens the descriptor's `confirm`
 * dialog module (the app's `confirm` page) with the question as custom data; that frame answers
 * with `AP.dialog.close({confirmed, values})`, which the host broadcasts to the app's frames as the
 * `dialog.close` event.
 */

import { answerFor, confirmRequestOf, hasForm } from "./confirmRequest";
import { callAp, type ConnectAp } from "./connectAp";
import type { ConfirmRequest, DialogAnswer, DialogValues } from "./host";

/** The descriptor's dialog module (`connect/descriptor.py`). */
export const CONFIRM_DIALOG_KEY = "confirm";

/** Pixels the confirm page's parts take (its CSS), for sizing the dialog to its content. */
const CHROME = 32 + 60 + 16 + 72; // frame padding, title, body padding, buttons
const PARAGRAPH = 28; // the message's margins
const LINE = 20;
const CHAR = 7.5; // an average character of 14 px text, rounded up
const TEXT_FIELD = 56 + 16; // label, input, margin
const LEGEND = 20 + 16; // a radio group's legend and margin
const SLACK = 16;
const MIN_HEIGHT = 220;
const MAX_HEIGHT = 560;

/** Connect gives a dialog the size it is asked for, and `chrome: false` leaves the frame the
 * whole of it: a question gets 480 px, a form 600 px, each the height its text and fields take
 * (a taller one scrolls inside, between title and buttons). */
export function connectDialogSize(request: ConfirmRequest): { width: string; height: string } {
  const width = hasForm(request) ? 600 : 480;
  const perLine = Math.floor((width - 48) / CHAR);
  const lines = (text: string, indent = 0): number => Math.max(1, Math.ceil(text.length / (perLine - indent)));
  // Paragraphs (a blank line apart in the message) are 14 px apart.
  const paragraphs = request.message.split(/\n{2,}/);
  let height = CHROME + PARAGRAPH + (paragraphs.length - 1) * 14 + SLACK;
  for (const paragraph of paragraphs) height += lines(paragraph) * LINE;
  if (request.typeToConfirm) height += TEXT_FIELD;
  for (const choice of request.choices ?? []) {
    height += LEGEND;
    for (const option of choice.options) height += lines(option.label, 4) * LINE + 6;
  }
  for (const check of request.checks ?? []) height += lines(check.label, 4) * LINE + 4;
  return { width: `${width}px`, height: `${Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height))}px` };
}

export function askOverAp(ap: ConnectAp, request: ConfirmRequest): Promise<DialogAnswer> {
  const { dialog, events } = ap;
  if (!dialog || !events) return Promise.reject(new Error("This Jira page has no dialogs."));
  return new Promise((resolve) => {
    const onClose = (answer: unknown) => {
      events.off?.("dialog.close", onClose);
      resolve(answerFor(request, answer));
    };
    events.on("dialog.close", onClose);
    dialog.create({ key: CONFIRM_DIALOG_KEY, customData: { ...request }, chrome: false, ...connectDialogSize(request) });
  });
}

export async function dialogRequestOverAp(ap: ConnectAp): Promise<ConfirmRequest> {
  const getCustomData = ap.dialog?.getCustomData;
  if (typeof getCustomData !== "function") throw new Error("This frame is not a dialog.");
  const request = confirmRequestOf(await callAp<unknown>((callback) => getCustomData.call(ap.dialog, callback)));
  if (!request) throw new Error("The dialog was opened without a question.");
  return request;
}

export function closeDialogOverAp(ap: ConnectAp, confirmed: boolean, values: DialogValues = {}): void {
  ap.dialog?.close({ confirmed, values: { ...values } });
}
