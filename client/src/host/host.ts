/**
 * The host adapter: everything the client needs from the product it runs in, and nothing more.
 *
 * Engine and UI talk to Jira and to the Rollbook server only through this interface, so a
 * Forge adapter (Custom UI + `@forge/bridge` `requestJira`, `view.getContext`, Forge Remote)
 * can be added next to the Connect one (`connectHost.ts`, backed by `AP`) without touching them.
 */

/** A Jira REST response. HTTP error statuses are responses, not exceptions. */
export interface JiraResponse {
  readonly status: number;
  /** Lower-cased header names; at least `retry-after` when Jira sends it. */
  readonly headers: Readonly<Record<string, string>>;
  /** The response body as text (JSON for the REST API). */
  readonly body: string;
}

export interface JiraRequest {
  readonly method?: "GET" | "POST";
  /** JSON-serializable body for POST. */
  readonly body?: unknown;
}

/** Where the app is shown and who is looking. */
export interface HostContext {
  /** Atlassian account id of the current user. */
  readonly accountId: string;
  /** The Jira site's base URL, e.g. https://acme.atlassian.net. */
  readonly siteUrl: string;
  /** IANA time zone of the user, e.g. "Europe/Berlin". */
  readonly timeZone: string;
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
}

export type FlagType = "info" | "success" | "warning" | "error";

export interface Host {
  /** Calls Jira's REST API as the current user; `path` starts with `/rest/`. Rejects only when
   * the request could not be made at all. */
  requestJira(path: string, request?: JiraRequest): Promise<JiraResponse>;
  /** A token for the Rollbook server (a Connect context JWT). `fresh` skips any cached token,
   * used after the server answered 401. */
  getServerToken(options?: { fresh?: boolean }): Promise<string>;
  getContext(): Promise<HostContext>;
  /** Opens an issue in Jira (outside the app's iframe). */
  openIssue(issueKey: string): void;
  /** Lets the host size the iframe to its content. */
  resize(): void;
  showFlag(flag: { type: FlagType; title: string; body?: string }): void;
  /** Sets the title Jira shows above the dashboard gadget; does nothing on other pages. */
  setGadgetTitle(title: string): void;
}
