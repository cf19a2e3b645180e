/**
 * The formula function reference, straight from the engine's registry (so it never lists a
 * function the engine lacks): each signature with its one-line description, filterable by name.
 */

import { useId, useMemo, useState } from "react";
import { formulaFns, rollupFns } from "../../engine/index";

/** Registry descriptions mark argument names with Markdown backticks; here they read as plain text. */
const plain = (description: string): string => description.replace(/`/g, "");

export function FunctionReference() {
  const id = useId();
  const [filter, setFilter] = useState("");
  const all = useMemo(
    () => [
      ...formulaFns
        .entries()
        .map((f) => ({ id: `fn:${f.name}`, signature: f.signature, description: plain(f.description), rollup: false })),
      ...rollupFns
        .entries()
        .map((f) => ({ id: `rollup:${f.name}`, signature: f.signature, description: plain(f.description), rollup: true })),
    ],
    [],
  );
  const q = filter.trim().toLowerCase();
  const shown = q === "" ? all : all.filter((f) => f.signature.toLowerCase().includes(q) || f.description.toLowerCase().includes(q));
  return (
    <details className="rb-function-reference" data-testid="function-reference">
      <summary>Function reference</summary>
      <p className="rb-subtle">
        Write fields by name in brackets, <code>[Original estimate]</code>, or by key. Durations read as hours. Rollup functions work only
        in the rollup box.
      </p>
      <span className="rb-inline-field">
        <label htmlFor={`${id}-filter`} className="rb-label">
          Find a function
        </label>
        <input id={`${id}-filter`} className="rb-input" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </span>
      <section
        className="rb-function-list"
        aria-label="Functions"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard to scroll it (WCAG 2.1.1)
        tabIndex={0}
      >
        <dl>
          {shown.map((f) => (
            <div key={f.id} className="rb-function-list__item">
              <dt>
                <code>{f.signature}</code>
                {f.rollup ? <span className="rb-subtlest"> (rollup)</span> : null}
              </dt>
              <dd>{f.description}</dd>
            </div>
          ))}
        </dl>
      </section>
      {shown.length === 0 ? <p className="rb-subtle">No function matches “{filter}”.</p> : null}
    </details>
  );
}
