/** Fixed-size bitset over row indices: filter rules combine word-wise (32 rows per operation). */

export class BitSet {
  readonly size: number;
  readonly words: Uint32Array;

  constructor(size: number, filled = false) {
    this.size = size;
    this.words = new Uint32Array((size + 31) >>> 5);
    if (filled) {
      this.words.fill(0xffffffff);
      const tail = size & 31;
      if (tail !== 0) this.words[this.words.length - 1] = (1 << tail) - 1;
    }
  }

  static fromPredicate(size: number, predicate: (row: number) => boolean): BitSet {
    const bits = new BitSet(size);
    const words = bits.words;
    for (let row = 0; row < size; row++) if (predicate(row)) words[row >>> 5]! |= 1 << (row & 31);
    return bits;
  }

  has(row: number): boolean {
    return ((this.words[row >>> 5]! >>> (row & 31)) & 1) === 1;
  }

  and(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    for (let i = 0; i < out.words.length; i++) out.words[i] = this.words[i]! & other.words[i]!;
    return out;
  }

  or(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    for (let i = 0; i < out.words.length; i++) out.words[i] = this.words[i]! | other.words[i]!;
    return out;
  }

  count(): number {
    let total = 0;
    for (let i = 0; i < this.words.length; i++) {
      let v = this.words[i]!;
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** Set rows in ascending order. */
  toIndices(): Int32Array {
    const out = new Int32Array(this.count());
    let k = 0;
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w]!;
      while (v !== 0) {
        const bit = 31 - Math.clz32(v & -v);
        out[k++] = (w << 5) + bit;
        v &= v - 1;
      }
    }
    return out;
  }
}
