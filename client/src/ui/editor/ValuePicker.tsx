/**
 * Picks filter values from a list Jira gave (statuses, priorities, versions, ...): chosen values
 * as removable chips, and a search box that is a WAI-ARIA 1.2 combobox: the list opens on focus,
 * typing narrows it, arrow keys move, Enter picks, Escape closes; focus stays in the input.
 */

import { useId, useMemo, useState } from "react";
import type { ValueChoice } from "../ports";

export interface ValuePickerProps {
  readonly label: string;
  readonly choices: readonly ValueChoice[];
  /** Stored values; those not among the choices (typed earlier, since renamed) still show. */
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
  /** One value: picking replaces it (priority thresholds). */
  readonly single?: boolean;
  readonly invalid?: boolean;
  /** Shown under the box while the list loads. */
  readonly hint?: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The choices a query finds: name or detail containing it, ignoring case. */
export function matchingChoices(choices: readonly ValueChoice[], query: string, chosen: readonly string[]): ValueChoice[] {
  const q = query.trim().toLowerCase();
  return choices.filter(
    (c) =>
      !chosen.some((v) => same(v, c.value)) &&
      (q === "" || c.label.toLowerCase().includes(q) || (c.detail?.toLowerCase().includes(q) ?? false)),
  );
}

export function ValuePicker({ label, choices, values, onChange, single, invalid, hint }: ValuePickerProps) {
  const id = useId();
  const listboxId = `${id}-listbox`;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const offered = useMemo(() => matchingChoices(choices, query, single ? [] : values), [choices, query, values, single]);
  const shown = open && offered.length > 0;
  const activeIndex = Math.min(active, offered.length - 1);
  const labelOf = (value: string) => choices.find((c) => same(c.value, value))?.label ?? value;

  const pick = (choice: ValueChoice) => {
    onChange(single ? [choice.value] : [...values, choice.value]);
    setQuery("");
    setActive(0);
    if (single) setOpen(false);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive(Math.min(activeIndex + 1, offered.length - 1));
        return;
      case "ArrowUp":
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive(Math.max(activeIndex - 1, 0));
        return;
      case "Enter": {
        const choice = shown ? offered[activeIndex] : undefined;
        if (choice) {
          event.preventDefault();
          pick(choice);
        }
        return;
      }
      case "Escape":
        if (open) {
          // Close the list without letting Esc close a surrounding dialog.
          event.stopPropagation();
          setOpen(false);
        }
        return;
      case "Backspace":
        // An empty box: Backspace removes the last chip, as in Jira's own pickers.
        if (query === "" && values.length > 0) onChange(values.slice(0, -1));
        return;
      default:
        return;
    }
  };

  return (
    <div className="rb-picker rb-value-picker" data-testid="value-picker">
      <label htmlFor={id} className="rb-label">
        {label}
      </label>
      {values.length > 0 ? (
        <ul className="rb-chips" aria-label={`${label}: chosen`}>
          {values.map((v) => (
            <li key={v} className="rb-chip">
              <span title={v}>{labelOf(v)}</span>
              <button
                type="button"
                className="rb-chip__remove"
                aria-label={`Remove ${labelOf(v)}`}
                onClick={() => onChange(values.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="rb-combobox">
        <input
          id={id}
          className="rb-input"
          role="combobox"
          aria-expanded={shown}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={shown ? `${id}-option-${activeIndex}` : undefined}
          aria-invalid={invalid || undefined}
          value={query}
          placeholder={single && values.length > 0 ? "Search to change…" : "Search values…"}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {shown ? (
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA combobox pattern: a list as the listbox, focus stays in the input
          <ul id={listboxId} role="listbox" aria-label={label} className="rb-listbox">
            {offered.map((c, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input (aria-activedescendant), as the pattern says
              <li
                key={c.value}
                id={`${id}-option-${i}`}
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's listbox (aria-activedescendant)
                role="option"
                aria-selected={i === activeIndex}
                className={i === activeIndex ? "rb-option rb-option--active" : "rb-option"}
                // mousedown, not click: it fires before the input loses focus and closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                {c.label}
                {c.detail ? <span className="rb-option__detail"> · {c.detail}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {open && query.trim() !== "" && offered.length === 0 && choices.length > 0 ? (
        <span className="rb-field-hint" role="status">
          No value matches “{query.trim()}”.
        </span>
      ) : null}
      {hint ? <span className="rb-field-hint">{hint}</span> : null}
    </div>
  );
}
