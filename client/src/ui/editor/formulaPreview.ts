/**
 * Live formula preview on a handful of sample issues: fetched through the Jira port on request,
 * kept in the editor's memory only, and evaluated by the real engine so the preview shows
 * exactly what the report will show.
 */

import { createReportEngine, fieldsToLoad, formatCell, getIssueKey, type FieldDetails, type JiraIssue } from "../../engine/index";
import type { FormulaField } from "../../api/definition.gen";
import type { JiraHelpers } from "../ports";
import type { Draft } from "./draft";

export const SAMPLE_SIZE = 5;

export interface Sample {
  readonly issues: readonly JiraIssue[];
  readonly fields: readonly FieldDetails[];
}

/** The first few issues of the JQL with every field the draft's formulas read (as the report's plan says). */
export async function loadSample(jira: Pick<JiraHelpers, "sampleIssues">, draft: Draft, fields: readonly FieldDetails[]): Promise<Sample> {
  const wanted = fieldsToLoad({ formula_fields: draft.formula_fields }, fields);
  return { issues: await jira.sampleIssues(draft.jql, wanted, SAMPLE_SIZE), fields };
}

export interface PreviewRow {
  readonly issueKey: string;
  readonly display: string;
}

/** Values of `formula` on the sample, or null when the engine reports errors for it. */
export function previewFormula(
  sample: Sample,
  formulas: readonly FormulaField[],
  formula: FormulaField,
  timeZone: string,
): PreviewRow[] | null {
  const engine = createReportEngine({
    definition: { columns: [{ field: formula.key }], formula_fields: [...formulas] },
    fields: sample.fields,
    now: () => new Date(),
    timeZone,
  });
  if (engine.formulaErrors.some((e) => e.formulaKey === formula.key)) return null;
  engine.addIssues(sample.issues);
  const result = engine.compute();
  const rows: PreviewRow[] = [];
  for (const row of result.rows) rows.push({ issueKey: getIssueKey(result, row) ?? "", display: formatCell(result, row, 0).display });
  engine.clear();
  return rows;
}
