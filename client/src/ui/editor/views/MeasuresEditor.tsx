/**
 * A pivot's values or a chart's measures: a field and an aggregation that applies to the field's
 * type (as in the Columns pane), in order, 1 up to a limit.
 */

import { useState } from "react";
import type { Aggregation, Measure } from "../../../api/definition.gen";
import type { FieldType } from "../../../engine/index";
import { FieldMessages, LabeledSelect, occurrenceKeys } from "../controls";
import { moveItem, patchItem, removeItem } from "../draft";
import { FieldPicker } from "../FieldPicker";
import { measureLabel as nameOfMeasure } from "../../common/measureNames";
import { AGGREGATION_LABELS, typeOf, type FieldChoices } from "../fieldChoices";
import { ReorderableList } from "../ReorderableList";

/** "Count of Key", "Sum of Story Points". */
export function measureLabel(measure: Measure, fieldChoices: FieldChoices): string {
  const field = fieldChoices.get(measure.field)?.name ?? measure.field;
  return nameOfMeasure(measure.aggregation, field);
}

export interface MeasuresEditorProps {
  readonly measures: readonly Measure[];
  /** "value" or "measure": labels read "Value 1 field", "Add value". */
  readonly noun: string;
  readonly max: number;
  readonly fieldChoices: FieldChoices;
  readonly aggregationsFor: (type: FieldType) => Aggregation[];
  readonly onChange: (measures: Measure[]) => void;
  /** Moves and removals go through these when indexes elsewhere point at the measures. */
  readonly onMove?: (from: number, to: number) => void;
  readonly onRemove?: (index: number) => void;
  readonly errorsOf: (index: number) => readonly string[];
  readonly testId: string;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function MeasuresEditor({
  measures,
  noun,
  max,
  fieldChoices,
  aggregationsFor,
  onChange,
  onMove,
  onRemove,
  errorsOf,
  testId,
}: MeasuresEditorProps) {
  const [adding, setAdding] = useState("");
  const Noun = capitalized(noun);
  const keys = occurrenceKeys(measures, (m) => m.field);
  const fitting = (field: string, current: Aggregation): Aggregation => {
    const offered = aggregationsFor(typeOf(fieldChoices, field));
    return offered.includes(current) ? current : (offered[0] ?? "count");
  };
  const move = onMove ?? ((from: number, to: number) => onChange(moveItem(measures, from, to)));
  const remove = onRemove ?? ((index: number) => onChange(removeItem(measures, index)));

  return (
    <div className="rb-measures">
      <ReorderableList
        testId={testId}
        items={measures}
        itemKey={(_, i) => keys[i]!}
        itemLabel={(m, i) => `${noun} ${i + 1} (${measureLabel(m, fieldChoices)})`}
        onMove={move}
        onRemove={remove}
        removable={() => measures.length > 1}
        renderItem={(measure, index) => {
          const offered = aggregationsFor(typeOf(fieldChoices, measure.field));
          const update = (patch: Partial<Measure>) => onChange(patchItem(measures, index, patch));
          return (
            <div className="rb-rule">
              <div className="rb-rule__line">
                <FieldPicker
                  label={`${Noun} ${index + 1} field`}
                  choices={fieldChoices}
                  value={measure.field}
                  filter={(o) => aggregationsFor(o.type).length > 0}
                  onChange={(field) => update({ field, aggregation: fitting(field, measure.aggregation) })}
                />
                <LabeledSelect<Aggregation>
                  label={`${Noun} ${index + 1} aggregation`}
                  value={offered.includes(measure.aggregation) ? measure.aggregation : (offered[0] ?? measure.aggregation)}
                  options={(offered.includes(measure.aggregation) ? offered : [measure.aggregation, ...offered]).map((a) => ({
                    value: a,
                    label: AGGREGATION_LABELS[a],
                  }))}
                  onChange={(aggregation) => update({ aggregation })}
                />
              </div>
              <FieldMessages messages={errorsOf(index)} />
            </div>
          );
        }}
      />
      {measures.length < max ? (
        <div className="rb-add-row">
          <FieldPicker
            label={`Add a ${noun}`}
            choices={fieldChoices}
            value={adding || null}
            onChange={setAdding}
            filter={(o) => aggregationsFor(o.type).length > 0}
            placeholder="Search fields…"
          />
          <button
            type="button"
            className="rb-button"
            disabled={!adding}
            onClick={() => {
              onChange([...measures, { field: adding, aggregation: fitting(adding, "count") }]);
              setAdding("");
            }}
          >
            Add {noun}
          </button>
        </div>
      ) : (
        <p className="rb-subtlest">{max === 1 ? `This chart draws one ${noun}.` : `Up to ${max} ${noun}s.`}</p>
      )}
    </div>
  );
}
