/** Drill-down to Jira: JQL that selects exactly the issues of one group of a report. */

export { jqlClauseName } from "./clauseNames";
export { groupJql, groupPath } from "./groupJql";
export { groupPredicate, type GroupLevel } from "./groupPredicate";
export { andJql, quoteJql, splitOrderBy } from "./jqlText";
