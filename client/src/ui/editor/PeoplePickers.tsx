/**
 * User and group pickers backed by Jira's user and group search: chosen entries as removable
 * chips, a search box as an ARIA combobox whose suggestions are picked with arrows and Enter.
 */

import { useEffect, useId, useState } from "react";
import { displayName, useUserNames } from "../common/useUserNames";
import { useServices } from "../services";

const SEARCH_DEBOUNCE_MS = 300;

interface Suggestion {
  readonly value: string;
  readonly label: string;
}

interface PickerProps {
  readonly label: string;
  readonly chosen: readonly Suggestion[];
  readonly search: (query: string) => Promise<readonly Suggestion[]>;
  readonly onAdd: (suggestion: Suggestion) => void;
  readonly onRemove: (value: string) => void;
  readonly invalid?: boolean;
  readonly testId?: string;
}

function Picker({ label, chosen, search, onAdd, onRemove, invalid, testId }: PickerProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [suggestions, setSuggestions] = useState<readonly Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: suggestions are searched when the query changes; picking one filters the list at the next query
  useEffect(() => {
    const q = query.trim();
    if (q === "") {
      setSuggestions([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      search(q).then(
        (found) => {
          if (cancelled) return;
          setFailed(false);
          setSuggestions(found.filter((s) => !chosen.some((c) => c.value === s.value)).slice(0, 20));
          setActive(0);
        },
        () => {
          if (!cancelled) setFailed(true);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // Not keyed on `chosen` (a new array every render); `pick` clears the suggestions anyway.
  }, [query, search]);

  const pick = (s: Suggestion) => {
    onAdd(s);
    setQuery("");
    setSuggestions([]);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown" && suggestions.length > 0) {
      event.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && suggestions.length > 0) {
      event.preventDefault();
      setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter") {
      const s = suggestions[active];
      if (s) {
        event.preventDefault();
        pick(s);
      }
    } else if (event.key === "Escape" && suggestions.length > 0) {
      // Close the suggestions without letting Esc close a surrounding dialog.
      event.stopPropagation();
      setSuggestions([]);
    }
  };

  const open = suggestions.length > 0;
  return (
    <div className="rb-picker" data-testid={testId}>
      <label htmlFor={id} className="rb-label">
        {label}
      </label>
      <ul className="rb-chips" aria-label={`${label}: chosen`}>
        {chosen.map((c) => (
          <li key={c.value} className="rb-chip">
            <span title={c.value}>{c.label}</span>
            <button type="button" className="rb-chip__remove" aria-label={`Remove ${c.label}`} onClick={() => onRemove(c.value)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="rb-combobox">
        <input
          id={id}
          className="rb-input"
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-listbox`}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${id}-option-${active}` : undefined}
          aria-invalid={invalid || undefined}
          value={query}
          placeholder="Search…"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {open ? (
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA combobox pattern: a list as the listbox, focus stays in the input
          <ul id={`${id}-listbox`} role="listbox" className="rb-listbox">
            {suggestions.map((s, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input (aria-activedescendant), as the pattern says
              <li
                key={s.value}
                id={`${id}-option-${i}`}
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's listbox (aria-activedescendant)
                role="option"
                aria-selected={i === active}
                className={i === active ? "rb-option rb-option--active" : "rb-option"}
                // mousedown, not click: it fires before the input loses focus.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(s);
                }}
              >
                {s.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {failed ? <span className="rb-field-hint">Jira search is unavailable right now.</span> : null}
    </div>
  );
}

export function UserPicker({
  label,
  accountIds,
  onChange,
  invalid,
  testId,
}: {
  label: string;
  accountIds: readonly string[];
  onChange: (ids: string[]) => void;
  invalid?: boolean;
  testId?: string;
}) {
  const { jira } = useServices();
  const names = useUserNames(accountIds);
  // Names of users picked here, shown before (or without) the account-id look-up.
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const [search] = useState(
    () => (q: string) => jira.searchUsers(q).then((users) => users.map((u) => ({ value: u.accountId, label: u.displayName }))),
  );
  return (
    <Picker
      label={label}
      testId={testId}
      invalid={invalid}
      chosen={accountIds.map((id) => ({ value: id, label: names.get(id)?.displayName ?? picked.get(id) ?? displayName(names, id) }))}
      search={search}
      onAdd={(user) => {
        setPicked((m) => new Map(m).set(user.value, user.label));
        onChange(accountIds.includes(user.value) ? [...accountIds] : [...accountIds, user.value]);
      }}
      onRemove={(id) => onChange(accountIds.filter((x) => x !== id))}
    />
  );
}

export function GroupPicker({
  label,
  groups,
  onChange,
  testId,
}: {
  label: string;
  groups: readonly string[];
  onChange: (groups: string[]) => void;
  testId?: string;
}) {
  const { jira } = useServices();
  const [search] = useState(
    () => (q: string) => jira.searchGroups(q).then((found) => found.map((g) => ({ value: g.name, label: g.name }))),
  );
  return (
    <Picker
      label={label}
      testId={testId}
      chosen={groups.map((g) => ({ value: g, label: g }))}
      search={search}
      onAdd={({ value }) => onChange(groups.includes(value) ? [...groups] : [...groups, value])}
      onRemove={(g) => onChange(groups.filter((x) => x !== g))}
    />
  );
}
