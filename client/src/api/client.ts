/**
 * The Rollbook server API (`/api/...`): report definitions only. Every call carries a Connect
 * context JWT from the host; a 401 gets one retry with a fresh token. Errors become `ApiError`.
 * There is deliberately no method that sends issue data: the server has no endpoint for it.
 */

import type { Host } from "../host/host";
import type { ReportCreate, ReportUpdate } from "./definition.gen";
import type { ErrorDetail, GadgetSetting, GadgetSettingUpdate, ImportOptions, ReportExportFile, ReportList, ReportPublic } from "./resources.gen";

/** `GET /api/me`. */
export interface Me {
  client_key: string;
  base_url: string;
  account_id: string;
}

export interface ReportListPage extends ReportList {
  /** The server's `Rollbook-Warning` (e.g. group-shared reports hidden), or null. */
  warning: string | null;
}

export interface TrashList {
  items: ReportPublic[];
}

export interface ImportResult {
  ids: string[];
}

export interface PurgeResult {
  reports_removed: number;
}

/** The report definition as edited; `version` is supplied separately to `updateReport`. */
export type ReportUpdateBody = Omit<ReportUpdate, "version">;

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The body's `error` code (`version_conflict`, `invalid_report`, `token_expired`, …). */
    readonly code: string,
    message: string,
    /** 422 validation errors, with the path to each offending value. */
    readonly detail?: readonly ErrorDetail[],
    /** 409/412 on update: the version someone else saved. */
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** Prefix for `/api/...`; "" (same origin) in the iframe. */
  readonly baseUrl?: string;
  /** Injectable for tests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

export interface ApiClient {
  me(): Promise<Me>;
  listReports(query?: { search?: string; offset?: number; limit?: number }): Promise<ReportListPage>;
  getReport(id: string): Promise<ReportPublic>;
  createReport(body: ReportCreate): Promise<ReportPublic>;
  updateReport(id: string, body: ReportUpdateBody | ReportUpdate, version: number): Promise<ReportPublic>;
  deleteReport(id: string): Promise<void>;
  listTrash(): Promise<TrashList>;
  restoreReport(id: string): Promise<ReportPublic>;
  duplicateReport(id: string): Promise<ReportPublic>;
  exportReport(id: string): Promise<ReportExportFile>;
  /** `file`: a parsed export, or the chosen file (read and parsed here). */
  importReports(file: ReportExportFile | Blob, options?: Partial<ImportOptions>): Promise<ImportResult>;
  adminExport(): Promise<ReportExportFile>;
  adminPurge(siteUrl: string): Promise<PurgeResult>;
  /** The report a dashboard gadget shows, or null before anyone chose one. */
  getGadget(dashboardItemId: string): Promise<GadgetSetting | null>;
  chooseGadgetReport(dashboardItemId: string, choice: GadgetSettingUpdate): Promise<GadgetSetting>;
}

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  detail?: unknown;
  current_version?: unknown;
}

function checkBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  if (trimmed === "" || trimmed.startsWith("/")) {
    // A protocol-relative "//host" would leave our origin.
    if (trimmed.startsWith("//")) throw new Error("the API base URL must be on the app's own origin");
    return trimmed;
  }
  const origin = typeof location !== "undefined" ? location.origin : null;
  if (origin === null || new URL(trimmed).origin !== origin) throw new Error("the API base URL must be on the app's own origin");
  return trimmed;
}

function detailOf(value: unknown): ErrorDetail[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((d): d is ErrorDetail => !!d && typeof d === "object" && typeof (d as ErrorDetail).msg === "string");
}

async function apiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === "object") body = parsed as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page): status alone then.
  }
  const code = typeof body.error === "string" ? body.error : `http_${response.status}`;
  const detail = detailOf(body.detail);
  const message =
    typeof body.message === "string"
      ? body.message
      : detail && detail.length > 0
        ? detail.map((d) => d.msg).join("; ")
        : `The Rollbook server answered HTTP ${response.status}.`;
  const currentVersion = typeof body.current_version === "number" ? body.current_version : undefined;
  return new ApiError(response.status, code, message, detail, currentVersion);
}

async function readBody<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, "invalid_response", "The Rollbook server sent a response that could not be read.");
  }
}

async function readExportFile(file: ReportExportFile | Blob): Promise<ReportExportFile> {
  if (typeof Blob === "undefined" || !(file instanceof Blob)) return file as ReportExportFile;
  try {
    return JSON.parse(await file.text()) as ReportExportFile;
  } catch {
    throw new ApiError(0, "invalid_file", "The file is not a Rollbook export (it is not JSON).");
  }
}

export function createApiClient(host: Host, options: ApiClientOptions = {}): ApiClient {
  const baseUrl = checkBaseUrl(options.baseUrl ?? "");
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: string, path: string, body: unknown, headers: Record<string, string>, fresh: boolean): Promise<Response> {
    const token = await host.getServerToken(fresh ? { fresh: true } : {});
    const init: RequestInit = {
      method,
      headers: {
        Accept: "application/json",
        Authorization: `JWT ${token}`,
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      // The context JWT is the only credential; no cookies go with API calls.
      credentials: "omit",
      cache: "no-store",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    };
    try {
      return await doFetch(`${baseUrl}${path}`, init);
    } catch (error) {
      throw new ApiError(0, "network_error", `The Rollbook server could not be reached (${String(error)}).`);
    }
  }

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    let response = await send(method, path, body, headers, false);
    // A cached token may have expired or been revoked: one retry with a token straight from Jira.
    if (response.status === 401) response = await send(method, path, body, headers, true);
    if (!response.ok) throw await apiError(response);
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return readBody<T>(await request(method, path, body, headers));
  }

  const reportPath = (id: string, suffix = ""): string => `/api/reports/${encodeURIComponent(id)}${suffix}`;
  const gadgetPath = (dashboardItemId: string): string => `/api/gadgets/${encodeURIComponent(dashboardItemId)}`;

  return {
    me: () => json<Me>("GET", "/api/me"),

    async listReports(query = {}) {
      const params = new URLSearchParams();
      if (query.search) params.set("search", query.search);
      if (query.offset !== undefined) params.set("offset", String(query.offset));
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      const queryString = params.toString();
      const response = await request("GET", `/api/reports${queryString ? `?${queryString}` : ""}`);
      const list = await readBody<ReportList>(response);
      return { ...list, warning: response.headers.get("Rollbook-Warning") };
    },

    getReport: (id) => json<ReportPublic>("GET", reportPath(id)),
    createReport: (body) => json<ReportPublic>("POST", "/api/reports", body),

    updateReport(id, body, version) {
      // Both the header and the body carry the version the edit started from; the server
      // answers a stale one with 409/412 and the current version.
      return json<ReportPublic>("PUT", reportPath(id), { ...body, version }, { "If-Match": `"${version}"` });
    },

    async deleteReport(id) {
      await request("DELETE", reportPath(id));
    },

    listTrash: () => json<TrashList>("GET", "/api/trash"),
    restoreReport: (id) => json<ReportPublic>("POST", reportPath(id, "/restore")),
    duplicateReport: (id) => json<ReportPublic>("POST", reportPath(id, "/duplicate")),
    exportReport: (id) => json<ReportExportFile>("GET", reportPath(id, "/export")),

    async importReports(file, importOptions = {}) {
      const parsed = await readExportFile(file);
      const options: ImportOptions = { keep_ids: importOptions.keep_ids ?? false, people: importOptions.people ?? "keep" };
      return json<ImportResult>("POST", "/api/import", { file: parsed, options });
    },

    adminExport: () => json<ReportExportFile>("GET", "/api/admin/export"),
    adminPurge: (siteUrl) => json<PurgeResult>("POST", "/api/admin/purge", { confirm_site_url: siteUrl }),

    async getGadget(dashboardItemId) {
      try {
        return await json<GadgetSetting>("GET", gadgetPath(dashboardItemId));
      } catch (error) {
        if (error instanceof ApiError && error.code === "gadget_not_configured") return null;
        throw error;
      }
    },
    chooseGadgetReport: (dashboardItemId, choice) => json<GadgetSetting>("PUT", gadgetPath(dashboardItemId), choice),
  };
}
