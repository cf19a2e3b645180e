import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  createReportEngine,
  flattenReport,
  formatCell,
  getCellEntries,
  getCellValue,
  getIssueId,
  getIssueKey,
  type GroupNode,
  type ReportResult,
} from "../../src/engine/index";
import type { JiraIssue } from "../../src/engine/jira";
import type { ReportDefinition } from "../../src/engine/model";
import { issuesArbitrary } from "./arbitraries";
import { definition, FIELDS, ISSUES, NOW, TIME_ZONE } from "./fixtures";
import { displayRow, keys, run, shape } from "./helpers";

const REPORT: ReportDefinition = {
  columns: [
    { field: "issuekey" },
    { field: "status" },
    { field: "timespent", aggregation: "sum" },
    { field: "customfield_10016", aggregation: "median" },
  ],
  grouping_rules: [{ field: "status" }, { field: "labels" }],
  sorting_rules: [{ field: "created", direction: "desc" }],
};

const engineFor = (overrides: ReportDefinition = REPORT, options: { priorityOrder?: string[] } = {}) =>
  createReportEngine({ definition: definition(overrides), fields: FIELDS, now: () => NOW, timeZone: TIME_ZONE, ...options });

/** Everything a viewer would show, as plain data. */
function snapshot(result: ReportResult) {
  const groups: unknown[] = [];
  const visit = (g: GroupNode) => {
    groups.push([g.id, g.label, g.issueCount, g.aggregates.map((a) => a?.display ?? null)]);
    g.children?.forEach(visit);
  };
  visit(result.root);
  return {
    keys: keys(result),
    groups,
    cells: Array.from(result.rows, (r) => result.columns.map((_, c) => formatCell(result, r, c).display)),
  };
}

describe("incremental loading", () => {
  it("pages give the same report as one batch, and partial results are consistent", () => {
    const paged = engineFor();
    expect(paged.addIssues(ISSUES.slice(0, 5))).toBe(5);
    const partial = paged.compute();
    expect(partial.loadedIssueCount).toBe(5);
    expect(partial.root.issueCount).toBe(5);
    expect(paged.addIssues({ issues: ISSUES.slice(5, 9), nextPageToken: "t", isLast: false })).toBe(4);
    paged.addIssues({ issues: ISSUES.slice(9), isLast: true });
    const whole = engineFor();
    whole.addIssues(ISSUES);
    expect(snapshot(paged.compute())).toEqual(snapshot(whole.compute()));
  });

  it("an earlier result is unaffected by pages that arrive later", () => {
    const engine = engineFor();
    engine.addIssues(ISSUES.slice(0, 3));
    const early = engine.compute();
    const before = snapshot(early);
    for (const issue of ISSUES.slice(3)) engine.addIssues([issue]);
    expect(snapshot(early)).toEqual(before);
    expect(engine.compute().loadedIssueCount).toBe(ISSUES.length);
  });

  it("an issue seen twice (overlapping pages) counts once", () => {
    const engine = engineFor();
    engine.addIssues(ISSUES.slice(0, 4));
    expect(engine.addIssues(ISSUES.slice(2, 6))).toBe(2);
    expect(engine.issueCount).toBe(6);
  });

  it("garbage in a page is skipped, not fatal", () => {
    const engine = engineFor();
    const junk = [null, 42, { fields: {} }, { id: "1", key: "EX-99" }] as unknown as JiraIssue[];
    expect(engine.addIssues(junk)).toBe(1);
    expect(engine.compute().root.issueCount).toBe(1);
  });

  it("the order in which issues arrive does not change the report (property)", () => {
    fc.assert(
      fc.property(
        issuesArbitrary(30).chain((issues) =>
          fc.tuple(fc.constant(issues), fc.shuffledSubarray(issues, { minLength: issues.length, maxLength: issues.length })),
        ),
        ([issues, shuffled]) => {
          const a = engineFor();
          a.addIssues(issues);
          const b = engineFor();
          b.addIssues(shuffled);
          expect(snapshot(b.compute())).toEqual(snapshot(a.compute()));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("any split into pages gives the same report (property)", () => {
    fc.assert(
      fc.property(issuesArbitrary(30), fc.array(fc.nat(), { maxLength: 6 }), (issues, cuts) => {
        const bounds = [0, ...cuts.map((c) => c % (issues.length + 1)).sort((a, b) => a - b), issues.length];
        const paged = engineFor();
        for (let i = 0; i + 1 < bounds.length; i++) paged.addIssues(issues.slice(bounds[i], bounds[i + 1]));
        const whole = engineFor();
        whole.addIssues(issues);
        expect(snapshot(paged.compute())).toEqual(snapshot(whole.compute()));
      }),
      { numRuns: 100 },
    );
  });
});

describe("clear()", () => {
  it("drops every issue and empties results handed out before", () => {
    const engine = engineFor();
    engine.addIssues(ISSUES);
    const result = engine.compute();
    const row = result.rows[0]!;
    expect(getIssueKey(result, row)).toBeDefined();
    engine.clear();
    expect(engine.issueCount).toBe(0);
    expect(getIssueKey(result, row)).toBeUndefined();
    expect(getCellValue(result, row, 1)).toBeNull();
    expect(result.data.table.rowCount).toBe(0);
    expect(result.root.children).toBeNull();
    expect(result.root.aggregates).toEqual([]);
    expect(result.grandTotal).toEqual([]);
    expect(Array.from(result.rows).every((r) => r === -1)).toBe(true);
    const empty = engine.compute();
    expect(empty.rows.length).toBe(0);
    expect(empty.root.issueCount).toBe(0);
    expect(empty.grandTotal[2]!.value).toBeNull();
  });

  it("the engine keeps working after clear()", () => {
    const engine = engineFor({});
    engine.addIssues(ISSUES);
    engine.clear();
    engine.addIssues(ISSUES.slice(0, 2));
    expect(keys(engine.compute()).sort()).toEqual(["EX-1", "EX-2"]);
  });
});

describe("flattening for display and export", () => {
  const result = run(REPORT);

  it("groups, issues and the total with outline levels", () => {
    const rows = flattenReport(result);
    expect(rows[0]).toMatchObject({ kind: "group", outlineLevel: 0 });
    expect((rows[0] as { group: GroupNode }).group.label).toBe("Backlog");
    expect(rows[1]).toMatchObject({ kind: "group", outlineLevel: 1 });
    expect(rows[2]).toMatchObject({ kind: "issue", outlineLevel: 2 });
    expect(rows.at(-1)).toMatchObject({ kind: "total", outlineLevel: 0 });
    const issueRows = rows.filter((r) => r.kind === "issue");
    expect(issueRows.length).toBe(result.rows.length);
  });

  it("collapsed groups hide their contents", () => {
    const rows = flattenReport(result, { isExpanded: (g) => g.depth === 1 && g.label !== "Done" });
    const done = rows.findIndex((r) => r.kind === "group" && r.group.label === "Done");
    expect(rows[done + 1]).toMatchObject({ kind: "total" });
    expect(rows.filter((r) => r.kind === "issue")).toHaveLength(0);
  });

  it("summary only, total on top or none", () => {
    expect(flattenReport(result, { includeIssues: false, grandTotal: "top" })[0]).toMatchObject({ kind: "total" });
    expect(flattenReport(result, { includeIssues: false }).some((r) => r.kind === "issue")).toBe(false);
    expect(flattenReport(result, { grandTotal: "none" }).some((r) => r.kind === "total")).toBe(false);
  });

  it("without grouping, issues are at outline level 0", () => {
    const flat = flattenReport(run({}), { grandTotal: "none" });
    expect(flat).toHaveLength(ISSUES.length);
    expect(flat.every((r) => r.kind === "issue" && r.outlineLevel === 0)).toBe(true);
  });

  it("group ids are unique and stable across computes", () => {
    const ids: string[] = [];
    const visit = (g: GroupNode) => {
      ids.push(g.id);
      g.children?.forEach(visit);
    };
    visit(result.root);
    expect(new Set(ids).size).toBe(ids.length);
    const again: string[] = [];
    const visitAgain = (g: GroupNode) => {
      again.push(g.id);
      g.children?.forEach(visitAgain);
    };
    visitAgain(run(REPORT).root);
    expect(again).toEqual(ids);
  });
});

describe("result helpers", () => {
  const result = run({
    columns: [
      { field: "issuekey" },
      { field: "status" },
      { field: "assignee" },
      { field: "timespent", format: { type: "duration", duration_style: "jira" } },
      { field: "labels" },
    ],
  });

  it("formats cells with display and raw values", () => {
    expect(displayRow(result, "EX-6")).toEqual(["EX-6", "Done", "bob brown", "3d", "ops"]);
    const row = result.rows[0]!;
    expect(formatCell(result, row, 3)).toEqual({ display: "5h", raw: 5 });
    expect(formatCell(result, row, 99)).toEqual({ display: "", raw: null });
  });

  it("exposes entries for lozenges and avatars", () => {
    const row = result.rows[0]!;
    expect(getCellEntries(result, row, 1)[0]).toMatchObject({ label: "Done", category: "done", color: "green" });
    expect(getCellEntries(result, row, 2)[0]!.avatarUrl).toContain("/24");
    expect(getCellEntries(result, row, 4).map((e) => e.label)).toEqual(["frontend", "ux"]);
    expect(getCellEntries(result, row, 3)).toEqual([]);
  });

  it("knows issue keys and ids", () => {
    expect(getIssueKey(result, result.rows[0]!)).toBe("EX-1");
    expect(getIssueId(result, result.rows[0]!)).toBe(ISSUES[0]!.id);
  });

  it("describes columns", () => {
    expect(result.columns.map((c) => [c.field, c.label, c.type, c.format.type])).toEqual([
      ["issuekey", "Key", "issuelink", "text"],
      ["status", "Status", "option", "option"],
      ["assignee", "Assignee", "user", "user"],
      ["timespent", "Time Spent", "duration", "duration"],
      ["labels", "Labels", "multi", "option"],
    ]);
  });
});

describe("options and warnings", () => {
  it("priority order can come from Jira's priority list", () => {
    const engine = engineFor(
      { sorting_rules: [{ field: "priority", direction: "desc" }] },
      { priorityOrder: ["Lowest", "Low", "Medium", "High", "Highest"] },
    );
    engine.addIssues(ISSUES);
    expect(keys(engine.compute()).slice(0, 1)).toEqual(["EX-7"]);
  });

  it("warnings and formula errors are known before any issue loads", () => {
    const engine = engineFor({
      columns: [{ field: "customfield_12345" }],
      formula_fields: [{ key: "formula_bad", name: "Bad", expression: "1 +", result_type: "number" }],
    });
    expect(engine.warnings.map((w) => w.code)).toEqual(["unknown_field"]);
    expect(engine.formulaErrors).toHaveLength(1);
  });

  it("an unknown time zone fails fast", () => {
    expect(() => createReportEngine({ definition: definition(), fields: FIELDS, now: () => NOW, timeZone: "Nowhere/Never" })).toThrow(
      RangeError,
    );
  });

  it("the input definition and issues are never mutated", () => {
    const def = definition(REPORT);
    const frozenDef = JSON.stringify(def);
    const frozenIssues = JSON.stringify(ISSUES);
    const engine = createReportEngine({ definition: def, fields: FIELDS, now: () => NOW, timeZone: TIME_ZONE });
    engine.addIssues(ISSUES);
    engine.compute();
    expect(JSON.stringify(def)).toBe(frozenDef);
    expect(JSON.stringify(ISSUES)).toBe(frozenIssues);
  });

  it("shape helper sanity: labels nest under status", () => {
    expect(shape(run(REPORT))[0]).toEqual({ label: "Backlog", count: 1, children: [{ label: "(none)", count: 1, keys: ["EX-4"] }] });
  });
});

describe("module boundaries", () => {
  const root = resolve(__dirname, "../../src/engine");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  const sources = files(root).filter((f) => f.endsWith(".ts"));

  it.each(sources.map((f) => [relative(root, f), f]))("%s imports only engine modules and no platform APIs", (_name, file) => {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/from "([^"]+)"/g)) {
      const target = resolve(join(file, ".."), match[1]!);
      expect(match[1]!.startsWith("."), `${match[1]} is not relative`).toBe(true);
      expect(target.startsWith(root), `${match[1]} leaves the engine`).toBe(true);
    }
    expect(text).not.toMatch(/\b(eval\(|new Function|document\.|window\.|localStorage|sessionStorage|indexedDB|fetch\()/);
    expect(text.split("\n").length).toBeLessThan(500);
  });
});
