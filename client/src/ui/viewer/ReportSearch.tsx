/** The search box above the table: type to find, Enter / Shift+Enter (or the buttons) to step through matches. */

import { useId } from "react";
import type { ReportSearch as Search } from "./useReportSearch";
import { matchCountText } from "./tableSearch";

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
      <button
        type="button"
        className="rb-button rb-button--subtle"
        onClick={search.previous}
        disabled={search.total === 0}
        aria-label="Previous match"
        data-testid="search-previous"
      >
        Previous
      </button>
      <button
        type="button"
        className="rb-button rb-button--subtle"
        onClick={search.next}
        disabled={search.total === 0}
        aria-label="Next match"
        data-testid="search-next"
      >
        Next
      </button>
    </div>
  );
}
