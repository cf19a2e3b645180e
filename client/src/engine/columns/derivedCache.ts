/**
 * Cache of per-row values derived from a numeric column (local day, month bucket…). Columns are
 * append-only and keep their buffer across snapshots until it grows, so entries are keyed by
 * buffer and derivation id and extended as pages arrive instead of recomputed on every compute.
 */

interface Entry {
  values: Float64Array;
  length: number;
}

const cache = new WeakMap<ArrayBufferLike, Map<string, Entry>>();

/** `out[i] = derive(values[i])` for every i < values.length; NaN inputs give NaN. */
export function derivedColumn(values: Float64Array, id: string, derive: (value: number) => number): Float64Array {
  const n = values.length;
  // Only whole-buffer views are columns; anything else is computed without caching.
  const cacheable = values.byteOffset === 0;
  let byId = cacheable ? cache.get(values.buffer) : undefined;
  if (cacheable && !byId) {
    byId = new Map();
    cache.set(values.buffer, byId);
  }
  let entry = byId?.get(id);
  if (!entry || entry.values.length < n) {
    const capacity = cacheable ? Math.max(n, values.buffer.byteLength / 8) : n;
    const grown = new Float64Array(capacity);
    if (entry) grown.set(entry.values.subarray(0, Math.min(entry.length, n)));
    entry = { values: grown, length: entry ? Math.min(entry.length, n) : 0 };
    byId?.set(id, entry);
  }
  const out = entry.values;
  for (let i = entry.length; i < n; i++) {
    const v = values[i]!;
    out[i] = v !== v ? NaN : derive(v);
  }
  if (n > entry.length) entry.length = n;
  return out;
}
