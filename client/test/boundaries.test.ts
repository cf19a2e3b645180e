/**
 * Guards over what `src/` may contain and import: test doubles live in `test/support/`, and no
 * production module reaches into `test/` (the bundle and the benchmarks would carry them).
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const CLIENT = join(__dirname, "..");
const SRC = join(CLIENT, "src");

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const SOURCES = files(SRC).filter((f) => /\.tsx?$/.test(f));

describe("src/", () => {
  it("holds no test doubles", () => {
    expect(SOURCES.filter((file) => /^fake/i.test(basename(file))).map((file) => relative(CLIENT, file))).toEqual([]);
  });

  it("imports nothing from test/", () => {
    const fromTests = /from\s+"[^"]*\/test\/[^"]*"|from\s+"[^"]*\/support\/fake[^"]*"|import\(\s*"[^"]*\/test\//;
    expect(SOURCES.filter((file) => fromTests.test(readFileSync(file, "utf8"))).map((file) => relative(CLIENT, file))).toEqual([]);
  });
});
