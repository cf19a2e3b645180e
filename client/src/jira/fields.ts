/**
 * Jira's field metadata (`GET /rest/api/3/field`), which types every field of a report. Which
 * fields a report reads is the engine plan's business (`fieldsToLoad`), not this module's.
 */

import type { FieldDetails } from "../engine/index";
import type { JiraHost } from "../host/host";
import { readJson } from "./errors";
import { oncePerHost } from "./oncePerHost";
import { requestWithRetries } from "./requests";

export const FIELD_PATH = "/rest/api/3/field";

export async function fetchFields(host: JiraHost): Promise<FieldDetails[]> {
  const response = await requestWithRetries(host, FIELD_PATH);
  const fields = readJson<unknown>(response, FIELD_PATH);
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldDetails => !!f && typeof f === "object" && typeof (f as FieldDetails).id === "string");
}

/** `fetchFields`, once per host for the life of the page (a failure is not remembered). */
export const fetchFieldsCached = oncePerHost(fetchFields);
