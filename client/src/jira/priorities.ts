/**
 * Jira's priority order, highest first, so that sorting and grouping by priority follow the
 * site's scheme (custom priorities included) rather than priority ids.
 */

import type { JiraHost } from "../host/host";
import { readJson } from "./errors";
import { oncePerHost } from "./oncePerHost";
import { requestWithRetries } from "./requests";

export const PRIORITY_SEARCH_PATH = "/rest/api/3/priority/search";
const PAGE_SIZE = 100;
// A site has a handful of priorities; the cap only guards against a server that never ends.
const MAX_PAGES = 20;

/** Priority ids in the site's order (`GET /rest/api/3/priority/search`, every page). */
export async function fetchPriorityOrder(host: JiraHost): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const path = `${PRIORITY_SEARCH_PATH}?startAt=${ids.length}&maxResults=${PAGE_SIZE}`;
    const body = readJson<{ values?: unknown; isLast?: unknown }>(await requestWithRetries(host, path), path);
    const values: unknown[] = Array.isArray(body.values) ? body.values : [];
    for (const value of values) {
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === "string") ids.push(id);
    }
    if (body.isLast !== false || values.length === 0) break;
  }
  return ids;
}

export const fetchPriorityOrderCached = oncePerHost(fetchPriorityOrder);
