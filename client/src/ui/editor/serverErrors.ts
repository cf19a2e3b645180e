/**
 * Maps a 422 `invalid_report` body onto the editor: each `loc` (FastAPI's start with "body")
 * becomes a dotted path such as `columns.2.field`, which fields and list rows look up.
 */

import type { ApiErrorDetail } from "../common/errors";
import { PANES } from "./EditorTabs";

export type FieldErrors = ReadonlyMap<string, readonly string[]>;

export const NO_ERRORS: FieldErrors = new Map();

/** Keys of the report body the editor's panes show; errors elsewhere go to the banner. */
const EDITOR_KEYS = new Set(PANES.flatMap((pane) => pane.errorPrefixes));

export function pathOf(loc: readonly (string | number)[]): string {
  const parts = loc[0] === "body" ? loc.slice(1) : loc;
  return parts.join(".");
}

export function mapServerErrors(detail: readonly ApiErrorDetail[]): { fields: FieldErrors; unplaced: string[] } {
  const fields = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const item of detail) {
    const path = pathOf(item.loc);
    const top = path.split(".")[0] ?? "";
    if (!EDITOR_KEYS.has(top)) {
      unplaced.push(path ? `${path}: ${item.msg}` : item.msg);
      continue;
    }
    const list = fields.get(path) ?? [];
    list.push(item.msg);
    fields.set(path, list);
  }
  return { fields, unplaced };
}

/** Messages at `path` exactly. */
export function errorsAt(errors: FieldErrors, path: string): readonly string[] {
  return errors.get(path) ?? [];
}

/** Messages at `path` or below it, each prefixed with what is below (`field: …`). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  const out: string[] = [];
  for (const [key, messages] of errors) {
    if (key === path) out.push(...messages);
    else if (key.startsWith(`${path}.`)) {
      const rest = key.slice(path.length + 1).replace(/_/g, " ");
      for (const m of messages) out.push(`${rest}: ${m}`);
    }
  }
  return out;
}

export function countUnder(errors: FieldErrors, prefixes: readonly string[]): number {
  let n = 0;
  for (const [key, messages] of errors) if (prefixes.some((p) => key === p || key.startsWith(`${p}.`))) n += messages.length;
  return n;
}
