/**
 * Pratt parser for formulas. Precedence, loosest first: OR, AND, NOT, comparisons (not chainable),
 * `+ -`, `* / %`, unary minus. Keywords (AND OR NOT TRUE FALSE) and function names ignore case;
 * field keys are case-sensitive like Jira's field ids. A bracketed name (`[Story Points]`) becomes a
 * field node holding the key the resolver gives, so everything after parsing sees keys only.
 */

import { diagnostic, type BinaryOperator, type Diagnostic, type Node } from "./ast";
import { NO_NAMES, type FieldNameResolver } from "./fieldNames";
import { tokenize, type Token } from "./lexer";

/** Nesting limit so hostile input cannot overflow the stack. */
const MAX_DEPTH = 200;

const BINARY: Record<string, { power: number; operator: BinaryOperator }> = {
  OR: { power: 10, operator: "OR" },
  AND: { power: 20, operator: "AND" },
  "=": { power: 40, operator: "=" },
  "!=": { power: 40, operator: "!=" },
  "<": { power: 40, operator: "<" },
  "<=": { power: 40, operator: "<=" },
  ">": { power: 40, operator: ">" },
  ">=": { power: 40, operator: ">=" },
  "+": { power: 50, operator: "+" },
  "-": { power: 50, operator: "-" },
  "*": { power: 60, operator: "*" },
  "/": { power: 60, operator: "/" },
  "%": { power: 60, operator: "%" },
};
const NOT_POWER = 30;
const COMPARISON_POWER = 40;
const UNARY_MINUS_POWER = 70;

class ParseError {
  constructor(readonly diagnostic: Diagnostic) {}
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly resolveName: FieldNameResolver,
  ) {}

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== "eof") this.index++;
    return token;
  }

  private fail(message: string, token: Token): never {
    throw new ParseError(diagnostic(message, token.kind === "eof" ? { start: token.start, end: token.start + 1 } : token));
  }

  private infixOf(token: Token): { power: number; operator: BinaryOperator } | undefined {
    if (token.kind === "operator") return BINARY[token.text];
    if (token.kind === "identifier") {
      const upper = token.text.toUpperCase();
      if (upper === "AND" || upper === "OR") return BINARY[upper];
    }
    return undefined;
  }

  parseProgram(): Node {
    if (this.peek().kind === "eof") this.fail("the expression is empty", this.peek());
    const node = this.parseExpression(0);
    const rest = this.peek();
    if (rest.kind !== "eof") this.fail(rest.kind === ")" ? "unmatched ')'" : `unexpected '${rest.text}'`, rest);
    return node;
  }

  private parseExpression(minPower: number): Node {
    if (++this.depth > MAX_DEPTH) this.fail("the expression is nested too deeply", this.peek());
    let left = this.parsePrefix();
    for (;;) {
      const token = this.peek();
      const infix = this.infixOf(token);
      if (!infix || infix.power <= minPower) break;
      this.next();
      const right = this.parseExpression(infix.power);
      if (infix.power === COMPARISON_POWER && this.infixOf(this.peek())?.power === COMPARISON_POWER) {
        this.fail("comparisons cannot be chained; combine them with AND", this.peek());
      }
      left = { type: "binary", operator: infix.operator, left, right, start: left.start, end: right.end };
    }
    this.depth--;
    return left;
  }

  private parsePrefix(): Node {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { type: "number", value: token.number ?? Number(token.text), start: token.start, end: token.end };
      case "string":
        return { type: "string", value: token.text, start: token.start, end: token.end };
      case "(": {
        const inner = this.parseExpression(0);
        const close = this.next();
        if (close.kind !== ")") this.fail("missing ')'", close);
        return { ...inner, start: token.start, end: close.end };
      }
      case "operator":
        if (token.text === "-" || token.text === "+") {
          const operand = this.parseExpression(UNARY_MINUS_POWER);
          if (token.text === "+") return operand;
          return { type: "unary", operator: "-", operand, start: token.start, end: operand.end };
        }
        return this.fail(`unexpected '${token.text}'`, token);
      case "identifier":
        return this.parseIdentifier(token);
      case "fieldname": {
        const resolved = this.resolveName(token.text);
        const span = { start: token.start, end: token.end };
        return "key" in resolved
          ? { type: "field", name: resolved.key, label: token.text, ...span }
          : { type: "field", name: token.text, label: token.text, problem: resolved.problem, ...span };
      }
      case "eof":
        return this.fail("the expression ends too early", token);
      default:
        return this.fail(`unexpected '${token.text}'`, token);
    }
  }

  private parseIdentifier(token: Token): Node {
    const upper = token.text.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") return { type: "boolean", value: upper === "TRUE", start: token.start, end: token.end };
    if (upper === "NOT") {
      const operand = this.parseExpression(NOT_POWER);
      return { type: "unary", operator: "NOT", operand, start: token.start, end: operand.end };
    }
    if (upper === "AND" || upper === "OR") return this.fail(`'${token.text}' needs a value on its left`, token);
    if (this.peek().kind !== "(") return { type: "field", name: token.text, start: token.start, end: token.end };
    this.next();
    const args: Node[] = [];
    if (this.peek().kind !== ")") {
      for (;;) {
        args.push(this.parseExpression(0));
        const separator = this.next();
        if (separator.kind === ")") break;
        if (separator.kind !== ",") this.fail("expected ',' or ')' in the argument list", separator);
      }
    } else this.next();
    const end = this.tokens[this.index - 1]!.end;
    return { type: "call", name: upper, args, start: token.start, end };
  }
}

/** Parses a formula; never throws. `resolveName` turns bracketed field names into keys. */
export function parseFormula(source: string, resolveName: FieldNameResolver = NO_NAMES): { ast: Node } | { error: Diagnostic } {
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return { error: tokens };
  try {
    return { ast: new Parser(tokens, resolveName).parseProgram() };
  } catch (e) {
    if (e instanceof ParseError) return { error: e.diagnostic };
    // A RangeError from an overly deep stack is reported like any other syntax problem.
    return { error: { message: "the expression could not be parsed", position: 0, length: 1 } };
  }
}
