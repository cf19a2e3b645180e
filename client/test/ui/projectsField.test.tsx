// @vitest-environment jsdom
import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { newDraft } from "../../src/ui/editor/draft";
import { addProject, GeneralPane } from "../../src/ui/editor/panes/GeneralPane";
import type { Draft } from "../../src/ui/editor/draft";
import { makeServices, renderUi } from "./helpers";

describe("addProject", () => {
  it.each([
    ["adds a key, upper-cased", ["ROLL"], " web ", { projects: ["ROLL", "WEB"] }],
    ["refuses an empty key", [], "  ", { error: "Type a project key, such as ROLL." }],
    ["refuses a key Jira would not accept", [], "9lives", { error: "“9LIVES” is not a project key: a letter, then letters, digits or _." }],
    ["refuses a key already listed", ["ROLL"], "roll", { error: "ROLL is already listed." }],
  ])("%s", (_case, projects, typed, expected) => {
    expect(addProject(projects, typed)).toEqual(expected);
  });
});

describe("a new report's projects", () => {
  it.each([
    ["made on a project page", "ROLL", ["ROLL"]],
    ["made on the general page", undefined, []],
  ])("%s", (_case, projectKey, expected) => {
    expect(newDraft({ accountId: "me", projectKey }).projects).toEqual(expected);
  });
});

describe("General pane: projects", () => {
  it("adds and removes project tags", () => {
    let draft: Draft = { ...newDraft({ accountId: "me", projectKey: "ROLL" }), name: "R", jql: "project = ROLL" };
    const render = () =>
      renderUi(
        <GeneralPane
          draft={draft}
          onChange={(update) => {
            draft = update(draft);
          }}
          fieldChoices={{ groups: [], byKey: new Map() } as never}
          errors={new Map([["projects.0", ["must match Jira's project key rule"]]])}
          jqlCheck={{ status: "idle" } as never}
          onJqlBlur={() => undefined}
          localErrors={{}}
        />,
        makeServices(),
      );
    const { unmount } = render();
    expect(screen.getByText("must match Jira's project key rule")).toBeTruthy();
    const field = screen.getByTestId("projects-field");
    fireEvent.change(within(field).getByLabelText("Projects"), { target: { value: "web" } });
    fireEvent.keyDown(within(field).getByLabelText("Projects"), { key: "Enter" });
    expect(draft.projects).toEqual(["ROLL", "WEB"]);
    unmount();
    render();
    fireEvent.click(screen.getByRole("button", { name: "Remove project ROLL" }));
    expect(draft.projects).toEqual(["WEB"]);
  });
});
