/**
 * Columns pane: Jira and formula fields as ordered columns. Each column is one compact line
 * (name, type, a summary of its settings); its details (field, label, aggregation, width, format)
 * open on demand, so a report with many columns stays a short list.
 */

import { useState } from "react";
import type { Aggregation, Column } from "../../../api/definition.gen";
import { FieldMessages, FORMAT_SUMMARY_NONE, FormatEditor, formatSummary, LabeledSelect, NumberInput } from "../controls";
import { moveItem, removeItem, patchItem } from "../draft";
import { FieldPicker } from "../FieldPicker";
import { AGGREGATION_LABELS, aggregationsFor, typeOf, type FieldChoices } from "../fieldChoices";
import { typeLabel } from "../fieldSearch";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export const MAX_COLUMNS = 50;

function columnName(fieldChoices: FieldChoices, column: Column): string {
  return column.label || fieldChoices.get(column.field)?.name || column.field;
}

/** "Sum · Duration format · 120 px": what the details hold, readable without opening them. */
export function columnSummary(column: Column, aggregations: readonly Aggregation[]): string {
  const parts: string[] = [];
  const aggregation = column.aggregation && aggregations.includes(column.aggregation) ? column.aggregation : null;
  parts.push(aggregation ? AGGREGATION_LABELS[aggregation] : "No aggregation");
  const format = formatSummary(column.format);
  if (format !== FORMAT_SUMMARY_NONE) parts.push(format);
  if (column.width !== null) parts.push(`${column.width} px`);
  return parts.join(" · ");
}

export function ColumnsPane({ draft, onChange, fieldChoices, errors }: PaneProps) {
  const [adding, setAdding] = useState("");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const used = new Set(draft.columns.map((c) => c.field));
  const setColumns = (update: (columns: Column[]) => Column[]) => onChange((d) => ({ ...d, columns: update(d.columns) }));
  const toggle = (field: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(field)) next.add(field);
      return next;
    });

  const add = () => {
    if (!adding || used.has(adding)) return;
    setColumns((columns) => [...columns, { field: adding, label: null, format: null, aggregation: null, width: null }]);
    setAdding("");
  };

  return (
    <div className="rb-pane">
      <p className="rb-subtle">Columns appear in this order. Group rows and the total show each column's aggregation.</p>
      <FieldMessages messages={errorsAt(errors, "columns")} />
      {draft.columns.length === 0 ? <p className="rb-empty">No columns yet. Issue keys are always shown.</p> : null}
      <ReorderableList
        testId="columns-list"
        compact
        items={draft.columns}
        itemKey={(c) => c.field}
        itemLabel={(c) => columnName(fieldChoices, c)}
        onMove={(from, to) => setColumns((columns) => moveItem(columns, from, to))}
        onRemove={(index) => setColumns((columns) => removeItem(columns, index))}
        renderItem={(column, index) => {
          const type = typeOf(fieldChoices, column.field);
          const aggregations = aggregationsFor(type);
          const update = (patch: Partial<Column>) => setColumns((columns) => patchItem(columns, index, patch));
          const rowErrors = errorsUnder(errors, `columns.${index}`);
          // A column the server rejected shows its details, so the message sits by the setting.
          const expanded = open.has(column.field) || rowErrors.length > 0;
          const name = columnName(fieldChoices, column);
          const detailsId = `column-details-${index}`;
          return (
            <div className="rb-column-row" data-testid="column-row" data-field={column.field}>
              <div className="rb-column-row__line">
                <span className="rb-column-row__name" title={name}>
                  {name}
                </span>
                <span className="rb-column-row__type">{typeLabel(type)}</span>
                <span className="rb-column-row__summary" data-testid="column-summary">
                  {columnSummary(column, aggregations)}
                </span>
                {rowErrors.length > 0 ? (
                  <span className="rb-column-row__error" role="img" aria-label="Has errors">
                    !
                  </span>
                ) : null}
                <button
                  type="button"
                  className="rb-button rb-button--subtle rb-button--compact rb-disclosure"
                  aria-expanded={expanded}
                  aria-controls={expanded ? detailsId : undefined}
                  aria-label={`Details of ${name}`}
                  onClick={() => toggle(column.field)}
                >
                  <span aria-hidden="true" className="rb-disclosure__icon">
                    {expanded ? "▾" : "▸"}
                  </span>
                  Details
                </button>
              </div>
              {expanded ? (
                <div className="rb-column-row__details" id={detailsId}>
                  <div className="rb-rule__line">
                    <FieldPicker
                      label="Field"
                      choices={fieldChoices}
                      value={column.field}
                      filter={(o) => !used.has(o.key)}
                      // A new field keeps the label but not a format or aggregation meant for another type.
                      onChange={(field) => {
                        update({ field, format: null, aggregation: null });
                        setOpen((current) => new Set(current).add(field));
                      }}
                      invalid={rowErrors.length > 0}
                    />
                    <span className="rb-inline-field">
                      <label className="rb-label" htmlFor={`col-label-${index}`}>
                        Label
                      </label>
                      <input
                        id={`col-label-${index}`}
                        className="rb-input"
                        value={column.label ?? ""}
                        maxLength={255}
                        placeholder={fieldChoices.get(column.field)?.name ?? column.field}
                        onChange={(e) => update({ label: e.target.value === "" ? null : e.target.value })}
                      />
                    </span>
                    <LabeledSelect<"" | Aggregation>
                      label="Aggregation"
                      value={column.aggregation && aggregations.includes(column.aggregation) ? column.aggregation : ""}
                      options={[{ value: "", label: "None" }, ...aggregations.map((a) => ({ value: a, label: AGGREGATION_LABELS[a] }))]}
                      onChange={(a) => update({ aggregation: a === "" ? null : a })}
                    />
                    <NumberInput
                      label="Width (px)"
                      value={column.width}
                      min={40}
                      max={1000}
                      placeholder="Auto"
                      onChange={(width) => update({ width })}
                    />
                  </div>
                  <div className="rb-rule__line">
                    <FormatEditor type={type} value={column.format} onChange={(format) => update({ format })} />
                  </div>
                  <FieldMessages messages={rowErrors} />
                </div>
              ) : null}
            </div>
          );
        }}
      />
      <div className="rb-add-row">
        <FieldPicker
          label="Add a column"
          choices={fieldChoices}
          value={adding || null}
          onChange={setAdding}
          filter={(o) => !used.has(o.key)}
          placeholder="Search fields…"
        />
        <button type="button" className="rb-button" onClick={add} disabled={!adding || draft.columns.length >= MAX_COLUMNS}>
          Add column
        </button>
      </div>
    </div>
  );
}
