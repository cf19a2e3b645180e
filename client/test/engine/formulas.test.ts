import { describe, expect, it } from "vitest";
import { rowBinding } from "../../src/engine/formulas/bindings";
import { compileFormula } from "../../src/engine/formulas/compile";
import { formulaFns } from "../../src/engine/formulas/formulaFns";
import { tokenize } from "../../src/engine/formulas/lexer";
import { parseFormula } from "../../src/engine/formulas/parser";
import { validateFormula } from "../../src/engine/index";
import type { FormulaField } from "../../src/engine/model";
import { createTimeZone } from "../../src/engine/time/timeZone";
import { FIELDS, NOW, TIME_ZONE } from "./fixtures";
import { AVAILABLE, displayRow, findGroup, keys, labels, run, cellValueOf } from "./helpers";

const table = run({ columns: FIELDS.map((f) => ({ field: f.id })) }).data.table;
const runtime = { now: NOW.getTime(), timeZone: createTimeZone(TIME_ZONE) };
const rowOf = (key: string) => [...Array(table.rowCount).keys()].find((r) => table.issueKey(r) === key)!;

/** Evaluates an expression for one fixture issue (default EX-1). */
function evaluate(expression: string, key = "EX-1") {
  const parsed = parseFormula(expression);
  if ("error" in parsed) throw new Error(parsed.error.message);
  const compiled = compileFormula(parsed.ast, {
    runtime,
    field: (name) => {
      const column = table.column(name);
      return column ? rowBinding(column, runtime) : undefined;
    },
  });
  if (compiled.type === null) throw new Error(compiled.diagnostics.map((d) => d.message).join("; "));
  return compiled.evaluate(rowOf(key));
}

const berlinMidnight = (iso: string) => runtime.timeZone.startOfDay(Date.parse(iso) / 86_400_000);

describe("lexer", () => {
  it("tokenizes numbers, strings, names, operators and skips comments", () => {
    const tokens = tokenize("ROUND(x_1, 2.5e1) // note\n<> 'it\\'s' <= .5");
    expect(Array.isArray(tokens) && tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      "identifier:ROUND",
      "(:(",
      "identifier:x_1",
      ",:,",
      "number:2.5e1",
      "):)",
      "operator:!=",
      "string:it's",
      "operator:<=",
      "number:.5",
      "eof:",
    ]);
  });

  it.each([
    ["'open", "unterminated string", 0],
    ["1 $ 2", "unexpected character '$'", 2],
    ["12abc", "a number cannot be followed directly by a name", 2],
    ['"\\q"', "unknown escape sequence", 1],
  ])("%j: %s at %i", (source, message, position) => {
    expect(tokenize(source)).toMatchObject({ message, position });
  });
});

describe("operators and precedence", () => {
  it.each<[string, unknown]>([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["7 % 3", 1],
    ["-2 * -3", 6],
    ["2 - -2", 4],
    ["10 / 4", 2.5],
    ["+5", 5],
    ["1 / 0", null],
    ["5 % 0", null],
    ["2 * 3 // a comment\n + 1", 7],
    ["1 = 1", true],
    ["1 == 1", true],
    ["0.1 + 0.2 = 0.3", true],
    ['"a" != "b"', true],
    ['"a" <> "a"', false],
    ['"a" < "b"', true],
    ["2 >= 2", true],
    ["2 > 2", false],
    ["TRUE AND FALSE", false],
    ["true or false", true],
    ["NOT TRUE OR TRUE", true],
    ["NOT 1 = 2", true],
    ["1 < 2 AND 2 < 3", true],
    ['"a" + "b"', "ab"],
    ["timespent", 5],
    ["timespent / timeoriginalestimate", 1.25],
    ["status", "Done"],
    ["labels", "frontend, ux"],
    ["assignee", "Alice Adams"],
    ["customfield_10080", true],
    ["resolutiondate - created", (Date.parse("2024-01-20T16:00:00Z") - Date.parse("2024-01-15T09:30:00Z")) / 86_400_000],
  ])("%s → %j", (expression, expected) => expect(evaluate(expression)).toEqual(expected));

  it.each<[string, string, unknown]>([
    ["customfield_10016 + 1", "EX-4", null],
    ["customfield_10016 > 1", "EX-4", null],
    ["FALSE AND customfield_10016 > 1", "EX-4", false],
    ["TRUE OR customfield_10016 > 1", "EX-4", true],
    ["TRUE AND customfield_10016 > 1", "EX-4", null],
    ["NOT (customfield_10016 > 1)", "EX-4", null],
    ["assignee", "EX-4", null],
    ["summary", "EX-11", null],
    ["duedate + 1", "EX-1", berlinMidnight("2024-01-20")],
    ["1 + duedate", "EX-1", berlinMidnight("2024-01-20")],
    ["duedate - 18", "EX-1", berlinMidnight("2024-01-01")],
  ])("%s on %s → %j", (expression, key, expected) => expect(evaluate(expression, key)).toEqual(expected));
});

const FUNCTION_CASES: [string, unknown, string?][] = [
  ['IF(1 > 0, "yes", "no")', "yes"],
  ["IF(FALSE, 1)", null],
  ["IF(customfield_10080, 1, 2)", 1],
  ["IF(customfield_10016 > 100, 1, 2)", 2, "EX-4"],
  ['IFS(1 > 2, "a", 2 > 1, "b")', "b"],
  ["IFS(FALSE, 1, 99)", 99],
  ["IFS(FALSE, 1)", null],
  ['CASE("b", "a", 1, "b", 2, 0)', 2],
  ['CASE(status, "Done", 1, 0)', 1],
  ['CASE(status, "Done", 1, 0)', 0, "EX-2"],
  ["ROUND(2.5)", 3],
  ["ROUND(-2.5)", -3],
  ["ROUND(1.005, 2)", 1.01],
  ["ROUND(1234, -2)", 1200],
  ["ROUND(-0.4)", 0],
  ["FLOOR(2.7)", 2],
  ["FLOOR(-2.7)", -3],
  ["FLOOR(2.77, 1)", 2.7],
  ["CEIL(2.1)", 3],
  ["CEIL(-2.1)", -2],
  ["ABS(-3)", 3],
  ["SQRT(9)", 3],
  ["SQRT(-1)", null],
  ["POWER(2, 10)", 1024],
  ["POWER(10, 400)", null],
  ["MIN(3, 1, 2)", 1],
  ["MAX(3, customfield_10016)", 3, "EX-4"],
  ["MAX(created, resolutiondate)", Date.parse("2024-01-20T16:00:00Z")],
  ["COALESCE(customfield_10016, 0)", 0, "EX-4"],
  ['COALESCE("", "x")', "x"],
  ["IFEMPTY(customfield_10016, 0)", 0, "EX-4"],
  ["IFEMPTY(customfield_10016, 0)", 3],
  ["ISEMPTY(assignee)", true, "EX-4"],
  ["ISEMPTY(assignee)", false],
  ["DAYS_BETWEEN(created, resolutiondate)", 5],
  ["DAYS_BETWEEN(created, resolutiondate)", 0, "EX-6"],
  ["DAYS_BETWEEN(resolutiondate, created)", -5],
  ["HOURS_BETWEEN(created, resolutiondate)", 1.75, "EX-6"],
  ["NOW()", NOW.getTime()],
  ["TODAY()", Date.parse("2024-06-26T22:00:00Z")],
  ["YEAR(created)", 2025, "EX-6"],
  ["MONTH(created)", 1, "EX-6"],
  ["DAY(created)", 1, "EX-6"],
  ["WEEK(created)", 1, "EX-8"],
  ["WEEKDAY(created)", 1, "EX-8"],
  ["YEAR(created)", 2024, "EX-12"],
  ["DATE(2024, 2, 29)", berlinMidnight("2024-02-29")],
  ["DATE(2024, 2, 30)", null],
  ["DATE(2024, 13, 1)", null],
  ["ADD_DAYS(duedate, 1)", berlinMidnight("2024-01-20")],
  ["ADD_DAYS(created, 1) - created", 1],
  ['CONCAT("a", 1, TRUE, customfield_10016)', "a1true2.5", "EX-12"],
  ["CONCAT(duedate)", "2024-01-19"],
  ["CONCAT(created)", "2024-01-15 10:30"],
  ["CONCAT(customfield_10016)", null, "EX-4"],
  ["TEXT(0.1 + 0.2)", "0.3"],
  ['LEN("🚀ab")', 3],
  ["LEN(summary)", 0, "EX-11"],
  ['UPPER("straße")', "STRASSE"],
  ['LOWER("ÄB")', "äb"],
  ['TRIM("  x ")', "x"],
  ['TRIM("   ")', null],
  ['CONTAINS(summary, "PAGE")', true],
  ["round(2.4) + Round(0.6)", 3],
];

describe("functions", () => {
  it.each(FUNCTION_CASES)("%s → %j (%s)", (expression, expected, key) => expect(evaluate(expression, key ?? "EX-1")).toEqual(expected));

  it("every registered function has cases above", () => {
    const used = new Set(
      FUNCTION_CASES.flatMap(([expression]) => [...expression.matchAll(/([A-Za-z_]+)\(/g)].map((m) => m[1]!.toUpperCase())),
    );
    expect(formulaFns.names().filter((n) => !used.has(n))).toEqual([]);
  });

  it("every registered function has a signature and description", () => {
    for (const fn of formulaFns.entries()) {
      expect(fn.signature.startsWith(`${fn.name}(`)).toBe(true);
      expect(fn.description.length).toBeGreaterThan(5);
    }
  });
});

describe("errors with positions", () => {
  it.each<[string, string, number]>([
    ["1 +", "the expression ends too early", 3],
    ["", "the expression is empty", 0],
    ["foo + 1", "unknown field 'foo'", 0],
    ["1 + Summary", "unknown field 'Summary'", 4],
    ["FOO(1)", "unknown function 'FOO'", 0],
    ['ROUND("a")', "ROUND: expects number, got text", 6],
    ['1 + "a"', "'+' cannot combine number and text", 0],
    ["IF(1, 2, 3)", "IF: the condition must be boolean, got number", 3],
    ['IF(TRUE, 1, "x")', "IF: all results must have the same type (number and text)", 12],
    ["(1 + 2", "missing ')'", 6],
    ["1 + 2)", "unmatched ')'", 5],
    ["1 < 2 < 3", "comparisons cannot be chained; combine them with AND", 6],
    ["1 2", "unexpected '2'", 2],
    ["AND 1", "'AND' needs a value on its left", 0],
    ["ROUND()", "ROUND takes 1–2 arguments, got 0 (ROUND(number, digits?))", 0],
    ["SUM(timespent)", "SUM is an aggregate: use it in a rollup expression", 0],
    ["NOT 5", "NOT needs a boolean, got number", 4],
    ["-status", "'-' needs a number, got text", 1],
    ["created * 2", "'*' cannot combine date and number", 0],
    ["f(1,", "the expression ends too early", 4],
  ])("%j → %s at %i", (expression, message, position) => {
    const validation = validateFormula(expression, AVAILABLE);
    expect(validation.ok).toBe(false);
    expect(validation.errors[0]).toMatchObject({ message, position });
  });

  it("reports every unknown name, not just the first", () => {
    expect(validateFormula("a + b", AVAILABLE).errors.map((e) => e.position)).toEqual([0, 4]);
  });

  it("rejects overly deep nesting instead of overflowing the stack", () => {
    const deep = `${"(".repeat(500)}1${")".repeat(500)}`;
    expect(validateFormula(deep, AVAILABLE).errors[0]!.message).toBe("the expression is nested too deeply");
  });

  it("validates and reports type and references", () => {
    expect(validateFormula("ROUND(timespent / timeoriginalestimate * 100, 1)", AVAILABLE)).toEqual({
      ok: true,
      type: "number",
      errors: [],
      references: ["timespent", "timeoriginalestimate"],
    });
  });

  it("validates rollups", () => {
    expect(validateFormula("SUM(timespent) / SUM(timeoriginalestimate)", AVAILABLE, { mode: "rollup" }).ok).toBe(true);
    expect(validateFormula("timespent", AVAILABLE, { mode: "rollup" }).errors[0]!.message).toBe(
      "'timespent' must be inside an aggregate in a rollup, e.g. SUM(timespent)",
    );
    expect(validateFormula("SUM(summary)", AVAILABLE, { mode: "rollup" }).errors[0]).toMatchObject({
      message: "SUM cannot aggregate text field 'summary'",
      position: 4,
    });
    expect(validateFormula("SUM(1 + 2)", AVAILABLE, { mode: "rollup" }).errors[0]!.message).toBe(
      "SUM takes one field, e.g. SUM([Time spent])",
    );
    expect(validateFormula("MAX(COUNT(), 3)", AVAILABLE, { mode: "rollup" }).ok).toBe(true);
  });
});

const formula = (
  key: string,
  expression: string,
  result_type: FormulaField["result_type"] = "number",
  extra: Partial<FormulaField> = {},
): FormulaField => ({
  key,
  name: key,
  expression,
  result_type,
  ...extra,
});

describe("formula fields in reports", () => {
  it("dependency order comes from references, not definition order", () => {
    const result = run({
      columns: [{ field: "formula_b" }],
      formula_fields: [formula("formula_b", "formula_a * 2"), formula("formula_a", "1 + 1")],
    });
    expect(result.formulaErrors).toEqual([]);
    expect(cellValueOf(result, "EX-1")).toBe(4);
  });

  it("cycles are reported on every member at the closing reference; dependents evaluate to empty", () => {
    const result = run({
      columns: [{ field: "formula_c" }],
      formula_fields: [
        formula("formula_a", "1 + formula_b"),
        formula("formula_b", "formula_a * 2"),
        formula("formula_c", "COALESCE(formula_a, 7)"),
        formula("formula_self", "formula_self"),
      ],
    });
    expect(result.formulaErrors).toEqual([
      {
        formulaKey: "formula_a",
        part: "expression",
        message: "circular reference: formula_a → formula_b → formula_a",
        position: 4,
        length: 9,
      },
      {
        formulaKey: "formula_b",
        part: "expression",
        message: "circular reference: formula_a → formula_b → formula_a",
        position: 0,
        length: 9,
      },
      {
        formulaKey: "formula_self",
        part: "expression",
        message: "circular reference: formula_self → formula_self",
        position: 0,
        length: 12,
      },
    ]);
    expect(cellValueOf(result, "EX-1")).toBe(7);
  });

  it("a result type that does not match the expression is an error", () => {
    const result = run({ formula_fields: [formula("formula_x", "summary", "number")] });
    expect(result.formulaErrors[0]).toMatchObject({
      formulaKey: "formula_x",
      message: "the expression gives text, but the result type is number",
    });
  });

  it("durations are hours in formulas and seconds in duration columns", () => {
    const result = run({
      columns: [{ field: "formula_double" }],
      formula_fields: [formula("formula_double", "timespent * 2", "duration")],
    });
    expect(cellValueOf(result, "EX-1")).toBe(36_000);
    expect(displayRow(result, "EX-1")).toEqual(["10.0h"]);
  });

  it("date results are calendar days in the report's zone", () => {
    const result = run({
      columns: [{ field: "formula_due" }],
      formula_fields: [formula("formula_due", "duedate + 7", "date"), formula("formula_first", "created", "date")],
    });
    expect(displayRow(result, "EX-1")).toEqual(["Jan 26, 2024"]);
    const first = run({ columns: [{ field: "formula_first" }], formula_fields: [formula("formula_first", "created", "date")] });
    expect(displayRow(first, "EX-6")).toEqual(["Jan 1, 2025"]);
  });

  it("division by zero is an empty cell", () => {
    const result = run({ columns: [{ field: "formula_r" }], formula_fields: [formula("formula_r", "timespent / timeoriginalestimate")] });
    expect(cellValueOf(result, "EX-11")).toBeNull();
    expect(cellValueOf(result, "EX-1")).toBe(1.25);
  });

  it("formulas work in sorting, grouping, filtering and aggregation", () => {
    const formulas = [
      formula("formula_points", "COALESCE(customfield_10016, 0) * 10"),
      formula("formula_big", "customfield_10016 >= 5", "boolean"),
      formula("formula_kind", 'IF(customfield_10016 >= 5, "big", "small")', "text"),
    ];
    const result = run({
      columns: [{ field: "formula_points", aggregation: "sum" }],
      formula_fields: formulas,
      sorting_rules: [{ field: "formula_points", direction: "desc" }],
      grouping_rules: [{ field: "formula_kind" }],
      filtering_rules: [{ field: "formula_points", operator: "gte", operands: [20] }],
    });
    expect(labels(result.root)).toEqual(["big", "small"]);
    expect(keys(result)).toEqual(["EX-6", "EX-3", "EX-2", "EX-10", "EX-1", "EX-11", "EX-12", "EX-5", "OPS-10"]);
    expect(findGroup(result.root, "big").aggregates[0]!.value).toBe(310);
    const flagged = run({ formula_fields: formulas, filtering_rules: [{ field: "formula_big", operator: "eq", operands: [true] }] });
    expect(keys(flagged)).toEqual(["EX-2", "EX-3", "EX-6", "EX-10"]);
  });

  it("rollups replace the column's aggregation on group rows and the total", () => {
    const result = run({
      columns: [{ field: "formula_progress", aggregation: "average", format: { type: "percent", decimals: 0 } }],
      formula_fields: [
        formula("formula_progress", "timespent / timeoriginalestimate", "number", { rollup: "SUM(timespent) / SUM(timeoriginalestimate)" }),
      ],
      grouping_rules: [{ field: "status" }],
    });
    const done = findGroup(result.root, "Done");
    // Done: spent 5 + 24 + 8 + 4 = 41 h, estimated 4 + 16 + 8 + 3 = 31 h.
    expect(done.aggregates[0]!.value).toBeCloseTo(41 / 31, 12);
    expect(done.aggregates[0]!.display).toBe("132%");
    expect(result.columns[0]!.hasRollup).toBe(true);
  });

  it("rollups over durations display as durations, COUNT() counts issues", () => {
    const result = run({
      columns: [{ field: "formula_spent" }, { field: "formula_n" }],
      formula_fields: [
        formula("formula_spent", "timespent", "duration", { rollup: "SUM(timespent) / COUNT()" }),
        formula("formula_n", "1", "number", { rollup: "COUNT() + COUNT(assignee) / 100" }),
      ],
    });
    expect(result.grandTotal[0]!.value).toBeCloseTo((45.75 * 3600) / 14, 6);
    expect(result.grandTotal[0]!.display).toBe("3.3h");
    expect(result.grandTotal[1]!.value).toBe(14.12);
  });

  it.each<[string, FormulaField["result_type"], unknown, string]>([
    ["SUM(customfield_10016)", "number", 45.5, "45.5"],
    ["SUM(timespent)", "number", 45.75, "45.75"],
    ["AVG(customfield_10016)", "number", 45.5 / 12, "3.79"],
    ["AVERAGE(customfield_10016)", "number", 45.5 / 12, "3.79"],
    ["MEDIAN(customfield_10016)", "number", 2.75, "2.75"],
    ["MIN(customfield_10016)", "number", 0, "0"],
    ["MAX(customfield_10016)", "number", 13, "13"],
    ["COUNT(customfield_10016)", "number", 12, "12"],
    ["COUNT()", "number", 14, "14"],
    ["COUNT_DISTINCT(status)", "number", 5, "5"],
    ["EARLIEST(created)", "date", Date.UTC(2024, 0, 1), "Jan 1, 2024"],
    ["LATEST(duedate)", "date", Date.UTC(2025, 0, 1), "Jan 1, 2025"],
    ["ROUND(MAX(customfield_10016) / MAX(COUNT(), 1), 2)", "number", 0.93, "0.93"],
  ])("rollup %s over the grand total", (rollup, result_type, value, display) => {
    const result = run({
      columns: [{ field: "formula_r" }],
      formula_fields: [formula("formula_r", result_type === "date" ? "created" : "1", result_type, { rollup })],
    });
    expect(result.formulaErrors).toEqual([]);
    expect(result.grandTotal[0]!.value).toBeCloseTo(value as number, 9);
    expect(result.grandTotal[0]!.display).toBe(display);
  });

  it("rollup errors are reported with their part", () => {
    const result = run({ formula_fields: [formula("formula_x", "1", "number", { rollup: "SUM(nope)" })] });
    expect(result.formulaErrors).toEqual([
      { formulaKey: "formula_x", part: "rollup", message: "unknown field 'nope'", position: 4, length: 4 },
    ]);
  });
});
