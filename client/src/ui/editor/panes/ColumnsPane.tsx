/** Columns pane: Jira and formula fields as ordered columns with label, format, aggregation, width. */

import { useState } from "react";
import type { Aggregation, Column } from "../../../api/definition.gen";
import { FieldMessages, FieldSelect, FormatEditor, LabeledSelect, NumberInput } from "../controls";
import { moveItem, removeItem, patchItem } from "../draft";
import { AGGREGATION_LABELS, aggregationsFor, typeOf, type FieldChoices } from "../fieldChoices";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export const MAX_COLUMNS = 50;

function columnName(fieldChoices: FieldChoices, column: Column): string {
  return column.label || fieldChoices.get(column.field)?.name || column.field;
}

export function ColumnsPane({ draft, onChange, fieldChoices, errors }: PaneProps) {
  const [adding, setAdding] = useState("");
  const used = new Set(draft.columns.map((c) => c.field));
  const setColumns = (update: (columns: Column[]) => Column[]) => onChange((d) => ({ ...d, columns: update(d.columns) }));

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
          return (
            <div className="rb-rule" data-testid="column-row">
              <div className="rb-rule__line">
                <FieldSelect
                  fieldChoices={fieldChoices}
                  label="Field"
                  value={column.field}
                  exclude={used}
                  // A new field keeps the label but not a format or aggregation meant for another type.
                  onChange={(field) => update({ field, format: null, aggregation: null })}
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
          );
        }}
      />
      <div className="rb-add-row">
        <FieldSelect
          fieldChoices={fieldChoices}
          label="Add a column"
          value={adding}
          onChange={setAdding}
          exclude={used}
          placeholder="Choose a field…"
        />
        <button type="button" className="rb-button" onClick={add} disabled={!adding || draft.columns.length >= MAX_COLUMNS}>
          Add column
        </button>
      </div>
    </div>
  );
}
