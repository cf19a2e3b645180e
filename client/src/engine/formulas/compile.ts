/**
 * Type-checks a formula AST and compiles it to closures (no `eval`). Errors are collected with
 * positions instead of thrown; a subtree with an error gets the type "error" so one mistake is
 * reported once. Rollup mode additionally binds aggregate calls (SUM(field)…) to group values.
 */

import { MS_PER_DAY } from "../time/civil";
import { diagnostic, type Diagnostic, type Node, type Span } from "./ast";
import { addLocalDays, finiteOrNull, formulaFns, nearlyEqual } from "./formulaFns";
import { rollupFns, type RollupFn } from "./rollupFns";
import type { Compiled, FormulaRuntime, FormulaType, Value } from "./types";

export interface FieldBinding {
  readonly type: FormulaType;
  readonly read: Compiled;
}

export interface CompileEnvironment {
  readonly runtime: FormulaRuntime;
  /** Binding for a field key, or undefined when no such field exists. */
  field(name: string): FieldBinding | undefined;
  /** Present in rollup mode: binds `fn(field)` (field null for COUNT()) or explains why not. */
  aggregate?(fn: RollupFn, field: string | null): FieldBinding | string;
}

type Checked = FormulaType | "error";

interface Compiled1 {
  readonly type: Checked;
  readonly evaluate: Compiled;
}

export interface CompileResult {
  /** null when there were errors. */
  readonly type: FormulaType | null;
  readonly evaluate: Compiled;
  readonly diagnostics: readonly Diagnostic[];
}

const EMPTY: Compiled = () => null;

export function compileFormula(ast: Node, env: CompileEnvironment): CompileResult {
  const diagnostics: Diagnostic[] = [];
  let result: Compiled1;
  try {
    result = compileNode(ast, env, diagnostics);
  } catch {
    // Only a pathologically deep tree can get here (stack exhaustion); report instead of crashing.
    return { type: null, evaluate: EMPTY, diagnostics: [{ message: "the expression is too complex", position: 0, length: 1 }] };
  }
  if (diagnostics.length > 0 || result.type === "error") return { type: null, evaluate: EMPTY, diagnostics };
  const evaluate = result.evaluate;
  // Closures are written not to throw; this guard keeps that promise for anything overlooked.
  const safe: Compiled = (i) => {
    try {
      const v = evaluate(i);
      return typeof v === "number" && !Number.isFinite(v) ? null : v;
    } catch {
      return null;
    }
  };
  return { type: result.type, evaluate: safe, diagnostics };
}

function compileNode(node: Node, env: CompileEnvironment, out: Diagnostic[]): Compiled1 {
  switch (node.type) {
    case "number": {
      const v = node.value;
      return { type: "number", evaluate: () => v };
    }
    case "string": {
      const v = node.value === "" ? null : node.value;
      return { type: "text", evaluate: () => v };
    }
    case "boolean": {
      const v = node.value;
      return { type: "boolean", evaluate: () => v };
    }
    case "field": {
      if (node.problem) return typeError(node.problem, node, out);
      const binding = env.field(node.name);
      if (binding && !env.aggregate) return { type: binding.type, evaluate: binding.read };
      const written = writtenAs(node);
      if (binding && env.aggregate) {
        out.push(diagnostic(`'${node.label ?? node.name}' must be inside an aggregate in a rollup, e.g. SUM(${written})`, node));
        return { type: "error", evaluate: EMPTY };
      }
      out.push(diagnostic(`unknown field '${node.label ?? node.name}'`, node));
      return { type: "error", evaluate: EMPTY };
    }
    case "unary":
      return compileUnary(node, env, out);
    case "binary":
      return compileBinary(node, env, out);
    case "call":
      return compileCall(node, env, out);
  }
}

function compileUnary(node: Extract<Node, { type: "unary" }>, env: CompileEnvironment, out: Diagnostic[]): Compiled1 {
  const operand = compileNode(node.operand, env, out);
  if (operand.type === "error") return operand;
  const f = operand.evaluate;
  if (node.operator === "-") {
    if (operand.type !== "number") return typeError(`'-' needs a number, got ${operand.type}`, node.operand, out);
    return {
      type: "number",
      evaluate: (i) => {
        const v = f(i);
        return typeof v === "number" ? 0 - v : null;
      },
    };
  }
  if (operand.type !== "boolean") return typeError(`NOT needs a boolean, got ${operand.type}`, node.operand, out);
  return {
    type: "boolean",
    evaluate: (i) => {
      const v = f(i);
      return typeof v === "boolean" ? !v : null;
    },
  };
}

/** A field reference as the user wrote it: `[Name]` or the key. */
function writtenAs(node: Extract<Node, { type: "field" }>): string {
  return node.label !== undefined ? `[${node.label}]` : node.name;
}

function typeError(message: string, span: Span, out: Diagnostic[]): Compiled1 {
  out.push(diagnostic(message, span));
  return { type: "error", evaluate: EMPTY };
}

type NumberOp = (a: number, b: number) => number | null;

function numeric(l: Compiled, r: Compiled, op: NumberOp): Compiled {
  return (i) => {
    const a = l(i);
    if (typeof a !== "number") return null;
    const b = r(i);
    if (typeof b !== "number") return null;
    const v = op(a, b);
    return v === null ? null : finiteOrNull(v);
  };
}

function compileBinary(node: Extract<Node, { type: "binary" }>, env: CompileEnvironment, out: Diagnostic[]): Compiled1 {
  const left = compileNode(node.left, env, out);
  const right = compileNode(node.right, env, out);
  if (left.type === "error" || right.type === "error") return { type: "error", evaluate: EMPTY };
  const l = left.evaluate;
  const r = right.evaluate;
  const lt = left.type;
  const rt = right.type;
  const op = node.operator;
  const mismatch = (): Compiled1 => typeError(`'${op}' cannot combine ${lt} and ${rt}`, node, out);
  const tz = env.runtime.timeZone;
  switch (op) {
    case "+":
      if (lt === "number" && rt === "number") return { type: "number", evaluate: numeric(l, r, (a, b) => a + b) };
      // date + n moves by calendar days in the report's zone (wall-clock time kept across DST).
      if (lt === "date" && rt === "number") return { type: "date", evaluate: numeric(l, r, (a, b) => addLocalDays(a, b, tz)) };
      if (lt === "number" && rt === "date") return { type: "date", evaluate: numeric(l, r, (a, b) => addLocalDays(b, a, tz)) };
      if (lt === "text" && rt === "text")
        return {
          type: "text",
          evaluate: (i) => {
            const a = l(i);
            const b = r(i);
            return a === null ? b : b === null ? a : `${a}${b}`;
          },
        };
      return mismatch();
    case "-":
      if (lt === "number" && rt === "number") return { type: "number", evaluate: numeric(l, r, (a, b) => a - b) };
      if (lt === "date" && rt === "number") return { type: "date", evaluate: numeric(l, r, (a, b) => addLocalDays(a, -b, tz)) };
      // date − date is elapsed days (fractional); DAYS_BETWEEN counts calendar days instead.
      if (lt === "date" && rt === "date") return { type: "number", evaluate: numeric(l, r, (a, b) => (a - b) / MS_PER_DAY) };
      return mismatch();
    case "*":
    case "/":
    case "%":
      if (lt !== "number" || rt !== "number") return mismatch();
      // Division by zero is empty, not Infinity: a report cell has no good way to show infinity.
      return {
        type: "number",
        evaluate: numeric(
          l,
          r,
          op === "*" ? (a, b) => a * b : op === "/" ? (a, b) => (b === 0 ? null : a / b) : (a, b) => (b === 0 ? null : a % b),
        ),
      };
    case "AND":
    case "OR": {
      if (lt !== "boolean" || rt !== "boolean") return typeError(`${op} needs booleans, got ${lt} and ${rt}`, node, out);
      // Kleene logic: false AND empty = false, true OR empty = true, otherwise empty propagates.
      const and = op === "AND";
      return {
        type: "boolean",
        evaluate: (i) => {
          const a = l(i);
          if (a === !and) return a;
          const b = r(i);
          if (b === !and) return b;
          return a === null || b === null ? null : and;
        },
      };
    }
    default: {
      if (lt !== rt) return mismatch();
      return { type: "boolean", evaluate: comparison(op, l, r, lt) };
    }
  }
}

function comparison(op: string, l: Compiled, r: Compiled, type: FormulaType): Compiled {
  const equal = type === "number" ? (a: Value, b: Value) => nearlyEqual(a as number, b as number) : (a: Value, b: Value) => a === b;
  return (i) => {
    // Both sides have the same static type, so < and > compare like with like.
    const a = l(i) as number;
    const b = r(i) as number;
    if (a === null || b === null) return null;
    switch (op) {
      case "=":
        return equal(a, b);
      case "!=":
        return !equal(a, b);
      case "<":
        return a < b && !equal(a, b);
      case "<=":
        return a < b || equal(a, b);
      case ">":
        return a > b && !equal(a, b);
      default:
        return a > b || equal(a, b);
    }
  };
}

function compileCall(node: Extract<Node, { type: "call" }>, env: CompileEnvironment, out: Diagnostic[]): Compiled1 {
  const nameSpan: Span = { start: node.start, end: node.start + node.name.length };
  const rollup = rollupFns.get(node.name);
  if (rollup && env.aggregate) {
    const scalarMinMax = (node.name === "MIN" || node.name === "MAX") && !(node.args.length === 1 && node.args[0]!.type === "field");
    if (!scalarMinMax) {
      const arg = node.args[0];
      if (node.args.length === 0 && node.name === "COUNT") return bindAggregate(env, rollup, null, node, out);
      if (node.args.length !== 1 || arg?.type !== "field")
        return typeError(`${node.name} takes one field, e.g. ${node.name}([Time spent])`, node, out);
      if (arg.problem) return typeError(arg.problem, arg, out);
      if (!env.field(arg.name)) return typeError(`unknown field '${arg.label ?? arg.name}'`, arg, out);
      return bindAggregate(env, rollup, arg.name, arg, out);
    }
  }
  const fn = formulaFns.get(node.name);
  if (!fn) {
    const hint = rollup ? `${node.name} is an aggregate: use it in a rollup expression` : `unknown function '${node.name}'`;
    return typeError(hint, nameSpan, out);
  }
  if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
    const expected =
      fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs}–${fn.maxArgs}`;
    return typeError(
      `${fn.name} takes ${expected} argument${expected === "1" ? "" : "s"}, got ${node.args.length} (${fn.signature})`,
      node,
      out,
    );
  }
  const args = node.args.map((a) => compileNode(a, env, out));
  if (args.some((a) => a.type === "error")) return { type: "error", evaluate: EMPTY };
  const types = args.map((a) => a.type as FormulaType);
  const checked = fn.check(types);
  if (typeof checked !== "string") {
    const at = checked.arg !== undefined ? (node.args[checked.arg] ?? node) : node;
    return typeError(`${fn.name}: ${checked.message}`, at, out);
  }
  return {
    type: checked,
    evaluate: fn.compile(
      args.map((a) => a.evaluate),
      types,
      env.runtime,
    ),
  };
}

function bindAggregate(env: CompileEnvironment, fn: RollupFn, field: string | null, span: Span, out: Diagnostic[]): Compiled1 {
  const bound = env.aggregate!(fn, field);
  if (typeof bound === "string") return typeError(bound, span, out);
  return { type: bound.type, evaluate: bound.read };
}

/** Field keys referenced by a formula, with the position of each reference (names that resolve
 * to no single field are left out: they are errors, not fields to load). */
export function collectReferences(ast: Node): { name: string; span: Span }[] {
  const refs: { name: string; span: Span }[] = [];
  const walk = (node: Node): void => {
    switch (node.type) {
      case "field":
        if (!node.problem) refs.push({ name: node.name, span: node });
        break;
      case "unary":
        walk(node.operand);
        break;
      case "binary":
        walk(node.left);
        walk(node.right);
        break;
      case "call":
        node.args.forEach(walk);
        break;
      default:
        break;
    }
  };
  walk(ast);
  return refs;
}
