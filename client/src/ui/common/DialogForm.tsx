/**
 * The small form a `ConfirmRequest` may carry (a text to type, radio groups, checkboxes), drawn
 * the same in the host's dialog frame (`ConfirmScreen`) and in the in-frame fallback
 * (`ConfirmDialog` without a host dialog). The values live with the caller.
 */

import { type CSSProperties, useId } from "react";
import { canConfirm } from "../../host/confirmRequest";
import type { ConfirmRequest, DialogValues } from "../../host/host";

export interface DialogFormProps {
  readonly request: ConfirmRequest;
  readonly values: DialogValues;
  readonly onChange: (values: DialogValues) => void;
  /** Enter in the text field, once the text is the expected one. */
  readonly onSubmit: () => void;
}

/** Where focus starts: the text to type, or the form's first field; a dangerous question without
 * a text (and a plain question) starts on Cancel, so a stray Enter changes nothing. */
// Options line up on the left of their group (the editor's rows centre a lone checkbox).
const OPTION: CSSProperties = { alignSelf: "flex-start" };

export function focusStartsInForm(request: ConfirmRequest): boolean {
  if (request.typeToConfirm) return true;
  const hasFields = (request.choices?.length ?? 0) + (request.checks?.length ?? 0) > 0;
  return hasFields && request.danger !== true;
}

export function DialogForm({ request, values, onChange, onSubmit }: DialogFormProps) {
  const id = useId();
  const typed = request.typeToConfirm;
  const set = (name: string, value: string | boolean) => onChange({ ...values, [name]: value });
  // Only the first field takes the focus.
  let autofocus = focusStartsInForm(request);
  const takeFocus = (): true | undefined => {
    if (!autofocus) return undefined;
    autofocus = false;
    return true;
  };

  return (
    <>
      {typed ? (
        <div className="rb-field">
          <label htmlFor={`${id}-typed`}>{typed.label}</label>
          <input
            id={`${id}-typed`}
            className="rb-input"
            value={String(values[typed.name] ?? "")}
            onChange={(event) => set(typed.name, event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== "Enter") return;
              event.preventDefault();
              if (canConfirm(request, values)) onSubmit();
            }}
            placeholder={typed.placeholder}
            autoComplete="off"
            spellCheck={false}
            data-autofocus={takeFocus()}
          />
        </div>
      ) : null}
      {(request.choices ?? []).map((choice) => {
        const focusChecked = takeFocus();
        return (
          <fieldset key={choice.name} className="rb-fieldset">
            <legend className="rb-label">{choice.legend}</legend>
            {choice.options.map((option) => {
              const checked = values[choice.name] === option.value;
              return (
                <label key={option.value} className="rb-checkbox" style={OPTION}>
                  <input
                    type="radio"
                    name={`${id}-${choice.name}`}
                    value={option.value}
                    checked={checked}
                    onChange={() => set(choice.name, option.value)}
                    data-autofocus={checked ? focusChecked : undefined}
                  />
                  {option.label}
                </label>
              );
            })}
          </fieldset>
        );
      })}
      {(request.checks ?? []).map((check) => (
        <div key={check.name}>
          <label className="rb-checkbox">
            <input
              type="checkbox"
              checked={values[check.name] === true}
              onChange={(event) => set(check.name, event.target.checked)}
              data-autofocus={takeFocus()}
            />
            {check.label}
          </label>
        </div>
      ))}
    </>
  );
}
