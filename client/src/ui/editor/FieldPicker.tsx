/**
 * A searchable field picker: a WAI-ARIA 1.2 combobox (an input with a listbox popup, focus
 * stays in the input and the active option is named by aria-activedescendant). Typing filters by
 * name or key; options are grouped "System fields" / "Custom fields" / "Formulas" and show their
 * type. Arrow keys move, Enter picks, Escape closes (a second Escape clears the search); the
 * mouse picks by click.
 */

import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { FieldChoices, FieldOption } from "./fieldChoices";
import { searchFields, typeLabel } from "./fieldSearch";

export interface FieldPickerProps {
  readonly label: string; // accessible name, e.g. "Add a column"
  readonly choices: FieldChoices; // from ./fieldChoices
  readonly value: string | null; // selected field key
  readonly onChange: (key: string) => void;
  readonly filter?: (option: FieldOption) => boolean; // e.g. only groupable types
  readonly id?: string;
  /** Show the label only to assistive technology (compact rows where the context names the field). */
  readonly hideLabel?: boolean;
  readonly placeholder?: string;
  readonly invalid?: boolean;
}

export function FieldPicker({ label, choices, value, onChange, filter, id, hideLabel, placeholder, invalid }: FieldPickerProps) {
  const generatedId = useId();
  // `id` is the input's, so a caller's own <label htmlFor> or aria-describedby can point at it.
  const baseId = id ?? `field-picker-${generatedId.replace(/:/g, "")}`;
  const listboxId = `${baseId}-listbox`;
  const selected = value ? choices.get(value) : undefined;
  // What the closed input shows: the chosen field's name (or its key when Jira no longer has it).
  const shownValue = value ? (selected?.name ?? `${value} (unknown field)`) : "";

  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null); // null: not searching, the input shows the value
  // The option the arrow keys point at (aria-activedescendant); -1: none yet, the person is typing.
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const groups = useMemo(() => {
    const offered = choices.options.filter((o) => o.key === value || !filter || filter(o));
    return searchFields(offered, query ?? "");
  }, [choices, filter, value, query]);
  const flat = useMemo(() => groups.flatMap((g) => g.options), [groups]);
  const activeOption = open && active >= 0 ? flat[Math.min(active, flat.length - 1)] : undefined;
  const optionId = (key: string) => `${baseId}-option-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;

  const activeKey = activeOption?.key;
  // Keep the active option in view as the arrow keys move it.
  useEffect(() => {
    if (!activeKey || !listRef.current) return;
    const options = listRef.current.querySelectorAll<HTMLElement>("[data-field-key]");
    [...options].find((el) => el.dataset.fieldKey === activeKey)?.scrollIntoView?.({ block: "nearest" });
  }, [activeKey]);

  const openAt = (key: string | null) => {
    setActive(key ? flat.findIndex((o) => o.key === key) : -1);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const pick = (option: FieldOption) => {
    close();
    if (option.key !== value) onChange(option.key);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const last = flat.length - 1;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openAt(value);
        else setActive((i) => Math.min(i + 1, last));
        return;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openAt(value);
        else setActive((i) => (i < 0 ? last : Math.max(i - 1, 0)));
        return;
      case "PageDown":
        if (!open) return;
        event.preventDefault();
        setActive((i) => Math.min(i + 8, last));
        return;
      case "PageUp":
        if (!open) return;
        event.preventDefault();
        setActive((i) => Math.max(i - 8, 0));
        return;
      case "Enter": {
        // Typing then Enter takes the best (first) match, as search boxes do.
        const chosen = activeOption ?? (query !== null ? flat[0] : undefined);
        if (!open || !chosen) return;
        event.preventDefault();
        pick(chosen);
        return;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          // Keep Escape from also closing a surrounding dialog while the popup is open.
          event.stopPropagation();
          setOpen(false);
        } else if (query !== null) {
          event.preventDefault();
          setQuery(null);
        }
        return;
      case "Tab":
        close();
        return;
    }
  };

  const inputId = baseId;
  return (
    <span className="rb-inline-field rb-field-picker">
      <label htmlFor={inputId} className={hideLabel ? "rb-visually-hidden" : "rb-label"}>
        {label}
      </label>
      <span className="rb-combobox">
        <input
          id={inputId}
          className="rb-input rb-field-picker__input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-expanded={open}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(activeOption.key) : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={selected && query === null ? `${baseId}-type` : undefined}
          placeholder={selected ? selected.name : (placeholder ?? "Search fields…")}
          value={query ?? shownValue}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(-1);
            setOpen(true);
          }}
          onClick={() => (open ? setOpen(false) : openAt(value))}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        {selected ? (
          <span id={`${baseId}-type`} className="rb-field-picker__type" aria-hidden={query !== null}>
            {typeLabel(selected.type)}
          </span>
        ) : null}
        <ul
          id={listboxId}
          ref={listRef}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA combobox pattern: a list as the listbox, focus stays in the input
          role="listbox"
          aria-label={`${label}: fields`}
          className="rb-listbox rb-field-picker__listbox"
          // Dragging the list's scroll bar must not blur the input (which closes the list).
          onMouseDown={(event) => event.preventDefault()}
          hidden={!open || flat.length === 0}
        >
          {/* Options only while open: a pane holds many pickers, and a site has hundreds of fields. */}
          {(open ? groups : []).map((group) => (
            // biome-ignore lint/a11y/useSemanticElements: a group inside a listbox; <optgroup> belongs to <select> only
            <li key={group.id} role="group" aria-labelledby={`${baseId}-group-${group.id}`} className="rb-field-picker__group">
              <div id={`${baseId}-group-${group.id}`} className="rb-field-picker__group-label" role="presentation">
                {group.label}
              </div>
              <ul role="presentation" className="rb-field-picker__options">
                {group.options.map((option) => {
                  const isActive = option === activeOption;
                  return (
                    // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input (aria-activedescendant), as the pattern says
                    <li
                      key={option.key}
                      id={optionId(option.key)}
                      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's listbox (aria-activedescendant)
                      role="option"
                      aria-selected={option.key === value}
                      data-active={isActive || undefined}
                      data-field-key={option.key}
                      className={isActive ? "rb-option rb-field-picker__option rb-option--active" : "rb-option rb-field-picker__option"}
                      // mousedown, not click: it fires before the input loses focus (which closes the popup).
                      onMouseDown={(event) => {
                        event.preventDefault();
                        pick(option);
                      }}
                      onMouseMove={() => setActive(flat.indexOf(option))}
                    >
                      <span className="rb-field-picker__name">{option.name}</span>
                      <span className="rb-field-picker__option-type">{typeLabel(option.type)}</span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
        {open && flat.length === 0 ? (
          <span className="rb-field-picker__none" role="status">
            No field matches “{query}”.
          </span>
        ) : null}
      </span>
    </span>
  );
}
