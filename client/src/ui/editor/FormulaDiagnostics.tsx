/**
 * Formula errors as the engine reports them (message, 0-based position, length), shown with the
 * line and column and the offending part of the source marked, so the user can find it at once.
 * Field keys in messages read as the fields' names (`customfield_10016` → `Story Points`).
 */

import type { Diagnostic } from "../../engine/index";

/** Display name of a field key, or undefined for a key the editor does not know. */
export type NameOf = (key: string) => string | undefined;

/** Keys people do not recognise: custom field ids and formula keys, wherever they appear. */
const OPAQUE_KEY = /\b(customfield_\d+|formula_[A-Za-z0-9_]+)\b/g;

/** `message` with quoted field keys, and opaque keys anywhere, replaced by field names. */
export function withFieldNames(message: string, nameOf: NameOf): string {
  // A name several fields share is explained by their keys: those must stay keys.
  if (message.includes("write the key")) return message;
  return message
    .replace(/'([A-Za-z_][A-Za-z0-9_]*)'/g, (whole, key: string) => {
      const name = nameOf(key);
      return name ? `'${name}'` : whole;
    })
    .replace(OPAQUE_KEY, (key: string) => nameOf(key) ?? key);
}

export function lineAndColumn(source: string, position: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(position, source.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

export function FormulaDiagnostics({
  source,
  errors,
  testId,
  nameOf = () => undefined,
}: {
  source: string;
  errors: readonly Diagnostic[];
  testId?: string;
  nameOf?: NameOf;
}) {
  if (errors.length === 0) return null;
  return (
    // The alert wraps the list: role="alert" on the <ul> itself would orphan its items (axe: listitem).
    <div role="alert" data-testid={testId}>
      <ul className="rb-formula-errors">
        {errors.map((error, i) => {
          const { line, column } = lineAndColumn(source, error.position);
          const lineStart = source.lastIndexOf("\n", Math.max(0, error.position - 1)) + 1;
          const lineEndIndex = source.indexOf("\n", error.position);
          const lineEnd = lineEndIndex < 0 ? source.length : lineEndIndex;
          const start = Math.min(error.position, lineEnd);
          const end = Math.min(error.position + error.length, lineEnd);
          return (
            <li key={i} className="rb-field-error" data-position={error.position}>
              <div>
                Line {line}, column {column}: {withFieldNames(error.message, nameOf)}
              </div>
              {lineEnd > lineStart || start === lineEnd ? (
                <code className="rb-formula-snippet">
                  {source.slice(lineStart, start)}
                  <mark>{end > start ? source.slice(start, end) : " "}</mark>
                  {source.slice(end, lineEnd)}
                </code>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
