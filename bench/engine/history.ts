/**
 * History-field benchmark (issue 14; results in docs/benchmarks.md, "History fields"). From client/:
 *
 *   node --expose-gc --max-old-space-size=6144 --import tsx ../bench/engine/history.ts [sizes…]   (default 100000)
 *
 * What deriving the history fields adds to ingest: 100k synthetic issues (generate.ts), each with
 * a complete changelog of 20 status changes (changelogs.ts), loaded cold into a fresh engine from
 * the `/search/jql` pages as JSON text, as run.ts does. Four reports take turns, one cold run each
 * per round, after a discarded round that warms the JIT:
 *  - plain: run.ts's single-valued report (status > assignee > created month) over pages without
 *    changelogs: today's report, today's input;
 *  - plain + changelogs: the same report over the pages with changelogs, which it ignores: the
 *    cost of carrying the changelogs (mostly parsing them);
 *  - history: the same report plus 10 history columns (time in each of the 6 statuses, cycle
 *    time, lead time, transitions, current status age) without aggregations: deriving the fields;
 *  - history + aggregations: those columns aggregated as a user reads them (average time in
 *    status, p85 cycle and lead time, total transitions, p50 status age).
 * "Deriving adds" = (load + compute) of history − (load + compute) of plain + changelogs: both
 * parse the same text. Every run checks that no changelog counted as incomplete and that the
 * fields have values, so the benchmark cannot pass by deriving nothing.
 */

import os from "node:os";
import { getHeapStatistics } from "node:v8";
import { createReportEngine, type ReportEngine } from "../../client/src/engine/index";
import type { JiraSearchPage } from "../../client/src/engine/jira";
import type { ReportDefinition } from "../../client/src/engine/model";
import { planReport } from "../../client/src/engine/plan";
import type { ReportResult } from "../../client/src/engine/result";
import { pagesWithChangelogs } from "./changelogs";
import { BENCH_DEFINITIONS } from "./definition";
import { BENCH_FIELDS, STATUSES, searchPages } from "./generate";
import { loadAverage, machineFacts } from "./machine";
import { COLD_RUNS, collect, median, timedRuns } from "./timing";

const TIME_ZONE = "Europe/Berlin";
const NOW = new Date("2025-01-15T12:00:00.000Z");
const ENTRIES = 20;

const PLAIN = BENCH_DEFINITIONS.single;
const HISTORY_KEYS = [
  ...STATUSES.map((status) => `history_time_in_status_${status.id}`),
  "history_cycle_time",
  "history_lead_time",
  "history_transitions",
  "history_status_age",
];
const AGGREGATION_OF: Record<string, "average" | "p85" | "sum" | "p50"> = {
  history_cycle_time: "p85",
  history_lead_time: "p85",
  history_transitions: "sum",
  history_status_age: "p50",
};

function withHistory(aggregated: boolean): ReportDefinition {
  const columns = HISTORY_KEYS.map((field) =>
    aggregated ? { field, aggregation: AGGREGATION_OF[field] ?? ("average" as const) } : { field },
  );
  return { ...PLAIN, name: "History benchmark", columns: [...(PLAIN.columns ?? []), ...columns] };
}

interface Variant {
  name: string;
  definition: ReportDefinition;
  changelogs: boolean;
}

const VARIANTS: Variant[] = [
  { name: "plain", definition: PLAIN, changelogs: false },
  { name: "plain + changelogs", definition: PLAIN, changelogs: true },
  { name: "history", definition: withHistory(false), changelogs: true },
  { name: "history + aggregations", definition: withHistory(true), changelogs: true },
];

let _sink = 0;

function newEngine(definition: ReportDefinition): ReportEngine {
  return createReportEngine({ definition, fields: BENCH_FIELDS, now: () => NOW, timeZone: TIME_ZONE, statuses: STATUSES });
}

/** compute() and read every group's aggregate values, as run.ts does. */
function computeAndRead(engine: ReportEngine): ReportResult {
  const result = engine.compute();
  let checksum = 0;
  const visit = (group: typeof result.root): void => {
    for (let c = 0; c < result.columns.length; c++) {
      const value = group.aggregateValue(c);
      if (typeof value === "number") checksum += value;
    }
    group.children?.forEach(visit);
  };
  visit(result.root);
  _sink += checksum;
  return result;
}

/** Fails the run when a history report derived nothing: incomplete changelogs or no values. */
function checkDerived(variant: Variant, result: ReportResult, size: number): void {
  const usesHistory = variant.definition !== PLAIN;
  if (!usesHistory) {
    if (result.history !== null) throw new Error(`${variant.name}: history summary on a report without history fields`);
    return;
  }
  if (result.history === null || result.history.issues !== size || result.history.incomplete !== 0) {
    throw new Error(`${variant.name}: expected ${size} issues with complete changelogs, got ${JSON.stringify(result.history)}`);
  }
  const transitions = result.columns.findIndex((column) => column.field === "history_transitions");
  if (transitions >= 0 && variant.name.includes("aggregations")) {
    const total = result.root.aggregateValue(transitions);
    // Filtered issues drop out, so the total is below size × ENTRIES but never 0.
    if (typeof total !== "number" || total <= 0 || total > size * ENTRIES) {
      throw new Error(`${variant.name}: total transitions ${String(total)} for ${size} issues`);
    }
  }
}

interface ColdRun {
  parseMs: number;
  loadMs: number;
  computeMs: number;
}

function cold(variant: Variant, pages: readonly string[], size: number): ColdRun {
  const engine = newEngine(variant.definition);
  let parseMs = 0;
  const t0 = performance.now();
  for (const text of pages) {
    const p0 = performance.now();
    const page = JSON.parse(text) as JiraSearchPage;
    parseMs += performance.now() - p0;
    engine.addIssues(page);
  }
  const t1 = performance.now();
  const result = computeAndRead(engine);
  const t2 = performance.now();
  checkDerived(variant, result, size);
  engine.clear();
  return { parseMs, loadMs: t1 - t0 - parseMs, computeMs: t2 - t1 };
}

/** MB kept after loading (V8 heap + array buffers), as run.ts measures it. */
function retainedMB(variant: Variant, pages: readonly string[]): number {
  const used = (): number => getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
  collect();
  const before = used();
  const engine = newEngine(variant.definition);
  for (const text of pages) engine.addIssues(JSON.parse(text) as JiraSearchPage);
  computeAndRead(engine);
  collect();
  const after = used();
  engine.clear();
  return (after - before) / 2 ** 20;
}

const ms = (v: number): string => (v < 100 ? v.toFixed(1) : v.toFixed(0));
const spread = (v: readonly number[]): string => `${ms(median(v))} (${ms(Math.min(...v))}–${ms(Math.max(...v))})`;

function measure(size: number): void {
  const fieldsOf = (definition: ReportDefinition) => planReport(definition, BENCH_FIELDS).fieldsToLoad;
  // The history reports load created, status and resolutiondate too; the plain report already
  // asks for created and status, so its pages are a subset: one text with changelogs for all.
  const loaded = [...new Set([...fieldsOf(PLAIN), ...fieldsOf(withHistory(true))])];
  const plainPages = searchPages(size, fieldsOf(PLAIN));
  const historyPages = pagesWithChangelogs(size, loaded, ENTRIES, NOW.getTime());
  const megabytes = (pages: readonly string[]) => (pages.reduce((n, p) => n + p.length, 0) / 2 ** 20).toFixed(0);
  console.log(
    `\n${size.toLocaleString("en-US")} issues; page text: ${megabytes(plainPages)} MB without changelogs, ` +
      `${megabytes(historyPages)} MB with ${ENTRIES} status changes per issue (fields: ${loaded.join(", ")})`,
  );
  const pagesOf = (variant: Variant) => (variant.changelogs ? historyPages : plainPages);
  const loadStart = os.loadavg()[0]!.toFixed(1);
  const timed = timedRuns(VARIANTS.map((variant) => ({ run: () => cold(variant, pagesOf(variant), size) })));
  const runs = new Map(VARIANTS.map((variant, i) => [variant.name, timed[i]!]));
  const loadEnd = os.loadavg()[0]!.toFixed(1);
  const memory = new Map(VARIANTS.map((v) => [v.name, retainedMB(v, pagesOf(v))]));

  console.log(`Cold, raw JSON → result (ms, median of ${COLD_RUNS}, min–max); load average ${loadStart} → ${loadEnd}`);
  console.log("| report | parse | load | compute | load + compute | total | retained MB |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  const loadCompute = (name: string) => runs.get(name)!.map((r) => r.loadMs + r.computeMs);
  for (const variant of VARIANTS) {
    const r = runs.get(variant.name)!;
    console.log(
      `| ${variant.name} | ${spread(r.map((x) => x.parseMs))} | ${spread(r.map((x) => x.loadMs))} | ${spread(r.map((x) => x.computeMs))} | ${spread(loadCompute(variant.name))} | ${spread(r.map((x) => x.parseMs + x.loadMs + x.computeMs))} | ${memory.get(variant.name)!.toFixed(1)} |`,
    );
  }
  const base = median(loadCompute("plain + changelogs"));
  const total = (name: string) => median(runs.get(name)!.map((x) => x.parseMs + x.loadMs + x.computeMs));
  for (const name of ["history", "history + aggregations"]) {
    console.log(
      `${name}: deriving adds ${ms(median(loadCompute(name)) - base)} ms to load + compute (goal ≤ 100 ms); ` +
        `end to end, changelog parsing included, ${ms(total(name) - total("plain"))} ms over plain`,
    );
  }
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  console.log(`${machineFacts()}; ${new Date().toISOString()}`);
  console.log(`start: ${loadAverage()}`);
  for (const size of sizes.length > 0 ? sizes : [100_000]) measure(size);
  console.log(`\nend: ${loadAverage()}`);
}

main();
