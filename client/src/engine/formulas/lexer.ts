/**
 * Hand-written formula lexer: numbers, strings, identifiers, operators, `//` comments, and field
 * names in brackets (`[Story Points]`), so a field can be written as people know it, not by its id.
 */

import type { Diagnostic } from "./ast";

export type TokenKind = "number" | "string" | "identifier" | "fieldname" | "operator" | "(" | ")" | "," | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Source text; for strings the unescaped value, for operators the canonical spelling, for
   * bracketed field names the name inside the brackets (trimmed). */
  readonly text: string;
  readonly number?: number;
  readonly start: number;
  readonly end: number;
}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isIdentStart = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

const TWO_CHAR: Record<string, string> = { "<=": "<=", ">=": ">=", "!=": "!=", "<>": "!=", "==": "=" };
const ONE_CHAR = new Set(["+", "-", "*", "/", "%", "=", "<", ">"]);
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" };

export function tokenize(source: string): Token[] | Diagnostic {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(source[i + 1] ?? ""))) {
      while (isDigit(source[i] ?? "")) i++;
      if (source[i] === ".") {
        i++;
        while (isDigit(source[i] ?? "")) i++;
      }
      if (
        (source[i] === "e" || source[i] === "E") &&
        (isDigit(source[i + 1] ?? "") || ((source[i + 1] === "+" || source[i + 1] === "-") && isDigit(source[i + 2] ?? "")))
      ) {
        i += 2;
        while (isDigit(source[i] ?? "")) i++;
      }
      if (isIdentStart(source[i] ?? "")) return { message: "a number cannot be followed directly by a name", position: i, length: 1 };
      const text = source.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value)) return { message: "number is too large", position: start, length: i - start };
      tokens.push({ kind: "number", text, number: value, start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) return { message: "unterminated string", position: start, length: i - start };
        const d = source[i]!;
        if (d === c) {
          i++;
          break;
        }
        if (d === "\\") {
          const escaped = ESCAPES[source[i + 1] ?? ""];
          if (escaped === undefined) return { message: "unknown escape sequence", position: i, length: 2 };
          value += escaped;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: "string", text: value, start, end: i });
      continue;
    }
    if (c === "[") {
      const close = source.indexOf("]", i + 1);
      const newline = source.indexOf("\n", i + 1);
      if (close < 0 || (newline >= 0 && newline < close))
        return { message: "field name has no closing ']'", position: start, length: (newline < 0 ? source.length : newline) - start };
      const name = source.slice(i + 1, close).trim();
      if (name === "") return { message: "empty field name: write a name between '[' and ']'", position: start, length: close + 1 - start };
      i = close + 1;
      tokens.push({ kind: "fieldname", text: name, start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      while (isIdentPart(source[i] ?? "")) i++;
      tokens.push({ kind: "identifier", text: source.slice(start, i), start, end: i });
      continue;
    }
    const two = TWO_CHAR[source.slice(i, i + 2)];
    if (two !== undefined) {
      tokens.push({ kind: "operator", text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if (ONE_CHAR.has(c)) {
      tokens.push({ kind: "operator", text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c, text: c, start, end: i + 1 });
      i++;
      continue;
    }
    return { message: `unexpected character '${c}'`, position: i, length: 1 };
  }
  tokens.push({ kind: "eof", text: "", start: source.length, end: source.length });
  return tokens;
}
