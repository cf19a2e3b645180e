/**
 * The site's statuses (`GET /rest/api/3/status`): history fields name statuses by id, and the
 * engine needs their names and categories (To Do, In Progress, Done) to show and group them.
 */

import type { JiraStatus } from "../engine/index";
import type { JiraHost } from "../host/host";
import { readJson } from "./errors";
import { oncePerHost } from "./oncePerHost";
import { requestWithRetries } from "./requests";

export const STATUS_PATH = "/rest/api/3/status";

/** Every status Jira lists to this user; entries without a string id and name are left out. */
export async function fetchStatuses(host: JiraHost): Promise<JiraStatus[]> {
  const body = readJson<unknown>(await requestWithRetries(host, STATUS_PATH), STATUS_PATH);
  if (!Array.isArray(body)) return [];
  const statuses: JiraStatus[] = [];
  for (const entry of body) {
    const { id, name, statusCategory } = (entry ?? {}) as { id?: unknown; name?: unknown; statusCategory?: unknown };
    if (typeof id !== "string" || typeof name !== "string") continue;
    const category = (statusCategory ?? {}) as { key?: unknown; name?: unknown };
    const key = typeof category.key === "string" ? { key: category.key } : {};
    const label = typeof category.name === "string" ? { name: category.name } : {};
    statuses.push({ id, name, ...(key.key !== undefined || label.name !== undefined ? { statusCategory: { ...key, ...label } } : {}) });
  }
  return statuses;
}

/** `fetchStatuses`, once per host for the life of the page (a failure is not remembered). */
export const fetchStatusesCached = oncePerHost(fetchStatuses);
