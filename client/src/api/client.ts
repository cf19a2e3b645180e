/**
 * The Rollbook server API (`/api/...`): report definitions only. The host carries each call
 * (Connect: fetch with a context JWT; Forge: `invokeRemote`); errors become `ApiError`.
 * There is deliberately no method that sends issue data: the server has no endpoint for it.
 */

import type { Host, ServerRequest, ServerResponse } from "../host/host";
import { ApiError, apiErrorOf } from "./errors";
import type { ReportCreate, ReportUpdate } from "./definition.gen";
import type {
  GadgetSetting,
  GadgetSettingUpdate,
  ImportOptions,
  ImportRequest,
  ImportResult,
  Me,
  PurgeRequest,
  PurgeResult,
  ReportExportFile,
  ReportList,
  ReportPublic,
  SecurityContact,
  TrashList,
} from "./resources.gen";

// The answers are generated from the server's models; re-exported so callers need only this module.
export type { ImportResult, Me, PurgeResult, SecurityContact, TrashList };
export { ApiError };

export interface ReportListPage extends ReportList {
  /** The server's `Rollbook-Warning` (e.g. group-shared reports hidden), or null. */
  warning: string | null;
}

/** The report definition as edited; `version` is supplied separately to `updateReport`. */
export type ReportUpdateBody = Omit<ReportUpdate, "version">;

export interface ApiClient {
  me(): Promise<Me>;
  /** `project`: only the reports tagged with this project key (the project page). */
  listReports(query?: { search?: string; project?: string; offset?: number; limit?: number }): Promise<ReportListPage>;
  getReport(id: string): Promise<ReportPublic>;
  createReport(body: ReportCreate): Promise<ReportPublic>;
  updateReport(id: string, body: ReportUpdateBody | ReportUpdate, version: number): Promise<ReportPublic>;
  deleteReport(id: string): Promise<void>;
  listTrash(): Promise<TrashList>;
  restoreReport(id: string): Promise<ReportPublic>;
  /** Removes a report that is in the trash for good. */
  deleteReportForever(id: string): Promise<void>;
  duplicateReport(id: string): Promise<ReportPublic>;
  exportReport(id: string): Promise<ReportExportFile>;
  /** `file`: a parsed export, or the chosen file (read and parsed here). */
  importReports(file: ReportExportFile | Blob, options?: Partial<ImportOptions>): Promise<ImportResult>;
  adminExport(): Promise<ReportExportFile>;
  adminPurge(siteUrl: string): Promise<PurgeResult>;
  securityContact(): Promise<SecurityContact>;
  /** The report a dashboard gadget shows, or null before anyone chose one. */
  getGadget(dashboardItemId: string): Promise<GadgetSetting | null>;
  chooseGadgetReport(dashboardItemId: string, choice: GadgetSettingUpdate): Promise<GadgetSetting>;
}

function readBody<T>(response: ServerResponse): T {
  if (response.body === undefined)
    throw new ApiError(response.status, "invalid_response", "The Rollbook server sent a response that could not be read.");
  return response.body as T;
}

async function readExportFile(file: ReportExportFile | Blob): Promise<ReportExportFile> {
  if (typeof Blob === "undefined" || !(file instanceof Blob)) return file as ReportExportFile;
  try {
    return JSON.parse(await file.text()) as ReportExportFile;
  } catch {
    throw new ApiError(0, "invalid_file", "The file is not a Rollbook export (it is not JSON).");
  }
}

export function createApiClient(host: Pick<Host, "callServer">): ApiClient {
  async function request(
    method: ServerRequest["method"],
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ServerResponse> {
    const response = await host.callServer({
      method,
      path,
      headers: { Accept: "application/json", ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    if (response.status < 200 || response.status >= 300) throw apiErrorOf(response);
    return response;
  }

  async function json<T>(method: ServerRequest["method"], path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return readBody<T>(await request(method, path, body, headers));
  }

  const reportPath = (id: string, suffix = ""): string => `/api/reports/${encodeURIComponent(id)}${suffix}`;
  const gadgetPath = (dashboardItemId: string): string => `/api/gadgets/${encodeURIComponent(dashboardItemId)}`;

  return {
    me: () => json<Me>("GET", "/api/me"),

    async listReports(query = {}) {
      const params = new URLSearchParams();
      if (query.search) params.set("search", query.search);
      if (query.project) params.set("project", query.project);
      if (query.offset !== undefined) params.set("offset", String(query.offset));
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      const queryString = params.toString();
      const response = await request("GET", `/api/reports${queryString ? `?${queryString}` : ""}`);
      const list = readBody<ReportList>(response);
      return { ...list, warning: response.headers["rollbook-warning"] ?? null };
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
    async deleteReportForever(id) {
      await request("DELETE", `/api/trash/${encodeURIComponent(id)}`);
    },
    duplicateReport: (id) => json<ReportPublic>("POST", reportPath(id, "/duplicate")),
    exportReport: (id) => json<ReportExportFile>("GET", reportPath(id, "/export")),

    async importReports(file, importOptions = {}) {
      const parsed = await readExportFile(file);
      const options: ImportOptions = {
        keep_ids: importOptions.keep_ids ?? false,
        people: importOptions.people ?? "keep",
        source: importOptions.source ?? "",
      };
      const request: ImportRequest = { file: parsed, options };
      return json<ImportResult>("POST", "/api/import", request);
    },

    adminExport: () => json<ReportExportFile>("GET", "/api/admin/export"),
    adminPurge: (siteUrl) => json<PurgeResult>("POST", "/api/admin/purge", { confirm_site_url: siteUrl } satisfies PurgeRequest),
    securityContact: () => json<SecurityContact>("GET", "/api/admin/security-contact"),

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
