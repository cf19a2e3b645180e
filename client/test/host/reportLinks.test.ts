import { describe, expect, it } from "vitest";
import {
  addressFromAppPath,
  addressFromSearch,
  appPathOfAddress,
  appPathOfReport,
  type PageAddress,
  reportIdFromAppPath,
  searchOfAddress,
} from "../../src/host/reportLinks";

const list: PageAddress = { reportId: null, editing: false };
const view = (reportId: string): PageAddress => ({ reportId, editing: false });
const edit = (reportId: string | null): PageAddress => ({ reportId, editing: true });

describe("Forge app paths", () => {
  it.each([
    ["the list", "/", list],
    ["a report", "/report/r-1", view("r-1")],
    ["a report, trailing slash", "/report/r-1/", view("r-1")],
    ["a report's editor", "/report/r-1/edit", edit("r-1")],
    ["a report's editor, trailing slash", "/report/r-1/edit/", edit("r-1")],
    ["a new report's editor", "/new", edit(null)],
    ["an encoded id", "/report/r%2D1/edit", edit("r-1")],
    ["an id that is not a report id", "/report/..%2Fadmin/edit", list],
    ["a broken escape", "/report/%E0%A4%A/edit", list],
    ["an unknown action", "/report/r-1/delete", list],
    ["an unknown path", "/trash", list],
  ])("%s", (_case, path, expected) => {
    expect(addressFromAppPath(path)).toEqual(expected);
  });

  it.each([
    ["the list", list, "/"],
    ["a report", view("r-1"), "/report/r-1"],
    ["a report's editor", edit("r-1"), "/report/r-1/edit"],
    ["a new report's editor", edit(null), "/new"],
  ])("writes %s as a path that reads back the same", (_case, address, path) => {
    expect(appPathOfAddress(address)).toBe(path);
    expect(addressFromAppPath(path)).toEqual(address);
  });

  it("names the report of a viewer or editor path", () => {
    expect(reportIdFromAppPath("/report/r-1/edit")).toBe("r-1");
    expect(reportIdFromAppPath("/new")).toBeNull();
    expect(appPathOfReport("r-1")).toBe("/report/r-1");
    expect(appPathOfReport(null)).toBe("/");
  });
});

describe("query-style states", () => {
  it.each([
    ["empty", "", list],
    ["a report", "report=r-1", view("r-1")],
    ["a Connect link parameter", "ac.report=r-1", view("r-1")],
    ["a report's editor", "report=r-1&edit=1", edit("r-1")],
    ["a new report's editor", "edit=1", edit(null)],
    ["a bad id with an edit marker", "report=%2E%2E&edit=1", list],
    ["an empty id", "report=&edit=1", list],
  ])("%s", (_case, search, expected) => {
    expect(addressFromSearch(search)).toEqual(expected);
  });

  it("escapes the id it writes", () => {
    expect(searchOfAddress(edit("r-1"))).toBe("report=r-1&edit=1");
    expect(searchOfAddress(list)).toBe("");
  });
});
