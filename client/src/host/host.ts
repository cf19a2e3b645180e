/**
 * The host adapter: everything the client needs from the product it runs in, and nothing more.
 *
 * Engine and UI talk to Jira and to the Rollbook server only through this interface. Two hosts
 * implement it — Atlassian Connect (`connectHost.ts`, over `AP`) and Forge Custom UI
 * (`forgeHost.ts`, over `@forge/bridge`) — so the screens never ask which one they run on.
 */

export type HostKind = "connect" | "forge";

/** Site-relative URL of Jira's issue navigator searching `jql`. */
export function issueSearchPath(jql: string): string {
  return `/issues/?jql=${encodeURIComponent(jql)}`;
}

/** A Jira REST response. HTTP error statuses are responses, not exceptions. */
export interface JiraResponse {
  readonly status: number;
  /** Lower-cased header names; `retry-after` when Jira sends it and the host passes it on
   * (Forge may not: callers must back off on status 429 alone). */
  readonly headers: Readonly<Record<string, string>>;
  /** The response body as text (JSON for the REST API). */
  readonly body: string;
}

export interface JiraRequest {
  readonly method?: "GET" | "POST";
  /** JSON-serializable body for POST. */
  readonly body?: unknown;
}

/** The only part of a host that Jira look-ups (loader, fields, JQL) need. */
export interface JiraHost {
  /** Calls Jira's REST API as the current user; `path` starts with `/rest/`. Rejects only when
   * the request could not be made at all. */
  requestJira(path: string, request?: JiraRequest): Promise<JiraResponse>;
}

/** A call to the Rollbook server's `/api/...` routes. */
export interface ServerRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Starts with `/api/`, query string included. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-serializable body (an object: Forge Remote takes nothing else). */
  readonly body?: unknown;
}

/** The Rollbook server's answer. Every HTTP status is an answer; only "no answer" is an error. */
export interface ServerResponse {
  readonly status: number;
  /** Lower-cased names; several values of one header joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  readonly body: unknown;
}

/** Where the app is shown and who is looking. */
export interface HostContext {
  /** Atlassian account id of the current user. */
  readonly accountId: string;
  /** The Jira site's base URL, e.g. https://acme.atlassian.net. */
  readonly siteUrl: string;
  /** IANA time zone of the user, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** The site's cloud id, where the host tells it (Forge). */
  readonly cloudId?: string;
  /** The user's locale, e.g. "en-US", where the host tells it. */
  readonly locale?: string;
  /** Set on the project page. */
  readonly projectKey?: string;
  /** Set in the dashboard gadget. */
  readonly dashboardItem?: DashboardItem;
}

/** The dashboard gadget's place in Jira. */
export interface DashboardItem {
  readonly id: string;
  readonly dashboardId: string;
  /** Whether Jira lets the current user edit the dashboard (and so choose the gadget's report). */
  readonly editable: boolean;
  /** Whether the report can be chosen in this frame. Connect: yes. Forge: only in the gadget's
   * edit view (Jira's "Edit" control opens it), the one place `view.submit` stores a choice. */
  readonly choosableHere: boolean;
  /** Whether Jira shows the title set with `setGadgetTitle` above the gadget (Connect); where
   * it does not (Forge shows the manifest's title), the gadget shows the report's name itself. */
  readonly titledByHost: boolean;
}

/** What a dashboard gadget shows: a saved report, and which of its views. */
export interface GadgetChoice {
  readonly reportId: string;
  /** One of the report's view ids; null: its first view (also what a view deleted since shows). */
  readonly viewId: string | null;
}

/** The screens the client has; the host decides which one a frame shows. */
/** `confirm`: the frame inside the host's modal dialog that asks one `ConfirmRequest`. */
export type PageKind = "reports" | "project" | "admin" | "gadget" | "gadgetSettings" | "confirm";

/** What a frame shows when it starts. */
export interface HostPage {
  readonly kind: PageKind;
  /** The report to open first (a link to one report, or the host page's URL), if any. */
  readonly reportId: string | null;
  /** On the project page: the project whose reports start with `project = KEY`. */
  readonly projectKey?: string;
  /** The host page's URL names the editor of `reportId` (null: of a new report). */
  readonly editing?: boolean;
}

/** How `navigatePage` records a place. */
export interface PageNavigation {
  /** The report's editor (with no report: a new report's). */
  readonly editing?: boolean;
  /** In place of the current history entry, not as a new one (the editor after Save). */
  readonly replace?: boolean;
}

export type FlagType = "info" | "success" | "warning" | "error";

/** A question asked in the host's own modal dialog, whose backdrop covers the whole Jira page
 * (an iframe can only dim itself), with an optional small form. Plain text only: it crosses into
 * another frame, which collects the answer; the opener keeps its data and does the work. */
export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** The cancel button's label; "Cancel" when absent. */
  readonly cancelLabel?: string;
  /** A text the user must type before the confirm button enables (the site URL before a purge). */
  readonly typeToConfirm?: DialogTypeToConfirm;
  /** Radio groups. */
  readonly choices?: readonly DialogChoice[];
  /** Checkboxes. */
  readonly checks?: readonly DialogCheck[];
}

export interface DialogTypeToConfirm {
  /** The key of the typed text in the answer's values. */
  readonly name: string;
  readonly label: string;
  /** What must be typed (surrounding spaces and trailing slashes aside); null: any text, which
   * the server checks. */
  readonly expected: string | null;
  readonly placeholder?: string;
}

export interface DialogChoice {
  readonly name: string;
  readonly legend: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** One of the options' values. */
  readonly initial: string;
}

export interface DialogCheck {
  readonly name: string;
  readonly label: string;
  readonly initial: boolean;
}

/** The form's values by name: a choice's value, a check's state, the typed text. */
export type DialogValues = Readonly<Record<string, string | boolean>>;

/** What the user answered; `values` holds every field of the request (initial ones when cancelled). */
export interface DialogAnswer {
  readonly confirmed: boolean;
  readonly values: DialogValues;
}

export interface Host extends JiraHost {
  readonly kind: HostKind;
  /** Calls the Rollbook server as the current user. Rejects with an `ApiError` (status 0, or
   * 401 when the host could not prove who the user is) only when no answer came back. */
  callServer(request: ServerRequest): Promise<ServerResponse>;
  getContext(): Promise<HostContext>;
  getPage(): Promise<HostPage>;
  /** Records in the host page's URL which report the page shows (null: the list), and whether
   * in its editor (`editing`; with no report: a new one's), so the address can be shared and
   * Back works; does nothing where the host has no such URL. */
  navigatePage(reportId: string | null, options?: PageNavigation): void;
  /** Calls `listener` when the user moves through the host page's history to another report,
   * editor or the list. Returns the function that stops listening. */
  onPageNavigation(listener: (reportId: string | null, editing: boolean) => void): () => void;
  /** Moves the host page one entry back in its history, as the browser's Back (listeners hear
   * where it lands); absent where the host has no history. */
  navigatePageBack?(): void;
  /** Opens the general reports page on one report (the gadget's link); absent when the host cannot. */
  openReportPage?(reportId: string): void;
  /** The report (and view) the dashboard gadget shows, or null before anyone chose one. */
  getGadgetReport(item: DashboardItem): Promise<GadgetChoice | null>;
  /** Stores the gadget's report and view; only where `item.choosableHere`. */
  chooseGadgetReport(item: DashboardItem, choice: GadgetChoice): Promise<void>;
  /** Opens an issue in Jira (outside the app's iframe). */
  openIssue(issueKey: string): void;
  /** Opens Jira's issue navigator (`/issues/?jql=`) on `jql`, outside the app's iframe. */
  openIssueSearch(jql: string): void;
  /** Asks `request` (a question, with its form if any) in the host's modal dialog. Absent where
   * the host has no dialog of its own (unit tests): the app then asks inside its frame. */
  ask?(request: ConfirmRequest): Promise<DialogAnswer>;
  /** `ask` for a plain yes/no question: true when the user confirmed. Present with `ask`. */
  confirm?(request: ConfirmRequest): Promise<boolean>;
  /** In the `confirm` page's frame: the question to show. */
  dialogRequest?(): Promise<ConfirmRequest>;
  /** In the `confirm` page's frame: answers (with the form's values) and closes the host's dialog. */
  closeDialog?(confirmed: boolean, values?: DialogValues): void;
  /** Lets the host size the iframe to its content. */
  resize(): void;
  showFlag(flag: { type: FlagType; title: string; body?: string }): void;
  /** Sets the title Jira shows above the dashboard gadget; does nothing elsewhere. */
  setGadgetTitle(title: string): void;
}
