/**
 * Binds the Jira look-ups to one host. Field metadata comes from the per-host cache the report
 * session uses too; user names are cached here (metadata, not issue data; both caches live as
 * long as the page and no longer).
 */

import type { JiraHost } from "../../host/host";
import { fetchFieldsCached } from "../../jira/fields";
import { checkJql, getUser, searchGroups, searchUsers, type JiraUser } from "../../jira/jql";
import { fetchSampleIssues } from "../../jira/sampleIssues";
import { fetchStatusesCached } from "../../jira/statuses";
import { fetchPriorityThresholds, fetchValueChoices } from "../../jira/values";
import type { JiraHelpers } from "../ports";

// Bounds the number of parallel /user look-ups so a long list does not burst Jira's rate limit.
const USER_LOOKUP_BATCH = 5;

export function createJiraHelpers(host: JiraHost): JiraHelpers {
  const users = new Map<string, Promise<JiraUser | null>>();

  const lookUp = (accountId: string): Promise<JiraUser | null> => {
    let pending = users.get(accountId);
    if (!pending) {
      pending = getUser(host, accountId).catch(() => {
        // Forget failures so the next screen can try again.
        users.delete(accountId);
        return null;
      });
      users.set(accountId, pending);
    }
    return pending;
  };

  return {
    fetchFields: () => fetchFieldsCached(host),
    sampleIssues: (jql, fields, count) => fetchSampleIssues(host, jql, fields, count),
    checkJql: (jql) => checkJql(host, jql),
    searchUsers: (query) => searchUsers(host, query),
    searchGroups: (query) => searchGroups(host, query),
    valueChoices: (source) => fetchValueChoices(host, source),
    priorityThresholds: () => fetchPriorityThresholds(host),
    statuses: () => fetchStatusesCached(host),
    async usersById(accountIds) {
      const found = new Map<string, JiraUser>();
      const ids = [...new Set(accountIds)];
      for (let i = 0; i < ids.length; i += USER_LOOKUP_BATCH) {
        const batch = ids.slice(i, i + USER_LOOKUP_BATCH);
        const answers = await Promise.all(batch.map(lookUp));
        answers.forEach((user, j) => {
          if (user) found.set(batch[j]!, user);
        });
      }
      return found;
    },
  };
}
