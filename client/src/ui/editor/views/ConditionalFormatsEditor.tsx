/**
 * Conditional formats of a table's columns or a pivot's values: each format picks what it
 * colours and up to five thresholds (a value and one of the six colours). Values are entered as
 * the viewer shows them: durations in hours, a pivot's shares in percent; they are stored in
 * seconds and fractions. Thresholds must rise; when they do not, the format says which one.
 */

import type { Threshold, ThresholdColor } from "../../../api/definition.gen";
import { THRESHOLD_COLORS, VIEW_LIMITS } from "../../../engine/vocabulary.gen";
import { DurationHoursInput, FieldMessages, LabeledSelect, NumberInput, secondsToHours } from "../controls";
import { COLOR_LABELS, nextThreshold, thresholdsOutOfOrder, type ThresholdUnit } from "./viewDraft";

export interface FormatTarget {
  /** A column's field, or a pivot value's index as a string. */
  readonly value: string;
  readonly label: string;
  readonly unit: ThresholdUnit;
}

export interface EditedFormat {
  readonly target: string;
  readonly thresholds: readonly Threshold[];
}

export interface ConditionalFormatsEditorProps {
  readonly formats: readonly EditedFormat[];
  /** What may be coloured (number and duration columns, or values). */
  readonly targets: readonly FormatTarget[];
  /** "Column" or "Value". */
  readonly targetNoun: string;
  readonly onChange: (formats: EditedFormat[]) => void;
  /** The server's messages for format `index`. */
  readonly errorsOf: (index: number) => readonly string[];
  /** Said when nothing can be coloured. */
  readonly emptyHint: string;
}

/** A fraction as a percentage without float noise (0.07 reads 7, not 7.000000000000001). */
const toPercent = (fraction: number): number => Number((fraction * 100).toFixed(6));

/** The threshold as the viewer would say it: "at least 8", "at least 2h", "at least 25%". */
export function thresholdWords(atLeast: number, unit: ThresholdUnit): string {
  if (unit === "hours") return `at least ${secondsToHours(atLeast)}h`;
  if (unit === "percent") return `at least ${toPercent(atLeast)}%`;
  return `at least ${atLeast}`;
}

function ThresholdValueInput({
  label,
  unit,
  value,
  invalid,
  onChange,
}: {
  label: string;
  unit: ThresholdUnit;
  value: number;
  invalid: boolean;
  onChange: (value: number) => void;
}) {
  // A cleared input keeps the last number: a threshold always has one.
  const set = (v: number | null) => {
    if (v !== null) onChange(v);
  };
  if (unit === "hours") return <DurationHoursInput label={label} seconds={value} invalid={invalid} onChange={set} />;
  if (unit === "percent") {
    return (
      <NumberInput
        label={`${label} (%)`}
        value={toPercent(value)}
        step="any"
        invalid={invalid}
        onChange={(v) => set(v === null ? null : v / 100)}
      />
    );
  }
  return <NumberInput label={label} value={value} step="any" invalid={invalid} onChange={set} />;
}

export function ConditionalFormatsEditor({ formats, targets, targetNoun, onChange, errorsOf, emptyHint }: ConditionalFormatsEditorProps) {
  const used = new Set(formats.map((f) => f.target));
  const free = targets.filter((t) => !used.has(t.value));
  const replace = (index: number, format: EditedFormat) => onChange(formats.map((f, i) => (i === index ? format : f)));

  return (
    <div className="rb-conditional-formats" data-testid="conditional-formats">
      <h2 className="rb-views__subheading">Conditional formatting</h2>
      <p className="rb-subtle">
        A cell takes the colour of the last threshold its value reaches, and none below the first. Thresholds go from low to high.
      </p>
      {targets.length === 0 ? <p className="rb-empty">{emptyHint}</p> : null}
      {formats.map((format, index) => {
        const target = targets.find((t) => t.value === format.target);
        const unit = target?.unit ?? "number";
        const name = target?.label ?? format.target;
        const outOfOrder = thresholdsOutOfOrder(format.thresholds);
        const setThresholds = (thresholds: Threshold[]) => replace(index, { ...format, thresholds });
        const options = [
          ...(target ? [] : [{ value: format.target, label: `${format.target} (no longer available)` }]),
          ...targets.filter((t) => t.value === format.target || !used.has(t.value)).map((t) => ({ value: t.value, label: t.label })),
        ];
        return (
          <fieldset key={format.target} className="rb-conditional-format" data-testid="conditional-format">
            <legend>Colours of {name}</legend>
            <div className="rb-rule__line">
              <LabeledSelect
                label={targetNoun}
                value={format.target}
                options={options}
                // Another target may have another unit: its thresholds start again.
                onChange={(value) => {
                  const next = targets.find((t) => t.value === value);
                  const keep = next?.unit === unit;
                  replace(index, { target: value, thresholds: keep ? format.thresholds : [nextThreshold([], next?.unit ?? "number")] });
                }}
              />
              <button
                type="button"
                className="rb-button rb-button--subtle"
                aria-label={`Remove formatting of ${name}`}
                onClick={() => onChange(formats.filter((_, i) => i !== index))}
              >
                Remove formatting
              </button>
            </div>
            <ol className="rb-thresholds">
              {format.thresholds.map((threshold, t) => {
                const position = t + 1;
                const set = (patch: Partial<Threshold>) =>
                  setThresholds(format.thresholds.map((th, i) => (i === t ? { ...th, ...patch } : th)));
                return (
                  <li key={t} className="rb-threshold" data-testid="threshold">
                    <ThresholdValueInput
                      label={`Threshold ${position} at least`}
                      unit={unit}
                      value={threshold.at_least}
                      invalid={outOfOrder.includes(position)}
                      onChange={(at_least) => set({ at_least })}
                    />
                    <LabeledSelect<ThresholdColor>
                      label={`Threshold ${position} colour`}
                      value={threshold.color}
                      options={THRESHOLD_COLORS.map((c) => ({ value: c, label: COLOR_LABELS[c] }))}
                      onChange={(color) => set({ color })}
                    />
                    {/* The tint the viewer gives cells that reach it, with the words it uses. */}
                    <span className="rb-tone-swatch" data-tone={threshold.color} data-testid="threshold-swatch">
                      {thresholdWords(threshold.at_least, unit)}
                    </span>
                    <button
                      type="button"
                      className="rb-button rb-button--subtle rb-button--compact"
                      aria-label={`Remove threshold ${position} of ${name}`}
                      disabled={format.thresholds.length === 1}
                      onClick={() => setThresholds(format.thresholds.filter((_, i) => i !== t))}
                    >
                      ✕
                    </button>
                  </li>
                );
              })}
            </ol>
            {outOfOrder.length > 0 ? (
              <p className="rb-field-error" data-testid="thresholds-order">
                {outOfOrder.map((p) => `Threshold ${p} must be higher than threshold ${p - 1}.`).join(" ")} Thresholds go from low to high;
                the report cannot be saved until they do.
              </p>
            ) : null}
            <button
              type="button"
              className="rb-button"
              disabled={format.thresholds.length >= VIEW_LIMITS.thresholds}
              onClick={() => setThresholds([...format.thresholds, nextThreshold(format.thresholds, unit)])}
            >
              Add threshold
            </button>
            {format.thresholds.length >= VIEW_LIMITS.thresholds ? (
              <span className="rb-subtlest"> Up to {VIEW_LIMITS.thresholds} thresholds.</span>
            ) : null}
            <FieldMessages messages={errorsOf(index)} />
          </fieldset>
        );
      })}
      {targets.length > 0 ? (
        <button
          type="button"
          className="rb-button"
          disabled={free.length === 0 || formats.length >= VIEW_LIMITS.conditionalFormats}
          onClick={() => {
            const first = free[0];
            if (first) onChange([...formats, { target: first.value, thresholds: [nextThreshold([], first.unit)] }]);
          }}
        >
          Add conditional formatting
        </button>
      ) : null}
    </div>
  );
}
