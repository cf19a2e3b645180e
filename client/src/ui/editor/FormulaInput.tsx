/**
 * A formula text box that suggests fields by display name while typing (after `[`, or a word of
 * two letters or more): arrow keys choose, Enter or Tab inserts `[Field name]` (or the key when
 * the name is not unique), Escape closes. The textbox keeps focus; the list is its
 * `aria-activedescendant` popup.
 */

import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { FieldType } from "../../engine/index";
import { TYPE_LABELS } from "./fieldChoices";
import { applySuggestion, matchFields, queryAt, type SuggestionQuery } from "./formulaSuggest";

export interface SuggestableField {
  readonly key: string;
  readonly name: string;
  readonly type: FieldType;
}

export interface FormulaInputProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly fields: readonly SuggestableField[];
  readonly rows: number;
  readonly invalid: boolean;
  readonly placeholder?: string;
  readonly describedBy?: string;
  readonly testId?: string;
}

export function FormulaInput({ id, value, onChange, fields, rows, invalid, placeholder, describedBy, testId }: FormulaInputProps) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<SuggestionQuery | null>(null);
  const [active, setActive] = useState(0);
  const pendingCursor = useRef<number | null>(null);
  // After a pick (or Escape) the list stays closed until the text changes: the cursor then sits
  // after the inserted reference, which could itself match again.
  const quiet = useRef(false);
  const matches = useMemo(() => (query ? matchFields(fields, query) : []), [fields, query]);
  const open = matches.length > 0;

  useLayoutEffect(() => {
    const cursor = pendingCursor.current;
    if (cursor !== null && ref.current) {
      ref.current.setSelectionRange(cursor, cursor);
      pendingCursor.current = null;
    }
  });

  const refresh = (el: HTMLTextAreaElement) => {
    if (quiet.current) return;
    const next = el.selectionStart === el.selectionEnd ? queryAt(el.value, el.selectionStart) : null;
    setQuery((q) => (q?.start === next?.start && q?.end === next?.end && q?.text === next?.text ? q : next));
    setActive(0);
  };

  const pick = (field: SuggestableField) => {
    if (!query) return;
    const applied = applySuggestion(value, query, field, fields);
    pendingCursor.current = applied.cursor;
    quiet.current = true;
    setQuery(null);
    onChange(applied.value);
    ref.current?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + step + matches.length) % matches.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      const field = matches[active];
      if (!field) return;
      event.preventDefault();
      pick(field);
    } else if (event.key === "Escape") {
      // Closes the list only; the editor around it must not treat this Escape as "leave".
      event.preventDefault();
      event.stopPropagation();
      quiet.current = true;
      setQuery(null);
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="rb-formula-input">
      <textarea
        ref={ref}
        id={id}
        className="rb-textarea rb-textarea--code"
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        onChange={(e) => {
          quiet.current = false;
          onChange(e.target.value);
          refresh(e.target);
        }}
        onSelect={(e) => refresh(e.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => setQuery(null)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        data-testid={testId}
      />
      {open ? (
        <ul
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA autocomplete: a list as the listbox, focus stays in the textbox
          role="listbox"
          id={listId}
          aria-label="Matching fields"
          className="rb-suggestions"
          data-testid="formula-suggestions"
        >
          {matches.map((field, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the textbox (aria-activedescendant), as the pattern says
            <li
              key={field.key}
              id={optionId(index)}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the textbox's listbox (aria-activedescendant)
              role="option"
              aria-selected={index === active}
              className={`rb-suggestion${index === active ? " rb-suggestion--active" : ""}`}
              // mousedown, not click: it fires before the textbox loses focus (which closes the list), and keeps the cursor.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(field);
              }}
              onMouseMove={() => setActive(index)}
            >
              <span className="rb-suggestion__name">{field.name}</span>
              <span className="rb-suggestion__meta">
                {TYPE_LABELS[field.type]} · {field.key}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
