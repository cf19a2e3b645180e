/**
 * The values a filter rule picks from, read from Jira's own lists: statuses, priorities, issue
 * types, resolutions, projects, the versions and components of the projects the user can browse,
 * and the options of select-list custom fields. Site configuration, not issue data: each list is
 * fetched once per host for the page's life, and only when the Filtering pane asks for it (a
 * failure is not remembered).
 *
 * What a choice stores is what the definition held when values were typed: names for statuses,
 * priorities, issue types, resolutions, projects, versions, components and options (the engine
 * matches names ignoring case, as JQL does). Priority thresholds (`at_least` / `at_most`) store
 * the priority id, so a renamed or unused priority keeps its place in the site's order. Users are
 * picked by search elsewhere (account ids).
 */

import type { JiraStatus } from "../engine/index";
import type { JiraHost } from "../host/host";
import { readJson } from "./errors";
import { oncePerHost } from "./oncePerHost";
import { PRIORITY_SEARCH_PATH } from "./priorities";
import { requestWithRetries } from "./requests";
import { fetchStatusesCached } from "./statuses";

export interface ValueChoice {
  /** What the filter rule stores. */
  readonly value: string;
  /** What the picker shows. */
  readonly label: string;
  /** A hint beside the label: the status category, the projects a version belongs to. */
  readonly detail?: string;
}

export type ValueSource =
  | "status"
  | "priority"
  | "issuetype"
  | "resolution"
  | "project"
  | "version"
  | "component"
  | { readonly customOptions: string };

export const ISSUE_TYPE_PATH = "/rest/api/3/issuetype";
export const RESOLUTION_SEARCH_PATH = "/rest/api/3/resolution/search";
export const PROJECT_SEARCH_PATH = "/rest/api/3/project/search";
const PAGE_SIZE = 100;
// Guards against a server whose pages never end; a site has far fewer projects or priorities.
const MAX_PAGES = 20;
// Versions and components are per project: read this many projects at a time, and no more than
// MAX_PROJECTS of them (two requests each) on a site with hundreds of projects.
const PROJECT_BATCH = 5;
const MAX_PROJECTS = 100;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const objects = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === "object") : [];

async function getJson<T>(host: JiraHost, path: string): Promise<T> {
  return readJson<T>(await requestWithRetries(host, path), path);
}

/** Every value of an offset-paged list (`values`, `isLast`). */
async function allPages(host: JiraHost, basePath: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const separator = basePath.includes("?") ? "&" : "?";
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await getJson<{ values?: unknown; isLast?: unknown }>(
      host,
      `${basePath}${separator}startAt=${items.length}&maxResults=${PAGE_SIZE}`,
    );
    const values = objects(body.values);
    items.push(...values);
    if (body.isLast !== false || values.length === 0) break;
  }
  return items;
}

/** One choice per name (Jira repeats names across projects), keeping the first's order and
 * gathering the details ("ROLL, OPS"). */
function byName(items: readonly ValueChoice[]): ValueChoice[] {
  const seen = new Map<string, { value: string; label: string; details: string[] }>();
  for (const item of items) {
    const key = item.label.toLowerCase();
    const found = seen.get(key);
    if (!found) seen.set(key, { value: item.value, label: item.label, details: item.detail ? [item.detail] : [] });
    else if (item.detail && !found.details.includes(item.detail)) found.details.push(item.detail);
  }
  return [...seen.values()].map(({ value, label, details }) =>
    details.length > 0 ? { value, label, detail: details.join(", ") } : { value, label },
  );
}

/** Filter choices from the site's statuses (`jira/statuses.ts`): one per name, with its category. */
export function statusChoices(statuses: readonly JiraStatus[]): ValueChoice[] {
  const choices: ValueChoice[] = [];
  for (const status of statuses) {
    const detail = status.statusCategory?.name;
    choices.push(detail ? { value: status.name, label: status.name, detail } : { value: status.name, label: status.name });
  }
  return byName(choices);
}

export interface PriorityChoice {
  readonly id: string;
  readonly name: string;
}

/** `GET /rest/api/3/priority/search`, every page: priorities in the site's order, highest first. */
export async function fetchPriorities(host: JiraHost): Promise<PriorityChoice[]> {
  const out: PriorityChoice[] = [];
  for (const priority of await allPages(host, PRIORITY_SEARCH_PATH)) {
    const id = str(priority.id);
    const name = str(priority.name);
    if (id && name) out.push({ id, name });
  }
  return out;
}

/** `GET /rest/api/3/issuetype`: every issue type, by name (sub-task types say so). */
export async function fetchIssueTypes(host: JiraHost): Promise<ValueChoice[]> {
  const choices: ValueChoice[] = [];
  for (const type of objects(await getJson<unknown>(host, ISSUE_TYPE_PATH))) {
    const name = str(type.name);
    if (name) choices.push(type.subtask === true ? { value: name, label: name, detail: "sub-task" } : { value: name, label: name });
  }
  return byName(choices);
}

/** `GET /rest/api/3/resolution/search`, every page, by name. */
export async function fetchResolutions(host: JiraHost): Promise<ValueChoice[]> {
  const names = (await allPages(host, RESOLUTION_SEARCH_PATH)).map((r) => str(r.name)).filter((n): n is string => !!n);
  return byName(names.map((name) => ({ value: name, label: name })));
}

interface ProjectRef {
  readonly key: string;
  readonly name: string;
}

/** The projects the user can browse (`/project/search`, every page). */
export async function fetchProjects(host: JiraHost): Promise<ProjectRef[]> {
  const out: ProjectRef[] = [];
  for (const project of await allPages(host, PROJECT_SEARCH_PATH)) {
    const key = str(project.key);
    if (key) out.push({ key, name: str(project.name) ?? key });
  }
  return out;
}

async function perProject(host: JiraHost, resource: "versions" | "components"): Promise<ValueChoice[]> {
  const keys = (await fetchProjectsCached(host)).slice(0, MAX_PROJECTS).map((p) => p.key);
  const choices: ValueChoice[] = [];
  for (let i = 0; i < keys.length; i += PROJECT_BATCH) {
    const batch = keys.slice(i, i + PROJECT_BATCH);
    const lists = await Promise.all(
      batch.map((key) => getJson<unknown>(host, `/rest/api/3/project/${encodeURIComponent(key)}/${resource}`)),
    );
    lists.forEach((list, j) => {
      for (const item of objects(list)) {
        const name = str(item.name);
        if (name) choices.push({ value: name, label: name, detail: batch[j]! });
      }
    });
  }
  return byName(choices);
}

/** Versions of the browsable projects (`/project/{key}/versions`; the first MAX_PROJECTS in key
 * order), by name, with their projects. */
export const fetchVersions = (host: JiraHost): Promise<ValueChoice[]> => perProject(host, "versions");
/** Components of the browsable projects (`/project/{key}/components`; the first MAX_PROJECTS), by
 * name, with their projects. */
export const fetchComponents = (host: JiraHost): Promise<ValueChoice[]> => perProject(host, "components");

/**
 * Options of a select-list custom field over all its contexts (`/field/{id}/context`, then
 * `/field/{id}/context/{contextId}/option`). Jira lets only administrators read these, and a Forge
 * app only with `manage:jira-configuration` (not in Rollbook's manifest): otherwise the call fails
 * and the picker takes typed values.
 */
export async function fetchCustomFieldOptions(host: JiraHost, fieldId: string): Promise<ValueChoice[]> {
  const field = encodeURIComponent(fieldId);
  const contexts = await allPages(host, `/rest/api/3/field/${field}/context`);
  const choices: ValueChoice[] = [];
  for (const context of contexts) {
    const contextId = str(context.id);
    if (!contextId) continue;
    for (const option of await allPages(host, `/rest/api/3/field/${field}/context/${encodeURIComponent(contextId)}/option`)) {
      const name = str(option.value);
      if (name && option.disabled !== true && option.optionId === undefined) choices.push({ value: name, label: name });
    }
  }
  return byName(choices);
}

export const fetchPrioritiesCached = oncePerHost(fetchPriorities);
export const fetchIssueTypesCached = oncePerHost(fetchIssueTypes);
export const fetchResolutionsCached = oncePerHost(fetchResolutions);
const fetchProjectsCached = oncePerHost(fetchProjects);
export const fetchVersionsCached = oncePerHost(fetchVersions);
export const fetchComponentsCached = oncePerHost(fetchComponents);

const optionsByHost = new WeakMap<JiraHost, Map<string, Promise<ValueChoice[]>>>();

function fetchCustomFieldOptionsCached(host: JiraHost, fieldId: string): Promise<ValueChoice[]> {
  let byField = optionsByHost.get(host);
  if (!byField) {
    byField = new Map();
    optionsByHost.set(host, byField);
  }
  let pending = byField.get(fieldId);
  if (!pending) {
    const request = fetchCustomFieldOptions(host, fieldId);
    pending = request;
    byField.set(fieldId, request);
    request.catch(() => {
      if (byField.get(fieldId) === request) byField.delete(fieldId);
    });
  }
  return pending;
}

/** The choices for a source, fetched once per host. Priorities come in the site's order, by name. */
export function fetchValueChoices(host: JiraHost, source: ValueSource): Promise<ValueChoice[]> {
  if (typeof source === "object") return fetchCustomFieldOptionsCached(host, source.customOptions);
  switch (source) {
    case "status":
      // The same list the engine names history fields from: one request per page.
      return fetchStatusesCached(host).then(statusChoices);
    case "priority":
      return fetchPrioritiesCached(host).then((list) => list.map((p) => ({ value: p.name, label: p.name })));
    case "issuetype":
      return fetchIssueTypesCached(host);
    case "resolution":
      return fetchResolutionsCached(host);
    case "project":
      // Issues name their project by name (the engine's label), so the choice stores the name.
      return fetchProjectsCached(host).then((list) => byName(list.map((p) => ({ value: p.name, label: p.name, detail: p.key }))));
    case "version":
      return fetchVersionsCached(host);
    case "component":
      return fetchComponentsCached(host);
  }
}

/** Priority thresholds store the id: the choices for `at_least` / `at_most`, highest first. */
export function fetchPriorityThresholds(host: JiraHost): Promise<ValueChoice[]> {
  return fetchPrioritiesCached(host).then((list) => list.map((p) => ({ value: p.id, label: p.name })));
}
