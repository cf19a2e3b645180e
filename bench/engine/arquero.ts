/**
 * Loads Arquero for the comparison. `arquero` is installed in client/node_modules, which is not an
 * ancestor of bench/, so it is imported by path from the working directory (run from client/), with
 * the few types the benchmark needs declared here.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface AqTable {
  derive(values: Record<string, unknown>): AqTable;
  filter(predicate: unknown): AqTable;
  orderby(...keys: unknown[]): AqTable;
  groupby(...keys: string[]): AqTable;
  rollup(values: Record<string, string>): AqTable;
  unroll(column: string): AqTable;
  indices(order?: boolean): Uint32Array;
  array(name: string): unknown[];
  numRows(): number;
}

export interface Arquero {
  table(columns: Record<string, ArrayLike<unknown>>): AqTable;
  desc(key: string): unknown;
  /** Wraps a JavaScript function so Arquero calls it as-is (closures allowed) instead of parsing it. */
  escape(fn: (d: Record<string, unknown>) => unknown): unknown;
}

export async function loadArquero(): Promise<{ aq: Arquero; version: string }> {
  const root = join(process.cwd(), "node_modules", "arquero");
  try {
    const aq = (await import(pathToFileURL(join(root, "src", "index.js")).href)) as Arquero;
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    return { aq, version };
  } catch (error) {
    throw new Error(`cannot load Arquero from ${root}; run the benchmark from client/ (${String(error)})`);
  }
}
