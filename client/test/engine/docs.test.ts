import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { aggregationFns, bucketFns, FIELD_TYPES, filterFns, formatFns, formulaFns, rollupFns, sortFns } from "../../src/engine/index";
import { HISTORY_FIELDS } from "../../src/engine/vocabulary.gen";

const docs = readFileSync(resolve(__dirname, "../../../docs/engine.md"), "utf8");
const documented = (text: string) => docs.includes(`\`${text}\``);

describe("docs/engine.md documents everything registered", () => {
  it.each(FIELD_TYPES.map((t) => [t]))("field type %s", (name) => expect(documented(name)).toBe(true));
  it.each(formatFns.names().map((n) => [n]))("format %s", (name) => expect(documented(name)).toBe(true));
  it.each(filterFns.names().map((n) => [n]))("filter operator %s", (name) => expect(documented(name)).toBe(true));
  it.each(aggregationFns.names().map((n) => [n]))("aggregation %s", (name) => expect(documented(name)).toBe(true));
  it.each(bucketFns.names().map((n) => [n]))("bucket %s", (name) => expect(documented(name)).toBe(true));
  it.each(sortFns.names().map((n) => [n]))("sort function %s", (name) => expect(documented(name)).toBe(true));
  it.each(formulaFns.entries().map((f) => [f.name, f.signature]))("formula function %s as `%s`", (_name, signature) =>
    expect(documented(signature)).toBe(true),
  );
  it.each(rollupFns.entries().map((f) => [f.name, f.signature]))("rollup function %s as `%s`", (_name, signature) =>
    expect(documented(signature)).toBe(true),
  );
  // A kind with a parameter is documented as its key with a placeholder: `history_last_left_<statusId>`.
  it.each([...HISTORY_FIELDS].map(([name, kind]) => [name, kind.parameter]))("history field %s (parameter %s)", (name, parameter) =>
    expect(parameter === null ? documented(`history_${name}`) : docs.includes(`\`history_${name}_<`)).toBe(true),
  );
});
