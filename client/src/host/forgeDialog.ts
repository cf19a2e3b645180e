/**
 * Confirmations in Jira's own modal on Forge: `new Modal({context})` opens the app's resource
 * again inside the host's modal, with the question as the modal's custom context
 * (`extension.modal`); that frame answers with `view.close({confirmed})`, which the host hands to
 * the opener's `onClose`.
 */

import { confirmedIn, confirmRequestOf } from "./confirmRequest";
import type { ConfirmRequest } from "./host";

/** The key of the question in the modal's custom context. */
export const CONFIRM_CONTEXT_KEY = "rollbookConfirm";

export interface ForgeModalOptions {
  readonly size: "small" | "medium";
  readonly context: Record<string, unknown>;
  readonly onClose: (payload?: unknown) => void;
}

/** `@forge/bridge`'s `Modal` class. */
export type ForgeModalClass = new (options: ForgeModalOptions) => { open(): Promise<void> };

export function confirmInForgeModal(Modal: ForgeModalClass, request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const modal = new Modal({
      size: "small",
      context: { [CONFIRM_CONTEXT_KEY]: { ...request } },
      onClose: (payload) => resolve(confirmedIn(payload)),
    });
    modal.open().catch(reject);
  });
}

/** The question in a modal frame's `extension.modal` context, or null outside one. */
export function confirmRequestInModal(modal: Readonly<Record<string, unknown>> | undefined): ConfirmRequest | null {
  return confirmRequestOf(modal?.[CONFIRM_CONTEXT_KEY]);
}
