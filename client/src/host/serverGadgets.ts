/**
 * The dashboard gadget's report and view as stored by the Rollbook server (`/api/gadgets/{id}`):
 * where Connect keeps them, and where a Forge gadget without its own configuration finds a
 * choice migrated from Connect.
 */

import { createApiClient } from "../api/client";
import type { DashboardItem, GadgetChoice, Host } from "./host";

type ServerCaller = Pick<Host, "callServer">;

export async function readServerGadgetReport(server: ServerCaller, itemId: string): Promise<GadgetChoice | null> {
  const setting = await createApiClient(server).getGadget(itemId);
  return setting ? { reportId: setting.report_id, viewId: setting.view_id ?? null } : null;
}

export async function storeServerGadgetReport(server: ServerCaller, item: DashboardItem, choice: GadgetChoice): Promise<void> {
  await createApiClient(server).chooseGadgetReport(item.id, {
    dashboard_id: item.dashboardId,
    report_id: choice.reportId,
    view_id: choice.viewId,
  });
}
