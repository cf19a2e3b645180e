/** The JQL clause name of a Jira field id (what the issue navigator accepts for it). */

// System fields whose id is not a JQL clause name (Jira's `clauseNames` for them).
const SYSTEM_CLAUSES: Readonly<Record<string, string>> = {
  fixVersions: "fixVersion",
  versions: "affectedVersion",
  components: "component",
  timeoriginalestimate: "originalEstimate",
  timeestimate: "remainingEstimate",
  resolutiondate: "resolved",
  statuscategorychangedate: "statusCategoryChangedDate",
  issuekey: "key",
};

export function jqlClauseName(fieldId: string): string {
  const custom = /^customfield_(\d+)$/.exec(fieldId);
  if (custom) return `cf[${custom[1]}]`;
  return SYSTEM_CLAUSES[fieldId] ?? fieldId;
}
