/** The progress line while a report loads and the completeness line once it has finished or stopped. */

import type { SessionState } from "../ports";
import { apiCostText, changelogsMissingText, completenessText, hiddenByFiltersText, progressText, rateLimitText } from "./statusText";

export interface LoadStatusProps {
  readonly state: SessionState;
  /** The report's filter count (`filterCountOf`), to say how many issues its filters hide. */
  readonly filterCount?: number;
}

export function LoadStatus({ state, filterCount = 0 }: LoadStatusProps) {
  const progress = state.progress;
  const result = state.result;
  // Beside "All 3,534 issues loaded" the table's total says 3,346: say where the rest went.
  const hidden = result ? hiddenByFiltersText(result.loadedIssueCount, result.matchedIssueCount, filterCount) : null;
  const waiting = progress?.waitingForRateLimitMs;
  const costWarning = apiCostText(progress?.approximateTotal ?? null, progress?.changelog);
  // Said once the run has ended: while loading, later changelogs may still arrive.
  const changelogsMissing =
    state.outcome && state.status !== "loading" ? changelogsMissingText(result?.history ?? null, state.outcome.changelogs) : null;
  return (
    <div className="rb-load-status">
      {costWarning ? (
        <p className="rb-api-cost rb-no-print" data-testid="api-cost-warning" role="note">
          {costWarning}
        </p>
      ) : null}
      {state.status === "loading" ? (
        <p className="rb-progress rb-no-print" data-testid="progress" role="status" aria-live="polite">
          <span className="rb-spinner" aria-hidden="true" /> {progressText(progress)}
          {waiting !== undefined && waiting > 0 ? (
            <span className="rb-rate-limit" data-testid="rate-limit">
              {" "}
              — {rateLimitText(waiting)}
            </span>
          ) : null}
        </p>
      ) : null}
      {state.outcome && state.status !== "loading" ? (
        <p
          className={`rb-completeness rb-completeness--${state.outcome.status}`}
          data-testid="completeness"
          data-status={state.outcome.status}
          role="status"
        >
          {completenessText(state.outcome, progress?.approximateTotal ?? null)}
          {hidden ? (
            <>
              {". "}
              <span className="rb-hidden-by-filters" data-testid="hidden-by-filters">
                {hidden}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {changelogsMissing ? (
        <p className="rb-changelogs-missing rb-completeness--stopped" data-testid="changelogs-missing" role="status">
          {changelogsMissing}
        </p>
      ) : null}
    </div>
  );
}
