/** Operand inputs for a filter rule, shaped by its operator and the field's type. */

import { useEffect, useId, useState } from "react";
import type { Operand, Operator } from "../../api/definition.gen";
import type { FieldType } from "../../engine/index";
import type { ValueSource } from "../ports";
import { LabeledSelect } from "./controls";
import { UserPicker } from "./PeoplePickers";
import { type ChoiceSource, useValueChoices } from "./useValueChoices";
import { ValuePicker } from "./ValuePicker";

const SECONDS_PER_HOUR = 3600;

/** Operands a fresh rule starts with, so a new rule is valid as soon as the user fills the blanks. */
export function defaultOperands(operator: Operator): Operand[] {
  return operator === "in_last" || operator === "in_next" ? [7, "days"] : [];
}

function TextOperand({ label, value, onChange }: { label: string; value: Operand | undefined; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className="rb-label">
        {label}
      </label>
      <input id={id} className="rb-input" value={value === undefined ? "" : String(value)} onChange={(e) => onChange(e.target.value)} />
    </span>
  );
}

/** Hours as typed ("1.5", "1,5") to whole seconds; null when it is not a number. */
export function hoursToSeconds(text: string): number | null {
  const n = Number(text.trim().replace(",", "."));
  return text.trim() === "" || !Number.isFinite(n) ? null : Math.round(n * SECONDS_PER_HOUR);
}

/** Durations are stored in seconds but typed in hours (decimals allowed), as Jira users think of
 * them; the unit is part of the label and shown after the box. */
function NumberOperand({
  label,
  value,
  duration,
  onChange,
}: {
  label: string;
  value: Operand | undefined;
  duration: boolean;
  onChange: (value: number | null) => void;
}) {
  const id = useId();
  const shown = typeof value === "number" ? String(duration ? value / SECONDS_PER_HOUR : value) : "";
  // The text as typed, so "1." or "0,2" survive until they become a number.
  const [text, setText] = useState(shown);
  const parse = (t: string): number | null => {
    if (duration) return hoursToSeconds(t);
    const n = Number(t.trim());
    return t.trim() === "" || !Number.isFinite(n) ? null : n;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows changes from outside (another operator, undo), not the user's own typing
  useEffect(() => {
    const current = typeof value === "number" ? value : null;
    if (parse(text) !== current) setText(shown);
  }, [shown]);
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className="rb-label">
        {duration ? `${label} (hours)` : label}
      </label>
      <span className="rb-number-with-unit">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="rb-input rb-input--narrow"
          value={text}
          aria-invalid={text.trim() !== "" && parse(text) === null ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parse(e.target.value));
          }}
        />
        {duration ? (
          <span className="rb-unit" aria-hidden="true">
            hours
          </span>
        ) : null}
      </span>
    </span>
  );
}

function DateOperand({ label, value, onChange }: { label: string; value: Operand | undefined; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className="rb-label">
        {label}
      </label>
      <input
        id={id}
        type="date"
        className="rb-input"
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.target.value)}
      />
    </span>
  );
}

/** A list of free-text values (option names, labels, versions), added with Enter or the button. */
export function ValueListInput({
  values,
  onChange,
  label,
}: {
  values: readonly string[];
  onChange: (values: string[]) => void;
  label: string;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const add = () => {
    const value = text.trim();
    if (value && !values.includes(value)) onChange([...values, value]);
    setText("");
  };
  return (
    <div className="rb-chips-field">
      <ul className="rb-chips" aria-label={label}>
        {values.map((v) => (
          <li key={v} className="rb-chip">
            <span>{v}</span>
            <button
              type="button"
              className="rb-chip__remove"
              aria-label={`Remove ${v}`}
              onClick={() => onChange(values.filter((x) => x !== v))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <span className="rb-inline-field">
        <label htmlFor={id} className="rb-label">
          {label}
        </label>
        <input
          id={id}
          className="rb-input"
          value={text}
          placeholder="Type a value, press Enter"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
      </span>
      <button type="button" className="rb-button rb-button--compact" onClick={add} disabled={!text.trim()}>
        Add
      </button>
    </div>
  );
}

/**
 * Values picked from Jira's list; while it loads the picker waits, and when Jira will not give it
 * (custom field options are for administrators) the values are typed as before.
 */
function PickedValues({
  source,
  label,
  values,
  onChange,
  single,
}: {
  source: ChoiceSource;
  label: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  single?: boolean;
}) {
  const loaded = useValueChoices(source);
  if (loaded.state === "failed") {
    return (
      <span className="rb-value-fallback">
        <ValueListInput label={label} values={values} onChange={onChange} />
        <span className="rb-field-hint">Jira did not list this field's values; type them instead.</span>
      </span>
    );
  }
  return (
    <ValuePicker
      label={label}
      choices={loaded.state === "ready" ? loaded.choices : []}
      values={values}
      onChange={onChange}
      single={single}
      hint={loaded.state === "loading" ? "Loading values from Jira…" : undefined}
    />
  );
}

export interface OperandsEditorProps {
  readonly operator: Operator;
  readonly type: FieldType;
  readonly operands: readonly Operand[];
  readonly onChange: (operands: Operand[]) => void;
  /** Where the field's values come from (jira/values.ts); null or absent: typed. */
  readonly source?: ValueSource | null;
}

export function OperandsEditor({ operator, type, operands, onChange, source }: OperandsEditorProps) {
  const dates = type === "date" || type === "datetime";
  const duration = type === "duration";
  const at = (i: number): Operand | undefined => operands[i];
  const setAt = (i: number, value: Operand | null) => {
    const next = [...operands];
    while (next.length <= i) next.push("");
    if (value === null) next[i] = "";
    else next[i] = value;
    onChange(next);
  };
  switch (operator) {
    case "is_empty":
    case "is_not_empty":
      return null;
    case "equals":
    case "not_equals":
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
      return <TextOperand label="Text" value={at(0)} onChange={(v) => onChange([v])} />;
    case "eq":
    case "ne":
      if (type === "boolean") {
        return (
          <LabeledSelect
            label="Value"
            value={at(0) === false ? "false" : "true"}
            options={[
              { value: "true", label: "Yes" },
              { value: "false", label: "No" },
            ]}
            onChange={(v) => onChange([v === "true"])}
          />
        );
      }
      return <NumberOperand label="Value" value={at(0)} duration={duration} onChange={(v) => onChange(v === null ? [] : [v])} />;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return <NumberOperand label="Value" value={at(0)} duration={duration} onChange={(v) => onChange(v === null ? [] : [v])} />;
    case "between":
      return dates ? (
        <>
          <DateOperand label="From" value={at(0)} onChange={(v) => setAt(0, v)} />
          <DateOperand label="To" value={at(1)} onChange={(v) => setAt(1, v)} />
        </>
      ) : (
        <>
          <NumberOperand label="From" value={at(0)} duration={duration} onChange={(v) => setAt(0, v)} />
          <NumberOperand label="To" value={at(1)} duration={duration} onChange={(v) => setAt(1, v)} />
        </>
      );
    case "before":
    case "after":
    case "on":
      return <DateOperand label="Date" value={at(0)} onChange={(v) => onChange([v])} />;
    case "in_last":
    case "in_next":
      return (
        <>
          <NumberOperand label="Count" value={at(0)} duration={false} onChange={(v) => setAt(0, v)} />
          <LabeledSelect
            label="Unit"
            value={at(1) === "weeks" || at(1) === "months" ? (at(1) as "weeks" | "months") : "days"}
            options={[
              { value: "days", label: "days" },
              { value: "weeks", label: "weeks" },
              { value: "months", label: "months" },
            ]}
            onChange={(unit) => setAt(1, unit)}
          />
        </>
      );
    case "any_of":
    case "none_of":
    case "all_of": {
      const values = operands.map(String);
      if (type === "user") return <UserPicker label="Users" accountIds={values} onChange={onChange} />;
      if (source) return <PickedValues source={source} label="Values" values={values} onChange={onChange} />;
      return <ValueListInput label="Values" values={values} onChange={onChange} />;
    }
    case "at_least":
    case "at_most":
      return (
        <PickedValues source="priority-threshold" label="Priority" values={operands.map(String).slice(0, 1)} onChange={onChange} single />
      );
  }
}
