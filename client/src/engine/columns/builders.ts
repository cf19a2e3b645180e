/** Growable typed arrays: columns fill page by page without knowing the final issue count. */

export class Float64Builder {
  private data = new Float64Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, new Float64Array(this.data.length * 2));
    this.data[this.length++] = value;
  }

  /** A view of the first `n` values; later pushes never change it (they append or reallocate). */
  view(n = this.length): Float64Array {
    return this.data.subarray(0, n);
  }
}

export class Int32Builder {
  private data = new Int32Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, new Int32Array(this.data.length * 2));
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  view(n = this.length): Int32Array {
    return this.data.subarray(0, n);
  }
}

export class Int8Builder {
  private data = new Int8Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, new Int8Array(this.data.length * 2));
    this.data[this.length++] = value;
  }

  view(n = this.length): Int8Array {
    return this.data.subarray(0, n);
  }
}

function grow<T extends Float64Array | Int32Array | Int8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
