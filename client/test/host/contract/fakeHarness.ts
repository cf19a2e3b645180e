/** The contract harness over `FakeHost`, the host every UI and loader test runs on. */

import { unreachableError } from "../../../src/api/errors";
import { createFakeHost, type FakeReply } from "../../support/fakeHost";
import {
  ACCOUNT_ID,
  DASHBOARD_ID,
  FakeRollbookServer,
  GADGET_ID,
  PROJECT_KEY,
  SITE_URL,
  TIME_ZONE,
  type HarnessFactory,
  type JiraAnswer,
} from "./harness";

export const JIRA_PATHS = { get: "/rest/api/3/myself", post: "/rest/api/3/search/jql" } as const;

export const fakeHarness: HarnessFactory = (scenario) => {
  const jiraAnswers: (JiraAnswer | "network-failure")[] = [];
  const server = new FakeRollbookServer();
  const host = createFakeHost({
    context: {
      accountId: ACCOUNT_ID,
      siteUrl: SITE_URL,
      timeZone: TIME_ZONE,
      ...(scenario.page === "project" ? { projectKey: PROJECT_KEY } : {}),
      ...(scenario.page === "gadget"
        ? {
            dashboardItem: {
              id: GADGET_ID,
              dashboardId: DASHBOARD_ID,
              editable: scenario.dashboardEditor ?? false,
              choosableHere: true,
              titledByHost: true,
            },
          }
        : {}),
    },
    page: {
      kind: scenario.page,
      reportId: scenario.page === "admin" ? null : (scenario.reportInUrl ?? null),
      ...(scenario.page === "project" ? { projectKey: PROJECT_KEY } : {}),
    },
  });
  if (scenario.gadgetChoice) host.gadgetReports.set(GADGET_ID, scenario.gadgetChoice.reportId);
  if (scenario.gadgetChoice?.viewId) host.gadgetViews.set(GADGET_ID, scenario.gadgetChoice.viewId);

  const nextJira = (): FakeReply => {
    const answer = jiraAnswers.shift();
    if (!answer) throw new Error("no Jira answer scripted");
    if (answer === "network-failure") throw new Error("Jira request could not be made: network down");
    return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
  };
  host.on("GET", JIRA_PATHS.get, nextJira).on("POST", JIRA_PATHS.post, nextJira);
  host.onAnyServerCall((request) => {
    if (server.failure === "unauthorized") return { status: 401, json: { error: "token_invalid", message: "not signed by Jira" } };
    if (server.failure) throw unreachableError("offline");
    const answer = server.handle({
      method: request.method,
      path: request.path,
      headers: { ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    return {
      status: answer.status,
      ...(answer.headers ? { headers: { ...answer.headers } } : {}),
      ...(answer.json !== undefined ? { json: answer.json } : {}),
    };
  });

  return {
    host,
    choosesInGadgetView: true,
    keepsReportInUrl: true,
    answerJira: (answer) => void jiraAnswers.push(answer),
    answerServer: (answer) => server.answer(answer),
    failServer: (failure) => {
      server.failure = failure;
    },
    jiraRequests: () => host.requests.map((r) => ({ method: r.method, path: r.path, ...(r.body !== undefined ? { body: r.body } : {}) })),
    serverRequests: () => server.requests,
    openedIssues: () => host.openedIssues,
    openedReports: () => host.openedReports,
    flags: () => host.flags,
    urlReports: () => host.pageNavigations,
    userNavigates: (reportId) => host.goBackTo(reportId),
    storedGadgetChoice: () => host.gadgetReports.get(GADGET_ID) ?? null,
    storedGadgetView: () => host.gadgetViews.get(GADGET_ID) ?? null,
  };
};
