/** JQL text helpers: quoting values, keeping ORDER BY last, joining clauses with AND. */

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A JQL string literal: double quotes, with backslash escapes for quotes, backslashes and control characters. */
export function quoteJql(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const escaped = ESCAPES[char];
    if (escaped !== undefined) out += escaped;
    // Jira refuses raw control characters even inside quotes; \uXXXX is its escape for them.
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** A number as JQL reads it: plain digits where that is unambiguous, else a quoted literal. */
export function jqlNumber(value: number): string {
  const text = String(value);
  return /^\d+(\.\d+)?$/.test(text) ? text : quoteJql(text);
}

/** Splits `jql` at its top-level ORDER BY (outside quotes), so clauses can be added before it. */
export function splitOrderBy(jql: string): { where: string; orderBy: string } {
  let quote: string | null = null;
  for (let i = 0; i < jql.length; i++) {
    const char = jql[i]!;
    if (quote !== null) {
      if (char === "\\") i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      continue;
    }
    if ((char === "o" || char === "O") && (i === 0 || /[\s)]/.test(jql[i - 1]!))) {
      const match = /^order\s+by\b/i.exec(jql.slice(i));
      if (match) return { where: jql.slice(0, i).trim(), orderBy: jql.slice(i).trim() };
    }
  }
  return { where: jql.trim(), orderBy: "" };
}

/** `base` narrowed by `clauses` (all must hold); the base keeps its own precedence and ORDER BY. */
export function andJql(base: string, clauses: readonly string[]): string {
  const { where, orderBy } = splitOrderBy(base);
  const parts = clauses.length === 0 ? (where === "" ? [] : [where]) : [...(where === "" ? [] : [`(${where})`]), ...clauses];
  return [parts.join(" AND "), orderBy].filter((part) => part !== "").join(" ");
}
