/**
 * Engine benchmark (docs/engine.md#performance). From client/:
 *
 *   node --expose-gc --import tsx ../bench/engine/run.ts [sizes…]
 *
 * For 10k, 50k and 100k synthetic issues it measures
 *  - load: `addIssues` of all pages (normalization into typed columns), once;
 *  - retained memory of the loaded engine, after gc, after minus before loading: `heapUsed` (JS
 *    objects: strings, dictionaries) and `arrayBuffers` (typed-array column storage, which
 *    heapUsed does not include);
 *  - engine: `compute()` plus reading every group's aggregate values — formulas, filter, sort,
 *    3-level grouping, 6 aggregations at every level and the grand total, group ordering;
 *  - engine, cold: the first compute right after loading a fresh engine, so per-column caches the
 *    engine keeps between computes (local days / month keys of `created`, dictionary ranks,
 *    presence arrays) are built inside the timed region (loading is not timed, and no GC is
 *    forced in between: a forced GC just before makes the next allocations fault in fresh pages);
 *  - Arquero: the same pipeline (derive formula + month bucket, filter, orderby, 4 exact rollups
 *    (3 levels + total), leaf row order) over a table built beforehand from the same issues. Not
 *    timed for Arquero: flattening Jira JSON into columns, status/priority ranks, and the time-zone
 *    offset of `created` (the engine does its time-zone work inside the timed region).
 * Times are the median of warm runs after warm-up runs, in the same process.
 */

import { createReportEngine, type ReportEngine } from "../../client/src/engine/index";
import type { JiraIssue } from "../../client/src/engine/jira";
import { createTimeZone } from "../../client/src/engine/time/timeZone";
import { loadArquero, type AqTable, type Arquero } from "./arquero";
import { BENCH_DEFINITION } from "./definition";
import { BENCH_FIELDS, generateIssues } from "./generate";

const TIME_ZONE = "Europe/Berlin";
const NOW = new Date("2025-01-15T12:00:00.000Z");
const PAGE = 1000;
const WARMUP = 5;
const RUNS = 15;

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (!gc) throw new Error("run with node --expose-gc");
  for (let i = 0; i < 3; i++) gc();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function runEngine(engine: ReportEngine): number {
  const result = engine.compute();
  // Reading every group's aggregate values is the counterpart of Arquero materializing rollups.
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
  return checksum + result.rows.length;
}

interface Flat {
  columns: Record<string, unknown[]>;
}

/** Jira JSON → plain columns for Arquero (not timed). */
function flatten(issues: readonly JiraIssue[]): Flat {
  const tz = createTimeZone(TIME_ZONE);
  const statusRank: Record<string, number> = { "To Do": 1, Backlog: 0, "In Progress": 3, "Code Review": 2, QA: 4, Done: 5 };
  const c: Record<string, unknown[]> = {
    keyProject: [],
    keyNumber: [],
    status: [],
    statusRank: [],
    priority: [],
    priorityRank: [],
    assigneeName: [],
    created: [],
    createdLocal: [],
    timespent: [],
    timeoriginalestimate: [],
    points: [],
    summary: [],
  };
  for (const issue of issues) {
    // biome-ignore lint/suspicious/noExplicitAny: raw Jira JSON, read field by field below
    const f = issue.fields as Record<string, any>;
    const [project, number] = issue.key.split("-");
    const created = Date.parse(f.created.replace("+0000", "Z"));
    c.keyProject!.push(project);
    c.keyNumber!.push(Number(number));
    c.status!.push(f.status.name);
    c.statusRank!.push(statusRank[f.status.name]);
    c.priority!.push(f.priority.name);
    c.priorityRank!.push(5 - Number(f.priority.id));
    c.assigneeName!.push(f.assignee ? f.assignee.displayName : null);
    c.created!.push(created);
    c.createdLocal!.push(tz.localMs(created));
    c.timespent!.push(f.timespent);
    c.timeoriginalestimate!.push(f.timeoriginalestimate);
    c.points!.push(f.customfield_10016);
    c.summary!.push(f.summary);
  }
  return { columns: c };
}

const AGGREGATES = {
  issues: "d => op.count()",
  summary_count: "d => op.valid(d.summary)",
  timespent_sum: "d => op.sum(d.timespent)",
  estimate_avg: "d => op.mean(d.timeoriginalestimate)",
  points_median: "d => op.median(d.points)",
  created_min: "d => op.min(d.created)",
  progress_avg: "d => op.mean(d.progress)",
};

function runArquero(aq: Arquero, base: AqTable): number {
  const t = base
    .derive({
      progress: "d => d.timespent != null && d.timeoriginalestimate ? d.timespent / d.timeoriginalestimate : null",
      month: "d => op.utcyear(d.createdLocal) * 12 + op.utcmonth(d.createdLocal)",
    })
    .filter("d => d.priority !== 'Lowest'")
    .orderby(aq.desc("priorityRank"), "created", "keyProject", "keyNumber");
  const l1 = t.groupby("statusRank", "status").rollup(AGGREGATES).orderby("statusRank");
  const l2 = t.groupby("statusRank", "assigneeName").rollup(AGGREGATES).orderby("statusRank", "assigneeName");
  const l3 = t.groupby("statusRank", "assigneeName", "month").rollup(AGGREGATES).orderby("statusRank", "assigneeName", "month");
  const total = t.rollup(AGGREGATES);
  const leaves = t.orderby("statusRank", "assigneeName", "month", aq.desc("priorityRank"), "created", "keyProject", "keyNumber").indices();
  return l1.indices().length + l2.indices().length + l3.indices().length + total.numRows() + leaves.length;
}

interface Row {
  issues: number;
  loadMs: number;
  engineMs: number;
  coldMs: number;
  arqueroMs: number;
  heapMB: number;
  buffersMB: number;
  groups: number;
}

async function benchmark(size: number, aq: Arquero): Promise<Row> {
  collect();
  const before = process.memoryUsage();
  const engine = createReportEngine({ definition: BENCH_DEFINITION, fields: BENCH_FIELDS, now: () => NOW, timeZone: TIME_ZONE });
  let loadMs = 0;
  for (let from = 0; from < size; from += PAGE) {
    const page = generateIssues(from, Math.min(PAGE, size - from));
    loadMs += time(() => engine.addIssues(page));
  }
  collect();
  const after = process.memoryUsage();
  const heapMB = (after.heapUsed - before.heapUsed) / 2 ** 20;
  const buffersMB = (after.arrayBuffers - before.arrayBuffers) / 2 ** 20;

  for (let i = 0; i < WARMUP; i++) runEngine(engine);
  const engineTimes = Array.from({ length: RUNS }, () => time(() => runEngine(engine)));
  const result = engine.compute();
  let groups = 0;
  const count = (g: typeof result.root): void => {
    groups++;
    g.children?.forEach(count);
  };
  count(result.root);
  const engineTotals = { issues: result.matchedIssueCount, timespent: result.root.aggregateValue(2) };
  engine.clear();

  const issues: JiraIssue[] = [];
  for (let from = 0; from < size; from += PAGE) issues.push(...generateIssues(from, Math.min(PAGE, size - from)));
  const coldTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const fresh = createReportEngine({ definition: BENCH_DEFINITION, fields: BENCH_FIELDS, now: () => NOW, timeZone: TIME_ZONE });
    for (let from = 0; from < size; from += PAGE) fresh.addIssues(issues.slice(from, from + PAGE));
    coldTimes.push(time(() => runEngine(fresh)));
    fresh.clear();
  }
  const base = aq.table(flatten(issues).columns as Record<string, unknown[]>);
  issues.length = 0;
  for (let i = 0; i < WARMUP; i++) runArquero(aq, base);
  const arqueroTimes = Array.from({ length: RUNS }, () => time(() => runArquero(aq, base)));
  const check = base.filter("d => d.priority !== 'Lowest'").rollup({ n: "d => op.count()", ts: "d => op.sum(d.timespent)" }).objects()[0]!;
  if (check.n !== engineTotals.issues || check.ts !== engineTotals.timespent) {
    throw new Error(`engine and Arquero disagree: ${JSON.stringify(engineTotals)} vs ${JSON.stringify(check)}`);
  }
  return {
    issues: size,
    loadMs,
    engineMs: median(engineTimes),
    coldMs: median(coldTimes),
    arqueroMs: median(arqueroTimes),
    heapMB,
    buffersMB,
    groups,
  };
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const aq = await loadArquero();
  const rows: Row[] = [];
  for (const size of sizes.length > 0 ? sizes : [10_000, 50_000, 100_000]) rows.push(await benchmark(size, aq));
  const os = await import("node:os");
  console.log(
    `node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    "timed: engine = compute() + reading every group's aggregate values (median of warm runs; cold = first compute after loading);",
  );
  console.log("       Arquero = derive + filter + orderby + 4 rollups + ordered leaf indices over a prebuilt table (median of warm runs)");
  console.log(
    "| issues | groups | engine ms (warm) | engine ms (cold) | Arquero ms | Arquero / engine (warm, cold) | load ms | heapUsed MB | arrayBuffers MB | total MB per 100k |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const per100k = ((r.heapMB + r.buffersMB) * 100_000) / r.issues;
    console.log(
      `| ${r.issues} | ${r.groups} | ${r.engineMs.toFixed(1)} | ${r.coldMs.toFixed(1)} | ${r.arqueroMs.toFixed(1)} | ${(r.arqueroMs / r.engineMs).toFixed(1)}×, ${(r.arqueroMs / r.coldMs).toFixed(1)}× | ${r.loadMs.toFixed(0)} | ${r.heapMB.toFixed(1)} | ${r.buffersMB.toFixed(1)} | ${per100k.toFixed(1)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
