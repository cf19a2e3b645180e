/**
 * Engine benchmark (docs/engine.md#performance, results in docs/benchmarks.md). From client/:
 *
 *   npm run bench:engine [-- sizes…] [-- --pivot-only]   (node --expose-gc --import tsx ../bench/engine/run.ts)
 *
 * Two reports (definition.ts): single-valued levels (status > assignee > created month) and
 * multi-valued levels (labels > components > status), each at 10k, 50k and 100k synthetic issues,
 * the engine and Arquero in the same process and run, taking turns.
 *
 * Input: the `/search/jql` response bodies as JSON text, 100 issues a page, carrying only the
 * fields the report requests (generate.ts). The text is made before timing; JSON.parse runs
 * inside the timed region, as `response.json()` does in the browser. Parsing from text (rather
 * than timing freshly generated objects) charges both sides the real cost of Jira's shapes.
 *
 * Timed, per report and size:
 *  - raw JSON → result, cold (the headline): parse every page, load it (engine: `addIssues`;
 *    Arquero: flatten into columns + `table`), then compute and read the finished result (every
 *    group's aggregates; Arquero also its ordered leaf indices, the engine's `rows`). Cold = a
 *    fresh engine / table: no per-column cache the engine keeps between computes exists yet.
 *    Median of COLD_RUNS (with min–max), after one discarded run that warms the JIT; a forced GC
 *    precedes each run, outside the timed region, so no run pays for the previous one's garbage.
 *  - compute only, cold: the compute-and-read part of those same runs.
 *  - compute only, warm: median of WARM_RUNS repeated computes over the loaded data.
 *  - retained memory after loading (engine; Arquero's table for comparison): V8's used heap
 *    (`getHeapStatistics().used_heap_size`) plus array buffers (typed-array columns live outside
 *    the V8 heap), after forced GCs, minus the same before loading.
 * Before anything is printed, the last cold run's two results must agree on every group (key
 * path, child order, issue count, each aggregate) and on the order of the leaf rows (agreement.ts).
 *
 * Pivot (engine only): labels (20 row groups, multi-valued) × created quarter (12 column
 * groups) × 3 values, cold: a fresh engine is loaded (not timed), then its first compute() and
 * computePivot() are timed, reading every cell and total. Median of COLD_RUNS (min–max).
 */

import os from "node:os";
import { getHeapStatistics } from "node:v8";
import {
  computePivot,
  createReportEngine,
  type PivotResult,
  type PivotRow,
  type PivotView,
  type ReportEngine,
} from "../../client/src/engine/index";
import type { JiraSearchPage } from "../../client/src/engine/jira";
import { planReport } from "../../client/src/engine/plan";
import type { ReportResult } from "../../client/src/engine/result";
import { createTimeZone } from "../../client/src/engine/time/timeZone";
import { arqueroGroups, checkAgreement, engineGroups } from "./agreement";
import { type AqTable, type Arquero, loadArquero } from "./arquero";
import { type ArqueroResult, Flattener, readArquero, runArquero, type Flat } from "./arqueroPipeline";
import { BENCH_DEFINITIONS, GROUPING_NAMES, type Grouping } from "./definition";
import { BENCH_FIELDS, searchPages } from "./generate";
import { loadAverage, machineFacts } from "./machine";
import { collect, median, timedRuns } from "./timing";

const TIME_ZONE = "Europe/Berlin";
const NOW = new Date("2025-01-15T12:00:00.000Z");
const WARMUP = 5;
const WARM_RUNS = 15;
const GROUPINGS: Grouping[] = ["single", "multi"];

/** Where the read values go (a module variable): reads whose results are stored are not optimized away. */
let _sink = 0;

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function newEngine(grouping: Grouping): ReportEngine {
  return createReportEngine({ definition: BENCH_DEFINITIONS[grouping], fields: BENCH_FIELDS, now: () => NOW, timeZone: TIME_ZONE });
}

/** compute() and read every group's aggregate values: the result as the UI consumes it. */
function computeEngine(engine: ReportEngine): ReportResult {
  const result = engine.compute();
  let checksum = 0;
  const columns = result.columns.length;
  const visit = (group: typeof result.root): void => {
    for (let c = 0; c < columns; c++) {
      const value = group.aggregateValue(c);
      if (typeof value === "number") checksum += value;
    }
    group.children?.forEach(visit);
  };
  visit(result.root);
  _sink += checksum;
  return result;
}

interface ColdRun {
  parseMs: number;
  loadMs: number;
  computeMs: number;
  totalMs: number;
}

interface EngineColdRun extends ColdRun {
  /**
   * Parse and load of the last page alone, plus the compute: what is left to do once the last
   * page arrives, as the client ingests each page while the later ones are in flight.
   */
  afterLastPageMs: number;
}

function engineCold(grouping: Grouping, pages: readonly string[]): EngineColdRun & { engine: ReportEngine; result: ReportResult } {
  const engine = newEngine(grouping);
  let parseMs = 0;
  let lastPageMs = 0;
  const t0 = performance.now();
  for (const text of pages) {
    const p0 = performance.now();
    const page = JSON.parse(text) as JiraSearchPage;
    parseMs += performance.now() - p0;
    engine.addIssues(page);
    lastPageMs = performance.now() - p0;
  }
  const t1 = performance.now();
  const result = computeEngine(engine);
  const t2 = performance.now();
  const computeMs = t2 - t1;
  return { parseMs, loadMs: t1 - t0 - parseMs, computeMs, totalMs: t2 - t0, afterLastPageMs: lastPageMs + computeMs, engine, result };
}

function flattenPages(grouping: Grouping, pages: readonly string[], aq: Arquero, parsed: { ms: number }): { flat: Flat; table: AqTable } {
  const flattener = new Flattener(grouping, createTimeZone(TIME_ZONE));
  for (const text of pages) {
    const p0 = performance.now();
    const page = JSON.parse(text);
    parsed.ms += performance.now() - p0;
    flattener.add(page);
  }
  const flat = flattener.result;
  return { flat, table: aq.table(flat.columns) };
}

function arqueroCold(
  grouping: Grouping,
  pages: readonly string[],
  aq: Arquero,
): ColdRun & { flat: Flat; table: AqTable; result: ArqueroResult } {
  const parsed = { ms: 0 };
  const t0 = performance.now();
  const { flat, table } = flattenPages(grouping, pages, aq, parsed);
  const t1 = performance.now();
  const result = runArquero(aq, flat, table);
  readArquero(result);
  const t2 = performance.now();
  return { parseMs: parsed.ms, loadMs: t1 - t0 - parsed.ms, computeMs: t2 - t1, totalMs: t2 - t0, flat, table, result };
}

/** Bytes kept after `load` (V8 heap + array buffers), with `keep` holding what was loaded. */
function retainedMB(load: () => unknown): number {
  const used = (): number => getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
  collect();
  const before = used();
  const kept = load();
  collect();
  const after = used();
  if (kept === undefined) throw new Error("nothing loaded");
  return (after - before) / 2 ** 20;
}

interface Side {
  cold: ColdRun[];
  warmMs: number;
  memoryMB: number;
}

interface Row {
  grouping: Grouping;
  issues: number;
  groups: number;
  engine: Side;
  arquero: Side;
  /** The engine's `afterLastPageMs` per cold run. */
  afterLastPage: number[];
  load: string;
}

function measure(grouping: Grouping, size: number, aq: Arquero): Row {
  const plan = planReport(BENCH_DEFINITIONS[grouping], BENCH_FIELDS);
  const pages = searchPages(size, plan.fieldsToLoad);

  const [engineRuns, arqueroRuns] = timedRuns([
    { run: () => engineCold(grouping, pages), release: (run) => run.engine.clear() },
    { run: () => arqueroCold(grouping, pages, aq) },
  ]);
  const lastEngine = engineRuns.at(-1)!;
  const lastArquero = arqueroRuns.at(-1)!;
  const groups = checkAgreement(engineGroups(lastEngine.result), arqueroGroups(lastArquero.result));

  for (let i = 0; i < WARMUP; i++) computeEngine(lastEngine.engine);
  const engineWarm = Array.from({ length: WARM_RUNS }, () => time(() => computeEngine(lastEngine.engine)));
  lastEngine.engine.clear();
  const { flat, table } = lastArquero;
  for (let i = 0; i < WARMUP; i++) readArquero(runArquero(aq, flat, table));
  const arqueroWarm = Array.from({ length: WARM_RUNS }, () => time(() => readArquero(runArquero(aq, flat, table))));
  const timings = (run: ColdRun): ColdRun => ({ parseMs: run.parseMs, loadMs: run.loadMs, computeMs: run.computeMs, totalMs: run.totalMs });
  const engineColdRuns = engineRuns.map(timings);
  const afterLastPage = engineRuns.map((run) => run.afterLastPageMs);
  const arqueroColdRuns = arqueroRuns.map(timings);
  // Let the loaded data go before measuring memory.
  engineRuns.length = 0;
  arqueroRuns.length = 0;

  const engineMemory = retainedMB(() => {
    const engine = newEngine(grouping);
    for (const text of pages) engine.addIssues(JSON.parse(text) as JiraSearchPage);
    return engine;
  });
  const arqueroMemory = retainedMB(() => flattenPages(grouping, pages, aq, { ms: 0 }));

  return {
    grouping,
    issues: size,
    groups,
    engine: { cold: engineColdRuns, warmMs: median(engineWarm), memoryMB: engineMemory },
    arquero: { cold: arqueroColdRuns, warmMs: median(arqueroWarm), memoryMB: arqueroMemory },
    afterLastPage,
    load: os.loadavg()[0]!.toFixed(1),
  };
}

// The issue's pivot goal: 20 row groups × 12 column groups × 3 aggregates.
const PIVOT_DEFINITION = {
  name: "Pivot benchmark",
  jql: "project in (EX, OPS)",
  columns: ["labels", "summary", "timespent", "customfield_10016", "created"].map((field) => ({ field })),
};
const PIVOT_VIEW: PivotView = {
  kind: "pivot",
  id: "pivot",
  name: "Pivot",
  rows: [{ field: "labels" }],
  columns: [{ field: "created", bucket: { kind: "date", unit: "quarter" } }],
  values: [
    { field: "summary", aggregation: "count" },
    { field: "timespent", aggregation: "sum" },
    { field: "customfield_10016", aggregation: "average" },
  ],
};

interface PivotRun {
  computeMs: number;
  pivotMs: number;
  /** The process's CPU time over computePivot: on a loaded machine, wall time also counts waiting for a core. */
  pivotCpuMs: number;
  shape: string;
}

/** Every cell and total's value, as a UI or an export reads them. */
function readPivot(pivot: PivotResult): void {
  let checksum = 0;
  const visit = (row: PivotRow): void => {
    for (const cells of row.cells) for (const cell of cells) checksum += cell.value ?? 0;
    for (const cell of row.total) checksum += cell.value ?? 0;
    row.children?.forEach(visit);
  };
  pivot.rows.forEach(visit);
  for (const column of pivot.columns) for (const cell of column.total) checksum += cell.value ?? 0;
  _sink += checksum;
}

function pivotCold(pages: readonly string[]): PivotRun {
  const engine = createReportEngine({ definition: PIVOT_DEFINITION, fields: BENCH_FIELDS, now: () => NOW, timeZone: TIME_ZONE });
  for (const text of pages) engine.addIssues(JSON.parse(text) as JiraSearchPage);
  collect();
  const t0 = performance.now();
  const result = engine.compute();
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const pivot = computePivot(result, PIVOT_VIEW);
  readPivot(pivot);
  const cpu = process.cpuUsage(cpu0);
  const t2 = performance.now();
  // Read before clear(): it empties what the result (and so the pivot) holds.
  const shape = `${pivot.rows.length} × ${pivot.columns.length} × ${pivot.values.length}`;
  engine.clear();
  return { computeMs: t1 - t0, pivotMs: t2 - t1, pivotCpuMs: (cpu.user + cpu.system) / 1000, shape };
}

function measurePivot(size: number): string {
  const pages = searchPages(size, planReport(PIVOT_DEFINITION, BENCH_FIELDS).fieldsToLoad);
  const [runs] = timedRuns([{ run: () => pivotCold(pages) }]);
  const spreadOf = (pick: (r: PivotRun) => number): string => {
    const v = runs.map(pick);
    return `${ms(median(v))} (${ms(Math.min(...v))}–${ms(Math.max(...v))})`;
  };
  return `| ${size.toLocaleString("en-US")} | ${runs[0]!.shape} | ${spreadOf((r) => r.computeMs)} | ${spreadOf((r) => r.pivotMs)} | ${spreadOf((r) => r.pivotCpuMs)} | ${spreadOf((r) => r.computeMs + r.pivotMs)} | ${os.loadavg()[0]!.toFixed(1)} |`;
}

const ms = (v: number): string => (v < 100 ? v.toFixed(1) : v.toFixed(0));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;
const stat = (runs: readonly ColdRun[], pick: (r: ColdRun) => number): number => median(runs.map(pick));
const spread = (runs: readonly ColdRun[]): string => {
  const totals = runs.map((r) => r.totalMs);
  return `${ms(median(totals))} (${ms(Math.min(...totals))}–${ms(Math.max(...totals))})`;
};
const parts = (runs: readonly ColdRun[]): string =>
  [stat(runs, (r) => r.parseMs), stat(runs, (r) => r.loadMs), stat(runs, (r) => r.computeMs)].map(ms).join(" + ");

function print(rows: readonly Row[]): void {
  for (const grouping of GROUPINGS) {
    const mine = rows.filter((r) => r.grouping === grouping);
    if (mine.length === 0) continue;
    console.log(`\n### ${grouping === "single" ? "Single-valued" : "Multi-valued"} levels: ${GROUPING_NAMES[grouping]}\n`);
    console.log("Raw Jira JSON → result, cold (ms, median of runs, min–max); parts: parse + load + compute");
    console.log("| issues | groups | engine | engine parts | Arquero | Arquero parts | Arquero ÷ engine | load avg |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of mine) {
      const e = stat(r.engine.cold, (x) => x.totalMs);
      const a = stat(r.arquero.cold, (x) => x.totalMs);
      console.log(
        `| ${r.issues.toLocaleString("en-US")} | ${r.groups.toLocaleString("en-US")} | ${spread(r.engine.cold)} | ${parts(r.engine.cold)} | ${spread(r.arquero.cold)} | ${parts(r.arquero.cold)} | ${ratio(a, e)} | ${r.load} |`,
      );
    }
    console.log("\nThe engine once the last page arrives (ms, median, min–max): that page's parse and load, then the cold compute");
    console.log("| issues | after the last page |");
    console.log("|---:|---:|");
    for (const r of mine) {
      const v = r.afterLastPage;
      console.log(`| ${r.issues.toLocaleString("en-US")} | ${ms(median(v))} (${ms(Math.min(...v))}–${ms(Math.max(...v))}) |`);
    }
    console.log(
      "\nCompute only (ms): cold = first compute on fresh data (median of runs), warm = median of repeated computes; retained memory after loading (MB)",
    );
    console.log("| issues | engine cold | Arquero cold | ÷ | engine warm | Arquero warm | ÷ | engine MB | Arquero table MB |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of mine) {
      const ec = stat(r.engine.cold, (x) => x.computeMs);
      const ac = stat(r.arquero.cold, (x) => x.computeMs);
      console.log(
        `| ${r.issues.toLocaleString("en-US")} | ${ms(ec)} | ${ms(ac)} | ${ratio(ac, ec)} | ${ms(r.engine.warmMs)} | ${ms(r.arquero.warmMs)} | ${ratio(r.arquero.warmMs, r.engine.warmMs)} | ${r.engine.memoryMB.toFixed(1)} | ${r.arquero.memoryMB.toFixed(1)} |`,
      );
    }
  }
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const { aq, version } = await loadArquero();
  console.log(`${machineFacts()}; Arquero ${version}; ${new Date().toISOString()}`);
  console.log(`start: ${loadAverage()} (a shared machine: other jobs may compete; see each row's load average)`);
  const rows: Row[] = [];
  // `--pivot-only`: just the pivot table (a quick re-measure of that goal).
  const groupings = process.argv.includes("--pivot-only") ? [] : GROUPINGS;
  for (const grouping of groupings) {
    for (const size of sizes.length > 0 ? sizes : [10_000, 50_000, 100_000]) {
      rows.push(measure(grouping, size, aq));
      console.error(`measured ${grouping} ${size}`);
    }
  }
  print(rows);
  console.log("\n### Pivot: labels (rows, multi-valued) × created quarter (columns) × 3 values\n");
  console.log("Cold (ms, median of runs, min–max): the report's compute, then computePivot with every cell read");
  console.log("| issues | rows × columns × values | compute | pivot | pivot CPU time | compute + pivot | load avg |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|");
  for (const size of sizes.length > 0 ? sizes : [10_000, 50_000, 100_000]) console.log(measurePivot(size));
  console.log(`\nend: ${loadAverage()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
