/** Small form controls shared by the editor panes: field picker, error list, format editor. */

import { useId } from "react";
import type { Format, FormatType, SortDirection } from "../../api/definition.gen";
import type { FieldType } from "../../engine/index";
import { FORMAT_LABELS, formatsFor, TYPE_LABELS, type FieldChoices } from "./fieldChoices";

export function FieldMessages({ id, messages }: { id?: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="rb-field-error" role="alert" data-testid="field-error">
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </div>
  );
}

export interface FieldSelectProps {
  readonly fieldChoices: FieldChoices;
  readonly value: string;
  readonly onChange: (key: string) => void;
  readonly label: string;
  /** Keys not to offer (already used); the current value is always offered. */
  readonly exclude?: ReadonlySet<string>;
  /** Only fields of these types. */
  readonly types?: readonly FieldType[];
  readonly placeholder?: string;
  readonly invalid?: boolean;
  readonly hideLabel?: boolean;
}

export function FieldSelect({ fieldChoices, value, onChange, label, exclude, types, placeholder, invalid, hideLabel }: FieldSelectProps) {
  const id = useId();
  const options = fieldChoices.options.filter((o) => o.key === value || (!exclude?.has(o.key) && (!types || types.includes(o.type))));
  const known = value === "" || options.some((o) => o.key === value);
  const jiraFields = options.filter((o) => !o.isFormula);
  const formulas = options.filter((o) => o.isFormula);
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className={hideLabel ? "rb-visually-hidden" : "rb-label"}>
        {label}
      </label>
      <select id={id} className="rb-select" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined}>
        {value === "" ? <option value="">{placeholder ?? "Choose a field…"}</option> : null}
        {!known ? <option value={value}>{value} (unknown field)</option> : null}
        <optgroup label="Jira fields">
          {jiraFields.map((o) => (
            <option key={o.key} value={o.key}>
              {o.name} · {TYPE_LABELS[o.type]}
            </option>
          ))}
        </optgroup>
        {formulas.length > 0 ? (
          <optgroup label="Formula fields">
            {formulas.map((o) => (
              <option key={o.key} value={o.key}>
                {o.name} · {TYPE_LABELS[o.type]}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </span>
  );
}

export const DIRECTION_OPTIONS: readonly { value: SortDirection; label: string }[] = [
  { value: "asc", label: "Ascending" },
  { value: "desc", label: "Descending" },
];

export interface LabeledSelectProps<V extends string> {
  readonly label: string;
  readonly value: V;
  readonly options: readonly { value: V; label: string }[];
  readonly onChange: (value: V) => void;
  readonly hideLabel?: boolean;
  readonly disabled?: boolean;
}

export function LabeledSelect<V extends string>({ label, value, options, onChange, hideLabel, disabled }: LabeledSelectProps<V>) {
  const id = useId();
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className={hideLabel ? "rb-visually-hidden" : "rb-label"}>
        {label}
      </label>
      <select id={id} className="rb-select" value={value} onChange={(e) => onChange(e.target.value as V)} disabled={disabled}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

const EMPTY_FORMAT = { decimals: null, thousands_separator: null, duration_style: null, date_style: null };

/** A format for `type`: "default" (null) or a format type with the options that apply to it. */
export function FormatEditor({
  type,
  value,
  onChange,
}: {
  type: FieldType;
  value: Format | null;
  onChange: (format: Format | null) => void;
}) {
  const formats = formatsFor(type);
  const current = value && formats.includes(value.type) ? value : null;
  const set = (patch: Partial<Format>) => current && onChange({ ...current, ...patch });
  const hasDecimals =
    current &&
    (current.type === "number" || current.type === "percent" || (current.type === "duration" && current.duration_style !== "jira"));
  return (
    <span className="rb-format-editor">
      <LabeledSelect<"" | FormatType>
        label="Format"
        value={current?.type ?? ""}
        options={[{ value: "", label: "Default" }, ...formats.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))]}
        onChange={(t) => onChange(t === "" ? null : { ...EMPTY_FORMAT, type: t })}
      />
      {current?.type === "duration" ? (
        <LabeledSelect
          label="Duration style"
          value={current.duration_style ?? "hours"}
          options={[
            { value: "hours", label: "Hours" },
            { value: "days", label: "Days" },
            { value: "jira", label: "1w 2d 3h" },
          ]}
          onChange={(v) => set({ duration_style: v, ...(v === "jira" ? { decimals: null, thousands_separator: null } : {}) })}
        />
      ) : null}
      {current && (current.type === "date" || current.type === "datetime") ? (
        <LabeledSelect
          label="Date style"
          value={current.date_style ?? "iso"}
          options={[
            { value: "iso", label: "2026-01-31" },
            { value: "short", label: "Short" },
            { value: "medium", label: "Medium" },
            { value: "long", label: "Long" },
          ]}
          onChange={(v) => set({ date_style: v })}
        />
      ) : null}
      {hasDecimals ? (
        <>
          <NumberInput label="Decimals" value={current.decimals} min={0} max={6} onChange={(n) => set({ decimals: n })} />
          <label className="rb-checkbox">
            <input
              type="checkbox"
              checked={current.thousands_separator ?? true}
              onChange={(e) => set({ thousands_separator: e.target.checked })}
            />
            Thousands separator
          </label>
        </>
      ) : null}
    </span>
  );
}

export function NumberInput({
  label,
  value,
  onChange,
  min,
  max,
  step,
  placeholder,
  invalid,
}: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  step?: number | "any";
  placeholder?: string;
  invalid?: boolean;
}) {
  const id = useId();
  return (
    <span className="rb-inline-field">
      <label htmlFor={id} className="rb-label">
        {label}
      </label>
      <input
        id={id}
        type="number"
        className="rb-input rb-input--narrow"
        value={value ?? ""}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          const raw = e.target.value;
          const n = Number(raw);
          onChange(raw === "" || !Number.isFinite(n) ? null : n);
        }}
      />
    </span>
  );
}

/** Keys for list rows without ids: the field plus its occurrence, stable under most edits. */
export function occurrenceKeys<T>(items: readonly T[], fieldOf: (item: T) => string): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const field = fieldOf(item);
    const n = seen.get(field) ?? 0;
    seen.set(field, n + 1);
    return `${field}#${n}`;
  });
}
