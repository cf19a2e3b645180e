/** Display names for account ids (owners, administrators, the author of a conflicting save). */

import { useEffect, useState } from "react";
import type { JiraUser } from "../ports";
import { useServices } from "../services";

/**
 * Resolves the ids it is given; ids Jira does not know stay unresolved and are shown as ids.
 * Failures are ignored: a name is a nicety, the list must render without it.
 */
export function useUserNames(accountIds: readonly string[]): ReadonlyMap<string, JiraUser> {
  const { jira } = useServices();
  const [names, setNames] = useState<ReadonlyMap<string, JiraUser>>(new Map());
  const key = [...new Set(accountIds)].sort().join(",");
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    jira.usersById(key.split(",")).then(
      (found) => {
        if (!cancelled) setNames(found);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [key, jira]);
  return names;
}

export function displayName(names: ReadonlyMap<string, JiraUser>, accountId: string): string {
  return names.get(accountId)?.displayName ?? accountId;
}
