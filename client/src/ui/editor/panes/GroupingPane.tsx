/**
 * Grouping pane: nesting levels (first = outermost) with date buckets or number bins, group
 * order by key or by an aggregate, and whether issues without a value form a "(none)" group.
 */

import { useState } from "react";
import type { Aggregation, DateBucketUnit, GroupOrder, GroupRule } from "../../../api/definition.gen";
import { DIRECTION_OPTIONS, DurationHoursInput, FieldMessages, LabeledSelect, NumberInput } from "../controls";
import { moveItem, removeItem, patchItem } from "../draft";
import { FieldPicker } from "../FieldPicker";
import {
  AGGREGATION_LABELS,
  aggregationsFor,
  isDateType,
  isNumberType,
  typeOf,
  type FieldChoices,
  type FieldOption,
} from "../fieldChoices";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export const MAX_GROUP_RULES = 5;

const UNITS: { value: "" | DateBucketUnit; label: string }[] = [
  { value: "", label: "Exact value" },
  { value: "day", label: "Day" },
  { value: "week", label: "Week (ISO)" },
  { value: "month", label: "Month" },
  { value: "quarter", label: "Quarter" },
  { value: "year", label: "Year" },
];

const KEY_ORDER: GroupOrder = { by: "key", direction: "asc", field: null, aggregation: null };

export function GroupingPane({ draft, onChange, fieldChoices, errors }: PaneProps) {
  const [adding, setAdding] = useState("");
  const rules = draft.grouping_rules;
  const used = new Set(rules.map((r) => r.field));
  const setRules = (update: (rules: GroupRule[]) => GroupRule[]) => onChange((d) => ({ ...d, grouping_rules: update(d.grouping_rules) }));

  return (
    <div className="rb-pane">
      <p className="rb-subtle">
        Each rule adds a level of groups inside the previous one. Every group shows its issue count and the column aggregations.
      </p>
      <FieldMessages messages={errorsAt(errors, "grouping_rules")} />
      <ReorderableList
        testId="grouping-list"
        items={rules}
        itemKey={(r) => r.field}
        itemLabel={(r, i) => `level ${i + 1} (${fieldChoices.get(r.field)?.name ?? r.field})`}
        onMove={(from, to) => setRules((list) => moveItem(list, from, to))}
        onRemove={(index) => setRules((list) => removeItem(list, index))}
        renderItem={(rule, index) => {
          const update = (patch: Partial<GroupRule>) => setRules((list) => patchItem(list, index, patch));
          const order = rule.order;
          const orderField = order.field ?? "";
          const orderAggregations = order.by === "aggregate" ? aggregationsFor(typeOf(fieldChoices, orderField || "issuekey")) : [];
          return (
            <div className="rb-rule">
              <div className="rb-rule__line">
                <GroupRuleFields
                  label="Group by"
                  rule={rule}
                  fieldChoices={fieldChoices}
                  filter={(o) => !used.has(o.key)}
                  onChange={update}
                />
              </div>
              <div className="rb-rule__line">
                <LabeledSelect
                  label="Order groups by"
                  value={order.by}
                  options={[
                    { value: "key", label: "Group key" },
                    { value: "aggregate", label: "An aggregate" },
                  ]}
                  onChange={(by) =>
                    update({
                      order:
                        by === "key"
                          ? { ...KEY_ORDER, direction: order.direction }
                          : { by, direction: order.direction, field: null, aggregation: "count" },
                    })
                  }
                />
                {order.by === "aggregate" ? (
                  <>
                    <FieldPicker
                      label="Of field"
                      choices={fieldChoices}
                      value={orderField || null}
                      onChange={(field) => {
                        const fits = aggregationsFor(typeOf(fieldChoices, field));
                        update({
                          order: {
                            ...order,
                            field,
                            aggregation: order.aggregation && fits.includes(order.aggregation) ? order.aggregation : "count",
                          },
                        });
                      }}
                    />
                    <LabeledSelect<Aggregation>
                      label="Aggregation"
                      value={order.aggregation ?? "count"}
                      options={orderAggregations.map((a) => ({ value: a, label: AGGREGATION_LABELS[a] }))}
                      onChange={(aggregation) => update({ order: { ...order, aggregation } })}
                    />
                  </>
                ) : null}
                <LabeledSelect
                  label="Direction"
                  value={order.direction}
                  options={DIRECTION_OPTIONS}
                  onChange={(direction) => update({ order: { ...order, direction } })}
                />
              </div>
              <FieldMessages messages={errorsUnder(errors, `grouping_rules.${index}`)} />
            </div>
          );
        }}
      />
      <div className="rb-add-row">
        <FieldPicker
          label="Add a grouping level"
          choices={fieldChoices}
          value={adding || null}
          onChange={setAdding}
          filter={(o) => !used.has(o.key)}
          placeholder="Search fields…"
        />
        <button
          type="button"
          className="rb-button"
          disabled={!adding || rules.length >= MAX_GROUP_RULES}
          onClick={() => {
            setRules((list) => [...list, { field: adding, bucket: null, order: KEY_ORDER, show_empty: true }]);
            setAdding("");
          }}
        >
          Add grouping level
        </button>
      </div>
    </div>
  );
}

/**
 * A grouping rule's field, its date bucket or number bin, and its "(none)" group: the part of a
 * rule the Grouping pane and a pivot's rows and columns share (a pivot orders its axes itself).
 */
export function GroupRuleFields({
  label,
  rule,
  fieldChoices,
  filter,
  onChange,
}: {
  label: string;
  rule: GroupRule;
  fieldChoices: FieldChoices;
  filter: (option: FieldOption) => boolean;
  onChange: (patch: Partial<GroupRule>) => void;
}) {
  const type = typeOf(fieldChoices, rule.field);
  return (
    <>
      <FieldPicker
        label={label}
        choices={fieldChoices}
        value={rule.field}
        filter={filter}
        onChange={(field) => onChange({ field, bucket: null })}
      />
      {isDateType(type) ? (
        <LabeledSelect<"" | DateBucketUnit>
          label="Bucket"
          value={rule.bucket?.kind === "date" ? rule.bucket.unit : ""}
          options={UNITS}
          onChange={(unit) => onChange({ bucket: unit === "" ? null : { kind: "date", unit } })}
        />
      ) : null}
      {type === "duration" ? (
        // Stored in seconds like the values it bins; entered in hours like the duration filters.
        <DurationHoursInput
          label="Bin size"
          seconds={rule.bucket?.kind === "number" ? rule.bucket.size : null}
          placeholder="Exact value"
          onChange={(size) => onChange({ bucket: size !== null && size > 0 ? { kind: "number", size } : null })}
        />
      ) : isNumberType(type) ? (
        <NumberInput
          label="Bin size"
          value={rule.bucket?.kind === "number" ? rule.bucket.size : null}
          min={0}
          step="any"
          placeholder="Exact value"
          onChange={(size) => onChange({ bucket: size !== null && size > 0 ? { kind: "number", size } : null })}
        />
      ) : null}
      <label className="rb-checkbox">
        <input type="checkbox" checked={rule.show_empty} onChange={(e) => onChange({ show_empty: e.target.checked })} />
        Show “(none)” group
      </label>
    </>
  );
}
