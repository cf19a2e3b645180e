/**
 * Confirmations in Jira's own modal on Connect: `AP.dialog.create` opens the descriptor's
 * `confirm` dialog module (the app's `confirm` page) with the question as custom data; that frame
 * answers with `AP.dialog.close({confirmed})`, which the host broadcasts to the app's frames as
 * the `dialog.close` event.
 */

import { confirmedIn, confirmRequestOf } from "./confirmRequest";
import { callAp, type ConnectAp } from "./connectAp";
import type { ConfirmRequest } from "./host";

/** The descriptor's dialog module (`connect/descriptor.py`). */
export const CONFIRM_DIALOG_KEY = "confirm";

export function confirmOverAp(ap: ConnectAp, request: ConfirmRequest): Promise<boolean> {
  const { dialog, events } = ap;
  if (!dialog || !events) return Promise.reject(new Error("This Jira page has no dialogs."));
  return new Promise((resolve) => {
    const onClose = (answer: unknown) => {
      events.off?.("dialog.close", onClose);
      resolve(confirmedIn(answer));
    };
    events.on("dialog.close", onClose);
    dialog.create({ key: CONFIRM_DIALOG_KEY, customData: { ...request }, chrome: false, width: "480px", height: "220px" });
  });
}

export async function dialogRequestOverAp(ap: ConnectAp): Promise<ConfirmRequest> {
  const getCustomData = ap.dialog?.getCustomData;
  if (typeof getCustomData !== "function") throw new Error("This frame is not a dialog.");
  const request = confirmRequestOf(await callAp<unknown>((callback) => getCustomData.call(ap.dialog, callback)));
  if (!request) throw new Error("The dialog was opened without a question.");
  return request;
}

export function closeDialogOverAp(ap: ConnectAp, confirmed: boolean): void {
  ap.dialog?.close({ confirmed });
}
