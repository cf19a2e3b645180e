/**
 * History-field fetch benchmark, Node side: the same report with and without time-in-status
 * columns, loaded from a running jirasim by the fetch planner and ingested by the report engine,
 * in one process: plain, with changelogs by bulkfetch (as on Forge) and by `expand=changelog`
 * (as on Connect), taking turns. Prints per loader the time to the first page handed to the
 * engine, to the finished result (the last page ingested and computed), the requests and how
 * many were for changelogs, and history ÷ plain; after one discarded round of the three.
 *
 * Usage (from client/): node --import tsx ../bench/fetch/history.ts JIRA_URL [RUNS]
 * `bench/fetch/history.py` runs it against its jirasim (150 ms latency) before the browser runs.
 */

import type { JiraHost, JiraRequest, JiraResponse } from "../../client/src/host/host";
import { createReportEngine, type JiraStatus, type ReportDefinition } from "../../client/src/engine/index";
import type { FieldDetails } from "../../client/src/engine/jira";
import { planReport } from "../../client/src/engine/plan";
import { loadReportIssues } from "../../client/src/jira/loader";

const [jiraUrl, runsArg = "3"] = process.argv.slice(2);
if (!jiraUrl) throw new Error("usage: history.ts JIRA_URL [RUNS]");
const RUNS = Number(runsArg);
const JQL = "project in (ROLL, WEB, OPS, DATA, SEC)";
const FIELDS = ["summary", "status", "assignee", "priority", "customfield_10016", "timespent", "created"];
// jirasim's workflow: To Do, In Progress, In Review, Done, Won't Do, Backlog.
const STATUS_IDS = ["10000", "10001", "10002", "10003", "10004", "10005"];
const AUTH = `Basic ${Buffer.from("admin@example.com:demo-token-admin").toString("base64")}`;

const PLAIN: ReportDefinition = {
  name: "History benchmark",
  jql: JQL,
  columns: FIELDS.map((field) => ({ field })),
  grouping_rules: [{ field: "status" }],
};
const HISTORY: ReportDefinition = {
  ...PLAIN,
  columns: [
    ...(PLAIN.columns ?? []),
    ...STATUS_IDS.map((id) => ({ field: `history_time_in_status_${id}`, aggregation: "average" as const })),
  ],
};

/** Jira over plain HTTP with the demo admin's API token, counting requests by kind. */
function countingHost(counts: { all: number; changelog: number }): JiraHost {
  return {
    async requestJira(path: string, request: JiraRequest = {}): Promise<JiraResponse> {
      counts.all++;
      if (path.includes("changelog")) counts.changelog++;
      const response = await fetch(`${jiraUrl}${path}`, {
        method: request.method ?? "GET",
        headers: { Authorization: AUTH, "Content-Type": "application/json", Accept: "application/json" },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: response.status, headers, body: await response.text() };
    },
  };
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${jiraUrl}${path}`, { headers: { Authorization: AUTH, Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface Loader {
  name: string;
  definition: ReportDefinition;
  changelog?: "bulkfetch" | "expand";
}

const LOADERS: Loader[] = [
  { name: "plain", definition: PLAIN },
  { name: "history, bulkfetch (Forge)", definition: HISTORY, changelog: "bulkfetch" },
  { name: "history, expand (Connect)", definition: HISTORY, changelog: "expand" },
];

interface Timing {
  firstRowsMs: number;
  resultMs: number;
  issues: number;
  requests: number;
  changelogRequests: number;
}

async function measure(loader: Loader, fields: FieldDetails[], statuses: JiraStatus[]): Promise<Timing> {
  const counts = { all: 0, changelog: 0 };
  const plan = planReport(loader.definition, fields);
  const engine = createReportEngine({
    definition: loader.definition,
    fields,
    now: () => new Date(),
    timeZone: "Europe/Berlin",
    ...(loader.changelog ? { statuses } : {}),
  });
  let firstRowsMs = Number.NaN;
  const started = performance.now();
  const outcome = await loadReportIssues({
    host: countingHost(counts),
    jql: JQL,
    fields: plan.fieldsToLoad,
    ...(loader.changelog ? { changelog: loader.changelog } : {}),
    onPage: (page) => {
      engine.addIssues(page);
      if (Number.isNaN(firstRowsMs) && page.length > 0) firstRowsMs = performance.now() - started;
    },
    onProgress: () => undefined,
  });
  if (outcome.status !== "complete") throw new Error(`${loader.name}: load stopped: ${outcome.reason}`);
  const result = engine.compute();
  const resultMs = performance.now() - started;
  if (loader.changelog && (result.history === null || result.history.incomplete !== 0)) {
    throw new Error(`${loader.name}: changelogs incomplete: ${JSON.stringify(result.history)}`);
  }
  engine.clear();
  return { firstRowsMs, resultMs, issues: outcome.loaded, requests: counts.all, changelogRequests: counts.changelog };
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const seconds = (values: readonly number[]): string =>
  `${(median(values) / 1000).toFixed(2)} s (${(Math.min(...values) / 1000).toFixed(2)}–${(Math.max(...values) / 1000).toFixed(2)})`;

async function main(): Promise<void> {
  const fields = await getJson<FieldDetails[]>("/rest/api/3/field");
  const statuses = await getJson<JiraStatus[]>("/rest/api/3/status");
  // One discarded round: jirasim's JQL, search and changelog paths and the JIT warm alike.
  for (const loader of LOADERS) await measure(loader, fields, statuses);
  const timings = new Map<string, Timing[]>(LOADERS.map((l) => [l.name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const loader of LOADERS) timings.get(loader.name)!.push(await measure(loader, fields, statuses));
  }
  console.log(`Node: JQL ${JQL}; fields ${FIELDS.join(", ")}; history: + average time in status ${STATUS_IDS.join(", ")}`);
  console.log(`| loader | runs | first rows | result | requests | changelog requests | issues | result ÷ plain |`);
  console.log("|---|---|---|---|---|---|---|---|");
  const plain = median(timings.get("plain")!.map((t) => t.resultMs));
  for (const loader of LOADERS) {
    const t = timings.get(loader.name)!;
    console.log(
      `| ${loader.name} | ${t.length} | ${seconds(t.map((x) => x.firstRowsMs))} | ${seconds(t.map((x) => x.resultMs))} | ${median(t.map((x) => x.requests))} | ${median(t.map((x) => x.changelogRequests))} | ${t[0]!.issues} | ${(median(t.map((x) => x.resultMs)) / plain).toFixed(2)}× |`,
    );
  }
}

// CommonJS here (bench/ has no package.json), so no top-level await.
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
