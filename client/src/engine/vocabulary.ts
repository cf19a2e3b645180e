/**
 * The vocabulary shared with the server (generated into `vocabulary.gen.ts` from
 * `src/rollbook/reports/schemas/vocabulary.py`), read the way the engine's registries need it.
 */

import { FIELD_TYPES, type FieldType } from "./vocabulary.gen";

/**
 * The field types whose entry in `byType` lists `name`. Registries take their `types` from here,
 * so which operator or aggregation fits which type is decided once, on the server.
 */
export function typesAllowing<Name extends string>(byType: Readonly<Record<FieldType, readonly Name[]>>, name: Name): readonly FieldType[] {
  return FIELD_TYPES.filter((type) => byType[type].includes(name));
}
