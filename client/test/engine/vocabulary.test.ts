/**
 * The engine agrees with the vocabulary shared with the server (`engine/vocabulary.gen.ts`,
 * generated from `src/rollbook/reports/schemas/vocabulary.py`), entry by entry and in both
 * directions: an operator or aggregation dropped on either side, or a type added to one side
 * only, fails here.
 */

import { describe, expect, it } from "vitest";
import { aggregationFns } from "../../src/engine/aggregation/aggregationFns";
import { resolveFieldSpec } from "../../src/engine/columns/fieldTypes";
import type { FieldType } from "../../src/engine/columns/types";
import { filterFns } from "../../src/engine/filtering/filterFns";
import type { Registry } from "../../src/engine/registry";
import {
  AGGREGATIONS_BY_TYPE,
  FIELD_TYPES,
  FIELD_KEY_PATTERN,
  JIRA_FIELD_KEY_PATTERN,
  OPERATORS_BY_TYPE,
  SYSTEM_FIELDS,
} from "../../src/engine/vocabulary.gen";

interface TypedEntry {
  readonly name: string;
  readonly types: readonly FieldType[];
}

const REGISTRIES: [string, Registry<TypedEntry>, Readonly<Record<FieldType, readonly string[]>>][] = [
  ["filter operator", filterFns, OPERATORS_BY_TYPE],
  ["aggregation", aggregationFns, AGGREGATIONS_BY_TYPE],
];

describe.each(REGISTRIES)("the %s registry and the vocabulary", (_kind, registry, byType) => {
  const vocabularyNames = [...new Set(FIELD_TYPES.flatMap((type) => byType[type]))];

  it.each(vocabularyNames)("%s, in the vocabulary, is registered", (name) => {
    expect(registry.has(name)).toBe(true);
  });

  it.each(registry.names())("%s, registered, is in the vocabulary", (name) => {
    expect(vocabularyNames).toContain(name);
  });

  it.each(FIELD_TYPES)("%s fields take exactly the vocabulary's entries", (type) => {
    const registered = registry
      .entries()
      .filter((entry) => entry.types.includes(type))
      .map((entry) => entry.name);
    expect(registered.sort()).toEqual([...byType[type]].sort());
  });
});

describe("system fields", () => {
  // A schema type that would mislead: only the vocabulary can give the right answer.
  it.each([...SYSTEM_FIELDS].map(([key, field]) => [key, field.type, field.entryKind] as const))(
    "%s is %s with %s entries",
    (key, type, entryKind) => {
      const spec = resolveFieldSpec(key, { id: key, name: key, custom: false, schema: { type: "string", system: key } });
      expect([spec.type, spec.entryKind]).toEqual([type, entryKind]);
    },
  );

  it("every key is a Jira field key", () => {
    for (const key of SYSTEM_FIELDS.keys()) expect(JIRA_FIELD_KEY_PATTERN.test(key) && FIELD_KEY_PATTERN.test(key)).toBe(true);
  });
});
