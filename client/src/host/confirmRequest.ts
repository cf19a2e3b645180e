/**
 * A `ConfirmRequest` as it crosses frames: the opener sends it through the host (Connect's dialog
 * custom data, Forge's modal context) and the dialog frame reads it back. What arrives is only
 * trusted as far as its shape: text fields, nothing else.
 */

import type { ConfirmRequest } from "./host";

/** The request in `value`, or null when it is not one. */
export function confirmRequestOf(value: unknown): ConfirmRequest | null {
  if (typeof value !== "object" || value === null) return null;
  const { title, message, confirmLabel, danger } = value as Record<string, unknown>;
  if (typeof title !== "string" || typeof message !== "string" || typeof confirmLabel !== "string") return null;
  return { title, message, confirmLabel, danger: danger === true };
}

/** What the dialog frame answers with; anything else (Esc on the host's overlay) is "no". */
export function confirmedIn(answer: unknown): boolean {
  return typeof answer === "object" && answer !== null && (answer as { confirmed?: unknown }).confirmed === true;
}
