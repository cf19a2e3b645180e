/**
 * Status ids as small integers, so the per-issue work compares numbers, not strings. Ids are
 * learned as changelogs mention them: an id missing from the site's status list (a deleted
 * status) is a status like any other, in no category.
 */

import type { JiraStatus } from "../jira";
import { STATUS_CATEGORY_KEYS } from "../vocabulary.gen";
import { isCategoryKey, type CategoryKey } from "./historyKeys";

/** The code of a missing status id (`from: null`): it matches no status a report names. */
export const NO_STATUS = 0;
/** Category index of a status in no category. */
export const NO_CATEGORY = -1;

export class StatusCodes {
  private readonly byId = new Map<string, number>();
  /** Category index (into STATUS_CATEGORY_KEYS) by status code. */
  private readonly categories: number[] = [NO_CATEGORY];

  constructor(statuses: readonly JiraStatus[]) {
    for (const status of statuses) {
      const key = status.statusCategory?.key;
      const code = this.codeOf(status.id);
      this.categories[code] = key !== undefined && isCategoryKey(key) ? categoryIndex(key) : NO_CATEGORY;
    }
  }

  /** The code of a status id as Jira sends it (a string; a number is read as its digits). */
  codeOf(id: unknown): number {
    const text = typeof id === "string" ? id : typeof id === "number" ? id.toString() : null;
    if (text === null) return NO_STATUS;
    let code = this.byId.get(text);
    if (code === undefined) {
      code = this.categories.length;
      this.byId.set(text, code);
      this.categories.push(NO_CATEGORY);
    }
    return code;
  }

  /** Codes handed out so far: every code is below it. */
  get size(): number {
    return this.categories.length;
  }

  category(code: number): number {
    return this.categories[code] ?? NO_CATEGORY;
  }
}

export function categoryIndex(key: CategoryKey): number {
  return STATUS_CATEGORY_KEYS.indexOf(key);
}
