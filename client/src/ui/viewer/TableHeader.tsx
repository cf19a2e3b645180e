/**
 * The table's header row: the tree column's title, then per column a sort button (this view
 * only), the aggregation's tag ("Σ", "avg", "count", …) and a resize handle.
 */

import type { ColumnDescriptor, ReportResult } from "../../engine/index";
import { isNumericColumn } from "./CellContent";
import { ColumnResizer } from "./ColumnResizer";
import { aggregateLabel, aggregateName, columnWidth, treeColumnWidth, type WidthOverrides } from "./columns";
import type { ViewSort } from "./tableSort";

export interface TableHeaderProps {
  readonly result: ReportResult;
  readonly template: string;
  readonly height: number;
  readonly sort: ViewSort | null;
  readonly overrides: WidthOverrides;
  readonly onSort: (columnIndex: number) => void;
  readonly onResize: (columnIndex: number, width: number) => void;
}

export function TableHeader({ result, template, height, sort, overrides, onSort, onResize }: TableHeaderProps) {
  return (
    <div
      role="row"
      className="rb-row rb-row--header"
      style={{ gridTemplateColumns: template, height }}
      aria-rowindex={1}
      data-testid="header-row"
    >
      <div role="columnheader" className="rb-cell rb-cell--header rb-cell--tree" style={{ width: treeColumnWidth(result) }}>
        {result.groupDepth > 0 ? "Group / Issue" : "Issue"}
      </div>
      {result.columns.map((column) => (
        <ColumnHeader
          key={column.index}
          column={column}
          width={columnWidth(column, overrides)}
          sort={sort?.columnIndex === column.index ? sort.direction : null}
          onSort={onSort}
          onResize={onResize}
        />
      ))}
    </div>
  );
}

interface ColumnHeaderProps {
  readonly column: ColumnDescriptor;
  readonly width: number;
  readonly sort: ViewSort["direction"] | null;
  readonly onSort: (columnIndex: number) => void;
  readonly onResize: (columnIndex: number, width: number) => void;
}

function ColumnHeader({ column, width, sort, onSort, onResize }: ColumnHeaderProps) {
  const tag = aggregateLabel(column);
  const tagName = aggregateName(column);
  const numeric = isNumericColumn(column);
  return (
    <div
      role="columnheader"
      className={`rb-cell rb-cell--header${numeric ? " rb-cell--numeric" : ""}`}
      data-column={column.field}
      data-aggregation={column.aggregation ?? undefined}
      aria-sort={sort ?? "none"}
      title={tagName ? `${column.label} (${tagName} in group rows and the total)` : column.label}
    >
      <button
        type="button"
        className="rb-sort-button"
        onClick={() => onSort(column.index)}
        // The tag is drawn by CSS (not text) so the header's text stays the column's name; its words go in the name.
        aria-label={tagName ? `${column.label}, ${tagName}` : column.label}
        data-testid="sort-button"
      >
        <span className="rb-header-label">{column.label}</span>
        {tag ? <span className="rb-aggregate-tag" data-tag={tag} aria-hidden="true" data-testid="aggregate-tag" /> : null}
        <span className={`rb-sort-indicator${sort ? ` rb-sort-indicator--${sort}` : ""}`} aria-hidden="true" />
      </button>
      <ColumnResizer label={column.label} width={width} onResize={(next) => onResize(column.index, next)} />
    </div>
  );
}
