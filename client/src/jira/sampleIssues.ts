/**
 * The first few issues of a JQL in one request, for previews in the editor (not a report load:
 * no count, no id pages, no chunks). Kept in the caller's memory only.
 */

import type { JiraIssue } from "../engine/index";
import type { JiraHost } from "../host/host";
import { readJson } from "./errors";
import { requestedFields, SEARCH_PATH } from "./loader";
import { requestWithRetries } from "./requests";

/** Up to `count` issues of `jql`, each with `fields` (and always its key). */
export async function fetchSampleIssues(host: JiraHost, jql: string, fields: readonly string[], count: number): Promise<JiraIssue[]> {
  const response = await requestWithRetries(host, SEARCH_PATH, {
    method: "POST",
    body: { jql, fields: requestedFields(fields), maxResults: count },
  });
  const page = readJson<{ issues?: unknown }>(response, SEARCH_PATH);
  return Array.isArray(page.issues) ? (page.issues as JiraIssue[]).slice(0, count) : [];
}
