/**
 * The fetch planner: loads every issue of a report's base JQL from Jira, in parallel and politely.
 *
 * 1. `approximate-count` (progress "N of about M", and an early, cheap check of the JQL);
 * 2. ids only, 5,000 per page, following `nextPageToken` (Atlassian's recommended bulk pattern);
 * 3. while ids stream in, `id in (…)` chunks of ≤ 100 ids with exactly the report's fields, under
 *    one concurrency cap shared with steps 1–2; each page goes to `onPage` as it arrives.
 * Every request goes through `requests.ts` (retries, one shared rate-limit gate); each answer
 * that says `X-RateLimit-NearLimit: true` halves the requests in flight for the rest of the
 * load. A load ends `complete` or `stopped` with a reason — never silently partial.
 * With `changelog`, each issue also carries its changelog (`changelogs.ts`): a field page is
 * delivered once its issues' changelogs are attached, complete or marked incomplete and counted.
 */

import type { JiraHost } from "../host/host";
import type { JiraIssue } from "../engine/index";
import { createChangelogLoader, isCompleteChangelog, type ChangelogLoader, type ChangelogMode } from "./changelogs";
import type { JiraApiError } from "./errors";
import { abortable, createJiraCaller, defaultSleep, LoadStopped, type JiraCaller, type StopCode } from "./requests";
import type { RetryPolicy } from "./retry";

export const SEARCH_PATH = "/rest/api/3/search/jql";
export const APPROXIMATE_COUNT_PATH = "/rest/api/3/search/approximate-count";
export const ID_PAGE_SIZE = 5000;
export const FIELD_PAGE_SIZE = 100;
// Both loaders make the same field requests, so the speed-up is bounded by this cap; 8 in flight
// stays well inside Jira's per-second burst limits for one user (docs/platform.md#rate-limits).
export const DEFAULT_CONCURRENCY = 8;

export interface LoadProgress {
  readonly phase: "counting" | "ids" | "fields" | "done" | "stopped";
  /** Issues delivered to `onPage` so far. */
  readonly loaded: number;
  readonly approximateTotal: number | null;
  /** Requests retried so far (rate limits and server errors). */
  readonly retries: number;
  /** Set while the planner waits for Jira's rate limit to clear. */
  readonly waitingForRateLimitMs?: number;
  /** With changelogs: how they load (`LoadOptions.changelog`). */
  readonly changelog?: ChangelogMode;
  /** With changelogs: delivered issues whose changelog could not be loaded. */
  readonly changelogsMissing?: number;
}

/** With changelogs: how many delivered issues lack a complete one, and the first reason why. */
export interface ChangelogCompleteness {
  readonly missing: number;
  readonly reason: string | null;
}

export type LoadOutcome =
  | { readonly status: "complete"; readonly loaded: number; readonly changelogs?: ChangelogCompleteness }
  | {
      readonly status: "stopped";
      readonly loaded: number;
      readonly reason: string;
      readonly code: StopCode;
      readonly error?: JiraApiError;
      readonly changelogs?: ChangelogCompleteness;
    };

export interface LoadOptions {
  readonly host: JiraHost;
  readonly jql: string;
  /** Field ids to request for each issue (the engine plan's `fieldsToLoad`). */
  readonly fields: readonly string[];
  readonly signal?: AbortSignal;
  /** Most Jira requests in flight at once (default `DEFAULT_CONCURRENCY`). */
  readonly concurrency?: number;
  readonly onPage: (issues: JiraIssue[]) => void;
  readonly onProgress: (progress: LoadProgress) => void;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly retryPolicy?: RetryPolicy;
  /** Also load each issue's changelog: `bulkfetch` (Forge) or `expand` (Connect); absent: none. */
  readonly changelog?: ChangelogMode;
}

interface SearchPage {
  issues?: { id?: unknown; key?: unknown; fields?: unknown }[];
  nextPageToken?: string | null;
  isLast?: boolean;
}

/** Counting semaphore; priority waiters (the id pages, the critical path) go first. Its limit
 * can only go down during a load: requests in flight finish, and fewer start. */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly urgent: (() => void)[] = [];

  constructor(private limit: number) {}

  /** Jira says the app is near its rate limit: halve the requests in flight (at least one). */
  halve(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
  }

  async run<T>(signal: AbortSignal, task: () => Promise<T>, priority = false): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await abortable(new Promise<void>((grant) => (priority ? this.urgent : this.waiting).push(grant)), signal);
    try {
      return await task();
    } finally {
      // The finished request's slot passes straight to the next waiter, unless the limit fell.
      this.active--;
      const next = this.active < this.limit ? (this.urgent.shift() ?? this.waiting.shift()) : undefined;
      if (next) {
        this.active++;
        next();
      }
    }
  }
}

/** Chunks of ids waiting for a worker; `take` resolves null once closed and drained. */
class ChunkQueue {
  private readonly chunks: string[][] = [];
  private readonly takers: ((chunk: string[] | null) => void)[] = [];
  private closed = false;

  push(chunk: string[]): void {
    const taker = this.takers.shift();
    if (taker) taker(chunk);
    else this.chunks.push(chunk);
  }

  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker(null);
  }

  take(): Promise<string[] | null> {
    const chunk = this.chunks.shift();
    if (chunk) return Promise.resolve(chunk);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.takers.push(resolve));
  }
}

/** Jira ids are numeric; anything else is quoted so it cannot change the query. */
function idLiteral(id: string): string {
  return /^\d+$/.test(id) ? id : JSON.stringify(id);
}

export function chunkJql(ids: readonly string[]): string {
  return `id in (${ids.map(idLiteral).join(",")})`;
}

function issuesOf(page: SearchPage): JiraIssue[] {
  const out: JiraIssue[] = [];
  for (const issue of page.issues ?? []) {
    // Jira sends string ids; only a numeric one is copied (the page is not ours to change).
    if (issue && typeof issue.id === "string") out.push(issue as JiraIssue);
    else if (issue && typeof issue.id === "number") out.push({ ...issue, id: String(issue.id) } as JiraIssue);
  }
  return out;
}

function hasNextPage(page: SearchPage): page is SearchPage & { nextPageToken: string } {
  return page.isLast !== true && typeof page.nextPageToken === "string" && page.nextPageToken !== "";
}

/** Fields actually sent: with none, Jira would return bare ids, and the engine needs keys. */
export function requestedFields(fields: readonly string[]): string[] {
  return fields.length > 0 ? [...fields] : ["key"];
}

/** Shared scaffolding of both loaders: progress, abort, delivery with de-duplication, outcome. */
function startLoad(options: LoadOptions, onNearLimit?: () => void) {
  const controller = new AbortController();
  const external = options.signal;
  const stopOnAbort = (): void => controller.abort();
  if (external?.aborted) controller.abort();
  external?.addEventListener("abort", stopOnAbort, { once: true });

  const state = {
    phase: "counting" as LoadProgress["phase"],
    loaded: 0,
    approximateTotal: null as number | null,
    retries: 0,
    waitingMs: null as number | null,
    changelogsMissing: 0,
    changelogReason: (): string | null => null,
  };
  const withChangelogs = options.changelog !== undefined;
  const delivered = new Set<string>();
  let stop: LoadStopped | null = null;

  const emit = (): void => {
    options.onProgress({
      phase: state.phase,
      loaded: state.loaded,
      approximateTotal: state.approximateTotal,
      retries: state.retries,
      ...(state.waitingMs !== null ? { waitingForRateLimitMs: state.waitingMs } : {}),
      ...(options.changelog ? { changelog: options.changelog, changelogsMissing: state.changelogsMissing } : {}),
    });
  };
  const changelogs = (): { changelogs?: ChangelogCompleteness } =>
    withChangelogs ? { changelogs: { missing: state.changelogsMissing, reason: state.changelogReason() } } : {};
  const caller: JiraCaller = createJiraCaller({
    host: options.host,
    signal: controller.signal,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    ...(options.now ? { now: options.now } : {}),
    ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
    onRetry: () => {
      state.retries++;
      emit();
    },
    onRateLimitWait: (waitMs) => {
      state.waitingMs = waitMs;
      if (!stop) emit();
    },
    ...(onNearLimit ? { onNearLimit } : {}),
  });

  return {
    state,
    caller,
    signal: controller.signal,
    emit,
    /** Hands new issues to `onPage`; nothing is delivered once the load has stopped. */
    deliver(issues: readonly JiraIssue[]): void {
      if (stop || controller.signal.aborted) return;
      const fresh = issues.filter((issue) => !delivered.has(issue.id));
      for (const issue of fresh) delivered.add(issue.id);
      if (fresh.length > 0) options.onPage(fresh);
      state.loaded += fresh.length;
      if (withChangelogs) for (const issue of fresh) if (!isCompleteChangelog(issue.changelog)) state.changelogsMissing++;
      emit();
    },
    /** The first failure wins; it aborts everything still running. */
    fail(error: unknown): void {
      if (stop) return;
      // Anything else is a bug (e.g. in an onPage consumer): stop rather than deliver a partial report.
      stop =
        error instanceof LoadStopped
          ? error
          : new LoadStopped("unexpected", `Loading failed: ${error instanceof Error ? error.message : String(error)}`);
      controller.abort();
    },
    finish(): LoadOutcome {
      external?.removeEventListener("abort", stopOnAbort);
      if (!stop && external?.aborted) stop = new LoadStopped("aborted", "Loading was cancelled.");
      state.waitingMs = null;
      if (stop) {
        state.phase = "stopped";
        emit();
        return {
          status: "stopped",
          loaded: state.loaded,
          reason: stop.reason,
          code: stop.code,
          ...(stop.error ? { error: stop.error } : {}),
          ...changelogs(),
        };
      }
      state.phase = "done";
      emit();
      return { status: "complete", loaded: state.loaded, ...changelogs() };
    },
  };
}

/** Ids that Jira says do not exist (deleted since the id pages were read), found in its messages. */
function vanishedIds(stopped: LoadStopped, chunk: readonly string[]): Set<string> {
  const inChunk = new Set(chunk);
  const found = new Set<string>();
  if (stopped.code !== "bad_request" || !stopped.error || stopped.error.status !== 400) return found;
  for (const message of stopped.error.messages) {
    for (const match of message.matchAll(/'(\d+)'/g)) if (inChunk.has(match[1]!)) found.add(match[1]!);
  }
  return found;
}

export async function loadReportIssues(options: LoadOptions): Promise<LoadOutcome> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const slots = new Slots(concurrency);
  // Atlassian's advice for the 2026 quotas: slow down when Jira says the limit is near.
  const load = startLoad(options, () => slots.halve());
  const { state, caller, signal } = load;
  const fields = requestedFields(options.fields);
  const chunks = new ChunkQueue();
  // Changelogs are on the critical path (a field page waits for its ids' ones): priority slots.
  const changelogLoader: ChangelogLoader | null = options.changelog
    ? createChangelogLoader(options.changelog, { send: (call) => slots.run(signal, () => call(caller), true), signal })
    : null;
  if (changelogLoader) state.changelogReason = () => changelogLoader.reason;
  // Field pages waiting for their changelogs; the load ends once every one is delivered.
  const deliveries: Promise<void>[] = [];
  let countKnown = false;
  let idsDone = false;
  const setPhase = (): void => {
    state.phase = idsDone ? "fields" : countKnown ? "ids" : "counting";
  };
  load.emit();

  const count = async (): Promise<void> => {
    try {
      const answer = await slots.run(signal, () => caller.post<{ count?: unknown }>(APPROXIMATE_COUNT_PATH, { jql: options.jql }), true);
      if (typeof answer.count === "number" && Number.isFinite(answer.count)) state.approximateTotal = answer.count;
    } catch (error) {
      // The count is only for progress: a site without it, or a flaky answer, must not stop the
      // load; bad JQL and missing permission stop it here, before any issue is fetched.
      if (
        !(error instanceof LoadStopped) ||
        error.code === "aborted" ||
        error.code === "permission" ||
        (error.code === "bad_request" && error.error?.status === 400)
      )
        throw error;
    }
    countKnown = true;
    setPhase();
    load.emit();
  };

  const collectIds = async (): Promise<void> => {
    const seen = new Set<string>();
    let pending: string[] = [];
    let token: string | null = null;
    try {
      for (;;) {
        const body: Record<string, unknown> = {
          jql: options.jql,
          fields: ["id"],
          maxResults: ID_PAGE_SIZE,
          ...(token ? { nextPageToken: token } : {}),
        };
        const page = await slots.run(signal, () => caller.post<SearchPage>(SEARCH_PATH, body), true);
        for (const issue of issuesOf(page)) {
          if (seen.has(issue.id)) continue;
          seen.add(issue.id);
          pending.push(issue.id);
          if (pending.length === FIELD_PAGE_SIZE) {
            changelogLoader?.addIds(pending);
            chunks.push(pending);
            pending = [];
          }
        }
        if (!hasNextPage(page)) break;
        token = page.nextPageToken;
      }
      if (pending.length > 0) {
        changelogLoader?.addIds(pending);
        chunks.push(pending);
      }
      changelogLoader?.endIds();
      idsDone = true;
      setPhase();
      load.emit();
    } finally {
      chunks.close();
    }
  };

  const fetchChunk = async (chunk: string[]): Promise<void> => {
    let ids = chunk;
    let token: string | null = null;
    while (ids.length > 0) {
      const body: Record<string, unknown> = {
        jql: chunkJql(ids),
        fields,
        maxResults: FIELD_PAGE_SIZE,
        ...changelogLoader?.searchExtras,
        ...(token ? { nextPageToken: token } : {}),
      };
      let page: SearchPage;
      try {
        page = await slots.run(signal, () => caller.post<SearchPage>(SEARCH_PATH, body));
      } catch (error) {
        // An issue deleted between the id pages and this chunk makes Jira reject `id in (…)`;
        // the rest of the chunk is still wanted, so ask again without it.
        const vanished = error instanceof LoadStopped && token === null ? vanishedIds(error, ids) : new Set<string>();
        if (vanished.size === 0) throw error;
        ids = ids.filter((id) => !vanished.has(id));
        continue;
      }
      if (changelogLoader) {
        // The worker moves on to the next chunk while this page waits for its changelogs.
        deliveries.push(
          changelogLoader
            .attach(issuesOf(page))
            .then((issues) => load.deliver(issues))
            .catch((error: unknown) => load.fail(error)),
        );
      } else load.deliver(issuesOf(page));
      // Jira may answer fewer than 100 issues when many fields are asked for: follow the token.
      if (!hasNextPage(page)) return;
      token = page.nextPageToken;
    }
  };

  const worker = async (): Promise<void> => {
    for (let chunk = await chunks.take(); chunk !== null && !signal.aborted; chunk = await chunks.take()) await fetchChunk(chunk);
  };

  const tasks = [count(), collectIds(), ...Array.from({ length: concurrency }, worker)].map((task) =>
    task.catch((error: unknown) => load.fail(error)),
  );
  await Promise.all(tasks);
  // Workers pushed the last deliveries before they ended; no new one starts now.
  await Promise.all(deliveries);
  return load.finish();
}

/** The baseline the benchmark compares against: `/search/jql` pages of 100, one request at a time. */
export async function loadSequentially(options: Omit<LoadOptions, "concurrency">): Promise<LoadOutcome> {
  const load = startLoad(options);
  load.state.phase = "fields";
  load.emit();
  try {
    let token: string | null = null;
    for (;;) {
      const body: Record<string, unknown> = {
        jql: options.jql,
        fields: requestedFields(options.fields),
        maxResults: FIELD_PAGE_SIZE,
        ...(token ? { nextPageToken: token } : {}),
      };
      const page = await load.caller.post<SearchPage>(SEARCH_PATH, body);
      load.deliver(issuesOf(page));
      if (!hasNextPage(page)) break;
      token = page.nextPageToken;
    }
  } catch (error) {
    load.fail(error);
  }
  return load.finish();
}
