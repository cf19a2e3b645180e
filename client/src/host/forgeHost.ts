/**
 * The Forge host adapter: `Host` over the parts of `@forge/bridge` Rollbook uses. The bridge is
 * passed in rather than imported, because importing `@forge/bridge` outside a Forge frame throws
 * (its modules look for `window.__bridge` at import time): `forgeStart.ts`, loaded lazily and
 * only inside Forge, hands in the real package.
 */

import {
  issueSearchPath,
  type DashboardItem,
  type DialogValues,
  type FlagType,
  type GadgetChoice,
  type Host,
  type HostContext,
  type HostPage,
  type JiraRequest,
  type JiraResponse,
  type ServerRequest,
} from "./host";
import { configuredChoice, extensionOf, gadgetConfigurationOf, hostContextOf, pageKindOf } from "./forgeContext";
import { askInForgeModal, confirmRequestInModal, type ForgeModalClass } from "./forgeDialog";
import { invocationError, serverResponseOf } from "./forgeRemote";
import { addressFromAppPath, appPathOfAddress, appPathOfReport, LIST_ADDRESS } from "./reportLinks";
import { readServerGadgetReport } from "./serverGadgets";

/** The general reports page's module key in `forge/manifest.yml`, where the gadget's link leads. */
export const GLOBAL_PAGE_MODULE_KEY = "rollbook-global";
// Bounds how long the first render waits for the host's theme.
const THEME_WAIT_MS = 1500;

export interface ForgeLocation {
  readonly pathname: string;
}

/** `view.createHistory()`: built inside the frame by the host's bridge script. */
export interface ForgeHistory {
  readonly location: ForgeLocation;
  push(path: string): void;
  replace?(path: string): void;
  /** `go(-1)` is Back in both the history v4 API Forge's bridge types name and v5. */
  go?(delta: number): void;
  listen(listener: (location: ForgeLocation) => void): () => void;
}

export type ForgeNavigationLocation = { target: "issue"; issueKey: string } | { target: "module"; moduleKey: string; path?: string };

/** The part of `@forge/bridge` Rollbook uses. */
export interface ForgeBridge {
  requestJira(restPath: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  invokeRemote(input: {
    path: string;
    method: ServerRequest["method"];
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<unknown>;
  router: {
    navigate(location: string | ForgeNavigationLocation): Promise<void>;
    open(location: string | ForgeNavigationLocation): Promise<void>;
  };
  showFlag(options: { id: string; title?: string; description?: string; type?: FlagType; isAutoDismiss?: boolean }): unknown;
  Modal: ForgeModalClass;
  view: {
    close(payload?: unknown): Promise<void>;
    getContext(): Promise<unknown>;
    createHistory(): Promise<ForgeHistory>;
    submit(payload?: unknown): Promise<void>;
    theme: { enable(): Promise<void> };
  };
}

export interface ForgeHostOptions {
  readonly defaultTimeZone?: () => string;
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** Calls a bridge function whose failure only the user would notice, and never lets it throw. */
function quietly(call: () => unknown): void {
  try {
    const returned = call();
    if (returned && typeof (returned as Promise<unknown>).then === "function")
      (returned as Promise<unknown>).then(undefined, () => undefined);
  } catch {
    // The host declined (e.g. the user cancelled a navigation): nothing to recover.
  }
}

/** Follows the host's light/dark theme; a host that cannot (or is slow to) leaves the default. */
export async function enableForgeTheming(bridge: Pick<ForgeBridge, "view">, waitMs = THEME_WAIT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  try {
    await Promise.race([Promise.resolve().then(() => bridge.view.theme.enable()), timeout]);
  } catch {
    // Theming is cosmetic.
  } finally {
    clearTimeout(timer);
  }
}

async function toJiraResponse(response: Response): Promise<JiraResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

export function createForgeHost(bridge: ForgeBridge, options: ForgeHostOptions = {}): Host {
  const defaultTimeZone = options.defaultTimeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  let rawContext: Promise<unknown> | null = null;
  let pageHistory: Promise<ForgeHistory | null> | null = null;
  // The place in the app path as last seen or set (its canonical path): history events for it are not news.
  let placeInPath = appPathOfAddress(LIST_ADDRESS);
  const pageListeners = new Set<(reportId: string | null, editing: boolean) => void>();
  // A choice submitted in this frame wins over the configuration the frame started with.
  let submittedChoice: GadgetChoice | null = null;
  let flagCount = 0;

  function forgeContext(): Promise<unknown> {
    rawContext ??= bridge.view.getContext();
    // A failed lookup is not remembered, so a later call can succeed.
    rawContext.catch(() => {
      rawContext = null;
    });
    return rawContext;
  }

  /** The page's history (full pages only; gadgets have no app path), listened to once. */
  function history(): Promise<ForgeHistory | null> {
    pageHistory ??= forgeContext().then(async (context) => {
      const kind = pageKindOf(extensionOf(context));
      if (kind !== "reports" && kind !== "project") return null;
      const created = await bridge.view.createHistory();
      placeInPath = appPathOfAddress(addressFromAppPath(created.location.pathname));
      created.listen((location) => {
        const address = addressFromAppPath(location.pathname);
        const path = appPathOfAddress(address);
        if (path === placeInPath) return;
        placeInPath = path;
        for (const listener of [...pageListeners]) listener(address.reportId, address.editing);
      });
      return created;
    });
    pageHistory.catch(() => {
      pageHistory = null;
    });
    return pageHistory;
  }

  const host: Host = {
    kind: "forge",

    async requestJira(path: string, request: JiraRequest = {}): Promise<JiraResponse> {
      if (!path.startsWith("/rest/")) throw new Error(`not a Jira REST path: ${path}`);
      const method = request.method ?? "GET";
      const post = method === "POST";
      try {
        const response = await bridge.requestJira(path, {
          method,
          headers: { Accept: "application/json", ...(post ? { "Content-Type": "application/json" } : {}) },
          ...(post ? { body: JSON.stringify(request.body ?? {}) } : {}),
        });
        return await toJiraResponse(response);
      } catch (error) {
        throw new Error(`Jira request could not be made: ${messageOf(error)}`);
      }
    },

    async callServer(request) {
      let answer: unknown;
      try {
        answer = await bridge.invokeRemote({
          path: request.path,
          method: request.method,
          headers: { ...request.headers },
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
      } catch (error) {
        throw invocationError(error);
      }
      return serverResponseOf(answer);
    },

    async getContext(): Promise<HostContext> {
      return hostContextOf(await forgeContext(), defaultTimeZone);
    },

    async getPage(): Promise<HostPage> {
      const extension = extensionOf(await forgeContext());
      const kind = pageKindOf(extension);
      if (kind !== "reports" && kind !== "project") return { kind, reportId: null };
      // Without a history the page still works; it just cannot open on a report from the URL.
      const pageHistory = await history().catch(() => null);
      const address = pageHistory ? addressFromAppPath(pageHistory.location.pathname) : LIST_ADDRESS;
      return {
        kind,
        reportId: address.reportId,
        ...(address.editing ? { editing: true } : {}),
        ...(kind === "project" && extension.projectKey ? { projectKey: extension.projectKey } : {}),
      };
    },

    navigatePage(reportId, options): void {
      history().then(
        (pageHistory) => {
          if (!pageHistory) return;
          const path = appPathOfAddress({ reportId, editing: options?.editing === true });
          if (pageHistory.location.pathname === path) return;
          placeInPath = path;
          if (options?.replace && typeof pageHistory.replace === "function") pageHistory.replace(path);
          else pageHistory.push(path);
        },
        () => undefined,
      );
    },

    navigatePageBack(): void {
      history().then(
        (pageHistory) => quietly(() => pageHistory?.go?.(-1)),
        () => undefined,
      );
    },

    onPageNavigation(listener) {
      pageListeners.add(listener);
      history().catch(() => undefined);
      return () => {
        pageListeners.delete(listener);
      };
    },

    openReportPage(reportId: string): void {
      quietly(() => bridge.router.navigate({ target: "module", moduleKey: GLOBAL_PAGE_MODULE_KEY, path: appPathOfReport(reportId) }));
    },

    async getGadgetReport(item: DashboardItem): Promise<GadgetChoice | null> {
      if (submittedChoice !== null) return submittedChoice;
      const configured = configuredChoice(extensionOf(await forgeContext()));
      if (configured !== null) return configured;
      // No configuration of its own: a choice migrated from Connect lives on the server.
      return readServerGadgetReport(host, item.id);
    },

    async chooseGadgetReport(_item: DashboardItem, choice: GadgetChoice): Promise<void> {
      try {
        await bridge.view.submit(gadgetConfigurationOf(choice));
      } catch (error) {
        throw new Error(`Jira did not store the gadget's report (${messageOf(error)}). Choose it in the gadget's edit view.`);
      }
      submittedChoice = choice;
    },

    openIssue(issueKey: string): void {
      // A new tab keeps the report, whose issues live only in this page, open.
      quietly(() => bridge.router.open({ target: "issue", issueKey }));
    },

    openIssueSearch(jql: string): void {
      // Like issues, in a new tab; a site-relative URL is what router.open takes for pages without a target.
      quietly(() => bridge.router.open(issueSearchPath(jql)));
    },

    ask: (request) => askInForgeModal(bridge.Modal, request),
    confirm: (request) => askInForgeModal(bridge.Modal, request).then((answer) => answer.confirmed),

    async dialogRequest() {
      const request = confirmRequestInModal(extensionOf(await forgeContext()).modal);
      if (!request) throw new Error("The dialog was opened without a question.");
      return request;
    },

    closeDialog(confirmed: boolean, values: DialogValues = {}): void {
      quietly(() => bridge.view.close({ confirmed, values: { ...values } }));
    },

    // Forge sizes the frame itself (its iframe resizer script); there is nothing to ask for.
    resize: () => undefined,
    // Forge shows the manifest's title above a gadget and offers no call to change it.
    setGadgetTitle: () => undefined,

    showFlag(flag): void {
      flagCount++;
      quietly(() =>
        bridge.showFlag({
          id: `rollbook-flag-${flagCount}`,
          title: flag.title,
          ...(flag.body !== undefined ? { description: flag.body } : {}),
          type: flag.type,
          isAutoDismiss: flag.type !== "error",
        }),
      );
    },
  };
  return host;
}
