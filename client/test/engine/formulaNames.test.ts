import { describe, expect, it } from "vitest";
import { createFieldNameResolver, fieldReference } from "../../src/engine/formulas/fieldNames";
import { tokenize } from "../../src/engine/formulas/lexer";
import { fieldsToLoad, validateFormula } from "../../src/engine/index";
import type { FormulaField } from "../../src/engine/model";
import { FIELDS } from "./fixtures";
import { AVAILABLE, cellValueOf, run } from "./helpers";

const NAMED = FIELDS.map((f) => ({ key: f.id, name: f.name }));
const AVAILABLE_NAMED = AVAILABLE.map((f) => ({ ...f, name: FIELDS.find((d) => d.id === f.key)!.name }));
const formula = (key: string, expression: string, result_type: FormulaField["result_type"] = "number"): FormulaField => ({
  key,
  name: key.replace("formula_", ""),
  expression,
  result_type,
});

describe("bracketed field names", () => {
  it.each<[string, string, string[]]>([
    ["by name", "[Story Points] * 2", ["customfield_10016"]],
    ["ignoring case and extra spaces", "[ story   points ] + 1", ["customfield_10016"]],
    ["beside keys", "[Original estimate] - timespent", ["timeoriginalestimate", "timespent"]],
    ["inside an aggregate-free function", "IFEMPTY([Time Spent], 0)", ["timespent"]],
  ])("%s: %s", (_case, expression, references) => {
    const v = validateFormula(expression, AVAILABLE_NAMED);
    expect(v.errors).toEqual([]);
    expect(v.references).toEqual(references);
  });

  it.each<[string, string, string, number]>([
    ["an unknown name", "[Nope] + 1", "unknown field 'Nope'", 0],
    ["an unclosed bracket", "1 + [Story Points", "field name has no closing ']'", 4],
    ["an empty name", "[] + 1", "empty field name: write a name between '[' and ']'", 0],
  ])("reports %s", (_case, expression, message, position) => {
    const v = validateFormula(expression, AVAILABLE_NAMED);
    expect(v.ok).toBe(false);
    expect(v.errors[0]).toMatchObject({ message, position });
  });

  it("reports a name two fields share instead of guessing", () => {
    const resolve = createFieldNameResolver([...NAMED, { key: "customfield_20000", name: "Story points" }]);
    expect(resolve("Story Points")).toEqual({
      problem: "2 fields are named 'Story Points' (customfield_10016, customfield_20000); write the key of the one you mean",
    });
  });

  it("tokenizes a bracketed name as one token", () => {
    const tokens = tokenize("[Time Spent]/8");
    expect(Array.isArray(tokens) && tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      "fieldname:Time Spent",
      "operator:/",
      "number:8",
      "eof:",
    ]);
  });

  it.each<[string, { key: string; name: string }, string]>([
    ["a unique name", { key: "customfield_10016", name: "Story Points" }, "[Story Points]"],
    ["a name with a bracket", { key: "customfield_1", name: "Size [pts]" }, "customfield_1"],
    ["a name another field shares", { key: "customfield_2", name: "Summary" }, "customfield_2"],
  ])("writes %s as %s", (_case, field, written) => {
    expect(fieldReference(field, createFieldNameResolver([...NAMED, field]))).toBe(written);
  });

  it("the report engine reads names (Jira's and formulas') and loads the fields they name", () => {
    const result = run({
      columns: [{ field: "formula_left" }, { field: "formula_double" }],
      formula_fields: [formula("formula_left", "[Original estimate] - IFEMPTY([Time Spent], 0)"), formula("formula_double", "[left] * 2")],
    });
    expect(result.formulaErrors).toEqual([]);
    expect(cellValueOf(result, "EX-3", 0)).toBe(16);
    expect(cellValueOf(result, "EX-3", 1)).toBe(32);
    expect(cellValueOf(result, "EX-1", 0)).toBe(-1);
  });
});

describe("loading what names name", () => {
  it("asks Jira for the fields a formula names, and not for names that resolve to nothing", () => {
    const loaded = fieldsToLoad(
      { formula_fields: [formula("formula_x", "[Story Points] + IFEMPTY([Original estimate], 0) + [Nope]")] },
      FIELDS,
    );
    expect([...loaded].sort()).toEqual(["customfield_10016", "timeoriginalestimate"]);
  });
});

describe("IFEMPTY", () => {
  it.each<[string, string, unknown]>([
    ["an empty field", "IFEMPTY(timespent, 0)", 0],
    ["a field with a value", "IFEMPTY(timeoriginalestimate, 0)", 16],
    ["empty text", 'IFEMPTY("", "none")', "none"],
    ["estimate minus empty time spent", "timeoriginalestimate - IFEMPTY(timespent, 0)", 16],
  ])("%s: %s", (_case, expression, expected) => {
    const type = typeof expected === "string" ? "text" : "number";
    const result = run({ columns: [{ field: "formula_x" }], formula_fields: [formula("formula_x", expression, type)] });
    expect(result.formulaErrors).toEqual([]);
    expect(cellValueOf(result, "EX-3", 0)).toBe(expected);
  });

  it("needs both arguments of one type", () => {
    expect(validateFormula('IFEMPTY(timespent, "x")', AVAILABLE).errors[0]?.message).toBe(
      "IFEMPTY: all results must have the same type (number and text)",
    );
  });
});
