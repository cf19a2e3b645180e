/** Sorting pane: ordered sort rules (field, direction, where empty values go). */

import { useState } from "react";
import type { SortRule } from "../../../api/definition.gen";
import { DIRECTION_OPTIONS, FieldMessages, LabeledSelect, occurrenceKeys } from "../controls";
import { moveItem, removeItem, patchItem } from "../draft";
import { FieldPicker } from "../FieldPicker";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export const MAX_SORT_RULES = 10;

export function SortingPane({ draft, onChange, fieldChoices, errors }: PaneProps) {
  const [adding, setAdding] = useState("");
  const rules = draft.sorting_rules;
  const setRules = (update: (rules: SortRule[]) => SortRule[]) => onChange((d) => ({ ...d, sorting_rules: update(d.sorting_rules) }));
  const keys = occurrenceKeys(rules, (r) => r.field);
  return (
    <div className="rb-pane">
      <p className="rb-subtle">Issues are sorted by the first rule, ties by the next. Without rules: issue key ascending.</p>
      <FieldMessages messages={errorsAt(errors, "sorting_rules")} />
      <ReorderableList
        testId="sorting-list"
        items={rules}
        itemKey={(_, i) => keys[i]!}
        itemLabel={(r) => `sort by ${fieldChoices.get(r.field)?.name ?? r.field}`}
        onMove={(from, to) => setRules((list) => moveItem(list, from, to))}
        onRemove={(index) => setRules((list) => removeItem(list, index))}
        renderItem={(rule, index) => {
          const update = (patch: Partial<SortRule>) => setRules((list) => patchItem(list, index, patch));
          return (
            <div className="rb-rule">
              <div className="rb-rule__line">
                <FieldPicker label="Field" choices={fieldChoices} value={rule.field} onChange={(field) => update({ field })} />
                <LabeledSelect
                  label="Direction"
                  value={rule.direction}
                  options={DIRECTION_OPTIONS}
                  onChange={(direction) => update({ direction })}
                />
                <LabeledSelect
                  label="Empty values"
                  value={rule.empties}
                  options={[
                    { value: "last", label: "Last" },
                    { value: "first", label: "First" },
                  ]}
                  onChange={(empties) => update({ empties })}
                />
              </div>
              <FieldMessages messages={errorsUnder(errors, `sorting_rules.${index}`)} />
            </div>
          );
        }}
      />
      <div className="rb-add-row">
        <FieldPicker
          label="Add a sort rule"
          choices={fieldChoices}
          value={adding || null}
          onChange={setAdding}
          placeholder="Search fields…"
        />
        <button
          type="button"
          className="rb-button"
          disabled={!adding || rules.length >= MAX_SORT_RULES}
          onClick={() => {
            setRules((list) => [...list, { field: adding, direction: "asc", empties: "last" }]);
            setAdding("");
          }}
        >
          Add sort rule
        </button>
      </div>
    </div>
  );
}
