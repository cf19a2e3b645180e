/**
 * Formula preview on sample issues: a pool of the JQL's first issues (with every field the
 * draft's formulas read) fetched through the Jira port on request and kept in the editor's memory
 * only; each formula is evaluated by the real engine on the whole pool, and the preview shows the
 * issues that have values for the fields it reads, so it shows results rather than empty cells.
 */

import { createReportEngine, fieldsToLoad, formatCell, getIssueKey, type FieldDetails, type JiraIssue } from "../../engine/index";
import type { FormulaField } from "../../api/definition.gen";
import type { JiraHelpers } from "../ports";
import type { Draft } from "./draft";

/** Rows the preview shows per formula. */
export const SAMPLE_SIZE = 5;
/** Issues fetched to choose those rows from. */
export const SAMPLE_POOL = 100;

export interface Sample {
  readonly issues: readonly JiraIssue[];
  readonly fields: readonly FieldDetails[];
}

/** The JQL's first issues with every field the draft's formulas read (as the report's plan says). */
export async function loadSample(jira: Pick<JiraHelpers, "sampleIssues">, draft: Draft, fields: readonly FieldDetails[]): Promise<Sample> {
  const wanted = fieldsToLoad({ formula_fields: draft.formula_fields }, fields);
  return { issues: await jira.sampleIssues(draft.jql, wanted, SAMPLE_POOL), fields };
}

export interface PreviewRow {
  readonly issueKey: string;
  readonly display: string;
}

export interface Preview {
  readonly rows: readonly PreviewRow[];
  /** How many pool issues have a value for every Jira field the formula reads. */
  readonly withValues: number;
  readonly poolSize: number;
}

const isEmptyValue = (v: unknown): boolean => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/** How many of `references` (Jira field keys; formula keys are not in the issue) the issue lacks. */
export function missingValues(issue: JiraIssue, references: readonly string[], formulaKeys: ReadonlySet<string>): number {
  const values = (issue.fields ?? {}) as Record<string, unknown>;
  let missing = 0;
  for (const key of references) if (!formulaKeys.has(key) && isEmptyValue(values[key])) missing++;
  return missing;
}

/**
 * Values of `formula` on the issues of the sample that best show it: non-empty results first,
 * then issues missing the fewest referenced fields, in JQL order otherwise. null when the engine
 * reports errors for the formula.
 */
export function previewFormula(
  sample: Sample,
  formulas: readonly FormulaField[],
  formula: FormulaField,
  references: readonly string[],
  timeZone: string,
): Preview | null {
  const engine = createReportEngine({
    definition: { columns: [{ field: formula.key }], formula_fields: [...formulas] },
    fields: sample.fields,
    now: () => new Date(),
    timeZone,
  });
  if (engine.formulaErrors.some((e) => e.formulaKey === formula.key)) return null;
  const formulaKeys = new Set(formulas.map((f) => f.key));
  const missing = new Map(sample.issues.map((issue) => [issue.key, missingValues(issue, references, formulaKeys)]));
  engine.addIssues(sample.issues);
  const result = engine.compute();
  const ranked: (PreviewRow & { score: number; order: number })[] = [];
  result.rows.forEach((row, order) => {
    const issueKey = getIssueKey(result, row) ?? "";
    const display = formatCell(result, row, 0).display;
    ranked.push({ issueKey, display, order, score: (display === "" ? 1000 : 0) + (missing.get(issueKey) ?? 0) });
  });
  engine.clear();
  ranked.sort((a, b) => a.score - b.score || a.order - b.order);
  return {
    rows: ranked.slice(0, SAMPLE_SIZE).map(({ issueKey, display }) => ({ issueKey, display })),
    withValues: [...missing.values()].filter((n) => n === 0).length,
    poolSize: sample.issues.length,
  };
}
