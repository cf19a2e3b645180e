/**
 * What every screen needs from outside React — host, server API, Jira look-ups, report sessions,
 * exporters — handed down once through context so screens stay testable with fakes.
 */

import { createContext, useContext, type ReactNode } from "react";
import type { PageKind } from "../host/host";
import type { Exporters, Host, JiraHelpers, ReportSession, ReportsApi } from "./ports";

export type { PageKind };

export interface Services {
  readonly host: Host;
  readonly api: ReportsApi;
  readonly jira: JiraHelpers;
  /** A fresh session per viewer: it holds the only copy of the report's issue data. */
  createSession(): ReportSession;
  /** Loaded on demand (dynamic import) so XLSX code stays out of the initial bundle. */
  loadExporters(): Promise<Exporters>;
  readonly page: PageKind;
  /** Set on the project page: new reports start with `project = KEY`. */
  readonly projectKey?: string;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside ServicesProvider");
  return services;
}
