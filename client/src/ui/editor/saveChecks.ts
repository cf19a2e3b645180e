/**
 * What Save checks before it sends anything: the JQL with Jira (`/rest/api/3/jql/parse`, Jira's own
 * messages) and every formula and rollup with the engine. Problems come back as editor field
 * errors (`jql`, `formula_fields.2.expression`), so each shows next to its field and the editor
 * moves to the pane that holds it. A Jira that cannot be reached does not block saving: the server
 * does not need Jira to store the report, and the viewer reports a bad query when it runs.
 */

import { validateFormula, type AvailableField } from "../../engine/index";
import type { FormulaField } from "../../api/definition.gen";
import type { JiraHelpers } from "../ports";
import type { Draft } from "./draft";
import { lineAndColumn, withFieldNames, type NameOf } from "./FormulaDiagnostics";
import type { FieldErrors } from "./serverErrors";

/** The static type each declared result type needs (durations are hours, i.e. numbers). */
const EXPRESSION_TYPE: Record<FormulaField["result_type"], string> = {
  number: "number",
  duration: "number",
  text: "text",
  date: "date",
  boolean: "boolean",
};

export interface NamedAvailableField extends AvailableField {
  readonly name: string;
}

/** Engine problems of one formula, each naming the formula and its fields by name. */
export function formulaProblems(
  formula: FormulaField,
  available: readonly NamedAvailableField[],
  nameOf: NameOf,
): { expression: string[]; rollup: string[] } {
  const label = `Formula "${formula.name || formula.key}"`;
  const others = available.filter((f) => f.key !== formula.key);
  const describe = (source: string, errors: readonly { message: string; position: number }[]) =>
    errors.map((e) => {
      const { line, column } = lineAndColumn(source, e.position);
      return `${label}: ${withFieldNames(e.message, nameOf)} (line ${line}, column ${column}).`;
    });
  const expression: string[] = [];
  if (formula.expression.trim() === "") expression.push(`${label} has no expression.`);
  else {
    const v = validateFormula(formula.expression, others);
    expression.push(...describe(formula.expression, v.errors));
    if (v.ok && v.type !== EXPRESSION_TYPE[formula.result_type])
      expression.push(`${label} gives ${v.type}, but its result type is ${formula.result_type}.`);
  }
  const rollup: string[] = [];
  if (formula.rollup && formula.rollup.trim() !== "") {
    const v = validateFormula(formula.rollup, others, { mode: "rollup" });
    rollup.push(...describe(formula.rollup, v.errors).map((m) => m.replace(label, `${label}, rollup`)));
  }
  return { expression, rollup };
}

/** Every problem Save must refuse, by editor path; empty when the draft may be saved. */
export async function checkBeforeSave(
  draft: Draft,
  jira: Pick<JiraHelpers, "checkJql">,
  available: readonly NamedAvailableField[],
): Promise<FieldErrors> {
  const errors = new Map<string, string[]>();
  const nameOf: NameOf = (key) => available.find((f) => f.key === key)?.name;
  // Pane order (General before Formulas), so the editor moves to the first pane with a problem.
  if (draft.jql.trim() !== "") {
    const answer = await jira.checkJql(draft.jql).catch(() => null);
    if (answer && !answer.valid)
      errors.set("jql", answer.messages.length > 0 ? answer.messages.map((m) => `Jira: ${m}`) : ["Jira does not accept this query."]);
  }
  // Without Jira's field list (it failed to load) every field would read as unknown: the editor
  // already says the list is missing, and the viewer still reports formula errors when it runs.
  const jiraFieldsKnown = available.some((f) => !f.key.startsWith("formula_") && f.key !== "issuekey");
  if (!jiraFieldsKnown) return errors;
  draft.formula_fields.forEach((formula, index) => {
    const { expression, rollup } = formulaProblems(formula, available, nameOf);
    if (expression.length > 0) errors.set(`formula_fields.${index}.expression`, expression);
    if (rollup.length > 0) errors.set(`formula_fields.${index}.rollup`, rollup);
  });
  return errors;
}
