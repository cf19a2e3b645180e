/**
 * Reading Forge's `view.getContext()` answer: who is looking, where, and which module (page
 * kind, project, dashboard gadget and its stored configuration). The answer crosses the host's
 * postMessage bridge, so every field is checked rather than trusted.
 */

import { VIEW_ID_PATTERN } from "../engine/vocabulary.gen";
import { confirmRequestInModal } from "./forgeDialog";
import type { DashboardItem, GadgetChoice, HostContext, PageKind } from "./host";
import { isReportId } from "./reportLinks";

/** The module data of `getContext().extension` that Rollbook reads. */
export interface ForgeExtension {
  readonly type: string;
  /** `"edit"` in the dashboard gadget's edit view only. */
  readonly entryPoint?: string;
  readonly editable?: boolean;
  readonly projectKey?: string;
  readonly gadgetId?: string;
  readonly dashboardId?: string;
  readonly gadgetConfiguration: Readonly<Record<string, unknown>>;
  /** In a frame opened by `new Modal({context})`: that context. */
  readonly modal?: Readonly<Record<string, unknown>>;
}

const PAGE_OF_MODULE: Readonly<Record<string, PageKind>> = {
  "jira:globalPage": "reports",
  "jira:projectPage": "project",
  "jira:adminPage": "admin",
  "jira:dashboardGadget": "gadget",
};

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  return typeof value === "number" ? String(value) : undefined;
}

export function extensionOf(context: unknown): ForgeExtension {
  const extension = record(record(context).extension);
  const entryPoint = text(extension.entryPoint);
  const projectKey = text(record(extension.project).key);
  const gadgetId = text(record(extension.gadget).id);
  const dashboardId = text(record(extension.dashboard).id);
  return {
    type: text(extension.type) ?? "",
    ...(entryPoint !== undefined ? { entryPoint } : {}),
    ...(typeof extension.editable === "boolean" ? { editable: extension.editable } : {}),
    ...(projectKey !== undefined ? { projectKey } : {}),
    ...(gadgetId !== undefined ? { gadgetId } : {}),
    ...(dashboardId !== undefined ? { dashboardId } : {}),
    gadgetConfiguration: record(extension.gadgetConfiguration),
    ...(extension.modal !== undefined ? { modal: record(extension.modal) } : {}),
  };
}

export function pageKindOf(extension: ForgeExtension): PageKind {
  // A modal runs the same resource as the page that opened it: its context says it is the question.
  if (confirmRequestInModal(extension.modal) !== null) return "confirm";
  const page = PAGE_OF_MODULE[extension.type] ?? "reports";
  return page === "gadget" && extension.entryPoint === "edit" ? "gadgetSettings" : page;
}

function dashboardItemOf(extension: ForgeExtension): DashboardItem | undefined {
  if (extension.type !== "jira:dashboardGadget" || extension.gadgetId === undefined) return undefined;
  const inEditView = extension.entryPoint === "edit";
  return {
    id: extension.gadgetId,
    dashboardId: extension.dashboardId ?? "",
    // Jira opens the edit view only for people who may edit the dashboard.
    editable: extension.editable ?? inEditView,
    choosableHere: inEditView,
    titledByHost: false,
  };
}

/** The report and view stored with `view.submit({reportId, viewId})`, or null when the gadget
 * has no report (or one that is not a report id). A view id that is not one is ignored: the
 * report's first view shows. */
export function configuredChoice(extension: ForgeExtension): GadgetChoice | null {
  const reportId = text(extension.gadgetConfiguration.reportId);
  if (reportId === undefined || !isReportId(reportId)) return null;
  const viewId = text(extension.gadgetConfiguration.viewId);
  return { reportId, viewId: viewId !== undefined && VIEW_ID_PATTERN.test(viewId) ? viewId : null };
}

/** What `view.submit` stores for a choice: the view only when one is named. */
export function gadgetConfigurationOf(choice: GadgetChoice): Record<string, string> {
  return choice.viewId === null ? { reportId: choice.reportId } : { reportId: choice.reportId, viewId: choice.viewId };
}

export function hostContextOf(context: unknown, defaultTimeZone: () => string): HostContext {
  const raw = record(context);
  const accountId = text(raw.accountId);
  // Anonymous visitors have no account id; Rollbook is for signed-in users only.
  if (!accountId) throw new Error("Jira did not say who the current user is");
  const extension = extensionOf(context);
  const cloudId = text(raw.cloudId);
  const locale = text(raw.locale);
  const dashboardItem = dashboardItemOf(extension);
  return {
    accountId,
    siteUrl: (text(raw.siteUrl) ?? "").replace(/\/+$/, ""),
    timeZone: text(raw.timezone) ?? defaultTimeZone(),
    ...(cloudId !== undefined ? { cloudId } : {}),
    ...(locale !== undefined ? { locale } : {}),
    ...(extension.projectKey !== undefined ? { projectKey: extension.projectKey } : {}),
    ...(dashboardItem !== undefined ? { dashboardItem } : {}),
  };
}
