/** Site configuration (fields, priorities) is not issue data and rarely changes: fetch it once
 * per host for the page's life. A failure is not remembered, so the next call tries again. */

import type { JiraHost } from "../host/host";

export function oncePerHost<T>(fetch: (host: JiraHost) => Promise<T>): (host: JiraHost) => Promise<T> {
  const byHost = new WeakMap<JiraHost, Promise<T>>();
  return (host) => {
    let pending = byHost.get(host);
    if (!pending) {
      const request = fetch(host);
      pending = request;
      byHost.set(host, request);
      request.catch(() => {
        if (byHost.get(host) === request) byHost.delete(host);
      });
    }
    return pending;
  };
}
