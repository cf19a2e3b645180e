import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rowBinding } from "../../src/engine/formulas/bindings";
import { compileFormula } from "../../src/engine/formulas/compile";
import { formulaFns } from "../../src/engine/formulas/formulaFns";
import { rollupFns } from "../../src/engine/formulas/rollupFns";
import { parseFormula } from "../../src/engine/formulas/parser";
import type { FormulaType } from "../../src/engine/formulas/types";
import { createReportEngine, validateFormula } from "../../src/engine/index";
import { createTimeZone } from "../../src/engine/time/timeZone";
import { definition, FIELDS, ISSUES, NOW, TIME_ZONE } from "./fixtures";
import { AVAILABLE, run } from "./helpers";

const table = run({ columns: FIELDS.map((f) => ({ field: f.id })) }).data.table;
const runtime = { now: NOW.getTime(), timeZone: createTimeZone(TIME_ZONE) };
const env = {
  runtime,
  field: (name: string) => {
    const column = table.column(name);
    return column ? rowBinding(column, runtime) : undefined;
  },
};

const runtimeTypeOk = (type: FormulaType, value: unknown): boolean =>
  value === null ||
  (type === "number" && typeof value === "number" && Number.isFinite(value)) ||
  (type === "date" && typeof value === "number" && Number.isFinite(value)) ||
  (type === "text" && typeof value === "string") ||
  (type === "boolean" && typeof value === "boolean");

/** Parses, checks and evaluates on every fixture issue; returns the static type or null. */
function exercise(source: string): FormulaType | null {
  const validation = validateFormula(source, AVAILABLE);
  const parsed = parseFormula(source);
  if ("error" in parsed) {
    expect(validation.ok).toBe(false);
    return null;
  }
  const compiled = compileFormula(parsed.ast, env);
  expect(compiled.type).toBe(validation.type);
  if (compiled.type === null) return null;
  for (let row = 0; row < table.rowCount; row++) {
    const value = compiled.evaluate(row);
    if (!runtimeTypeOk(compiled.type, value)) throw new Error(`${source} gave ${String(value)} for static type ${compiled.type}`);
  }
  return compiled.type;
}

const TOKENS = [
  "(",
  ")",
  ",",
  "+",
  "-",
  "*",
  "/",
  "%",
  "=",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "AND",
  "OR",
  "NOT",
  "TRUE",
  "1",
  "0",
  "2.5",
  "1e308",
  '"x"',
  "'",
  '"',
  "//",
  "\n",
  " ",
  "timespent",
  "created",
  "status",
  "labels",
  "summary",
  "duedate",
  "customfield_10080",
  "nope",
  ...formulaFns.names(),
  ...rollupFns.names(),
];

describe("formula robustness (properties)", () => {
  it("arbitrary strings never throw", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (source) => void exercise(source)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (source) => void exercise(source)),
      { numRuns: 300 },
    );
  });

  it("token soups never throw", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }), (tokens) => void exercise(tokens.join(" "))),
      { numRuns: 1000 },
    );
  });

  const leaf = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((n) => (n < 0 ? `(${n})` : `${n}`)),
    fc.constantFrom("0", "1", "1e308", "TRUE", "FALSE", '""', '"a\\"b"', "'null'"),
    fc.constantFrom(
      "timespent",
      "timeoriginalestimate",
      "created",
      "resolutiondate",
      "duedate",
      "status",
      "assignee",
      "labels",
      "summary",
      "customfield_10016",
      "customfield_10080",
      "parent",
      "unknown_field",
    ),
  );
  const expression: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc
        .tuple(tie("node"), fc.constantFrom("+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "AND", "OR"), tie("node"))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom("-", "NOT "), tie("node")).map(([op, a]) => `${op}(${a})`),
      fc
        .tuple(fc.constantFrom(...formulaFns.names(), "NOPE"), fc.array(tie("node"), { maxLength: 4 }))
        .map(([name, args]) => `${name}(${args.join(", ")})`),
    ),
  })).node;

  it("generated expressions parse, type-check and evaluate without throwing; values match their static type", () => {
    let typed = 0;
    fc.assert(
      fc.property(expression, (source) => {
        if (exercise(source) !== null) typed++;
      }),
      { numRuns: 1500 },
    );
    expect(typed).toBeGreaterThan(50);
  });

  it("the engine computes reports with arbitrary formulas and rollups", () => {
    fc.assert(
      fc.property(
        expression,
        expression,
        fc.constantFrom("number", "text", "date", "boolean", "duration" as const),
        (source, rollup, resultType) => {
          const engine = createReportEngine({
            definition: definition({
              columns: [{ field: "formula_x", aggregation: "count" }],
              formula_fields: [
                { key: "formula_x", name: "X", expression: source, result_type: resultType, rollup: `SUM(timespent) + ${rollup}` },
              ],
              grouping_rules: [{ field: "formula_x" }],
              sorting_rules: [{ field: "formula_x" }],
            }),
            fields: FIELDS,
            now: () => NOW,
            timeZone: TIME_ZONE,
          });
          engine.addIssues(ISSUES);
          const result = engine.compute();
          expect(result.root.issueCount).toBe(ISSUES.length);
          void result.grandTotal[0]?.display;
        },
      ),
      { numRuns: 200 },
    );
  });
});
