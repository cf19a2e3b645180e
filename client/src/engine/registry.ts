/** Named-function registries (Arquero `op/register.js` style): frozen, duplicate names rejected. */

export interface Named {
  readonly name: string;
}

export interface Registry<T extends Named> {
  readonly kind: string;
  get(name: string): T | undefined;
  has(name: string): boolean;
  names(): string[];
  entries(): readonly T[];
}

/** Builds an immutable registry; a duplicate name is a programming error and throws at build time. */
export function defineRegistry<T extends Named>(kind: string, entries: readonly T[]): Registry<T> {
  const byName = new Map<string, T>();
  for (const entry of entries) {
    if (byName.has(entry.name)) throw new Error(`duplicate ${kind} name: ${entry.name}`);
    byName.set(entry.name, entry);
  }
  const frozen = Object.freeze([...entries]);
  return Object.freeze({
    kind,
    get: (name: string) => byName.get(name),
    has: (name: string) => byName.has(name),
    names: () => [...byName.keys()],
    entries: () => frozen,
  });
}
