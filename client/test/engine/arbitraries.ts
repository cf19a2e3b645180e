/** fast-check arbitraries for Jira-shaped issues (fixtures' shapes, random values). */

import fc from "fast-check";
import type { JiraIssue } from "../../src/engine/jira";
import { PRIORITY, STATUS, USERS } from "./fixtures";

const pad = (n: number) => (n < 10 ? "0" : "") + n.toString();
const jiraDateTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000+0000`;
};

const LABELS = ["a", "b", "c", "null", "__proto__"];

export const issueFieldsArbitrary = fc.record({
  status: fc.constantFrom(...Object.values(STATUS)),
  priority: fc.option(fc.constantFrom(...Object.values(PRIORITY)), { nil: null }),
  assignee: fc.option(fc.constantFrom(USERS.alice, USERS.bob, USERS.carol, USERS.nullish), { nil: null }),
  labels: fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 3 }),
  timespent: fc.option(
    fc.integer({ min: 0, max: 40 }).map((q) => q * 900),
    { nil: null },
  ),
  timeoriginalestimate: fc.option(
    fc.integer({ min: 0, max: 20 }).map((q) => q * 1800),
    { nil: null },
  ),
  customfield_10016: fc.option(fc.constantFrom(0, 1, 2, 2.5, 3, 5, 8, 13, -1), { nil: null }),
  created: fc.integer({ min: Date.UTC(2023, 11, 20), max: Date.UTC(2025, 0, 10) }).map(jiraDateTime),
  duedate: fc.option(
    fc.integer({ min: 19_700, max: 20_200 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
    { nil: null },
  ),
});

/** Up to `max` issues with unique keys EX-1… in random order. */
export const issuesArbitrary = (max = 40) =>
  fc.array(issueFieldsArbitrary, { maxLength: max }).chain((fieldsList) =>
    fc.shuffledSubarray(
      fieldsList.map(
        (fields, i): JiraIssue => ({ id: (20_000 + i).toString(), key: `EX-${i + 1}`, fields: { summary: `Issue ${i + 1}`, ...fields } }),
      ),
      { minLength: fieldsList.length, maxLength: fieldsList.length },
    ),
  );
