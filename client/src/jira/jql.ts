/**
 * Small Jira lookups for the editor: JQL validation against Jira's own parser, and the user and
 * group searches behind the People pickers.
 */

import type { JiraHost } from "../host/host";
import { jiraApiError, readJson } from "./errors";
import { requestWithRetries } from "./requests";

export const JQL_PARSE_PATH = "/rest/api/3/jql/parse?validation=strict";

export type JqlCheck = { readonly valid: true } | { readonly valid: false; readonly messages: string[] };

interface ParsedQueries {
  queries?: { query?: string; errors?: unknown; warnings?: unknown }[];
}

/** Asks Jira whether `jql` parses and names real fields and values; Jira's messages verbatim. */
export async function checkJql(host: JiraHost, jql: string): Promise<JqlCheck> {
  if (jql.trim() === "") return { valid: false, messages: ["Enter a JQL query."] };
  const response = await requestWithRetries(host, JQL_PARSE_PATH, { method: "POST", body: { queries: [jql] } });
  if (response.status === 400) {
    const messages = jiraApiError(response, JQL_PARSE_PATH).messages;
    return { valid: false, messages: messages.length > 0 ? messages : ["Jira rejected the query."] };
  }
  const parsed = readJson<ParsedQueries>(response, JQL_PARSE_PATH);
  const errors = parsed.queries?.[0]?.errors;
  const messages = Array.isArray(errors) ? errors.filter((e): e is string => typeof e === "string") : [];
  return messages.length > 0 ? { valid: false, messages } : { valid: true };
}

export interface JiraUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly avatarUrl: string | null;
  readonly active: boolean;
}

export interface JiraGroup {
  readonly name: string;
  readonly groupId: string | null;
}

interface RawUser {
  accountId?: unknown;
  displayName?: unknown;
  active?: unknown;
  accountType?: unknown;
  avatarUrls?: Record<string, unknown>;
}

function toUser(raw: RawUser): JiraUser | null {
  if (typeof raw?.accountId !== "string") return null;
  const avatar = raw.avatarUrls?.["24x24"] ?? raw.avatarUrls?.["48x48"];
  return {
    accountId: raw.accountId,
    displayName: typeof raw.displayName === "string" ? raw.displayName : raw.accountId,
    avatarUrl: typeof avatar === "string" ? avatar : null,
    active: raw.active !== false,
  };
}

/** People picker: users whose name or email starts with `query` (app and bot accounts left out). */
export async function searchUsers(host: JiraHost, query: string, options: { maxResults?: number } = {}): Promise<JiraUser[]> {
  if (query.trim() === "") return [];
  const params = new URLSearchParams({ query, maxResults: String(options.maxResults ?? 20) });
  const path = `/rest/api/3/user/search?${params}`;
  const users = readJson<unknown>(await requestWithRetries(host, path), path);
  if (!Array.isArray(users)) return [];
  return (users as RawUser[])
    .filter((u) => u?.accountType === undefined || u.accountType === "atlassian")
    .map(toUser)
    .filter((u): u is JiraUser => u !== null);
}

/** One user by account id (names for stored administrators and viewers); null if Jira has none. */
export async function getUser(host: JiraHost, accountId: string): Promise<JiraUser | null> {
  const path = `/rest/api/3/user?${new URLSearchParams({ accountId })}`;
  const response = await requestWithRetries(host, path);
  if (response.status === 404) return null;
  return toUser(readJson<RawUser>(response, path));
}

/** Group picker: groups whose name contains `query`, ignoring case. */
export async function searchGroups(host: JiraHost, query: string, options: { maxResults?: number } = {}): Promise<JiraGroup[]> {
  const params = new URLSearchParams({ query, caseInsensitive: "true", maxResults: String(options.maxResults ?? 20) });
  const path = `/rest/api/3/groups/picker?${params}`;
  const body = readJson<{ groups?: { name?: unknown; groupId?: unknown }[] }>(await requestWithRetries(host, path), path);
  return (body.groups ?? [])
    .filter((g) => typeof g?.name === "string")
    .map((g) => ({ name: g.name as string, groupId: typeof g.groupId === "string" ? g.groupId : null }));
}
