// Reductions with a fixed lane order, so that the scalar build, the f64x2 build and the JS mirror
// (src/js/reduce.ts) round identically. The order depends on the row length d:
// - long rows (d ≥ SHORT_ROW): eight lanes a0…a7 (lane k takes j ≡ k mod 8), remaining pairs into a0, a1, then
//   ((a0+a2)+(a4+a6)) + ((a1+a3)+(a5+a7)), then the odd tail element; in f64x2 form A0 = (a0, a1) … A3 = (a6, a7)
//   combined as (A0+A1)+(A2+A3) lane-wise. Four chains per row hide the add latency of one long row.
// - short rows (d < SHORT_ROW): four lanes b0…b3 (j mod 4), remaining pair into b0, b1, then (b0+b2) + (b1+b3), then
//   the tail; f64x2 B0 = (b0, b1), B1 = (b2, b3): less combining work where a row has only a few pairs. The lanes
//   start at −0, the identity of +: (−0) + p is p for every p, so an unrolled kernel may start a lane from its first
//   product and skip one add per lane per row (from +0 only the sign of an all-zero sum would differ).

/** Rows shorter than this use the four-lane order. */
export const SHORT_ROW: i32 = 32;

/** Σⱼ x[j]·w[j] over d f64 elements at byte addresses xPtr, wPtr, in the lane order for d above. */
// @ts-ignore: decorator
@inline
export function dot(xPtr: usize, wPtr: usize, d: i32): f64 {
  return d < SHORT_ROW ? dotShort(xPtr, wPtr, d) : dotLong(xPtr, wPtr, d);
}

/** The four-lane order of short rows. */
// @ts-ignore: decorator
@inline
export function dotShort(xPtr: usize, wPtr: usize, d: i32): f64 {
  let j = 0;
  let s: f64;
  if (ASC_FEATURE_SIMD) {
    let B0 = f64x2.splat(-0.0), B1 = f64x2.splat(-0.0);
    for (; j + 4 <= d; j += 4) {
      const xp = xPtr + (<usize>j << 3), wp = wPtr + (<usize>j << 3);
      B0 = f64x2.add(B0, f64x2.mul(v128.load(xp), v128.load(wp)));
      B1 = f64x2.add(B1, f64x2.mul(v128.load(xp, 16), v128.load(wp, 16)));
    }
    if (j + 2 <= d) {
      B0 = f64x2.add(B0, f64x2.mul(v128.load(xPtr + (<usize>j << 3)), v128.load(wPtr + (<usize>j << 3))));
      j += 2;
    }
    const S = f64x2.add(B0, B1);
    s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  } else {
    let b0 = -0.0, b1 = -0.0, b2 = -0.0, b3 = -0.0;
    for (; j + 4 <= d; j += 4) {
      const xp = xPtr + (<usize>j << 3), wp = wPtr + (<usize>j << 3);
      b0 += load<f64>(xp) * load<f64>(wp);
      b1 += load<f64>(xp, 8) * load<f64>(wp, 8);
      b2 += load<f64>(xp, 16) * load<f64>(wp, 16);
      b3 += load<f64>(xp, 24) * load<f64>(wp, 24);
    }
    if (j + 2 <= d) {
      const xp = xPtr + (<usize>j << 3), wp = wPtr + (<usize>j << 3);
      b0 += load<f64>(xp) * load<f64>(wp);
      b1 += load<f64>(xp, 8) * load<f64>(wp, 8);
      j += 2;
    }
    s = (b0 + b2) + (b1 + b3);
  }
  if (j < d) s += load<f64>(xPtr + (<usize>j << 3)) * load<f64>(wPtr + (<usize>j << 3));
  return s;
}

/** The eight-lane order of long rows. */
// @ts-ignore: decorator
@inline
export function dotLong(xPtr: usize, wPtr: usize, d: i32): f64 {
  let j = 0;
  let s: f64;
  if (ASC_FEATURE_SIMD) {
    let A0 = f64x2.splat(0), A1 = f64x2.splat(0), A2 = f64x2.splat(0), A3 = f64x2.splat(0);
    for (; j + 8 <= d; j += 8) {
      const xp = xPtr + (<usize>j << 3), wp = wPtr + (<usize>j << 3);
      A0 = f64x2.add(A0, f64x2.mul(v128.load(xp), v128.load(wp)));
      A1 = f64x2.add(A1, f64x2.mul(v128.load(xp, 16), v128.load(wp, 16)));
      A2 = f64x2.add(A2, f64x2.mul(v128.load(xp, 32), v128.load(wp, 32)));
      A3 = f64x2.add(A3, f64x2.mul(v128.load(xp, 48), v128.load(wp, 48)));
    }
    for (; j + 2 <= d; j += 2) {
      A0 = f64x2.add(A0, f64x2.mul(v128.load(xPtr + (<usize>j << 3)), v128.load(wPtr + (<usize>j << 3))));
    }
    const S = f64x2.add(f64x2.add(A0, A1), f64x2.add(A2, A3));
    s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  } else {
    let a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0;
    for (; j + 8 <= d; j += 8) {
      const xp = xPtr + (<usize>j << 3), wp = wPtr + (<usize>j << 3);
      a0 += load<f64>(xp) * load<f64>(wp);
      a1 += load<f64>(xp, 8) * load<f64>(wp, 8);
      a2 += load<f64>(xp, 16) * load<f64>(wp, 16);
      a3 += load<f64>(xp, 24) * load<f64>(wp, 24);
      a4 += load<f64>(xp, 32) * load<f64>(wp, 32);
      a5 += load<f64>(xp, 40) * load<f64>(wp, 40);
      a6 += load<f64>(xp, 48) * load<f64>(wp, 48);
      a7 += load<f64>(xp, 56) * load<f64>(wp, 56);
    }
    for (; j + 2 <= d; j += 2) {
      const xp = xPtr + (<usize>j << 3), wp = wPtr + (<usize>j << 3);
      a0 += load<f64>(xp) * load<f64>(wp);
      a1 += load<f64>(xp, 8) * load<f64>(wp, 8);
    }
    s = ((a0 + a2) + (a4 + a6)) + ((a1 + a3) + (a5 + a7));
  }
  if (j < d) s += load<f64>(xPtr + (<usize>j << 3)) * load<f64>(wPtr + (<usize>j << 3));
  return s;
}

/** g[j] += (r0·x0[j] + r1·x1[j]) + (r2·x2[j] + r3·x3[j]) for j < d: four rows' contributions in one pass. */
// @ts-ignore: decorator
@inline
export function axpy4(gPtr: usize, d: i32, r0: f64, x0: usize, r1: f64, x1: usize, r2: f64, x2: usize, r3: f64, x3: usize): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const R0 = f64x2.splat(r0), R1 = f64x2.splat(r1), R2 = f64x2.splat(r2), R3 = f64x2.splat(r3);
    // Two pairs per trip, the second at immediate offsets: half the address arithmetic and loop overhead (+7 % at
    // d = 100, in cache and from DRAM). Each element's operations are unchanged.
    for (; j + 4 <= d; j += 4) {
      const o = <usize>j << 3;
      const p0 = x0 + o, p1 = x1 + o, p2 = x2 + o, p3 = x3 + o, pg = gPtr + o;
      const t01 = f64x2.add(f64x2.mul(R0, v128.load(p0)), f64x2.mul(R1, v128.load(p1)));
      const t23 = f64x2.add(f64x2.mul(R2, v128.load(p2)), f64x2.mul(R3, v128.load(p3)));
      const u01 = f64x2.add(f64x2.mul(R0, v128.load(p0, 16)), f64x2.mul(R1, v128.load(p1, 16)));
      const u23 = f64x2.add(f64x2.mul(R2, v128.load(p2, 16)), f64x2.mul(R3, v128.load(p3, 16)));
      v128.store(pg, f64x2.add(v128.load(pg), f64x2.add(t01, t23)));
      v128.store(pg, f64x2.add(v128.load(pg, 16), f64x2.add(u01, u23)), 16);
    }
    if (j + 2 <= d) {
      const o = <usize>j << 3;
      const t01 = f64x2.add(f64x2.mul(R0, v128.load(x0 + o)), f64x2.mul(R1, v128.load(x1 + o)));
      const t23 = f64x2.add(f64x2.mul(R2, v128.load(x2 + o)), f64x2.mul(R3, v128.load(x3 + o)));
      v128.store(gPtr + o, f64x2.add(v128.load(gPtr + o), f64x2.add(t01, t23)));
      j += 2;
    }
  } else {
    for (; j + 2 <= d; j += 2) {
      const o = <usize>j << 3;
      store<f64>(gPtr + o, load<f64>(gPtr + o) +
        ((r0 * load<f64>(x0 + o) + r1 * load<f64>(x1 + o)) + (r2 * load<f64>(x2 + o) + r3 * load<f64>(x3 + o))));
      store<f64>(gPtr + o, load<f64>(gPtr + o, 8) +
        ((r0 * load<f64>(x0 + o, 8) + r1 * load<f64>(x1 + o, 8)) + (r2 * load<f64>(x2 + o, 8) + r3 * load<f64>(x3 + o, 8))), 8);
    }
  }
  if (j < d) {
    const o = <usize>j << 3;
    store<f64>(gPtr + o, load<f64>(gPtr + o) +
      ((r0 * load<f64>(x0 + o) + r1 * load<f64>(x1 + o)) + (r2 * load<f64>(x2 + o) + r3 * load<f64>(x3 + o))));
  }
}

/** g[j] += r·x[j] for j < d (one row's contribution). */
// @ts-ignore: decorator
@inline
export function axpy1(gPtr: usize, d: i32, r: f64, xPtr: usize): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const R = f64x2.splat(r);
    for (; j + 2 <= d; j += 2) {
      const o = <usize>j << 3;
      v128.store(gPtr + o, f64x2.add(v128.load(gPtr + o), f64x2.mul(R, v128.load(xPtr + o))));
    }
  }
  for (; j < d; j++) {
    const o = <usize>j << 3;
    store<f64>(gPtr + o, load<f64>(gPtr + o) + r * load<f64>(xPtr + o));
  }
}

/** Fills n f64 at ptr with zero. */
// @ts-ignore: decorator
@inline
export function zero(ptr: usize, n: i32): void {
  memory.fill(ptr, 0, <usize>n << 3);
}

/** True when all n f64 at ptr are finite. */
// @ts-ignore: decorator
@inline
export function allFinite(ptr: usize, n: i32): bool {
  // x − x is 0 exactly when x is not ±∞ or NaN. The SIMD build ands the lanes' masks (a one-cycle dependency
  // chain, no branch per element); short vectors take the scalar loop, which is cheaper to start.
  let i = 0;
  if (ASC_FEATURE_SIMD && n >= 8) {
    const Z = f64x2.splat(0);
    let M = i64x2.splat(-1);
    for (; i + 2 <= n; i += 2) {
      const X = v128.load(ptr + (<usize>i << 3));
      M = v128.and(M, f64x2.eq(f64x2.sub(X, X), Z));
    }
    if (!i64x2.all_true(M)) return false;
  }
  for (; i < n; i++) if (!isFinite<f64>(load<f64>(ptr + (<usize>i << 3)))) return false;
  return true;
}

/**
 * Row access in the fused kernels, specialised at compile time by a marker type: `Contiguous` reads row i of a
 * contiguous block, `Indexed` reads row rows[i] (u32 indices at rowsPtr: a shuffled batch read in place), or row i
 * when rowsPtr is 0. The marker keeps the contiguous full-batch loop free of a per-row branch.
 * float32 storage (issue 17): while xTile ≠ 0, X holds f32 elements and `Indexed` returns the address of an exact f64
 * copy of the row (tileRow), so every kernel runs its f64 operations on the doubles of f64 storage of fround(X).
 * Every other f32 batch takes `Indexed` (loss/registry.ts); the unweighted generic pass of the squared and logistic
 * losses reads f32 rows in place instead (`Float32Rows`), its only instances for f32.
 */
export type Contiguous = u8;
export type Indexed = u16;

/**
 * float32 storage: the f64 tile (C_X_TILE_PTR), or 0 (f64 X). Set by the entry points that read X. Its layout
 * (src/wasm/engine.ts tileBytes): four row slots of ⌈8·d/16⌉·16 bytes (rows read through a row order), then two
 * windows of tileRows(d) rows each (contiguous rows).
 */
export let xTile: usize = 0;
let tileNext: usize = 0;
/** Rows of the contiguous batch being read (rows past it are never promoted). */
let tileLimit: usize = 0;
// The two windows: the X they were filled from (0: empty), their first row, which one was read last.
let winSrc0: usize = 0, winSrc1: usize = 0, winStart0: usize = 0, winStart1: usize = 0, winLast: i32 = 0;

/** Rows per window of the tile for rows of d f64: two windows fill 16 KiB of L1, a multiple of 4 rows, at least 4. */
// @ts-ignore: decorator
@inline
export function tileRows(rowBytes: usize): usize {
  const t = (<usize>8192 / rowBytes) & ~(<usize>3);
  return t < 4 ? 4 : t;
}

/** Sets xTile (0: f64 X) for the calls that follow, with n the rows of the contiguous batch; empties the windows. */
export function setXTile(ptr: usize, n: i32 = 0): void {
  xTile = ptr;
  tileNext = 0;
  tileLimit = <usize>n;
  winSrc0 = 0;
  winSrc1 = 0;
}

/**
 * The address of an f64 copy of row r = rows[i] (rowsPtr ≠ 0) or i (rowsPtr = 0) of the f32 matrix at xPtr
 * (rowBytes/2 bytes a row). Through a row order, and for long rows (d ≥ SHORT_ROW): the row promoted into the next of
 * four slots (no kernel keeps more than four rows live). Contiguous short rows: from one of two windows of tileRows
 * aligned rows, refilled in one promote() when missed (the window not read last: the pass's two streams each keep
 * one); a block's four rows (i, i + 1, i + 2, i + 3 with i ≡ 0 mod 4; or p, p + 1 and q, q + 1, p and q even) always
 * lie in one window each.
 */
export function tileRow(xPtr: usize, rowsPtr: usize, i: i32, rowBytes: usize): usize {
  const r = rowsPtr == 0 ? <usize>i : <usize>load<u32>(rowsPtr + (<usize>i << 2));
  const half = rowBytes >> 1;
  // Rows through a row order, and long rows (d ≥ SHORT_ROW), one at a time into the ring: promoting each long row
  // right before its dot product was faster than windows (100 000 × 100: 1.41× against 1.76× the f64 pass's CPU
  // time), windows were faster for short rows (1 000 000 × 10: 2.21× against 2.85×; bench/RESULTS-f32.md).
  if (rowsPtr != 0 || rowBytes >= (<usize>SHORT_ROW << 3)) {
    const stride = (rowBytes + 15) & ~(<usize>15);
    const dst = xTile + tileNext * stride;
    tileNext = (tileNext + 1) & 3;
    promote(dst, xPtr + r * half, <i32>(rowBytes >> 3));
    return dst;
  }
  const T = tileRows(rowBytes);
  const win0 = xTile + (((rowBytes + 15) & ~(<usize>15)) << 2), win1 = win0 + T * rowBytes;
  if (winSrc0 == xPtr && r - winStart0 < T) { winLast = 0; return win0 + (r - winStart0) * rowBytes; }
  if (winSrc1 == xPtr && r - winStart1 < T) { winLast = 1; return win1 + (r - winStart1) * rowBytes; }
  const start = r - r % T;
  const count = min(T, tileLimit - start);
  if (winLast == 0) {
    promote(win1, xPtr + start * half, <i32>(count * (rowBytes >> 3)));
    winSrc1 = xPtr; winStart1 = start; winLast = 1;
    return win1 + (r - start) * rowBytes;
  }
  promote(win0, xPtr + start * half, <i32>(count * (rowBytes >> 3)));
  winSrc0 = xPtr; winStart0 = start; winLast = 0;
  return win0 + (r - start) * rowBytes;
}

/** The d f32 at src as f64 at dst (exact). SIMD build: two elements per f64x2.promote_low_f32x4. */
export function promote(dst: usize, src: usize, d: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 4 <= d; j += 4) {
      const v = v128.load(src + (<usize>j << 2));
      v128.store(dst + (<usize>j << 3), f64x2.promote_low_f32x4(v));
      v128.store(dst + (<usize>j << 3), f64x2.promote_low_f32x4(v128.shuffle<u32>(v, v, 2, 3, 0, 1)), 16);
    }
  }
  for (; j < d; j++) store<f64>(dst + (<usize>j << 3), <f64>load<f32>(src + (<usize>j << 2)));
}

/**
 * float32 storage read in place (issue 17): row i (rows[i] when rowsPtr ≠ 0) of f32 X at its own address, read by
 * `rowDot`/`rowAxpy4`/`rowAxpy1`, which promote each element as they load it (exact) and keep `dot`'s and `axpy4`'s
 * lanes and order: the doubles of the f64 kernels on f64 storage of fround(X). Only the unweighted generic pass of
 * the squared and logistic losses takes it (loss/registry.ts); every other f32 batch keeps `Indexed` and its tile.
 */
export type Float32Rows = u32;

/** Address of row i of X (see Contiguous / Indexed / Float32Rows; Indexed with xTile ≠ 0: of its f64 copy). */
// @ts-ignore: decorator
@inline
export function rowAt<R>(xPtr: usize, rowsPtr: usize, i: i32, rowBytes: usize): usize {
  if (sizeof<R>() == 4) {
    const r = rowsPtr == 0 ? <usize>i : <usize>load<u32>(rowsPtr + (<usize>i << 2));
    return xPtr + r * (rowBytes >> 1);
  }
  if (sizeof<R>() == 2) {
    // float32 storage resolves the row (rowsPtr may be 0 there) in tileRow, off the f64 path.
    if (xTile != 0) return tileRow(xPtr, rowsPtr, i, rowBytes);
    return xPtr + <usize>load<u32>(rowsPtr + (<usize>i << 2)) * rowBytes;
  }
  return xPtr + <usize>i * rowBytes;
}

/** Label of row i (see rowAt). */
// @ts-ignore: decorator
@inline
export function labelAt<R>(yPtr: usize, rowsPtr: usize, i: i32): f64 {
  if (sizeof<R>() >= 2 && rowsPtr != 0) return load<f64>(yPtr + (<usize>load<u32>(rowsPtr + (<usize>i << 2)) << 3));
  return load<f64>(yPtr + (<usize>i << 3));
}

/** Labels of rows i and i + 1 as the two lanes of a vector (see rowAt; SIMD build). */
// @ts-ignore: decorator
@inline
export function labelPair<R>(yPtr: usize, rowsPtr: usize, i: i32): v128 {
  if (sizeof<R>() >= 2 && rowsPtr != 0) {
    const p = rowsPtr + (<usize>i << 2);
    const lo = v128.load64_splat(yPtr + (<usize>load<u32>(p) << 3));
    return v128.load64_lane(yPtr + (<usize>load<u32>(p, 4) << 3), lo, 1);
  }
  return v128.load(yPtr + (<usize>i << 3));
}

// The row kernels of the fused pass over row access R: `dot`, `axpy4`, `axpy1` on f64 rows, and their f32 forms for
// Float32Rows, each element promoted as it is loaded in the f64 form's lanes and order, so both give the same
// doubles. SIMD build: four f32 at a time by one v128.load, promote_low_f32x4 of it and of its high half (a shuffle);
// a lone pair by v128.load64_zero (four at a time: 0.85–0.99× the time of every pair by load64_zero, medians of three
// interleaved A/B runs at 100 000 × 100 and 1 000 000 × 10, load 5–6; bench/RESULTS-f32.md). Scalar: <f64>load<f32>.

/** dot(x, w, d) with x a row of access R (an f32 row for Float32Rows). */
// @ts-ignore: decorator
@inline
export function rowDot<R>(xPtr: usize, wPtr: usize, d: i32): f64 {
  if (sizeof<R>() == 4) return d < SHORT_ROW ? dotShort32(xPtr, wPtr, d) : dotLong32(xPtr, wPtr, d);
  return dot(xPtr, wPtr, d);
}

/** axpy4 with the rows x0 … x3 of access R. */
// @ts-ignore: decorator
@inline
export function rowAxpy4<R>(gPtr: usize, d: i32, r0: f64, x0: usize, r1: f64, x1: usize, r2: f64, x2: usize, r3: f64, x3: usize): void {
  if (sizeof<R>() == 4) axpy4f32(gPtr, d, r0, x0, r1, x1, r2, x2, r3, x3);
  else axpy4(gPtr, d, r0, x0, r1, x1, r2, x2, r3, x3);
}

/** axpy1 with the row x of access R. */
// @ts-ignore: decorator
@inline
export function rowAxpy1<R>(gPtr: usize, d: i32, r: f64, xPtr: usize): void {
  if (sizeof<R>() == 4) {
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const V = f64x2.splat(r);
      for (; j + 2 <= d; j += 2) {
        const o = <usize>j << 3;
        v128.store(gPtr + o, f64x2.add(v128.load(gPtr + o), f64x2.mul(V, pair32(xPtr + (<usize>j << 2)))));
      }
    }
    for (; j < d; j++) {
      const o = <usize>j << 3;
      store<f64>(gPtr + o, load<f64>(gPtr + o) + r * <f64>load<f32>(xPtr + (<usize>j << 2)));
    }
  } else axpy1(gPtr, d, r, xPtr);
}

/** The two f32 at p as an f64x2 (exact). */
// @ts-ignore: decorator
@inline
function pair32(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** f32 element j at p as f64. */
// @ts-ignore: decorator
@inline
function at32(p: usize, j: i32): f64 {
  return <f64>load<f32>(p + (<usize>j << 2));
}

/** dotShort over an f32 row x (same lanes). */
// @ts-ignore: decorator
@inline
function dotShort32(xPtr: usize, wPtr: usize, d: i32): f64 {
  let j = 0;
  let s: f64;
  if (ASC_FEATURE_SIMD) {
    let B0 = f64x2.splat(-0.0), B1 = f64x2.splat(-0.0);
    for (; j + 4 <= d; j += 4) {
      const xp = xPtr + (<usize>j << 2), wp = wPtr + (<usize>j << 3);
      const F = v128.load(xp);
      B0 = f64x2.add(B0, f64x2.mul(f64x2.promote_low_f32x4(F), v128.load(wp)));
      B1 = f64x2.add(B1, f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<u32>(F, F, 2, 3, 0, 1)), v128.load(wp, 16)));
    }
    if (j + 2 <= d) {
      B0 = f64x2.add(B0, f64x2.mul(pair32(xPtr + (<usize>j << 2)), v128.load(wPtr + (<usize>j << 3))));
      j += 2;
    }
    const S = f64x2.add(B0, B1);
    s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  } else {
    let b0 = -0.0, b1 = -0.0, b2 = -0.0, b3 = -0.0;
    for (; j + 4 <= d; j += 4) {
      const xp = xPtr + (<usize>j << 2), wp = wPtr + (<usize>j << 3);
      b0 += <f64>load<f32>(xp) * load<f64>(wp);
      b1 += <f64>load<f32>(xp, 4) * load<f64>(wp, 8);
      b2 += <f64>load<f32>(xp, 8) * load<f64>(wp, 16);
      b3 += <f64>load<f32>(xp, 12) * load<f64>(wp, 24);
    }
    if (j + 2 <= d) {
      const xp = xPtr + (<usize>j << 2), wp = wPtr + (<usize>j << 3);
      b0 += <f64>load<f32>(xp) * load<f64>(wp);
      b1 += <f64>load<f32>(xp, 4) * load<f64>(wp, 8);
      j += 2;
    }
    s = (b0 + b2) + (b1 + b3);
  }
  if (j < d) s += at32(xPtr, j) * load<f64>(wPtr + (<usize>j << 3));
  return s;
}

/** dotLong over an f32 row x (same lanes). */
// @ts-ignore: decorator
@inline
function dotLong32(xPtr: usize, wPtr: usize, d: i32): f64 {
  let j = 0;
  let s: f64;
  if (ASC_FEATURE_SIMD) {
    let A0 = f64x2.splat(0), A1 = f64x2.splat(0), A2 = f64x2.splat(0), A3 = f64x2.splat(0);
    for (; j + 8 <= d; j += 8) {
      const xp = xPtr + (<usize>j << 2), wp = wPtr + (<usize>j << 3);
      const F0 = v128.load(xp), F1 = v128.load(xp, 16);
      A0 = f64x2.add(A0, f64x2.mul(f64x2.promote_low_f32x4(F0), v128.load(wp)));
      A1 = f64x2.add(A1, f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<u32>(F0, F0, 2, 3, 0, 1)), v128.load(wp, 16)));
      A2 = f64x2.add(A2, f64x2.mul(f64x2.promote_low_f32x4(F1), v128.load(wp, 32)));
      A3 = f64x2.add(A3, f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<u32>(F1, F1, 2, 3, 0, 1)), v128.load(wp, 48)));
    }
    for (; j + 2 <= d; j += 2) {
      A0 = f64x2.add(A0, f64x2.mul(pair32(xPtr + (<usize>j << 2)), v128.load(wPtr + (<usize>j << 3))));
    }
    const S = f64x2.add(f64x2.add(A0, A1), f64x2.add(A2, A3));
    s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  } else {
    let a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0;
    for (; j + 8 <= d; j += 8) {
      const xp = xPtr + (<usize>j << 2), wp = wPtr + (<usize>j << 3);
      a0 += <f64>load<f32>(xp) * load<f64>(wp);
      a1 += <f64>load<f32>(xp, 4) * load<f64>(wp, 8);
      a2 += <f64>load<f32>(xp, 8) * load<f64>(wp, 16);
      a3 += <f64>load<f32>(xp, 12) * load<f64>(wp, 24);
      a4 += <f64>load<f32>(xp, 16) * load<f64>(wp, 32);
      a5 += <f64>load<f32>(xp, 20) * load<f64>(wp, 40);
      a6 += <f64>load<f32>(xp, 24) * load<f64>(wp, 48);
      a7 += <f64>load<f32>(xp, 28) * load<f64>(wp, 56);
    }
    for (; j + 2 <= d; j += 2) {
      const xp = xPtr + (<usize>j << 2), wp = wPtr + (<usize>j << 3);
      a0 += <f64>load<f32>(xp) * load<f64>(wp);
      a1 += <f64>load<f32>(xp, 4) * load<f64>(wp, 8);
    }
    s = ((a0 + a2) + (a4 + a6)) + ((a1 + a3) + (a5 + a7));
  }
  if (j < d) s += at32(xPtr, j) * load<f64>(wPtr + (<usize>j << 3));
  return s;
}

/** axpy4 over f32 rows x0 … x3 (same operations per element). */
// @ts-ignore: decorator
@inline
function axpy4f32(gPtr: usize, d: i32, r0: f64, x0: usize, r1: f64, x1: usize, r2: f64, x2: usize, r3: f64, x3: usize): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const R0 = f64x2.splat(r0), R1 = f64x2.splat(r1), R2 = f64x2.splat(r2), R3 = f64x2.splat(r3);
    for (; j + 4 <= d; j += 4) {
      const o = <usize>j << 2;
      const p0 = x0 + o, p1 = x1 + o, p2 = x2 + o, p3 = x3 + o, pg = gPtr + (<usize>j << 3);
      const F0 = v128.load(p0), F1 = v128.load(p1), F2 = v128.load(p2), F3 = v128.load(p3);
      const t01 = f64x2.add(f64x2.mul(R0, f64x2.promote_low_f32x4(F0)), f64x2.mul(R1, f64x2.promote_low_f32x4(F1)));
      const t23 = f64x2.add(f64x2.mul(R2, f64x2.promote_low_f32x4(F2)), f64x2.mul(R3, f64x2.promote_low_f32x4(F3)));
      const u01 = f64x2.add(f64x2.mul(R0, f64x2.promote_low_f32x4(v128.shuffle<u32>(F0, F0, 2, 3, 0, 1))), f64x2.mul(R1, f64x2.promote_low_f32x4(v128.shuffle<u32>(F1, F1, 2, 3, 0, 1))));
      const u23 = f64x2.add(f64x2.mul(R2, f64x2.promote_low_f32x4(v128.shuffle<u32>(F2, F2, 2, 3, 0, 1))), f64x2.mul(R3, f64x2.promote_low_f32x4(v128.shuffle<u32>(F3, F3, 2, 3, 0, 1))));
      v128.store(pg, f64x2.add(v128.load(pg), f64x2.add(t01, t23)));
      v128.store(pg, f64x2.add(v128.load(pg, 16), f64x2.add(u01, u23)), 16);
    }
    if (j + 2 <= d) {
      const o = <usize>j << 2, og = <usize>j << 3;
      const t01 = f64x2.add(f64x2.mul(R0, pair32(x0 + o)), f64x2.mul(R1, pair32(x1 + o)));
      const t23 = f64x2.add(f64x2.mul(R2, pair32(x2 + o)), f64x2.mul(R3, pair32(x3 + o)));
      v128.store(gPtr + og, f64x2.add(v128.load(gPtr + og), f64x2.add(t01, t23)));
      j += 2;
    }
  } else {
    for (; j + 2 <= d; j += 2) {
      const o = <usize>j << 2, og = <usize>j << 3;
      store<f64>(gPtr + og, load<f64>(gPtr + og) +
        ((r0 * <f64>load<f32>(x0 + o) + r1 * <f64>load<f32>(x1 + o)) + (r2 * <f64>load<f32>(x2 + o) + r3 * <f64>load<f32>(x3 + o))));
      store<f64>(gPtr + og, load<f64>(gPtr + og, 8) +
        ((r0 * <f64>load<f32>(x0 + o, 4) + r1 * <f64>load<f32>(x1 + o, 4)) + (r2 * <f64>load<f32>(x2 + o, 4) + r3 * <f64>load<f32>(x3 + o, 4))), 8);
    }
  }
  if (j < d) {
    const og = <usize>j << 3;
    store<f64>(gPtr + og, load<f64>(gPtr + og) +
      ((r0 * at32(x0, j) + r1 * at32(x1, j)) + (r2 * at32(x2, j) + r3 * at32(x3, j))));
  }
}
