/**
 * The only module that touches WASM linear memory: a first-fit allocator with coalescing over the bytes above
 * the module's heap base, growth (checked against the 4 GiB limit of 32-bit memory before anything changes),
 * and copies in (`set`) and out (`slice`). No view into `memory.buffer` escapes: views are re-created after
 * anything that may grow memory, and every array handed out is a copy.
 */

/** Byte alignment of every block (room for f64x2 loads). */
export const ALIGN = 16;
const PAGE = 65536;
/** 32-bit WASM memory holds at most 65536 pages of 64 KiB = 4 GiB. */
export const MAX_PAGES = 65536;
export const MAX_BYTES = MAX_PAGES * PAGE;

interface FreeBlock {
  ptr: number;
  size: number;
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** Formats a byte count for error messages. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Allocator and marshalling over one WebAssembly.Memory. Takes only the memory, so tests can use a small one. */
export class LinearMemory {
  readonly memory: WebAssembly.Memory;
  private readonly base: number;
  /** End of the region ever handed out; blocks below it are allocated or on the free list. */
  private top: number;
  private readonly free: FreeBlock[] = [];
  private readonly used = new Map<number, number>();
  private f64View: Float64Array;
  private maxPages: number;
  /** Largest `top` seen: the high-water mark of the heap, in bytes above address 0. */
  highWater: number;

  constructor(memory: WebAssembly.Memory, heapBase: number, maxPages = MAX_PAGES) {
    this.memory = memory;
    this.base = roundUp(Math.max(heapBase, 8), ALIGN);
    this.top = this.base;
    this.highWater = this.top;
    this.maxPages = maxPages;
    this.f64View = new Float64Array(memory.buffer);
  }

  /** Bytes currently allocated (excluding free blocks). */
  get bytesInUse(): number {
    let s = 0;
    for (const size of this.used.values()) s += size;
    return s;
  }

  /** Current size of linear memory in bytes. */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Reserves `bytes` (rounded up to 16) and returns the block's byte address. Throws a RangeError naming `what`
   * and the 4 GiB limit, before anything changes, when the block cannot fit in 32-bit memory.
   */
  alloc(bytes: number, what = 'allocation'): number {
    const size = Math.max(ALIGN, roundUp(bytes, ALIGN));
    for (let k = 0; k < this.free.length; k++) {
      const blk = this.free[k]!;
      if (blk.size >= size) {
        const ptr = blk.ptr;
        if (blk.size === size) this.free.splice(k, 1);
        else { blk.ptr += size; blk.size -= size; }
        this.used.set(ptr, size);
        return ptr;
      }
    }
    // Extend the top; a free block that ends at the top is merged into the new one.
    let ptr = this.top;
    const last = this.free[this.free.length - 1];
    if (last && last.ptr + last.size === this.top) ptr = last.ptr;
    const end = ptr + size;
    const limit = this.maxPages * PAGE;
    if (end > limit) {
      throw new RangeError(
        `${what} needs ${formatBytes(bytes)}, but 32-bit WebAssembly memory is limited to ${formatBytes(limit)} ` +
        `(${this.maxPages} pages of 64 KiB) and ${formatBytes(Math.max(0, limit - ptr))} are free at its top; ` +
        `use a smaller data set or the 'js' backend`,
      );
    }
    this.ensure(end);
    if (ptr !== this.top) this.free.pop();
    this.top = end;
    this.highWater = Math.max(this.highWater, end);
    this.used.set(ptr, size);
    return ptr;
  }

  /** Returns a block to the free list, merging it with free neighbours. Freeing an unknown address throws. */
  release(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) throw new Error(`internal: release of unallocated address ${ptr}`);
    this.used.delete(ptr);
    // Keep the free list sorted by address; merge with neighbours.
    let k = 0;
    while (k < this.free.length && this.free[k]!.ptr < ptr) k++;
    this.free.splice(k, 0, { ptr, size });
    const next = this.free[k + 1];
    const cur = this.free[k]!;
    if (next && cur.ptr + cur.size === next.ptr) { cur.size += next.size; this.free.splice(k + 1, 1); }
    const prev = this.free[k - 1];
    if (prev && prev.ptr + prev.size === cur.ptr) { prev.size += cur.size; this.free.splice(k, 1); }
  }

  /** Grows memory so that byte `end` is addressable. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch (e) {
      throw new RangeError(
        `could not grow WebAssembly memory to ${formatBytes(end)}: ${(e as Error).message}`,
      );
    }
  }

  /** A Float64Array over the whole memory, re-created if memory grew. Never returned to callers. */
  private view(): Float64Array {
    if (this.f64View.buffer !== this.memory.buffer) this.f64View = new Float64Array(this.memory.buffer);
    return this.f64View;
  }

  /** Copies `src` into memory at byte address `ptr` (8-aligned). */
  write(ptr: number, src: ArrayLike<number>): void {
    this.view().set(src, ptr >>> 3);
  }

  /**
   * Hands `fill` a temporary Float64Array view of exactly the `n` elements at `ptr` (offset 0): a fill cannot
   * reach the blocks around them. The view must not escape `fill`.
   */
  fill(ptr: number, n: number, fill: (dst: Float64Array, offset: number) => void): void {
    const i = ptr >>> 3;
    fill(this.view().subarray(i, i + n), 0);
  }

  /** fill's float32 form: a temporary Float32Array view of the `n` f32 elements at `ptr` (4-aligned). */
  fillF32(ptr: number, n: number, fill: (dst: Float32Array, offset: number) => void): void {
    fill(new Float32Array(this.memory.buffer, ptr, n), 0);
  }

  /** Copies `bytes` bytes from byte address `src` to `dst` inside memory. */
  copyBytes(dst: number, src: number, bytes: number): void {
    new Uint8Array(this.memory.buffer).copyWithin(dst, src, src + bytes);
  }

  /** Reads one f64. */
  getF64(ptr: number): number {
    return this.view()[ptr >>> 3]!;
  }

  /** Copies `n` f64 from byte address `src` to `dst` inside memory. */
  copy(dst: number, src: number, n: number): void {
    const v = this.view();
    v.copyWithin(dst >>> 3, src >>> 3, (src >>> 3) + n);
  }

  /** Copies u32 values into memory at byte address `ptr` (4-aligned). */
  writeU32(ptr: number, src: Uint32Array): void {
    new Uint32Array(this.memory.buffer, ptr, src.length).set(src);
  }

  /** A copy of `n` f64 at byte address `ptr`. */
  read(ptr: number, n: number): Float64Array {
    const i = ptr >>> 3;
    return this.view().slice(i, i + n);
  }
}
