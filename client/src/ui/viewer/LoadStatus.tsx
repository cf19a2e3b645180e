/** The progress line while a report loads and the completeness line once it has finished or stopped. */

import type { SessionState } from "../ports";
import { apiCostText, completenessText, progressText, rateLimitText } from "./statusText";

export function LoadStatus({ state }: { state: SessionState }) {
  const progress = state.progress;
  const waiting = progress?.waitingForRateLimitMs;
  const costWarning = apiCostText(progress?.approximateTotal ?? null);
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
        </p>
      ) : null}
    </div>
  );
}
