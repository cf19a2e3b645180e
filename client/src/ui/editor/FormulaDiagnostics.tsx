/**
 * Formula errors as the engine reports them (message, 0-based position, length), shown with the
 * line and column and the offending part of the source marked, so the user can find it at once.
 */

import type { Diagnostic } from "../../engine/index";

export function lineAndColumn(source: string, position: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(position, source.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

export function FormulaDiagnostics({ source, errors, testId }: { source: string; errors: readonly Diagnostic[]; testId?: string }) {
  if (errors.length === 0) return null;
  return (
    <ul className="rb-formula-errors" role="alert" data-testid={testId}>
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
              Line {line}, column {column}: {error.message}
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
  );
}
