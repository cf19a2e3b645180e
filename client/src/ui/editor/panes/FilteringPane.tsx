/**
 * Filtering pane: rules on the loaded issues, with operators that fit the field's type (the
 * engine's filter registry) and operand inputs per operator. Rules are AND-ed; rules marked
 * "or group" form one OR group.
 */

import { useState } from "react";
import type { FilterRule, Operator } from "../../../api/definition.gen";
import { FieldMessages, FieldSelect, LabeledSelect, occurrenceKeys } from "../controls";
import { moveItem, removeItem, patchItem } from "../draft";
import { OPERATOR_LABELS, operatorsFor, typeOf } from "../fieldChoices";
import { defaultOperands, OperandsEditor } from "../OperandsEditor";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export const MAX_FILTER_RULES = 30;

export function FilteringPane({ draft, onChange, fieldChoices, errors }: PaneProps) {
  const [adding, setAdding] = useState("");
  const rules = draft.filtering_rules;
  const setRules = (update: (rules: FilterRule[]) => FilterRule[]) =>
    onChange((d) => ({ ...d, filtering_rules: update(d.filtering_rules) }));
  const keys = occurrenceKeys(rules, (r) => r.field);

  const newRule = (field: string): FilterRule => {
    const operator = operatorsFor(typeOf(fieldChoices, field))[0] ?? "is_not_empty";
    return { field, operator, operands: defaultOperands(operator), case_sensitive: false, or_group: false };
  };

  return (
    <div className="rb-pane">
      <p className="rb-subtle">
        Filters narrow the issues the JQL returned. All rules must match; rules marked “Either of” match if any one of them does.
      </p>
      <FieldMessages messages={errorsAt(errors, "filtering_rules")} />
      <ReorderableList
        testId="filtering-list"
        items={rules}
        itemKey={(_, i) => keys[i]!}
        itemLabel={(r) => `filter on ${fieldChoices.get(r.field)?.name ?? r.field}`}
        onMove={(from, to) => setRules((list) => moveItem(list, from, to))}
        onRemove={(index) => setRules((list) => removeItem(list, index))}
        renderItem={(rule, index) => {
          const type = typeOf(fieldChoices, rule.field);
          const operators = operatorsFor(type);
          const update = (patch: Partial<FilterRule>) => setRules((list) => patchItem(list, index, patch));
          const textOperator = ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with"].includes(rule.operator);
          return (
            <div className="rb-rule" data-testid="filter-row">
              <div className="rb-rule__line">
                <FieldSelect
                  fieldChoices={fieldChoices}
                  label="Field"
                  value={rule.field}
                  onChange={(field) => {
                    const fresh = newRule(field);
                    // Keep the operator when it still applies, so switching fields keeps the intent.
                    const keep = operatorsFor(typeOf(fieldChoices, field)).includes(rule.operator);
                    update(keep ? { field } : { field, operator: fresh.operator, operands: fresh.operands });
                  }}
                />
                <LabeledSelect<Operator>
                  label="Operator"
                  value={rule.operator}
                  options={(operators.includes(rule.operator) ? operators : [rule.operator, ...operators]).map((o) => ({
                    value: o,
                    label: OPERATOR_LABELS[o],
                  }))}
                  onChange={(operator) => update({ operator, operands: defaultOperands(operator) })}
                />
                <OperandsEditor
                  operator={rule.operator}
                  type={type}
                  operands={rule.operands}
                  onChange={(operands) => update({ operands })}
                />
              </div>
              <div className="rb-rule__line">
                {textOperator ? (
                  <label className="rb-checkbox">
                    <input type="checkbox" checked={rule.case_sensitive} onChange={(e) => update({ case_sensitive: e.target.checked })} />
                    Case-sensitive
                  </label>
                ) : null}
                <label className="rb-checkbox">
                  <input type="checkbox" checked={rule.or_group} onChange={(e) => update({ or_group: e.target.checked })} />
                  Either of (OR group)
                </label>
              </div>
              {!operators.includes(rule.operator) ? (
                <div className="rb-field-error">This operator does not apply to this field's type.</div>
              ) : null}
              <FieldMessages messages={errorsUnder(errors, `filtering_rules.${index}`)} />
            </div>
          );
        }}
      />
      <div className="rb-add-row">
        <FieldSelect fieldChoices={fieldChoices} label="Add a filter" value={adding} onChange={setAdding} placeholder="Choose a field…" />
        <button
          type="button"
          className="rb-button"
          disabled={!adding || rules.length >= MAX_FILTER_RULES}
          onClick={() => {
            setRules((list) => [...list, newRule(adding)]);
            setAdding("");
          }}
        >
          Add filter
        </button>
      </div>
    </div>
  );
}
