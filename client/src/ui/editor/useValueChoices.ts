/** Loads the values a filter rule picks from (through the Jira port), when a rule needs them. */

import { useEffect, useState } from "react";
import type { ValueChoice, ValueSource } from "../ports";
import { useServices } from "../services";

/** A field's values, or the priorities as thresholds (their ids) for `at_least` / `at_most`. */
export type ChoiceSource = ValueSource | "priority-threshold";

export type ValueChoices =
  | { readonly state: "loading" }
  | { readonly state: "ready"; readonly choices: readonly ValueChoice[] }
  | { readonly state: "failed" };

const keyOf = (source: ChoiceSource): string => (typeof source === "object" ? `options:${source.customOptions}` : source);

export function useValueChoices(source: ChoiceSource): ValueChoices {
  const { jira } = useServices();
  const key = keyOf(source);
  const [loaded, setLoaded] = useState<{ key: string; value: ValueChoices }>({ key, value: { state: "loading" } });

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the source's string form (a custom-field source is a new object every render)
  useEffect(() => {
    let cancelled = false;
    const request = source === "priority-threshold" ? jira.priorityThresholds() : jira.valueChoices(source);
    request.then(
      (choices) => {
        if (!cancelled) setLoaded({ key, value: { state: "ready", choices } });
      },
      () => {
        if (!cancelled) setLoaded({ key, value: { state: "failed" } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [jira, key]);

  return loaded.key === key ? loaded.value : { state: "loading" };
}
