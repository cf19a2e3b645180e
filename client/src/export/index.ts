/** Report exports built in the browser (CSV, XLSX) and the download helper; the UI imports from here. */

export { toCsv, CSV_MIME, neutraliseFormula, quoteCsvField } from "./csv";
export { toXlsx, XLSX_MIME } from "./xlsx";
export { download, exportFilename } from "./download";
export { pivotExportTable, toPivotCsv, toPivotXlsx } from "./pivot";
export { EXPORT_MODES, exportTable, type ExportMode, type ExportRow, type ExportTable, type ExportValue } from "./table";
