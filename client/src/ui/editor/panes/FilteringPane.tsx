/**
 * Filtering pane: rules on the loaded issues, with operators that fit the field's type (the
 * engine's filter registry) and operand inputs per operator. Values of statuses, priorities,
 * versions, components and select lists are picked from Jira's lists (jira/values.ts). Rules are
 * AND-ed; rules marked "or group" form one OR group.
 */

import { useEffect, useState } from "react";
import type { FilterRule, Operator } from "../../../api/definition.gen";
import type { FieldDetails, FieldType } from "../../../engine/index";
import { useServices } from "../../services";
import { FieldMessages, LabeledSelect, occurrenceKeys } from "../controls";
import { moveItem, removeItem, patchItem } from "../draft";
import { FieldPicker } from "../FieldPicker";
import { OPERATOR_LABELS, operatorsFor as operatorsForType, typeOf } from "../fieldChoices";
import { defaultOperands, OperandsEditor } from "../OperandsEditor";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import { valueSourceFor } from "../valueSources";
import type { PaneProps } from "./types";

export const MAX_FILTER_RULES = 30;

const RANKED: readonly Operator[] = ["at_least", "at_most"];
// Operators whose operands are values of one field (statuses, users, a priority).
const PICKED: readonly Operator[] = ["any_of", "none_of", "all_of", ...RANKED];

/** The type's operators; the ordered comparisons only where values have an order (priority). */
export function operatorsFor(type: FieldType, field: string): Operator[] {
  return operatorsForType(type).filter((o) => field === "priority" || !RANKED.includes(o));
}

/** Jira's field metadata, for telling select-list custom fields from text ones. */
function useFieldDetails(): ReadonlyMap<string, FieldDetails> {
  const { jira } = useServices();
  const [fields, setFields] = useState<ReadonlyMap<string, FieldDetails>>(new Map());
  useEffect(() => {
    let cancelled = false;
    jira.fetchFields().then(
      (list) => {
        if (!cancelled) setFields(new Map(list.map((f) => [f.id, f])));
      },
      () => undefined, // the editor already reports a field-metadata failure
    );
    return () => {
      cancelled = true;
    };
  }, [jira]);
  return fields;
}

export function FilteringPane({ draft, onChange, fieldChoices, errors }: PaneProps) {
  const [adding, setAdding] = useState("");
  const fieldDetails = useFieldDetails();
  const rules = draft.filtering_rules;
  const setRules = (update: (rules: FilterRule[]) => FilterRule[]) =>
    onChange((d) => ({ ...d, filtering_rules: update(d.filtering_rules) }));
  const keys = occurrenceKeys(rules, (r) => r.field);

  const newRule = (field: string): FilterRule => {
    const type = typeOf(fieldChoices, field);
    const operators = operatorsFor(type, field);
    // Fields with a list of values start as "is any of", ready to pick from it.
    const picks = type === "user" || valueSourceFor(field, fieldDetails.get(field)) !== null;
    const operator = picks && operators.includes("any_of") ? "any_of" : (operators[0] ?? "is_not_empty");
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
          const operators = operatorsFor(type, rule.field);
          const update = (patch: Partial<FilterRule>) => setRules((list) => patchItem(list, index, patch));
          const textOperator = ["equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with"].includes(rule.operator);
          return (
            <div className="rb-rule" data-testid="filter-row">
              <div className="rb-rule__line">
                <FieldPicker
                  label="Field"
                  choices={fieldChoices}
                  value={rule.field}
                  onChange={(field) => {
                    const fresh = newRule(field);
                    // Keep the operator when it still applies, so switching fields keeps the intent;
                    // values picked from another field's list do not carry over.
                    const keep = operatorsFor(typeOf(fieldChoices, field), field).includes(rule.operator);
                    if (!keep) update({ field, operator: fresh.operator, operands: fresh.operands });
                    else if (PICKED.includes(rule.operator)) update({ field, operands: [] });
                    else update({ field });
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
                  source={valueSourceFor(rule.field, fieldDetails.get(rule.field))}
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
        <FieldPicker label="Add a filter" choices={fieldChoices} value={adding || null} onChange={setAdding} placeholder="Search fields…" />
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
