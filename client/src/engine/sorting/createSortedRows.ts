/**
 * Sorting stage: a stable multi-level sort of row indices without comparators. Rules are applied
 * least significant first as stable LSD passes over an order array:
 *  - keys that are small integers (dictionary ranks) take one counting-sort pass;
 *  - float keys (numbers, dates) take byte-wise radix passes over their order-preserving 64-bit
 *    pattern, skipping bytes every row shares (timestamps differ only in their low bytes).
 * Direction and empties first/last are folded into the key, so each pass is O(n + buckets).
 */

export interface SortKey {
  /** Ascending key per row index (NaN = empty). */
  readonly values: Float64Array;
  readonly descending: boolean;
  readonly emptiesFirst: boolean;
  /** Set when every non-empty value is an integer in [0, domain): one counting pass suffices. */
  readonly domain?: number;
}

/** Sorted copy of `rows`; rows with equal keys keep their order (stable). */
export function createSortedRows(rows: Int32Array, keys: readonly SortKey[]): Int32Array {
  const n = rows.length;
  if (keys.length === 0 || n < 2) return rows.slice();
  const buffers = { order: new Int32Array(n), scratch: new Int32Array(n) };
  for (let i = 0; i < n; i++) buffers.order[i] = i;
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k]!;
    if (key.domain !== undefined) integerPass(buffers, rows, key, key.domain);
    else floatPasses(buffers, rows, key);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rows[buffers.order[i]!]!;
  return out;
}

interface Buffers {
  order: Int32Array;
  scratch: Int32Array;
}

function integerPass(buffers: Buffers, rows: Int32Array, key: SortKey, domain: number): void {
  const n = rows.length;
  const values = key.values;
  // Empties take bucket 0 or domain + 1; values shift by one (mirrored when descending).
  const ranks = new Int32Array(n);
  const empty = key.emptiesFirst ? 0 : domain + 1;
  for (let i = 0; i < n; i++) {
    const v = values[rows[i]!]!;
    ranks[i] = v !== v ? empty : key.descending ? domain - v : v + 1;
  }
  const counts = new Int32Array(domain + 3);
  const { order, scratch } = buffers;
  for (let i = 0; i < n; i++) counts[ranks[order[i]!]! + 1]!++;
  for (let r = 1; r < counts.length; r++) counts[r]! += counts[r - 1]!;
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    scratch[counts[ranks[p]!]!++] = p;
  }
  buffers.order = scratch;
  buffers.scratch = order;
}

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
// Typed arrays use the platform's byte order; find which word holds the sign and exponent.
float[0] = -1;
const HIGH = words[1] === 0xbff00000 ? 1 : 0;
const LOW = 1 - HIGH;

function floatPasses(buffers: Buffers, rows: Int32Array, key: SortKey): void {
  const n = rows.length;
  const values = key.values;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  // IEEE-754 → unsigned integers in the same order: flip the sign bit of positives, invert
  // negatives. All-zeros and all-ones never occur for numbers (nor, inverted for descending
  // order, their complements), so they are free for empties.
  const emptyHi = key.emptiesFirst ? 0 : 0xffffffff;
  for (let i = 0; i < n; i++) {
    const v = values[rows[i]!]!;
    if (v !== v) {
      hi[i] = emptyHi;
      lo[i] = emptyHi;
      continue;
    }
    float[0] = v === 0 ? 0 : v; // -0 sorts with 0
    let h = words[HIGH]!;
    let l = words[LOW]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    if (key.descending) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  for (let shift = 0; shift < 32; shift += 8) bytePass(buffers, lo, shift);
  for (let shift = 0; shift < 32; shift += 8) bytePass(buffers, hi, shift);
}

const byteCounts = new Int32Array(257);

/** One stable counting pass on a byte of `word`; skipped when every row has the same byte. */
function bytePass(buffers: Buffers, word: Uint32Array, shift: number): void {
  const { order, scratch } = buffers;
  const n = order.length;
  byteCounts.fill(0);
  for (let i = 0; i < n; i++) byteCounts[((word[i]! >>> shift) & 255) + 1]!++;
  for (let b = 1; b <= 256; b++) if (byteCounts[b] === n) return;
  for (let b = 1; b <= 256; b++) byteCounts[b]! += byteCounts[b - 1]!;
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    scratch[byteCounts[(word[p]! >>> shift) & 255]!++] = p;
  }
  buffers.order = scratch;
  buffers.scratch = order;
}
