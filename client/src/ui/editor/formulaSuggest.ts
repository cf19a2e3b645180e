/**
 * Field-name autocomplete for formula text: what the user is typing at the cursor (after `[`, or
 * a bare word of two or more letters), which fields match it by display name or key, and the
 * text after picking one. Pure, so the rules are unit-tested without a browser.
 */

import { createFieldNameResolver, fieldReference, type NamedField } from "../../engine/formulas/fieldNames";

export interface SuggestionQuery {
  /** Range of the source the picked field replaces. */
  readonly start: number;
  readonly end: number;
  /** What to match names against. */
  readonly text: string;
  /** True after `[`: any part of a name matches; a bare word matches the start of a name's words. */
  readonly bracket: boolean;
}

/** Words of the language itself: typing them suggests nothing. */
const KEYWORDS = new Set(["and", "or", "not", "true", "false"]);

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const MIN_WORD = 2;

/** Inside a string literal or a `//` comment nothing is suggested. */
function inStringOrComment(line: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "/" && line[i + 1] === "/") return true;
  }
  return quote !== null;
}

export function queryAt(source: string, cursor: number): SuggestionQuery | null {
  const lineStart = source.lastIndexOf("\n", cursor - 1) + 1;
  const before = source.slice(lineStart, cursor);
  const open = before.lastIndexOf("[");
  if (open >= 0 && !before.slice(open).includes("]")) {
    if (inStringOrComment(before.slice(0, open))) return null;
    const end = source[cursor] === "]" ? cursor + 1 : cursor;
    return { start: lineStart + open, end, text: before.slice(open + 1), bracket: true };
  }
  if (inStringOrComment(before)) return null;
  let start = cursor;
  while (start > lineStart && isWordChar(source[start - 1])) start--;
  const word = source.slice(start, cursor);
  // A word that starts with a digit is a number; one before '(' is a function name.
  if (word.length < MIN_WORD || /^[0-9]/.test(word) || KEYWORDS.has(word.toLowerCase())) return null;
  if (isWordChar(source[cursor]) || source[cursor] === "(") return null;
  return { start, end: cursor, text: word, bracket: false };
}

const normalize = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();

/** Fields whose name (or key) matches the query; names starting with it first, then by name. */
export function matchFields<F extends NamedField>(fields: readonly F[], query: Pick<SuggestionQuery, "text" | "bracket">, limit = 8): F[] {
  const q = normalize(query.text);
  const ranked: { field: F; rank: number }[] = [];
  for (const field of fields) {
    const name = normalize(field.name);
    const key = field.key.toLowerCase();
    const rank = name.startsWith(q)
      ? 0
      : name.split(" ").some((w) => w.startsWith(q))
        ? 1
        : key.startsWith(q)
          ? 2
          : query.bracket && name.includes(q)
            ? 3
            : -1;
    if (rank >= 0) ranked.push({ field, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.field.name.localeCompare(b.field.name));
  return ranked.slice(0, limit).map((r) => r.field);
}

/** The source with `field` written in place of the query, and where the cursor goes. */
export function applySuggestion(
  source: string,
  query: SuggestionQuery,
  field: NamedField,
  allFields: readonly NamedField[],
): { value: string; cursor: number } {
  const written = fieldReference(field, createFieldNameResolver(allFields));
  const value = source.slice(0, query.start) + written + source.slice(query.end);
  return { value, cursor: query.start + written.length };
}
