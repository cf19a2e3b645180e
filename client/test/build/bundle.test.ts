/**
 * The production bundle, built in memory with the project's Vite config: one entry for both
 * hosts, whose static import graph never reaches `@forge/bridge` (it throws when imported
 * outside Forge), an `index.html` fit for Forge's Custom UI CSP, and a manifest entry the
 * Connect page shell (`router.py`, `/static/app/` + `file`) can load.
 */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, type Rolldown } from "vite";
import { beforeAll, describe, expect, it } from "vitest";

type Output = (Rolldown.OutputChunk | Rolldown.OutputAsset)[];

const CLIENT_DIR = fileURLToPath(new URL("../..", import.meta.url));
const FORGE_PACKAGE = /[\\/]node_modules[\\/]@forge[\\/]/;
/** Issue 12's ceiling for what every page loads before it can show anything. */
const INITIAL_GZIP_LIMIT = 250 * 1024;
/** Loaded on first use, never on the way to the first report: the editor, the exporters and the chart library. */
const ON_DEMAND = [/src\/ui\/editor\/ReportEditor\.tsx$/, /src\/export\/index\.ts$/, /src\/ui\/viewer\/chart\/echarts\.ts$/];
/** ECharts and its renderer, zrender: only in the chart chunk (docs/charts.md). */
const CHART_LIBRARY = /[\\/]node_modules[\\/](echarts|zrender)[\\/]/;

let output: Output;

beforeAll(async () => {
  const result = await build({
    root: CLIENT_DIR,
    configFile: join(CLIENT_DIR, "vite.config.ts"),
    logLevel: "silent",
    build: { outDir: mkdtempSync(join(tmpdir(), "rollbook-bundle-")), write: false, emptyOutDir: false },
  });
  output = (Array.isArray(result) ? result[0]! : (result as Rolldown.RolldownOutput)).output as Output;
}, 60_000);

const chunks = () => output.filter((item): item is Rolldown.OutputChunk => item.type === "chunk");
const asset = (fileName: string) =>
  output.find((item): item is Rolldown.OutputAsset => item.type === "asset" && item.fileName === fileName);
const entry = () => chunks().find((chunk) => chunk.isEntry)!;

/** The entry and every chunk it imports statically, transitively: what every page evaluates. */
function staticallyLoaded(): Rolldown.OutputChunk[] {
  const byName = new Map(chunks().map((chunk) => [chunk.fileName, chunk]));
  const seen = new Map<string, Rolldown.OutputChunk>();
  const visit = (chunk: Rolldown.OutputChunk): void => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) visit(byName.get(name)!);
  };
  visit(entry());
  return [...seen.values()];
}

describe("the bundle", () => {
  it("has one entry, built from index.html", () => {
    expect(chunks().filter((chunk) => chunk.isEntry)).toHaveLength(1);
    expect(entry().facadeModuleId).toMatch(/index\.html$/);
  });

  it("keeps @forge/bridge out of everything the entry loads statically", () => {
    const loaded = staticallyLoaded();
    expect(loaded.flatMap((chunk) => chunk.moduleIds).filter((id) => FORGE_PACKAGE.test(id) || /forgeStart\.ts$/.test(id))).toEqual([]);
  });

  it("loads @forge/bridge in a chunk the entry imports dynamically", () => {
    const forgeChunks = chunks().filter((chunk) => chunk.moduleIds.some((id) => FORGE_PACKAGE.test(id)));
    expect(forgeChunks.length).toBeGreaterThan(0);
    const forgeStart = chunks().find((chunk) => chunk.facadeModuleId?.endsWith("src/host/forgeStart.ts"))!;
    expect(entry().dynamicImports).toContain(forgeStart.fileName);
    for (const chunk of forgeChunks) expect([forgeStart.fileName, ...forgeStart.imports]).toContain(chunk.fileName);
  });

  it("writes index.html with a root element, relative asset URLs and no inline script", () => {
    const html = String(asset("index.html")!.source);
    expect(html).toContain('<div id="root"></div>');
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^\.\/assets\//);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="/);
      expect(body!.trim()).toBe("");
    }
  });

  it("names the entry in the manifest so the Connect page shell finds its script and styles", () => {
    const manifest = JSON.parse(String(asset(".vite/manifest.json")!.source)) as Record<
      string,
      { file: string; css?: string[]; isEntry?: boolean }
    >;
    const entries = Object.entries(manifest).filter(([, item]) => item.isEntry);
    expect(entries.map(([key]) => key)).toEqual(["index.html"]);
    const [, item] = entries[0]!;
    const fileNames = new Set(output.map((out) => out.fileName));
    // router.py serves the build at /static/app/ and prefixes each path with it.
    for (const path of [item.file, ...(item.css ?? [])]) {
      expect(fileNames.has(path)).toBe(true);
      expect(new URL(`/static/app/${path}`, "https://rollbook.example").pathname).toBe(`/static/app/${path}`);
    }
    expect(item.css?.length).toBeGreaterThan(0);
  });

  it("ships no debug hook: nothing on window tells what a report session holds", () => {
    const withHook = chunks().filter((chunk) => /rollbookDebug|ROLLBOOK_DEBUG_HOOK/.test(chunk.code));
    expect(withHook.map((chunk) => chunk.fileName)).toEqual([]);
  });

  it("keeps the initial load (entry, its static imports and the entry's styles) under 250 KB gzip", () => {
    const scripts = staticallyLoaded().map((chunk) => chunk.code);
    const styles = output
      .filter((item) => item.type === "asset" && item.fileName.endsWith(".css"))
      .map((item) => String((item as Rolldown.OutputAsset).source));
    const gzipped = [...scripts, ...styles].reduce((sum, text) => sum + gzipSync(text).length, 0);
    expect(gzipped).toBeGreaterThan(10 * 1024);
    expect(gzipped).toBeLessThan(INITIAL_GZIP_LIMIT);
  });

  it("keeps ECharts out of the initial load: it is in the chart module's chunk only", () => {
    const initial = staticallyLoaded().flatMap((chunk) => chunk.moduleIds);
    expect(initial.filter((id) => CHART_LIBRARY.test(id))).toEqual([]);
    const withLibrary = chunks().filter((chunk) => chunk.moduleIds.some((id) => CHART_LIBRARY.test(id)));
    expect(withLibrary.length).toBeGreaterThan(0);
    const chartModule = chunks().find((chunk) => chunk.moduleIds.some((id) => /src\/ui\/viewer\/chart\/echarts\.ts$/.test(id)))!;
    for (const chunk of withLibrary) expect([chartModule.fileName, ...chartModule.imports]).toContain(chunk.fileName);
  });

  it("loads the editor, the exporters and the chart library on demand, outside the initial load", () => {
    const initial = staticallyLoaded().flatMap((chunk) => chunk.moduleIds);
    for (const pattern of ON_DEMAND) {
      expect(initial.filter((id) => pattern.test(id))).toEqual([]);
      expect(chunks().some((chunk) => chunk.moduleIds.some((id) => pattern.test(id)))).toBe(true);
    }
  });

  it("uses no eval, as Forge's CSP forbids it", () => {
    for (const chunk of chunks()) expect(chunk.code).not.toMatch(/\beval\(|new Function\(/);
  });
});
