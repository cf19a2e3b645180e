/** The root component: reads the host context once, then shows the page the server asked for. */

import { useEffect, useState } from "react";
import type { HostContext } from "../../host/host";
import { AdminPage } from "../admin/AdminPage";
import { ConfirmScreen } from "../common/ConfirmScreen";
import { GadgetPage } from "../gadget/GadgetPage";
import { ServicesProvider, type Services } from "../services";
import { HostContextProvider } from "./hostContext";
import { ReportsApp } from "./ReportsApp";

export interface AppProps {
  readonly services: Services;
  /** The report the host's URL names (the gadget's "open full report" link), if any. */
  readonly initialReportId: string | null;
  /** Whether the host's URL names that report's editor (or, with no report, a new report's). */
  readonly initialEditing?: boolean;
}

export function App({ services, initialReportId, initialEditing = false }: AppProps) {
  const [context, setContext] = useState<HostContext | null>(null);
  useEffect(() => {
    let cancelled = false;
    // Screens work without the context (names and time zone come later); no need to block.
    services.host.getContext().then(
      (c) => {
        if (!cancelled) setContext(c);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [services.host]);

  // Full pages fill the frame so the report table scrolls inside it; the gadget sizes to its content.
  const fill = services.page === "reports" || services.page === "project";
  const gadget = services.page === "gadget" || services.page === "gadgetSettings";
  return (
    <ServicesProvider services={services}>
      <HostContextProvider value={context}>
        <div className={`rb-app${fill ? " rb-app--fill" : ""}${gadget ? " rb-app--gadget" : ""}`}>
          {services.page === "admin" ? <AdminPage /> : null}
          {services.page === "confirm" ? <ConfirmScreen /> : null}
          {gadget ? <GadgetPage initialReportId={initialReportId} settingsOnly={services.page === "gadgetSettings"} /> : null}
          {services.page === "reports" || services.page === "project" ? (
            <ReportsApp initialReportId={initialReportId} initialEditing={initialEditing} />
          ) : null}
        </div>
      </HostContextProvider>
    </ServicesProvider>
  );
}
