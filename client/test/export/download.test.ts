// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { download, exportFilename } from "../../src/export/download";

describe("download", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("clicks a temporary link to an object URL and revokes the URL afterwards", async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return "blob:rollbook/1";
    });
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });

    download("report.xlsx", new Uint8Array([80, 75, 3, 4]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe("report.xlsx");
    expect(clicked[0]!.href).toBe("blob:rollbook/1");
    expect(document.querySelector("a")).toBeNull();
    expect(blobs[0]!.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(blobs[0]!.size).toBe(4);
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith("blob:rollbook/1");
  });
});

describe("exportFilename", () => {
  it.each([
    ["Sprint report", "csv", "Sprint report.csv"],
    ['a/b\\c:d*e?f"g<h>i|j', "xlsx", "a b c d e f g h i j.xlsx"],
    ["   ", "csv", "report.csv"],
    ["x".repeat(300), "csv", `${"x".repeat(120)}.csv`],
  ] as const)("%j → %j", (name, extension, expected) => {
    expect(exportFilename(name, extension)).toBe(expected);
  });
});
