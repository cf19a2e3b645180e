import { describe, expect, it } from "vitest";
import { compareIssueKeys, Dictionary } from "../../src/engine/columns/dictionary";
import { IssueStore } from "../../src/engine/columns/issueStore";
import { issueKeyEntry } from "../../src/engine/columns/normalize";
import { resolveFieldSpec } from "../../src/engine/columns/fieldTypes";
import { createTimeZone } from "../../src/engine/time/timeZone";

const keysInRankOrder = (dictionary: Dictionary): string[] => {
  const ranks = dictionary.ranks();
  const out: string[] = new Array(ranks.length);
  ranks.forEach((rank, code) => {
    out[rank] = dictionary.entry(code)!.key;
  });
  return out;
};

describe("issue-key dictionary", () => {
  it("finds keys added without a look-up, before and after later interns", () => {
    const d = new Dictionary("issue");
    expect(d.append(issueKeyEntry("EX-1"))).toBe(0);
    expect(d.append(issueKeyEntry("EX-2"))).toBe(1);
    expect(d.codeOf("EX-2")).toBe(1);
    expect(d.intern(issueKeyEntry("EX-1"))).toBe(0);
    expect(d.append(issueKeyEntry("OPS-7"))).toBe(2);
    expect(d.intern(issueKeyEntry("OPS-8"))).toBe(3);
    expect([d.codeOf("OPS-7"), d.codeOf("OPS-8"), d.codeOf("EX-3")]).toEqual([2, 3, -1]);
    expect(d.size).toBe(4);
  });

  it("keeps a repeated appended key's first code for look-ups", () => {
    const d = new Dictionary("issue");
    d.append(issueKeyEntry("EX-1"));
    d.append(issueKeyEntry("EX-1"));
    expect(d.codeOf("EX-1")).toBe(0);
    expect(d.intern(issueKeyEntry("EX-1"))).toBe(0);
  });

  it.each([
    ["projects taking turns", ["EX-2", "OPS-1", "EX-10", "EX-9", "OPS-12", "EX-1"]],
    ["a project that is a prefix of another", ["EX-3", "EXT-1", "EX-1", "EXT-2", "E-5"]],
    ["dashes inside the project", ["EX-A-2", "EX-3", "EX-A-1", "EX-1", "EX-A-10"]],
    ["keys without a number or a dash", ["EX-1", "EX", "-5", "-4", "EX-x", "EX-2"]],
    // Too sparse for one counting pass, and not integers: both take the radix sort.
    ["sparse numbers", ["EX-5000000", "OPS-1", "EX-1", "OPS-99999999", "EX-2", "EX"]],
    ["fractional numbers", ["EX-1.5", "EX-1", "EX-2", "OPS-0.5"]],
  ])("ranks %s by project, then number", (_, keys) => {
    const d = new Dictionary("issue");
    for (const key of keys) d.append(issueKeyEntry(key));
    expect(keysInRankOrder(d)).toEqual([...keys].sort(compareIssueKeys));
  });

  it("ranks thousands of keys in taking-turns projects as sorting them would", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `${["EX", "OPS", "AB"][i % 3]}-${(i * 7919) % 5003}`);
    const d = new Dictionary("issue");
    for (const key of keys) d.append(issueKeyEntry(key));
    expect(keysInRankOrder(d)).toEqual([...keys].sort(compareIssueKeys));
  });

  it.each([
    ["EX-12", { key: "EX-12", label: "EX-12", order: 12 }],
    ["EX", { key: "EX", label: "EX" }],
    ["EX-x", { key: "EX-x", label: "EX-x" }],
  ])("entry of %s", (key, entry) => expect(issueKeyEntry(key)).toEqual(entry));

  it("keeps a linked issue's summary", () =>
    expect(issueKeyEntry("EX-3", "Fix login")).toEqual({ key: "EX-3", label: "EX-3", order: 3, summary: "Fix login" }));
});

describe("issue store key column", () => {
  const load = (issues: { id: string; key?: unknown }[]) => {
    const store = new IssueStore([resolveFieldSpec("issuekey", undefined)], createTimeZone("UTC"), () => undefined);
    store.append(issues as never);
    const table = store.snapshot();
    return Array.from({ length: table.rowCount }, (_, row) => table.issueKey(row) ?? null);
  };

  it.each([
    [
      "string keys",
      [
        { id: "1", key: "EX-1" },
        { id: "2", key: "EX-2" },
      ],
      ["EX-1", "EX-2"],
    ],
    [
      "a repeated id is skipped",
      [
        { id: "1", key: "EX-1" },
        { id: "1", key: "EX-1" },
        { id: "2", key: "EX-2" },
      ],
      ["EX-1", "EX-2"],
    ],
    ["a missing or empty key is empty", [{ id: "1" }, { id: "2", key: "" }, { id: "3", key: null }], [null, null, null]],
    ["a numeric key is read as text", [{ id: "1", key: 42 }], ["42"]],
  ])("%s", (_, issues, keys) => expect(load(issues)).toEqual(keys));
});
