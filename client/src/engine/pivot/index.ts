export { computePivot } from "./computePivot";
export { pivotFields, viewFields } from "./pivotFields";
export type { PivotCell, PivotColumn, PivotGroupKey, PivotHeader, PivotResult, PivotRow, PivotValueDescriptor } from "./types";
