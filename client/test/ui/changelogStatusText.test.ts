import { describe, expect, it } from "vitest";
import { apiCostText, changelogsMissingText } from "../../src/ui/viewer/statusText";

describe("apiCostText with changelogs", () => {
  it.each<[string, number, "bulkfetch" | "expand" | undefined, string]>([
    ["no history field", 50_000, undefined, "This report reads about 50,000 issues from Jira (about 510 requests)"],
    [
      "bulkfetch: one more request per 1,000 issues",
      50_000,
      "bulkfetch",
      "about 50,000 issues and their changelogs from Jira (at least 560 requests)",
    ],
    ["bulkfetch, rounded up", 50_001, "bulkfetch", "(at least 563 requests)"],
    [
      "expand: per-issue pages cannot be counted ahead",
      200_000,
      "expand",
      "about 200,000 issues and their changelogs from Jira (about 2,040 requests, plus more for each issue with a long history)",
    ],
  ])("%s", (_name, total, mode, expected) => {
    expect(apiCostText(total, mode)).toContain(expected);
  });

  it("stays silent below the threshold, changelogs or not", () => {
    expect(apiCostText(49_999, "bulkfetch")).toBeNull();
  });
});

describe("changelogsMissingText", () => {
  it.each<[string, Parameters<typeof changelogsMissingText>, string | null]>([
    ["no history field", [null, undefined], null],
    [
      "every changelog loaded",
      [
        { issues: 250, incomplete: 0 },
        { missing: 0, reason: null },
      ],
      null,
    ],
    [
      "a rate-limit storm",
      [
        { issues: 250, incomplete: 210 },
        { missing: 210, reason: "Jira kept limiting the request rate" },
      ],
      "Changelogs for 40 of 250 issues; history fields are empty for the other 210 (Jira kept limiting the request rate).",
    ],
    [
      "one issue",
      [
        { issues: 1, incomplete: 1 },
        { missing: 1, reason: "Jira failed with HTTP 500" },
      ],
      "Changelogs for 0 of 1 issue; history fields are empty for the other 1 (Jira failed with HTTP 500).",
    ],
    [
      "loaded, but not ending in the current status",
      [
        { issues: 1_200, incomplete: 2 },
        { missing: 0, reason: null },
      ],
      "Changelogs for 1,198 of 1,200 issues; history fields are empty for the other 2 (their changelogs do not end in their current status; Jira may have changed them while loading).",
    ],
  ])("%s", (_name, args, expected) => {
    expect(changelogsMissingText(...args)).toBe(expected);
  });
});
