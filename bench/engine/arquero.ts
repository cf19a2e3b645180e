/**
 * Loads Arquero for the comparison. `arquero` is installed in client/node_modules, which is not an
 * ancestor of bench/, so it is imported by path from the working directory (run from client/), with
 * the few types the benchmark needs declared here.
 */

import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface AqTable {
  derive(values: Record<string, string>): AqTable;
  filter(predicate: string): AqTable;
  orderby(...keys: unknown[]): AqTable;
  groupby(...keys: string[]): AqTable;
  rollup(values: Record<string, string>): AqTable;
  indices(order?: boolean): Uint32Array;
  numRows(): number;
  objects(options?: { limit?: number }): Record<string, unknown>[];
}

export interface Arquero {
  table(columns: Record<string, ArrayLike<unknown>>): AqTable;
  desc(key: string): unknown;
}

export async function loadArquero(): Promise<Arquero> {
  const entry = join(process.cwd(), "node_modules", "arquero", "src", "index.js");
  try {
    return (await import(pathToFileURL(entry).href)) as Arquero;
  } catch (error) {
    throw new Error(`cannot load Arquero from ${entry}; run the benchmark from client/ (${String(error)})`);
  }
}
