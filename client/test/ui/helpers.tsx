/**
 * UI test harness: an in-memory Rollbook API (`FakeApi`), a scriptable report session
 * (`FakeSession`), fake Jira helpers and exporters, and `renderUi` to mount a screen with them.
 */

import { cleanup, render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach } from "vitest";
import {
  ApiError,
  type ApiClient,
  type ImportResult,
  type ReportListPage,
  type SecurityContact,
  type TrashList,
} from "../../src/api/client";
import type { ReportCreate, ReportUpdate } from "../../src/api/definition.gen";
import type { GadgetSetting, GadgetSettingUpdate, ImportOptions, ReportExportFile, ReportPublic } from "../../src/api/resources.gen";
import type { JiraIssue, JiraStatus, ReportDefinition } from "../../src/engine/index";
import { createFakeHost, DEFAULT_FAKE_CONTEXT, type FakeHost } from "../support/fakeHost";
import type { HostContext } from "../../src/host/host";
import type { JiraGroup, JiraUser, JqlCheck } from "../../src/jira/jql";
import type { LoadOutcome } from "../../src/jira/loader";
import type { ValueChoice } from "../../src/jira/values";
import type { ReportSession, SessionListener, SessionState } from "../../src/session/reportSession";
import { HostContextProvider } from "../../src/ui/app/hostContext";
import type { Exporters, JiraHelpers } from "../../src/ui/ports";
import { ServicesProvider, type PageKind, type Services } from "../../src/ui/services";
import { FIELDS, ME, report, summaryOf } from "./fixtures";

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

type Method = keyof ApiClient;

/** The Rollbook API in memory; `fail(method, error)` makes the next call of `method` reject. */
export class FakeApi implements ApiClient {
  readonly reports = new Map<string, ReportPublic>();
  readonly calls: { method: Method; args: unknown[] }[] = [];
  readonly gadgets = new Map<string, GadgetSetting>();
  private readonly failures = new Map<Method, unknown[]>();

  constructor(reports: readonly ReportPublic[] = []) {
    for (const r of reports) this.reports.set(r.id, r);
  }

  fail(method: Method, error: unknown): this {
    const list = this.failures.get(method) ?? [];
    list.push(error);
    this.failures.set(method, list);
    return this;
  }

  callsTo(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private async enter(method: Method, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    await Promise.resolve();
    const error = this.failures.get(method)?.shift();
    if (error !== undefined) throw error;
  }

  private live(id: string): ReportPublic {
    const r = this.reports.get(id);
    if (!r || r.deleted_at) throw new ApiError(404, "report_not_found", "report not found");
    return r;
  }

  async me() {
    await this.enter("me", []);
    return { client_key: "client", base_url: DEFAULT_FAKE_CONTEXT.siteUrl, account_id: ME };
  }

  async listReports(query: { search?: string; project?: string; offset?: number; limit?: number } = {}): Promise<ReportListPage> {
    await this.enter("listReports", [query]);
    const search = (query.search ?? "").toLowerCase();
    const all = [...this.reports.values()].filter(
      (r) => !r.deleted_at && r.name.toLowerCase().includes(search) && (!query.project || r.projects.includes(query.project)),
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return { items: all.slice(offset, offset + limit).map(summaryOf), total: all.length, offset, limit, warning: null };
  }

  async getReport(id: string) {
    await this.enter("getReport", [id]);
    return this.live(id);
  }

  async createReport(body: ReportCreate) {
    await this.enter("createReport", [body]);
    const created = report({
      ...body,
      people: { ...body.people, administrators: body.people.administrators.length ? body.people.administrators : [ME] },
    });
    this.reports.set(created.id, created);
    return created;
  }

  async updateReport(id: string, body: Omit<ReportUpdate, "version"> | ReportUpdate, version: number) {
    await this.enter("updateReport", [id, body, version]);
    const current = this.live(id);
    if (current.version !== version)
      throw new ApiError(409, "version_conflict", "someone else saved this report since you opened it", undefined, current.version);
    const updated = { ...current, ...body, version: version + 1, updated_by: ME } as ReportPublic;
    this.reports.set(id, updated);
    return updated;
  }

  async deleteReport(id: string) {
    await this.enter("deleteReport", [id]);
    this.reports.set(id, { ...this.live(id), deleted_at: "2024-07-01T09:00:00Z" });
  }

  async listTrash(): Promise<TrashList> {
    await this.enter("listTrash", []);
    return { items: [...this.reports.values()].filter((r) => r.deleted_at) };
  }

  async restoreReport(id: string) {
    await this.enter("restoreReport", [id]);
    const r = this.reports.get(id);
    if (!r) throw new ApiError(404, "report_not_found", "report not found");
    const restored = { ...r, deleted_at: null };
    this.reports.set(id, restored);
    return restored;
  }

  async deleteReportForever(id: string) {
    await this.enter("deleteReportForever", [id]);
    if (!this.reports.get(id)?.deleted_at) throw new ApiError(409, "report_not_in_trash", "report not in the trash");
    this.reports.delete(id);
  }

  async duplicateReport(id: string) {
    await this.enter("duplicateReport", [id]);
    const copy = report({ ...this.live(id), id: undefined, name: `Copy of ${this.live(id).name}` });
    this.reports.set(copy.id, copy);
    return copy;
  }

  async exportReport(id: string): Promise<ReportExportFile> {
    await this.enter("exportReport", [id]);
    // An export entry is the public report without its version, trash state and permissions.
    const { version, deleted_at, permissions, ...entry } = this.live(id);
    return {
      format: "rollbook.report-export",
      format_version: 1,
      exported_at: "2024-07-01T00:00:00Z",
      reports: [entry],
      dashboard_gadgets: [],
    };
  }

  async importReports(file: ReportExportFile | Blob, options: Partial<ImportOptions> = {}): Promise<ImportResult> {
    await this.enter("importReports", [file, options]);
    const parsed = file as ReportExportFile;
    const ids = parsed.reports.map((r) => {
      const imported = report({ ...r, id: options.keep_ids ? r.id : undefined });
      this.reports.set(imported.id, imported);
      return imported.id;
    });
    return { ids };
  }

  async adminExport(): Promise<ReportExportFile> {
    await this.enter("adminExport", []);
    return { format: "rollbook.report-export", format_version: 1, exported_at: "2024-07-01T00:00:00Z", reports: [], dashboard_gadgets: [] };
  }

  async getGadget(dashboardItemId: string): Promise<GadgetSetting | null> {
    await this.enter("getGadget", [dashboardItemId]);
    return this.gadgets.get(dashboardItemId) ?? null;
  }

  async chooseGadgetReport(dashboardItemId: string, choice: GadgetSettingUpdate): Promise<GadgetSetting> {
    await this.enter("chooseGadgetReport", [dashboardItemId, choice]);
    this.live(choice.report_id);
    const setting = { ...choice, dashboard_item_id: dashboardItemId, updated_at: "2024-07-01T09:00:00Z", updated_by: ME };
    this.gadgets.set(dashboardItemId, setting);
    return setting;
  }

  /** What `securityContact()` answers (the server's ROLLBOOK_SECURITY_CONTACT). */
  securityContactAnswer: SecurityContact = { contact: null, href: null };

  async securityContact(): Promise<SecurityContact> {
    await this.enter("securityContact", []);
    return this.securityContactAnswer;
  }

  async adminPurge(siteUrl: string) {
    await this.enter("adminPurge", [siteUrl]);
    const removed = this.reports.size;
    this.reports.clear();
    return { reports_removed: removed };
  }
}

const IDLE: SessionState = { status: "idle", progress: null, result: null, outcome: null, error: null };

/** A session the test drives: `run` records the definition, `emit` publishes a state. */
export class FakeSession implements ReportSession {
  readonly runs: ReportDefinition[] = [];
  disposed = false;
  private state: SessionState = IDLE;
  private readonly listeners = new Set<SessionListener>();

  run(definition: ReportDefinition): Promise<LoadOutcome> {
    this.runs.push(definition);
    this.emit({
      status: "loading",
      progress: { phase: "counting", loaded: 0, approximateTotal: null, retries: 0 },
      result: null,
      outcome: null,
      error: null,
    });
    return new Promise(() => undefined);
  }

  emit(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l(this.state);
  }

  subscribe(listener: SessionListener) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  current = () => this.state;

  discard(): void {
    this.emit(IDLE);
  }

  dispose(): void {
    this.disposed = true;
    this.discard();
  }
}

export interface FakeJira extends JiraHelpers {
  checks: string[];
  /** What `sampleIssues` answers from (its first `count`), and each call it got. */
  sampleSource: JiraIssue[];
  samples: { jql: string; fields: readonly string[]; count: number }[];
  jqlAnswer: (jql: string) => JqlCheck;
  users: JiraUser[];
  groups: JiraGroup[];
  /** What `valueChoices` answers per source ("status", "options:customfield_1") and
   * `priorityThresholds` as "priority-threshold"; a missing list rejects, as when Jira refuses. */
  valueLists: Record<string, ValueChoice[]>;
  /** What `statuses` answers; null rejects, as when Jira refuses. Empty by default, so pickers
   * hold few history fields (FAKE_STATUSES for a site's worth). */
  statusList: JiraStatus[] | null;
}

/** A small site's statuses: two share the In Progress category, as jirasim's do. */
export const FAKE_STATUSES: JiraStatus[] = [
  { id: "10000", name: "To Do", statusCategory: { key: "new" } },
  { id: "10001", name: "In Progress", statusCategory: { key: "indeterminate" } },
  { id: "10002", name: "In Review", statusCategory: { key: "indeterminate" } },
  { id: "10003", name: "Done", statusCategory: { key: "done" } },
];

export function fakeJira(): FakeJira {
  const helpers: FakeJira = {
    checks: [],
    jqlAnswer: () => ({ valid: true }),
    users: [
      { accountId: ME, displayName: "Alice Admin", avatarUrl: null, active: true },
      { accountId: "557058:other-user", displayName: "Olga Other", avatarUrl: null, active: true },
    ],
    groups: [{ name: "jira-software-users", groupId: "g1" }],
    fetchFields: async () => FIELDS,
    sampleSource: [],
    samples: [],
    async sampleIssues(jql, fields, count) {
      helpers.samples.push({ jql, fields, count });
      return helpers.sampleSource.slice(0, count);
    },
    async checkJql(jql) {
      helpers.checks.push(jql);
      return helpers.jqlAnswer(jql);
    },
    searchUsers: async (q) => helpers.users.filter((u) => u.displayName.toLowerCase().includes(q.toLowerCase())),
    searchGroups: async (q) => helpers.groups.filter((g) => g.name.includes(q)),
    async usersById(ids) {
      return new Map(helpers.users.filter((u) => ids.includes(u.accountId)).map((u) => [u.accountId, u]));
    },
    valueLists: {},
    valueChoices: (source) => listOf(typeof source === "object" ? `options:${source.customOptions}` : source),
    priorityThresholds: () => listOf("priority-threshold"),
    statusList: [],
    async statuses() {
      if (!helpers.statusList) throw new Error("Jira lists no statuses");
      return helpers.statusList;
    },
  };
  const listOf = async (key: string): Promise<ValueChoice[]> => {
    const list = helpers.valueLists[key];
    if (!list) throw new Error(`Jira lists no ${key} values`);
    return list;
  };
  return helpers;
}

export interface FakeExports extends Exporters {
  downloads: { filename: string; data: string | Uint8Array; mime: string }[];
  /** The display rows each `toCsv`/`toXlsx` call was given, in call order. */
  exportedRows: unknown[][];
}

export function fakeExports(): FakeExports {
  const downloads: FakeExports["downloads"] = [];
  const exportedRows: unknown[][] = [];
  return {
    downloads,
    exportedRows,
    toCsv: (_result, rows) => {
      exportedRows.push([...rows]);
      return "csv-data";
    },
    toXlsx: (_result, rows) => {
      exportedRows.push([...rows]);
      return new Uint8Array([80, 75]);
    },
    toPivotCsv: () => "pivot-csv-data",
    toPivotXlsx: () => new Uint8Array([80, 75]),
    download: (filename, data, mime) => {
      downloads.push({ filename, data, mime });
    },
    exportFilename: (name, ext) => `${name}.${ext}`,
    CSV_MIME: "text/csv;charset=utf-8",
    XLSX_MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}

export interface TestServices extends Services {
  readonly host: FakeHost;
  readonly api: FakeApi;
  readonly jira: FakeJira;
  readonly exports: FakeExports;
  readonly sessions: FakeSession[];
}

export function makeServices(
  options: {
    api?: FakeApi;
    page?: PageKind;
    projectKey?: string;
    context?: Partial<HostContext>;
    createSession?: () => ReportSession;
    openReportPage?: (id: string) => void;
  } = {},
): TestServices {
  // No "open full report" link unless the test asks for one, as on a host that cannot navigate.
  const host = createFakeHost({
    ...(options.context ? { context: options.context } : {}),
    openReportPage: options.openReportPage ?? false,
  });
  const exports = fakeExports();
  const sessions: FakeSession[] = [];
  return {
    host,
    api: options.api ?? new FakeApi(),
    jira: fakeJira(),
    exports,
    sessions,
    createSession:
      options.createSession ??
      (() => {
        const s = new FakeSession();
        sessions.push(s);
        return s;
      }),
    loadExporters: async () => exports,
    page: options.page ?? "reports",
    ...(options.projectKey ? { projectKey: options.projectKey } : {}),
  };
}

export function renderUi(ui: ReactElement, services: Services, context: HostContext | null = DEFAULT_FAKE_CONTEXT): RenderResult {
  return render(
    <ServicesProvider services={services}>
      <HostContextProvider value={context}>{ui}</HostContextProvider>
    </ServicesProvider>,
  );
}

/** Lets pending promises and the state updates they cause settle. */
export async function flush(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
