/** Small form controls shared by the editor panes: error list, selects, format editor, number and duration inputs. */

import { useId } from "react";
import type { Format, FormatType, SortDirection } from "../../api/definition.gen";
import type { FieldType } from "../../engine/index";
import { FORMAT_LABELS, formatsFor } from "./fieldChoices";

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

/** What `formatSummary` says of a column without a format of its own. */
export const FORMAT_SUMMARY_NONE = "Default format";

/** A format in a few words for a compact row ("Duration format"). */
export function formatSummary(format: Format | null): string {
  return format ? `${FORMAT_LABELS[format.type]} format` : FORMAT_SUMMARY_NONE;
}

/** Durations are stored in seconds (as Jira sends them) and shown in the editor in hours. */
export const DURATION_UNIT = "hours";
const SECONDS_PER_HOUR = 3600;

/** Seconds as hours, without binary float noise (1200 s reads 0.333333, not 0.33333333333333331). */
export function secondsToHours(seconds: number): number {
  return Number((seconds / SECONDS_PER_HOUR).toFixed(6));
}

/** Hours as whole seconds (Jira keeps durations in whole seconds). */
export function hoursToSeconds(hours: number): number {
  return Math.round(hours * SECONDS_PER_HOUR);
}

/** A duration entered in hours ("Bin size (hours)") for a value stored in seconds. */
export function DurationHoursInput({
  label,
  seconds,
  onChange,
  placeholder,
  invalid,
}: {
  /** Without the unit: the control adds "(hours)". */
  label: string;
  seconds: number | null;
  onChange: (seconds: number | null) => void;
  placeholder?: string;
  invalid?: boolean;
}) {
  return (
    <NumberInput
      label={`${label} (${DURATION_UNIT})`}
      value={seconds === null ? null : secondsToHours(seconds)}
      min={0}
      step="any"
      placeholder={placeholder}
      invalid={invalid}
      onChange={(hours) => onChange(hours === null ? null : hoursToSeconds(hours))}
    />
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
          value={current.date_style ?? "medium"}
          options={[
            { value: "medium", label: "Medium, in the reader's language (default)" },
            { value: "short", label: "Short" },
            { value: "long", label: "Long" },
            { value: "iso", label: "2026-01-31 (ISO)" },
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
