/**
 * A pivot's settings: row fields (1–3) and column fields (1–2) with the Grouping pane's field,
 * bucket and "(none)" controls, values (1–6 measures), shares, the order of each axis, totals,
 * and conditional formats per value.
 */

import { useState } from "react";
import type { AxisOrder, GroupRule, PercentOf, PivotView } from "../../../api/definition.gen";
import type { FieldType } from "../../../engine/index";
import { VIEW_LIMITS } from "../../../engine/vocabulary.gen";
import { DIRECTION_OPTIONS, FieldMessages, LabeledSelect } from "../controls";
import { moveItem, patchItem, removeItem } from "../draft";
import { FieldPicker } from "../FieldPicker";
import { typeOf, type FieldChoices } from "../fieldChoices";
import { GroupRuleFields } from "../panes/GroupingPane";
import { ReorderableList } from "../ReorderableList";
import { ConditionalFormatsEditor, type FormatTarget } from "./ConditionalFormatsEditor";
import { MeasuresEditor, measureLabel } from "./MeasuresEditor";
import { axisRule, movePivotValue, pivotAggregationsFor, pivotValueUnit, removePivotValue, ruleOn, withPercentOf } from "./viewDraft";

export interface ViewSettingsProps<V> {
  readonly view: V;
  readonly onChange: (update: (view: V) => V) => void;
  readonly fieldChoices: FieldChoices;
  /** The server's messages at `views.N.<path>` or below. */
  readonly errorsUnder: (path: string) => readonly string[];
  /** The server's messages at `views.N.<path>` exactly. */
  readonly errorsAt: (path: string) => readonly string[];
}

const PERCENT_OPTIONS: { value: PercentOf; label: string }[] = [
  { value: "none", label: "The values themselves" },
  { value: "row", label: "Share of the row's total" },
  { value: "column", label: "Share of the column's total" },
  { value: "total", label: "Share of the grand total" },
];

function AxisRules({
  axis,
  noun,
  rules,
  max,
  fieldChoices,
  onChange,
  errorsUnder,
}: {
  axis: "rows" | "columns";
  noun: string;
  rules: readonly GroupRule[];
  max: number;
  fieldChoices: FieldChoices;
  onChange: (update: (rules: GroupRule[]) => GroupRule[]) => void;
  errorsUnder: (path: string) => readonly string[];
}) {
  const [adding, setAdding] = useState("");
  const used = new Set(rules.map((r) => r.field));
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="rb-pivot-axis" data-testid={`pivot-${axis}`}>
      <ReorderableList
        testId={`pivot-${axis}-list`}
        items={rules}
        itemKey={(r) => r.field}
        itemLabel={(r, i) => `${noun} ${i + 1} (${fieldChoices.get(r.field)?.name ?? r.field})`}
        onMove={(from, to) => onChange((list) => moveItem(list, from, to))}
        onRemove={(index) => onChange((list) => removeItem(list, index))}
        removable={() => rules.length > 1}
        renderItem={(rule, index) => (
          <div className="rb-rule">
            <div className="rb-rule__line">
              <GroupRuleFields
                label={`${Noun} ${index + 1}`}
                rule={rule}
                fieldChoices={fieldChoices}
                filter={(o) => !used.has(o.key)}
                onChange={(patch) => onChange((list) => patchItem(list, index, patch))}
              />
            </div>
            <FieldMessages messages={errorsUnder(`${axis}.${index}`)} />
          </div>
        )}
      />
      {rules.length < max ? (
        <div className="rb-add-row">
          <FieldPicker
            label={`Add a ${noun}`}
            choices={fieldChoices}
            value={adding || null}
            onChange={setAdding}
            filter={(o) => !used.has(o.key)}
            placeholder="Search fields…"
          />
          <button
            type="button"
            className="rb-button"
            disabled={!adding}
            onClick={() => {
              onChange((list) => [...list, ruleOn(adding, typeOf(fieldChoices, adding) as FieldType)]);
              setAdding("");
            }}
          >
            Add {noun}
          </button>
        </div>
      ) : (
        <p className="rb-subtlest">
          Up to {max} {noun}s.
        </p>
      )}
    </div>
  );
}

function AxisOrderControls({
  label,
  order,
  valueLabels,
  onChange,
}: {
  label: string;
  order: AxisOrder;
  valueLabels: readonly string[];
  onChange: (order: AxisOrder) => void;
}) {
  const current = order.by === "value" && order.value !== null ? `value:${order.value}` : "key";
  return (
    <>
      <LabeledSelect
        label={`Order ${label} by`}
        value={current}
        options={[
          { value: "key", label: "Group name" },
          ...valueLabels.map((l, i) => ({ value: `value:${i}`, label: `Value ${i + 1}: ${l}` })),
        ]}
        onChange={(v) =>
          onChange(
            v === "key"
              ? { by: "key", value: null, direction: order.direction }
              : { by: "value", value: Number(v.slice("value:".length)), direction: order.direction },
          )
        }
      />
      <LabeledSelect
        label={`Order of ${label}`}
        value={order.direction}
        options={DIRECTION_OPTIONS}
        onChange={(direction) => onChange({ ...order, direction })}
      />
    </>
  );
}

export function PivotSettings({ view, onChange, fieldChoices, errorsUnder, errorsAt }: ViewSettingsProps<PivotView>) {
  const valueLabels = view.values.map((v) => measureLabel(v, fieldChoices));
  const targets: FormatTarget[] = view.values.flatMap((value, i) => {
    const unit = pivotValueUnit(view, value, fieldChoices);
    return unit ? [{ value: String(i), label: `Value ${i + 1}: ${valueLabels[i]}`, unit }] : [];
  });
  return (
    <div className="rb-view-settings" data-testid="pivot-settings">
      <h2 className="rb-views__subheading">Rows</h2>
      <p className="rb-subtle">Row fields, the outermost first (1 to {VIEW_LIMITS.pivotRows}).</p>
      <FieldMessages messages={errorsAt("rows")} />
      <AxisRules
        axis="rows"
        noun="row field"
        rules={view.rows}
        max={VIEW_LIMITS.pivotRows}
        fieldChoices={fieldChoices}
        onChange={(update) => onChange((v) => ({ ...v, rows: update(v.rows).map(axisRule) }))}
        errorsUnder={errorsUnder}
      />
      <h2 className="rb-views__subheading">Columns</h2>
      <p className="rb-subtle">Column fields, the outermost first (1 to {VIEW_LIMITS.pivotColumns}).</p>
      <FieldMessages messages={errorsAt("columns")} />
      <AxisRules
        axis="columns"
        noun="column field"
        rules={view.columns}
        max={VIEW_LIMITS.pivotColumns}
        fieldChoices={fieldChoices}
        onChange={(update) => onChange((v) => ({ ...v, columns: update(v.columns).map(axisRule) }))}
        errorsUnder={errorsUnder}
      />
      <h2 className="rb-views__subheading">Values</h2>
      <p className="rb-subtle">What each cell shows of its issues; each issue counts once in every total.</p>
      <FieldMessages messages={errorsAt("values")} />
      <MeasuresEditor
        testId="pivot-values-list"
        measures={view.values}
        noun="value"
        max={VIEW_LIMITS.measures}
        fieldChoices={fieldChoices}
        aggregationsFor={(type) => pivotAggregationsFor(type, view.percent_of)}
        onChange={(values) => onChange((v) => ({ ...v, values }))}
        onMove={(from, to) => onChange((v) => movePivotValue(v, from, to))}
        onRemove={(index) => onChange((v) => removePivotValue(v, index))}
        errorsOf={(index) => errorsUnder(`values.${index}`)}
      />
      <div className="rb-rule__line">
        <LabeledSelect<PercentOf>
          label="Show"
          value={view.percent_of}
          options={PERCENT_OPTIONS}
          onChange={(percentOf) => onChange((v) => withPercentOf(v, percentOf))}
        />
        {view.percent_of !== "none" ? (
          <span className="rb-subtlest">Shares are of counts, distinct counts and sums; other values become counts.</span>
        ) : null}
      </div>
      <FieldMessages messages={errorsUnder("percent_of")} />
      <div className="rb-rule__line">
        <AxisOrderControls
          label="rows"
          order={view.row_order}
          valueLabels={valueLabels}
          onChange={(row_order) => onChange((v) => ({ ...v, row_order }))}
        />
      </div>
      <FieldMessages messages={errorsUnder("row_order")} />
      <div className="rb-rule__line">
        <AxisOrderControls
          label="columns"
          order={view.column_order}
          valueLabels={valueLabels}
          onChange={(column_order) => onChange((v) => ({ ...v, column_order }))}
        />
      </div>
      <FieldMessages messages={errorsUnder("column_order")} />
      <div className="rb-rule__line">
        <label className="rb-checkbox">
          <input type="checkbox" checked={view.row_totals} onChange={(e) => onChange((v) => ({ ...v, row_totals: e.target.checked }))} />
          Row totals (a total column at the end of each row)
        </label>
        <label className="rb-checkbox">
          <input
            type="checkbox"
            checked={view.column_totals}
            onChange={(e) => onChange((v) => ({ ...v, column_totals: e.target.checked }))}
          />
          Column totals (a total row under the columns)
        </label>
      </div>
      <FieldMessages messages={errorsAt("conditional_formats")} />
      <ConditionalFormatsEditor
        targetNoun="Value"
        targets={targets}
        formats={view.conditional_formats.map((f) => ({ target: String(f.value), thresholds: f.thresholds }))}
        onChange={(formats) =>
          onChange((v) => ({
            ...v,
            conditional_formats: formats.map((f) => ({ value: Number(f.target), thresholds: [...f.thresholds] })),
          }))
        }
        errorsOf={(index) => errorsUnder(`conditional_formats.${index}`)}
        emptyHint="None of the values is a number or a duration, so none can be coloured."
      />
    </div>
  );
}
