/** One empty or error state of the viewer (`viewerStates.ts`): what happened and the way forward. */

import { ErrorBanner } from "../common/ErrorBanner";
import { displayName, useUserNames } from "../common/useUserNames";
import { askAdministratorText, type ViewerAction, type ViewerStateNotice } from "./viewerStates";

export interface ViewerNoticeProps {
  readonly notice: ViewerStateNotice;
  /** The report's administrators (account ids), named for people who can't edit it. */
  readonly administrators: readonly string[];
  readonly onEdit?: (() => void) | undefined;
  readonly onRetry: () => void;
  readonly onBack?: (() => void) | undefined;
}

const BUTTON_TEXT: Readonly<Record<Exclude<ViewerAction, "ask_admin">, string>> = {
  edit_jql: "Edit JQL",
  edit_filters: "Edit filters",
  retry: "Retry",
  back: "Back to reports",
};

export function ViewerNotice({ notice, administrators, onEdit, onRetry, onBack }: ViewerNoticeProps) {
  const asksAdmin = notice.actions.includes("ask_admin");
  const names = useUserNames(asksAdmin ? administrators : []);
  const handler = (action: ViewerAction): (() => void) | undefined => {
    if (action === "edit_jql" || action === "edit_filters") return onEdit;
    if (action === "retry") return onRetry;
    if (action === "back") return onBack;
    return undefined;
  };

  const actions = (
    <div className="rb-notice__actions">
      {notice.actions.map((action) => {
        if (action === "ask_admin") {
          return (
            <p key={action} className="rb-notice__ask" data-testid="ask-admin">
              {askAdministratorText(
                notice.kind,
                administrators.map((id) => displayName(names, id)),
              )}
            </p>
          );
        }
        const onClick = handler(action);
        return onClick ? (
          <button
            key={action}
            type="button"
            className={`rb-button${action === notice.actions[0] ? " rb-button--primary" : ""}`}
            onClick={onClick}
            data-testid={`notice-${action.replace("_", "-")}`}
          >
            {BUTTON_TEXT[action]}
          </button>
        ) : null;
      })}
    </div>
  );

  if (notice.tone === "error") {
    return (
      <div className="rb-notice" data-testid="viewer-notice" data-state={notice.kind}>
        <ErrorBanner kind={notice.errorKind ?? notice.kind} title={notice.title} message={notice.message}>
          {actions}
        </ErrorBanner>
      </div>
    );
  }
  return (
    <div className="rb-notice rb-notice--empty" data-testid="viewer-notice" data-state={notice.kind} role="status">
      <h2 className="rb-notice__title">{notice.title}</h2>
      <p className="rb-notice__message">{notice.message}</p>
      {actions}
    </div>
  );
}
