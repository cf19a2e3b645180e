/** Which of Jira's lists a filter rule's values are picked from, by field (jira/values.ts reads them). */

import type { FieldDetails } from "../../engine/index";
import type { ValueSource } from "../ports";

const SELECT_TYPES = new Set([
  "com.atlassian.jira.plugin.system.customfieldtypes:select",
  "com.atlassian.jira.plugin.system.customfieldtypes:multiselect",
  "com.atlassian.jira.plugin.system.customfieldtypes:radiobuttons",
  "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes",
]);

const SYSTEM_SOURCES: Readonly<Record<string, ValueSource>> = {
  status: "status",
  priority: "priority",
  issuetype: "issuetype",
  resolution: "resolution",
  project: "project",
  fixVersions: "version",
  versions: "version",
  components: "component",
};

/** Where a field's values come from, or null when they are typed (text, labels, issue keys). */
export function valueSourceFor(fieldKey: string, field: FieldDetails | undefined): ValueSource | null {
  const system = Object.hasOwn(SYSTEM_SOURCES, fieldKey) ? SYSTEM_SOURCES[fieldKey] : undefined;
  if (system) return system;
  const custom = field?.schema?.custom;
  return typeof custom === "string" && SELECT_TYPES.has(custom) ? { customOptions: fieldKey } : null;
}
