/**
 * Questions in Jira's own modal on Forge: `new Modal({context})` opens the app's resource again
 * inside the host's modal, with the question as the modal's custom context (`extension.modal`);
 * that frame answers with `view.close({confirmed, values})`, which the host hands to the opener's
 * `onClose`.
 */

import { answerFor, confirmRequestOf, hasForm } from "./confirmRequest";
import type { ConfirmRequest, DialogAnswer } from "./host";

/** The key of the question in the modal's custom context. */
export const CONFIRM_CONTEXT_KEY = "rollbookConfirm";

export interface ForgeModalOptions {
  readonly size: "small" | "medium";
  readonly context: Record<string, unknown>;
  readonly onClose: (payload?: unknown) => void;
}

/** `@forge/bridge`'s `Modal` class. */
export type ForgeModalClass = new (options: ForgeModalOptions) => { open(): Promise<void> };

/** Forge sizes its modal by name: small (400 px wide, at least 320 px high) holds a question;
 * medium (600 px, at least 520 px) a form. */
export function forgeModalSize(request: ConfirmRequest): ForgeModalOptions["size"] {
  return hasForm(request) ? "medium" : "small";
}

export function askInForgeModal(Modal: ForgeModalClass, request: ConfirmRequest): Promise<DialogAnswer> {
  return new Promise((resolve, reject) => {
    const modal = new Modal({
      size: forgeModalSize(request),
      context: { [CONFIRM_CONTEXT_KEY]: { ...request } },
      onClose: (payload) => resolve(answerFor(request, payload)),
    });
    modal.open().catch(reject);
  });
}

/** The question in a modal frame's `extension.modal` context, or null outside one. */
export function confirmRequestInModal(modal: Readonly<Record<string, unknown>> | undefined): ConfirmRequest | null {
  return confirmRequestOf(modal?.[CONFIRM_CONTEXT_KEY]);
}
