/**
 * Formulas pane: calculated fields with live validation (the engine's own checker: type, errors
 * with positions, fields named as the user knows them), field-name autocomplete, a function
 * reference, result type, format, an optional rollup for group rows, and a preview on sample
 * issues that have values. A formula's key (`formula_<slug>`) is fixed when it is added, so
 * renaming it never breaks the columns and rules that use it.
 */

import { useId, useMemo, useState } from "react";
import type { FormulaField, FormulaResultType } from "../../../api/definition.gen";
import { validateFormula } from "../../../engine/index";
import { FieldMessages, FormatEditor, LabeledSelect } from "../controls";
import { formulaKeyFor, moveItem, patchItem, type Draft } from "../draft";
import type { FieldChoices } from "../fieldChoices";
import { FormulaDiagnostics, type NameOf } from "../FormulaDiagnostics";
import { FormulaInput, type SuggestableField } from "../FormulaInput";
import { previewFormula, SAMPLE_POOL, type Sample } from "../formulaPreview";
import { FunctionReference } from "../FunctionReference";
import { ReorderableList } from "../ReorderableList";
import { errorsAt, errorsUnder } from "../serverErrors";
import type { PaneProps } from "./types";

export const MAX_FORMULAS = 20;

const RESULT_TYPES: { value: FormulaResultType; label: string }[] = [
  { value: "number", label: "Number" },
  { value: "duration", label: "Duration (hours)" },
  { value: "text", label: "Text" },
  { value: "date", label: "Date" },
  { value: "boolean", label: "Yes/No" },
];

/** The static type `validateFormula` reports for each declared result type (durations are hours, i.e. numbers). */
const STATIC_TYPE: Record<FormulaResultType, string> = {
  number: "number",
  duration: "number",
  text: "text",
  date: "date",
  boolean: "boolean",
};

export type SampleState =
  | { status: "none" }
  | { status: "loading" }
  | { status: "ready"; sample: Sample }
  | { status: "failed"; message: string };

export interface FormulasPaneProps extends PaneProps {
  readonly sample: SampleState;
  readonly onLoadSample: () => void;
  readonly timeZone: string;
}

/** Removes a formula and every rule or column that names it, so the report stays valid. */
function withoutFormula(draft: Draft, key: string): Draft {
  return {
    ...draft,
    formula_fields: draft.formula_fields.filter((f) => f.key !== key),
    columns: draft.columns.filter((c) => c.field !== key),
    sorting_rules: draft.sorting_rules.filter((r) => r.field !== key),
    grouping_rules: draft.grouping_rules.filter((r) => r.field !== key && r.order.field !== key),
    filtering_rules: draft.filtering_rules.filter((r) => r.field !== key),
  };
}

function FormulaEditor({
  formula,
  index,
  draft,
  fieldChoices,
  errors,
  sample,
  timeZone,
  onUpdate: update,
}: {
  formula: FormulaField;
  index: number;
  draft: Draft;
  fieldChoices: FieldChoices;
  errors: PaneProps["errors"];
  sample: SampleState;
  timeZone: string;
  onUpdate: (patch: Partial<FormulaField>) => void;
}) {
  const id = useId();
  // Every field but this formula, with names, so `[Story Points]` resolves and suggestions list names.
  const available = useMemo<SuggestableField[]>(
    () => fieldChoices.options.filter((o) => o.key !== formula.key).map((o) => ({ key: o.key, name: o.name, type: o.type })),
    [fieldChoices, formula.key],
  );
  const nameOf: NameOf = (key) => fieldChoices.get(key)?.name;
  const validation = useMemo(() => validateFormula(formula.expression, available), [formula.expression, available]);
  const rollupValidation = useMemo(
    () => (formula.rollup ? validateFormula(formula.rollup, available, { mode: "rollup" }) : null),
    [formula.rollup, available],
  );
  const preview = useMemo(
    () =>
      sample.status === "ready" && validation.ok
        ? previewFormula(sample.sample, draft.formula_fields, formula, validation.references, timeZone)
        : null,
    [sample, validation.ok, validation.references, draft.formula_fields, formula, timeZone],
  );
  const usedNames = validation.references.map((key) => nameOf(key) ?? key);
  const typeMismatch = validation.ok && validation.type !== null && validation.type !== STATIC_TYPE[formula.result_type];

  return (
    <div className="rb-rule rb-formula" data-testid="formula-row">
      <div className="rb-rule__line">
        <span className="rb-inline-field">
          <label className="rb-label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className="rb-input"
            value={formula.name}
            maxLength={255}
            onChange={(e) => update({ name: e.target.value })}
          />
        </span>
        <span className="rb-inline-field">
          <span className="rb-label">Key</span>
          <code className="rb-formula-key">{formula.key}</code>
        </span>
        <LabeledSelect<FormulaResultType>
          label="Result type"
          value={formula.result_type}
          options={RESULT_TYPES}
          onChange={(result_type) => update({ result_type, format: null })}
        />
      </div>
      <div className="rb-field">
        <label htmlFor={`${id}-expression`}>Expression</label>
        <FormulaInput
          id={`${id}-expression`}
          rows={3}
          value={formula.expression}
          onChange={(expression) => update({ expression })}
          fields={available}
          invalid={formula.expression.trim() !== "" && !validation.ok}
          describedBy={`${id}-expression-status`}
          testId="formula-expression"
        />
        <div id={`${id}-expression-status`}>
          {formula.expression.trim() === "" ? (
            <span className="rb-field-hint">
              Type a field name (or [ for the list) and pick it. For example: ROUND([Time spent] / 8, 1) or IF([Status] = "Done", 1, 0)
            </span>
          ) : validation.ok ? (
            <span className="rb-field-hint rb-field-ok" data-testid="formula-ok">
              Valid · type {validation.type}
              {usedNames.length > 0 ? ` · uses ${usedNames.join(", ")}` : ""}
            </span>
          ) : (
            <FormulaDiagnostics source={formula.expression} errors={validation.errors} testId="formula-errors" nameOf={nameOf} />
          )}
        </div>
        {typeMismatch ? (
          <span className="rb-field-error">
            The expression gives {validation.type}, but the result type is {formula.result_type}.
          </span>
        ) : null}
      </div>
      <div className="rb-field">
        <label htmlFor={`${id}-rollup`}>Rollup on group rows (optional)</label>
        <FormulaInput
          id={`${id}-rollup`}
          rows={2}
          placeholder="For example: SUM([Time spent]) / SUM([Original estimate])"
          value={formula.rollup ?? ""}
          onChange={(rollup) => update({ rollup: rollup === "" ? null : rollup })}
          fields={available}
          invalid={rollupValidation !== null && !rollupValidation.ok}
        />
        {rollupValidation && !rollupValidation.ok ? (
          <FormulaDiagnostics source={formula.rollup ?? ""} errors={rollupValidation.errors} testId="rollup-errors" nameOf={nameOf} />
        ) : null}
      </div>
      <div className="rb-rule__line">
        <FormatEditor type={formula.result_type} value={formula.format} onChange={(format) => update({ format })} />
      </div>
      {preview ? (
        <p className="rb-subtlest" data-testid="formula-preview-note">
          {usedNames.length === 0
            ? `First ${preview.rows.length} of ${preview.poolSize} sample issues.`
            : `${preview.withValues} of ${preview.poolSize} sample issues have ${usedNames.join(" and ")}; shown: ${preview.rows.length}, those with results first.`}
        </p>
      ) : null}
      {preview ? (
        <table className="rb-preview-table" aria-label={`Preview of ${formula.name || formula.key}`} data-testid="formula-preview">
          <tbody>
            {preview.rows.map((row, i) => (
              <tr key={i}>
                <th scope="row">{row.issueKey}</th>
                <td>{row.display === "" ? <span className="rb-subtlest">(empty)</span> : row.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <FieldMessages messages={errorsUnder(errors, `formula_fields.${index}`)} />
    </div>
  );
}

export function FormulasPane({ draft, onChange, fieldChoices, errors, sample, onLoadSample, timeZone }: FormulasPaneProps) {
  const id = useId();
  const [name, setName] = useState("");
  const formulas = draft.formula_fields;
  const setFormulas = (update: (formulas: FormulaField[]) => FormulaField[]) =>
    onChange((d) => ({ ...d, formula_fields: update(d.formula_fields) }));

  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    onChange((d) => {
      const key = formulaKeyFor(trimmed, new Set(d.formula_fields.map((f) => f.key)));
      return {
        ...d,
        formula_fields: [...d.formula_fields, { key, name: trimmed, expression: "", result_type: "number", format: null, rollup: null }],
      };
    });
    setName("");
  };

  return (
    <div className="rb-pane">
      <p className="rb-subtle">
        Formula fields work like Jira fields: use them as columns, and to sort, group and filter. Write fields by name in brackets, such as
        [Original estimate]; durations read as hours.
      </p>
      <FunctionReference />
      <FieldMessages messages={errorsAt(errors, "formula_fields")} />
      <div className="rb-toolbar rb-preview-bar">
        <button
          type="button"
          className="rb-button"
          onClick={onLoadSample}
          disabled={sample.status === "loading" || draft.jql.trim() === "" || formulas.length === 0}
        >
          {sample.status === "ready" ? "Refresh preview issues" : "Preview on sample issues"}
        </button>
        {sample.status === "loading" ? <span className="rb-subtle">Loading sample issues…</span> : null}
        {sample.status === "failed" ? <span className="rb-field-error">{sample.message}</span> : null}
        {sample.status === "ready" ? (
          <span className="rb-subtlest">
            Previews pick from{" "}
            {sample.sample.issues.length === SAMPLE_POOL ? `the JQL's first ${SAMPLE_POOL}` : `all ${sample.sample.issues.length}`} issues,
            those with values first.
          </span>
        ) : null}
      </div>
      <ReorderableList
        testId="formulas-list"
        items={formulas}
        itemKey={(f) => f.key}
        itemLabel={(f) => `formula ${f.name || f.key}`}
        onMove={(from, to) => setFormulas((list) => moveItem(list, from, to))}
        onRemove={(index) => {
          const key = formulas[index]?.key;
          if (key) onChange((d) => withoutFormula(d, key));
        }}
        renderItem={(formula, index) => (
          <FormulaEditor
            formula={formula}
            index={index}
            draft={draft}
            fieldChoices={fieldChoices}
            errors={errors}
            sample={sample}
            timeZone={timeZone}
            onUpdate={(patch) => setFormulas((list) => patchItem(list, index, patch))}
          />
        )}
      />
      <div className="rb-add-row">
        <span className="rb-inline-field">
          <label htmlFor={`${id}-new`} className="rb-label">
            New formula name
          </label>
          <input
            id={`${id}-new`}
            className="rb-input"
            value={name}
            maxLength={255}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </span>
        <button type="button" className="rb-button" onClick={add} disabled={!name.trim() || formulas.length >= MAX_FORMULAS}>
          Add formula
        </button>
      </div>
    </div>
  );
}
