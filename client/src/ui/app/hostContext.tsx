/** The host's context (current user, site URL, time zone), read once at start and shared. */

import { createContext, useContext } from "react";
import type { HostContext } from "../../host/host";

const HostContextContext = createContext<HostContext | null>(null);

export const HostContextProvider = HostContextContext.Provider;

/** Null until the host answered (or when it could not). */
export function useHostContext(): HostContext | null {
  return useContext(HostContextContext);
}
