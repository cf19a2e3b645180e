/**
 * General pane: name, description, the base JQL (checked against Jira as it is typed) and the
 * projects whose project page lists the report.
 */

import { useId, useState } from "react";
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
      <ProjectsField
        projects={draft.projects}
        onChange={(projects) => onChange((d) => ({ ...d, projects }))}
        serverErrors={[...errorsAt(errors, "projects"), ...draft.projects.flatMap((_, i) => errorsAt(errors, `projects.${i}`))]}
      />
    </div>
  );
}

/** Jira's rule for project keys: an uppercase letter, then uppercase letters, digits or "_". */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** What adding `typed` to `projects` gives: the new list, or a sentence saying why not. */
export function addProject(projects: readonly string[], typed: string): { projects: string[] } | { error: string } {
  const key = typed.trim().toUpperCase();
  if (!key) return { error: "Type a project key, such as ROLL." };
  if (!PROJECT_KEY.test(key)) return { error: `“${key}” is not a project key: a letter, then letters, digits or _.` };
  if (projects.includes(key)) return { error: `${key} is already listed.` };
  return { projects: [...projects, key] };
}

function ProjectsField({
  projects,
  onChange,
  serverErrors,
}: {
  projects: readonly string[];
  onChange: (projects: string[]) => void;
  serverErrors: readonly string[];
}) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const result = addProject(projects, typed);
    if ("error" in result) {
      setProblem(result.error);
      return;
    }
    onChange(result.projects);
    setTyped("");
    setProblem(null);
  };
  const messages = [...(problem ? [problem] : []), ...serverErrors];
  return (
    <div className="rb-field" data-testid="projects-field">
      <label htmlFor={`${id}-project`}>Projects</label>
      {projects.length > 0 ? (
        <ul className="rb-chips" aria-label="Projects that list this report">
          {projects.map((key) => (
            <li key={key} className="rb-chip" data-testid="project-tag">
              <span>{key}</span>
              <button
                type="button"
                className="rb-chip__remove"
                aria-label={`Remove project ${key}`}
                onClick={() => onChange(projects.filter((p) => p !== key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="rb-add-row">
        <input
          id={`${id}-project`}
          className="rb-input"
          value={typed}
          maxLength={255}
          placeholder="Project key, e.g. ROLL"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby={`${id}-project-hint${messages.length > 0 ? ` ${id}-project-error` : ""}`}
        />
        <button type="button" className="rb-button" onClick={add}>
          Add project
        </button>
      </div>
      <FieldMessages id={`${id}-project-error`} messages={messages} />
      <span id={`${id}-project-hint`} className="rb-field-hint">
        These projects' report pages list this report. With none, only the general Reports page lists it.
      </span>
    </div>
  );
}
