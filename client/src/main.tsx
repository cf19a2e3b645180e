/**
 * Entry point of the Rollbook client inside the Jira iframe, one bundle for both hosts: finds
 * the host (Forge or Connect, `host/startHost.ts`), asks it which page to show and mounts the
 * UI, which never learns which host it runs on.
 */

import { createRoot } from "react-dom/client";
import { createApiClient } from "./api/client";
import type { Host, HostPage } from "./host/host";
import { startHost } from "./host/startHost";
import { createReportSession } from "./session/reportSession";
import { App } from "./ui/app/App";
import { createJiraHelpers } from "./ui/app/jiraHelpers";
import { ErrorBanner } from "./ui/common/ErrorBanner";
import { errorMessage } from "./ui/common/errors";
import type { Services } from "./ui/services";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/table.css";
import "./styles/group-rows.css";
import "./styles/conditional-formats.css";
import "./styles/pivot.css";
import "./styles/chart.css";
import "./styles/editor.css";
import "./styles/editor-views.css";
import "./styles/print.css";

async function start(): Promise<void> {
  const rootElement = document.getElementById("root");
  if (!rootElement) return;
  const root = createRoot(rootElement);
  let connected: { host: Host; page: HostPage } | null;
  try {
    const host = await startHost();
    connected = host ? { host, page: await host.getPage() } : null;
  } catch (error) {
    root.render(<ErrorBanner title="Rollbook could not start" message={errorMessage(error)} />);
    return;
  }
  if (!connected) {
    root.render(<ErrorBanner title="Rollbook could not start" message="Rollbook runs inside Jira: open it from your Jira site." />);
    return;
  }
  const { host, page } = connected;
  const services: Services = {
    host,
    api: createApiClient(host),
    jira: createJiraHelpers(host),
    createSession: () => createReportSession({ host }),
    loadExporters: () => import("./export/index"),
    page: page.kind,
    ...(page.projectKey ? { projectKey: page.projectKey } : {}),
  };
  root.render(<App services={services} initialReportId={page.reportId} initialEditing={page.editing === true} />);
}

void start();
