/**
 * Fetch benchmark, Node side: loads one report's issues from a running jirasim with the fetch
 * planner and with plain sequential `/search/jql` paging (100 per page), in the same process,
 * and prints time to first rows, time to complete and the ratio.
 *
 * Usage (from client/): node --import tsx ../bench/fetch/run.ts JIRA_URL [JQL]
 * `bench/fetch/run.py` starts jirasim with 150 ms latency and runs this.
 */

import type { JiraHost, JiraRequest, JiraResponse } from "../../client/src/host/host";
import { loadReportIssues, loadSequentially, type LoadOutcome } from "../../client/src/jira/loader";

const [jiraUrl, jql = "project in (ROLL, WEB, OPS, DATA, SEC)"] = process.argv.slice(2);
if (!jiraUrl) throw new Error("usage: run.ts JIRA_URL [JQL]");
const FIELDS = ["summary", "status", "assignee", "priority", "customfield_10016", "timespent", "created"];
const AUTH = `Basic ${Buffer.from("admin@example.com:demo-token-admin").toString("base64")}`;

/** Jira over plain HTTP with the demo admin's API token (the browser uses AP.request). */
const nodeHost: JiraHost = {
  async requestJira(path: string, request: JiraRequest = {}): Promise<JiraResponse> {
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

interface Timing {
  firstRowsMs: number;
  completeMs: number;
  issues: number;
  requests: number;
}

async function measure(load: typeof loadReportIssues): Promise<Timing> {
  let firstRowsMs = NaN;
  let issues = 0;
  let requests = 0;
  const host: JiraHost = {
    requestJira: (path, request) => {
      requests++;
      return nodeHost.requestJira(path, request);
    },
  };
  const started = performance.now();
  const outcome: LoadOutcome = await load({
    host,
    jql,
    fields: FIELDS,
    onPage: (page) => {
      if (Number.isNaN(firstRowsMs) && page.length > 0) firstRowsMs = performance.now() - started;
      issues += page.length;
    },
    onProgress: () => undefined,
  });
  if (outcome.status !== "complete") throw new Error(`load stopped: ${outcome.reason}`);
  return { firstRowsMs, completeMs: performance.now() - started, issues, requests };
}

async function main(): Promise<void> {
  const planner = await measure(loadReportIssues);
  const sequential = await measure(loadSequentially);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`JQL: ${jql}; fields: ${FIELDS.join(", ")}`);
  console.log("| loader | issues | requests | first rows | complete |");
  console.log("|---|---|---|---|---|");
  for (const [name, t] of [
    ["planner", planner],
    ["sequential /search/jql (100/page)", sequential],
  ] as const) {
    console.log(`| ${name} | ${t.issues} | ${t.requests} | ${seconds(t.firstRowsMs)} | ${seconds(t.completeMs)} |`);
  }
  console.log(
    `\nplanner vs sequential: ${(sequential.completeMs / planner.completeMs).toFixed(1)}x faster to complete, ` +
      `${(sequential.firstRowsMs / planner.firstRowsMs).toFixed(1)}x to first rows`,
  );
  if (planner.issues !== sequential.issues) throw new Error("the two loaders disagree on the issue count");
}

// CommonJS here (bench/ has no package.json), so no top-level await.
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
