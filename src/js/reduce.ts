/**
 * The JS mirror of assembly/reduce.ts: same lanes, same combination order, so results are bitwise equal.
 * Arrays with element offsets stand for the kernel's byte addresses.
 */

/** Rows shorter than this use the four-lane order (assembly/reduce.ts: SHORT_ROW). */
export const SHORT_ROW = 32;

/**
 * X as a backend stores it: f64, or f32 for float32 storage (issue 17). Reading an element of a Float32Array gives its
 * exact double, so the kernels' f64 operations give the doubles of f64 storage of fround(X).
 */
export type XArray = Float64Array | Float32Array;

/** Σⱼ x[j]·w[j] in the lane order for d (assembly/reduce.ts: dot). */
export function dot(x: XArray, xOff: number, w: Float64Array, wOff: number, d: number): number {
  return d < SHORT_ROW ? dotShort(x, xOff, w, wOff, d) : dotLong(x, xOff, w, wOff, d);
}

/** Four lanes b0…b3 (j mod 4) starting at −0, the remaining pair into b0/b1, (b0+b2) + (b1+b3), tail. */
export function dotShort(x: XArray, xOff: number, w: Float64Array, wOff: number, d: number): number {
  let b0 = -0, b1 = -0, b2 = -0, b3 = -0;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const xp = xOff + j, wp = wOff + j;
    b0 += x[xp]! * w[wp]!;
    b1 += x[xp + 1]! * w[wp + 1]!;
    b2 += x[xp + 2]! * w[wp + 2]!;
    b3 += x[xp + 3]! * w[wp + 3]!;
  }
  if (j + 2 <= d) {
    b0 += x[xOff + j]! * w[wOff + j]!;
    b1 += x[xOff + j + 1]! * w[wOff + j + 1]!;
    j += 2;
  }
  let s = (b0 + b2) + (b1 + b3);
  if (j < d) s += x[xOff + j]! * w[wOff + j]!;
  return s;
}

/** Lanes a0…a7 (j mod 8), remaining pairs into a0/a1, ((a0+a2)+(a4+a6))+((a1+a3)+(a5+a7)), tail. */
export function dotLong(x: XArray, xOff: number, w: Float64Array, wOff: number, d: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
  let j = 0;
  for (; j + 8 <= d; j += 8) {
    const xp = xOff + j, wp = wOff + j;
    a0 += x[xp]! * w[wp]!;
    a1 += x[xp + 1]! * w[wp + 1]!;
    a2 += x[xp + 2]! * w[wp + 2]!;
    a3 += x[xp + 3]! * w[wp + 3]!;
    a4 += x[xp + 4]! * w[wp + 4]!;
    a5 += x[xp + 5]! * w[wp + 5]!;
    a6 += x[xp + 6]! * w[wp + 6]!;
    a7 += x[xp + 7]! * w[wp + 7]!;
  }
  for (; j + 2 <= d; j += 2) {
    a0 += x[xOff + j]! * w[wOff + j]!;
    a1 += x[xOff + j + 1]! * w[wOff + j + 1]!;
  }
  let s = ((a0 + a2) + (a4 + a6)) + ((a1 + a3) + (a5 + a7));
  if (j < d) s += x[xOff + j]! * w[wOff + j]!;
  return s;
}

/** g[j] += (r0·x0[j] + r1·x1[j]) + (r2·x2[j] + r3·x3[j]); x0…x3 are row offsets in X. */
export function axpy4(
  g: Float64Array, gOff: number, d: number, X: XArray,
  r0: number, x0: number, r1: number, x1: number, r2: number, x2: number, r3: number, x3: number,
): void {
  for (let j = 0; j < d; j++) {
    g[gOff + j] = g[gOff + j]! + ((r0 * X[x0 + j]! + r1 * X[x1 + j]!) + (r2 * X[x2 + j]! + r3 * X[x3 + j]!));
  }
}

/** g[j] += r·x[j]. */
export function axpy1(g: Float64Array, gOff: number, d: number, r: number, X: XArray, x: number): void {
  for (let j = 0; j < d; j++) g[gOff + j] = g[gOff + j]! + r * X[x + j]!;
}

/** True when a[off … off+n) are all finite. */
export function allFinite(a: Float64Array, n: number, off = 0): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[off + i]!)) return false;
  return true;
}

/** Start of row i of X (assembly/reduce.ts: rowAt): row rows[rOff + i] with a row order, else xOff + i·d. */
export function rowAt(xOff: number, rows: Uint32Array | null, rOff: number, i: number, d: number): number {
  return rows !== null ? rows[rOff + i]! * d : xOff + i * d;
}

/** Label of row i (assembly/reduce.ts: labelAt). */
export function labelAt(y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number, i: number): number {
  return rows !== null ? y[rows[rOff + i]!]! : y[yOff + i]!;
}
