/**
 * The search box above the table: type to find, Enter / Shift+Enter (or the buttons) to step
 * through matches. The count says "No matches" for a query that finds nothing; the Previous and
 * Next buttons appear only while there are matches to step through.
 */

import { useId } from "react";
import type { ReportSearch as Search } from "./useReportSearch";
import { matchCountText } from "./tableSearch";

const STEPS = [
  { text: "Previous", name: "Previous match", testId: "search-previous", go: (search: Search) => search.previous() },
  { text: "Next", name: "Next match", testId: "search-next", go: (search: Search) => search.next() },
] as const;

export function ReportSearch({ search }: { search: Search }) {
  const countId = useId();
  const active = search.query.trim() !== "";
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (event.shiftKey) search.previous();
      else search.next();
    } else if (event.key === "Escape" && search.query !== "") {
      event.preventDefault();
      search.setQuery("");
    }
  };
  return (
    <div className="rb-report-search" role="search" aria-label="Search in this report">
      <input
        type="search"
        className="rb-input rb-report-search__input"
        placeholder="Find an issue or group"
        aria-label="Find in this report"
        aria-describedby={active ? countId : undefined}
        value={search.query}
        onChange={(event) => search.setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="report-search"
      />
      <span id={countId} className="rb-report-search__count rb-subtle" role="status" data-testid="search-count">
        {active ? matchCountText(search.current, search.total) : ""}
      </span>
      {/* Stepping means something only once there are matches; before that the buttons would be noise. */}
      {active && search.total > 0
        ? STEPS.map((step) => (
            <button
              key={step.testId}
              type="button"
              className="rb-button rb-button--subtle"
              onClick={() => step.go(search)}
              aria-label={step.name}
              data-testid={step.testId}
            >
              {step.text}
            </button>
          ))
        : null}
    </div>
  );
}
