/**
 * Field references by display name (`[Story Points]`): names compare ignoring case and repeated
 * spaces, and a name that several fields share is reported rather than guessed, because Jira
 * sites often have two custom fields with the same name.
 */

export interface NamedField {
  readonly key: string;
  readonly name: string;
}

export type NameResolution = { readonly key: string } | { readonly problem: string };

/** Maps a display name to its field key, or says why it cannot. */
export type FieldNameResolver = (name: string) => NameResolution;

export const normalizeFieldName = (name: string): string => name.trim().replace(/\s+/g, " ").toLowerCase();

export function createFieldNameResolver(fields: Iterable<NamedField>): FieldNameResolver {
  const byName = new Map<string, string[]>();
  for (const field of fields) {
    if (!field.name) continue;
    const normalized = normalizeFieldName(field.name);
    const keys = byName.get(normalized) ?? [];
    if (!keys.includes(field.key)) keys.push(field.key);
    byName.set(normalized, keys);
  }
  return (name) => {
    const keys = byName.get(normalizeFieldName(name)) ?? [];
    if (keys.length === 1) return { key: keys[0]! };
    if (keys.length === 0) return { problem: `unknown field '${name}'` };
    return { problem: `${keys.length} fields are named '${name}' (${keys.join(", ")}); write the key of the one you mean` };
  };
}

/** Without a resolver a bracketed name is unknown (the compiler then says so, with the name). */
export const NO_NAMES: FieldNameResolver = (name) => ({ problem: `unknown field '${name}'` });

/** How a field is written in a formula: by its bracketed name when that reads back to the same
 * field, else by its key. */
export function fieldReference(field: NamedField, resolve: FieldNameResolver): string {
  if (field.name && !field.name.includes("]") && !field.name.includes("\n")) {
    const resolved = resolve(field.name);
    if ("key" in resolved && resolved.key === field.key) return `[${field.name.trim()}]`;
  }
  return field.key;
}
