/**
 * The viewer's empty and error states: which one a report is in, what to tell the user, and the
 * way forward each offers. Pure, so every state's wording and actions are pinned by unit tests.
 */

import type { SessionState } from "../ports";
import type { RunError } from "./runErrors";
import { formatCount, issueCountText } from "./statusText";

export type ViewerStateKind =
  | "no_issues"
  | "all_filtered"
  | "jql"
  | "permission"
  | "not_found"
  | "unreachable"
  | "rate_limited"
  | "group_check"
  | "failed";

/**
 * - `edit_jql` / `edit_filters`: open the editor (for people who can edit the report);
 * - `ask_admin`: name the report's administrators (for people who can't);
 * - `retry`: run the report again (or load it again, when the definition failed to load);
 * - `back`: return to the list.
 */
export type ViewerAction = "edit_jql" | "edit_filters" | "ask_admin" | "retry" | "back";

export interface ViewerStateNotice {
  readonly kind: ViewerStateKind;
  /** Errors interrupt (role alert); empty results are news (role status). */
  readonly tone: "error" | "empty";
  readonly title: string;
  readonly message: string;
  readonly actions: readonly ViewerAction[];
  /** For errors, the run error's own kind (`network`, `server`, …): the banner's `data-kind`. */
  readonly errorKind?: RunError["kind"];
}

export interface ViewerStateInput {
  /** Why the report's definition could not be loaded, if it could not. */
  readonly loadProblem: RunError | null;
  /** Why the run failed or stopped, if it did. */
  readonly runError: RunError | null;
  readonly state: SessionState;
  /** The report's JQL, once loaded. */
  readonly jql: string | null;
  readonly canEdit: boolean;
  readonly filterCount: number;
}

const RUN_ERROR_KIND: Readonly<Record<RunError["kind"], ViewerStateKind>> = {
  jql: "jql",
  rate_limited: "rate_limited",
  permission: "permission",
  not_found: "not_found",
  group_check: "group_check",
  network: "unreachable",
  server: "unreachable",
  other: "failed",
};

/** Who can change the report's definition: its editors fix it themselves, others ask. */
function fixBy(canEdit: boolean, edit: ViewerAction): ViewerAction[] {
  return canEdit ? [edit] : ["ask_admin"];
}

function loadNotice(problem: RunError): ViewerStateNotice {
  const kind = RUN_ERROR_KIND[problem.kind];
  // Nothing to run again for a report that is gone or not shared; a failed check can pass later.
  const actions: ViewerAction[] = kind === "not_found" || kind === "permission" ? ["back"] : ["retry", "back"];
  return { kind, tone: "error", title: problem.title, message: problem.message, actions, errorKind: problem.kind };
}

function runNotice(error: RunError, canEdit: boolean): ViewerStateNotice {
  const kind = RUN_ERROR_KIND[error.kind];
  const actions: ViewerAction[] = kind === "jql" ? fixBy(canEdit, "edit_jql") : ["retry"];
  return { kind, tone: "error", title: error.title, message: error.message, actions, errorKind: error.kind };
}

/** The state to explain instead of (or, for a run stopped part way, above) the table; null when the table says it all. */
export function viewerStateNotice(input: ViewerStateInput): ViewerStateNotice | null {
  if (input.loadProblem) return loadNotice(input.loadProblem);
  if (input.runError) return runNotice(input.runError, input.canEdit);
  const result = input.state.result;
  if (input.state.status !== "complete" || !result) return null;
  if (result.loadedIssueCount === 0) {
    return {
      kind: "no_issues",
      tone: "empty",
      title: "No issues match this report's JQL",
      message: input.jql ? `Jira found no issues you can see for: ${input.jql}` : "Jira found no issues you can see for this report.",
      actions: fixBy(input.canEdit, "edit_jql"),
    };
  }
  if (result.matchedIssueCount === 0) {
    const filters =
      input.filterCount === 1 ? "its filter hides" : `its ${input.filterCount > 1 ? `${formatCount(input.filterCount)} ` : ""}filters hide`;
    return {
      kind: "all_filtered",
      tone: "empty",
      title: "The report's filters hide every issue",
      message: `Jira found ${issueCountText(result.loadedIssueCount)} for this report, and ${filters} all of them.`,
      actions: fixBy(input.canEdit, "edit_filters"),
    };
  }
  return null;
}

/** Whether the table has rows worth a frame: not for an empty result, nor a run that failed before any issue came. */
export function showsTable(state: SessionState, notice: ViewerStateNotice | null): boolean {
  const result = state.result;
  if (!result) return false;
  if (notice?.tone === "empty") return false;
  if (notice && result.loadedIssueCount === 0) return false;
  return true;
}

/** "Ada Admin", "Ada Admin and Max Member", "Ada Admin, Max Member and Olive Outsider". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** What someone who can't edit the report is told to do, naming who can. */
export function askAdministratorText(kind: ViewerStateKind, administrators: readonly string[]): string {
  const change = kind === "all_filtered" ? "change its filters" : "change its JQL";
  if (administrators.length === 0) return `Ask one of the report's administrators to ${change}.`;
  const who = administrators.length === 1 ? "the report's administrator" : "one of the report's administrators";
  return `Ask ${who}, ${namesText(administrators)}, to ${change}.`;
}
