/**
 * The import dialog's pure parts: what a chosen file must be before anything is asked, and how
 * the dialog's values (from the host's dialog frame or the in-frame fallback) become the
 * import's options.
 */

import { describe, expect, it } from "vitest";
import { importOptionsOf, parseExportFile } from "../../src/ui/list/ImportDialog";

const EXPORT = { format: "rollbook.report-export", format_version: 1, exported_at: "2026-12-01T00:00:00Z" };

describe("parseExportFile", () => {
  it.each([
    ["text that is not JSON", "{not json", /not JSON/],
    ["JSON of another kind", JSON.stringify({ format: "other", reports: [] }), /not a Rollbook report export/],
    ["an export without reports", JSON.stringify({ ...EXPORT, reports: [] }), /holds no reports/],
  ])("refuses %s with a sentence", (_name, text, message) => {
    expect(() => parseExportFile(text)).toThrow(message);
  });

  it("reads an export with reports", () => {
    expect(parseExportFile(JSON.stringify({ ...EXPORT, reports: [{ id: "r1" }] })).reports).toHaveLength(1);
  });
});

describe("importOptionsOf", () => {
  it.each([
    ["the initial values", { people: "keep", keepIds: false }, { keep_ids: false, people: "keep" }],
    ["only me, ids kept", { people: "importer_only", keepIds: true }, { keep_ids: true, people: "importer_only" }],
    ["values that fit nothing", { people: "everyone", keepIds: "yes" }, { keep_ids: false, people: "keep" }],
  ])("maps %s", (_name, values, expected) => {
    expect(importOptionsOf(values, "team\u0007.rollbook.json")).toEqual({ ...expected, source: "team.rollbook.json" });
  });
});
