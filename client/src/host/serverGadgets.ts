/**
 * The dashboard gadget's report as stored by the Rollbook server (`/api/gadgets/{id}`): where
 * Connect keeps it, and where a Forge gadget without its own configuration finds a choice
 * migrated from Connect.
 */

import { createApiClient } from "../api/client";
import type { DashboardItem, Host } from "./host";

type ServerCaller = Pick<Host, "callServer">;

export async function readServerGadgetReport(server: ServerCaller, itemId: string): Promise<string | null> {
  const setting = await createApiClient(server).getGadget(itemId);
  return setting?.report_id ?? null;
}

export async function storeServerGadgetReport(server: ServerCaller, item: DashboardItem, reportId: string): Promise<void> {
  await createApiClient(server).chooseGadgetReport(item.id, { dashboard_id: item.dashboardId, report_id: reportId });
}
