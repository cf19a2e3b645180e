/** General pane: name, description and the base JQL, checked against Jira as it is typed. */

import { useId } from "react";
import { errorsAt } from "../serverErrors";
import { FieldMessages } from "../controls";
import type { JqlCheckState } from "../useJqlCheck";
import type { PaneProps } from "./types";

export interface GeneralPaneProps extends PaneProps {
  readonly jqlCheck: JqlCheckState;
  readonly onJqlBlur: () => void;
  readonly localErrors: { readonly name?: string; readonly jql?: string };
}

export function GeneralPane({ draft, onChange, errors, jqlCheck, onJqlBlur, localErrors }: GeneralPaneProps) {
  const id = useId();
  const nameErrors = [...(localErrors.name ? [localErrors.name] : []), ...errorsAt(errors, "name")];
  const descriptionErrors = errorsAt(errors, "description");
  const jqlErrors = [...(localErrors.jql ? [localErrors.jql] : []), ...errorsAt(errors, "jql")];
  const jiraMessages = jqlCheck.status === "invalid" && jqlCheck.jql === draft.jql ? jqlCheck.messages : [];
  return (
    <div className="rb-pane">
      <div className="rb-field">
        <label htmlFor={`${id}-name`}>Name (required)</label>
        <input
          id={`${id}-name`}
          className="rb-input"
          value={draft.name}
          maxLength={255}
          onChange={(e) => onChange((d) => ({ ...d, name: e.target.value }))}
          aria-invalid={nameErrors.length > 0 || undefined}
          aria-describedby={nameErrors.length > 0 ? `${id}-name-error` : undefined}
        />
        <FieldMessages id={`${id}-name-error`} messages={nameErrors} />
      </div>
      <div className="rb-field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          className="rb-textarea"
          value={draft.description}
          maxLength={4000}
          rows={3}
          onChange={(e) => onChange((d) => ({ ...d, description: e.target.value }))}
          aria-invalid={descriptionErrors.length > 0 || undefined}
        />
        <FieldMessages messages={descriptionErrors} />
      </div>
      <div className="rb-field">
        <label htmlFor={`${id}-jql`}>JQL (required)</label>
        <textarea
          id={`${id}-jql`}
          className="rb-textarea rb-textarea--code"
          value={draft.jql}
          rows={4}
          spellCheck={false}
          onChange={(e) => onChange((d) => ({ ...d, jql: e.target.value }))}
          onBlur={onJqlBlur}
          aria-invalid={jqlErrors.length > 0 || jiraMessages.length > 0 || undefined}
          aria-describedby={`${id}-jql-status`}
          data-testid="jql-input"
        />
        <div id={`${id}-jql-status`} aria-live="polite">
          {jqlCheck.status === "checking" ? <span className="rb-field-hint">Checking with Jira…</span> : null}
          {jqlCheck.status === "valid" && jqlCheck.jql === draft.jql ? (
            <span className="rb-field-hint rb-field-ok">Jira accepts this query.</span>
          ) : null}
          {jqlCheck.status === "unavailable" ? (
            <span className="rb-field-hint">Jira could not check the query: {jqlCheck.message}</span>
          ) : null}
          {jiraMessages.length > 0 ? (
            <div className="rb-field-error" data-testid="jql-error">
              {jiraMessages.map((m, i) => (
                <div key={i}>{m}</div>
              ))}
            </div>
          ) : null}
        </div>
        <FieldMessages messages={jqlErrors} />
        <span className="rb-field-hint">Sent to Jira unchanged. Issues are read in your browser, as you.</span>
      </div>
    </div>
  );
}
