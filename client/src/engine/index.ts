/**
 * Rollbook report engine — public API. Pure TypeScript: no DOM, network or UI framework.
 *
 * ```ts
 * const engine = createReportEngine({ definition, fields, now: () => new Date(), timeZone: "Europe/Berlin" });
 * engine.addIssues(page);              // as each /search/jql page arrives
 * const result = engine.compute();     // consistent report over what has loaded
 * const rows = flattenReport(result);  // for the virtualized table and exports
 * formatCell(result, rows[0].row, 0);  // { display, raw }
 * engine.clear();                      // discard all issue data
 * ```
 */

import { cellEntries, cellValue } from "./cells";
import type { DictionaryEntry } from "./columns/dictionary";
import { formatValue, type CellValue, type FormattedValue } from "./formats/formatFns";
import type { ReportResult } from "./result";

export { createReportEngine, type ReportEngine, type ReportEngineOptions } from "./reportEngine";
export { flattenReport, type DisplayRow, type FlattenOptions } from "./flatten";
export { validateFormula, type AvailableField, type FormulaValidation } from "./validate";
export type { AggregateCell, ColumnDescriptor, GroupNode, ReportResult } from "./result";
export { fieldsToLoad, needsChangelog, type DefinitionWarning } from "./plan";
export { historyFieldChoices, historyFieldName, type HistoryFieldChoice } from "./history/historyNames";
export { completeHistories } from "./history/statusChanges";
export type { FormulaError } from "./formulas/formulaPlan";
export type { FormulaType } from "./formulas/types";
export type { Diagnostic } from "./formulas/ast";
export type { GroupKeyValue } from "./grouping/groupKeys";
export type { CellValue, FormattedValue } from "./formats/formatFns";
export type { DictionaryEntry } from "./columns/dictionary";
export type { FieldSpec, FieldType } from "./columns/types";
export { resolveFieldSpec } from "./columns/fieldTypes";
export { FIELD_TYPES } from "./columns/types";
export type * from "./model";
export type {
  FieldDetails,
  JiraChangeHistory,
  JiraChangeItem,
  JiraChangelog,
  JiraIssue,
  JiraSearchPage,
  JiraStatus,
  JsonTypeBean,
} from "./jira";
export { aggregationFns } from "./aggregation/aggregationFns";
export { filterFns } from "./filtering/filterFns";
export { formatFns } from "./formats/formatFns";
export { formulaFns } from "./formulas/formulaFns";
export { rollupFns } from "./formulas/rollupFns";
export { bucketFns } from "./grouping/bucketFns";
export { sortFns } from "./sorting/sortFns";
export {
  computePivot,
  pivotFields,
  viewFields,
  type PivotCell,
  type PivotColumn,
  type PivotGroupKey,
  type PivotHeader,
  type PivotResult,
  type PivotRow,
  type PivotValueDescriptor,
} from "./pivot";
export type { ChartView, HistoryPoint, HistorySettings, PivotView, TableView, View, WorkingTime } from "./model.gen";

/** Plain value of a cell: number (seconds for durations, epoch ms for dates), label(s), boolean or null. */
export function getCellValue(result: ReportResult, row: number, columnIndex: number): CellValue {
  const column = result.columns[columnIndex];
  return column ? cellValue(result.data.table.column(column.field), row) : null;
}

/** A cell formatted with its column's format: display string and raw export value. */
export function formatCell(result: ReportResult, row: number, columnIndex: number): FormattedValue {
  const column = result.columns[columnIndex];
  if (!column) return { display: "", raw: null };
  return formatValue(getCellValue(result, row, columnIndex), column.type, column.format, result.data.formatContext);
}

/** Option/user/issue entries of a cell (color, status category, avatar) for lozenges and avatars. */
export function getCellEntries(result: ReportResult, row: number, columnIndex: number): readonly DictionaryEntry[] {
  const column = result.columns[columnIndex];
  return column ? cellEntries(result.data.table.column(column.field), row) : [];
}

/** Issue key (`EX-12`) of a row, for links that open the issue in Jira. */
export function getIssueKey(result: ReportResult, row: number): string | undefined {
  return result.data.table.issueKey(row);
}

export function getIssueId(result: ReportResult, row: number): string | undefined {
  return result.data.table.issueId(row);
}
