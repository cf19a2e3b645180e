/**
 * Guards over the UI sources: no raw HTML injection, no code evaluation, no browser storage
 * (privacy promise 4: report data lives in memory only), no third-party assets (promise 11).
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const CLIENT = join(__dirname, "..", "..");
const ROOTS = [join(CLIENT, "src", "ui"), join(CLIENT, "src", "styles"), join(CLIENT, "src", "main.tsx")];

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const SOURCES = ROOTS.flatMap(files).filter((f) => /\.(tsx?|css)$/.test(f));

const FORBIDDEN: [string, RegExp][] = [
  ["dangerouslySetInnerHTML", /dangerouslySetInnerHTML/],
  ["innerHTML / outerHTML", /\.(inner|outer)HTML\b|insertAdjacentHTML/],
  ["eval", /\beval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
  ["string timers", /set(Timeout|Interval)\s*\(\s*["'`]/],
  ["localStorage", /localStorage/],
  ["sessionStorage", /sessionStorage/],
  ["IndexedDB", /indexedDB/i],
  ["Cache API", /\bcaches\./],
  ["cookies", /document\.cookie/],
  ["remote fonts", /@font-face|@import\s+url|fonts\.googleapis/],
  ["remote URLs in styles or markup", /url\(\s*["']?https?:/],
  ["script elements", /createElement\(\s*["']script/],
];

describe("UI sources", () => {
  it("are found", () => {
    expect(SOURCES.length).toBeGreaterThan(20);
  });

  it.each(FORBIDDEN)("use no %s", (_name, pattern) => {
    const offenders = SOURCES.filter((file) => pattern.test(readFileSync(file, "utf8"))).map((file) => relative(CLIENT, file));
    expect(offenders).toEqual([]);
  });

  it("reach Jira only through the ports (`ui/app/jiraHelpers.ts` binds them; screens import types at most)", () => {
    const valueImportOfJira = /import\s+(?!type\b)[^;]*?from\s+"[^"]*\/jira\/[^"]*"/;
    const offenders = SOURCES.filter((file) => !file.endsWith(join("ui", "app", "jiraHelpers.ts")))
      .filter((file) => valueImportOfJira.test(readFileSync(file, "utf8")))
      .map((file) => relative(CLIENT, file));
    expect(offenders).toEqual([]);
  });

  it("stay under 500 lines per file", () => {
    const long = SOURCES.filter((file) => readFileSync(file, "utf8").split("\n").length > 500).map((file) => relative(CLIENT, file));
    expect(long).toEqual([]);
  });

  it("start TypeScript modules with a docstring", () => {
    const bare = SOURCES.filter((f) => /\.tsx?$/.test(f))
      .filter((file) => !/^\s*\/\*\*/.test(readFileSync(file, "utf8").replace(/^\/\/ @vitest.*\n/, "")))
      .map((file) => relative(CLIENT, file));
    expect(bare).toEqual([]);
  });
});
