// Fast paths of the fused pass (assembly/loss/pass.ts), each generic over the loss and bitwise equal to the generic
// pass for the loss's row order and lanes (test/architecture/loss-parity.test.ts holds them to it), except where
// noted: short rows (2…31 features, SIMD build) unrolled over the pairs for pointwise losses; short rows (both builds)
// for row losses (softmax), each row's pairs held across its K scores; one feature with rows in SIMD lanes.
// Same operation order as src/js/loss/fast.ts.
import { zero, rowAt, labelAt, labelPair, axpy4 } from '../reduce';
import { fusedTail, Unweighted } from './pass';

/**
 * Rows of 2…31 features (the short-row order), SIMD build, pointwise losses: the four rows' dot products side by side (pair k of a row
 * into accumulator k mod 2, lanes starting from their first product, pairwise lane sums by shuffles, then the odd
 * tail), unrolled over at most M pairs (8 or 15, a compile-time constant) with every load at an immediate offset
 * from its row, W's or the gradient's address; the block's rows in L's order, the loss of two rows per f64x2 by
 * L's pair forms (their operations lane by lane, so the roundings are the scalar forms'), the sums in L's lanes. The gradient of pair k gets G_k + ((r0·x0 + r1·x1) + (r2·x2 + r3·x3))
 * once per block, as axpy4 does, so the roundings are those of the generic path and of the JS mirror. W and the
 * gradient stay in memory (L1): held in locals they outnumbered the sixteen vector registers V8 allocates, and the
 * spills cost more than these loads. Against the generic loop over pairs: 1 000 × 2 +60 %, × 17 … 31 +30 to +46 %.
 */
// @ts-ignore: decorator
@inline
export function shortRows<L, R>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, wPtr: usize, bPtr: usize, gPtr: usize, scratch: usize,
  M: i32,
): f64 {
  const loss = changetype<L>(0);
  zero(gPtr, d + 1);
  const b = load<f64>(bPtr);
  const rowBytes = <usize>d << 3, tail = <usize>(d - 1) << 3;
  const pairs = d >> 1, odd = (d & 1) != 0;
  const Z = f64x2.splat(-0.0), B = f64x2.splat(b); // Z: the lanes' start (reduce.ts)
  const WT = f64x2.splat(odd ? load<f64>(wPtr + tail) : 0);
  let gt = 0.0;
  // twoLanes: (s0, s1) of the losses in SL, of the residuals in ST; otherwise (Σℓ, Σr) in SL's two lanes.
  let SL = f64x2.splat(0), ST = f64x2.splat(0);
  let sl = 0.0, st = 0.0;
  let i = 0;
  // The blocks' rows in L's order (pass.ts): a, a + 1 and c, c + 1.
  const half = (n >> 2) << 1, halfBytes = <usize>half * rowBytes;
  let next = xPtr; // contiguous rows: row a of the next block
  for (; i + 4 <= n; i += 4) {
    const a = loss.twoStreams() ? i >> 1 : i;
    const c = loss.twoStreams() ? half + a : i + 2;
    let x0: usize, x1: usize, x2: usize, x3: usize;
    if (sizeof<R>() == 1) {
      x0 = next; x1 = x0 + rowBytes;
      if (loss.twoStreams()) {
        x2 = x0 + halfBytes; x3 = x2 + rowBytes; next = x1 + rowBytes;
      } else {
        x2 = x1 + rowBytes; x3 = x2 + rowBytes; next = x3 + rowBytes;
      }
    } else {
      x0 = rowAt<R>(xPtr, rowsPtr, a, rowBytes); x1 = rowAt<R>(xPtr, rowsPtr, a + 1, rowBytes);
      x2 = rowAt<R>(xPtr, rowsPtr, c, rowBytes); x3 = rowAt<R>(xPtr, rowsPtr, c + 1, rowBytes);
    }
    let V = v128.load(wPtr);
    // Each lane starts from its first product ((−0) + p = p).
    let P0 = f64x2.mul(v128.load(x0), V), Q0 = f64x2.mul(v128.load(x1), V);
    let U0 = f64x2.mul(v128.load(x2), V), T0 = f64x2.mul(v128.load(x3), V);
    let P1 = Z, Q1 = Z, U1 = Z, T1 = Z;
    if (pairs > 1) {
      V = v128.load(wPtr, 16);
      P1 = f64x2.mul(v128.load(x0, 16), V); Q1 = f64x2.mul(v128.load(x1, 16), V);
      U1 = f64x2.mul(v128.load(x2, 16), V); T1 = f64x2.mul(v128.load(x3, 16), V);
    }
    if (pairs > 2) {
      V = v128.load(wPtr, 32);
      P0 = mac(P0, v128.load(x0, 32), V); Q0 = mac(Q0, v128.load(x1, 32), V);
      U0 = mac(U0, v128.load(x2, 32), V); T0 = mac(T0, v128.load(x3, 32), V);
    }
    if (pairs > 3) {
      V = v128.load(wPtr, 48);
      P1 = mac(P1, v128.load(x0, 48), V); Q1 = mac(Q1, v128.load(x1, 48), V);
      U1 = mac(U1, v128.load(x2, 48), V); T1 = mac(T1, v128.load(x3, 48), V);
    }
    if (pairs > 4) {
      V = v128.load(wPtr, 64);
      P0 = mac(P0, v128.load(x0, 64), V); Q0 = mac(Q0, v128.load(x1, 64), V);
      U0 = mac(U0, v128.load(x2, 64), V); T0 = mac(T0, v128.load(x3, 64), V);
    }
    if (pairs > 5) {
      V = v128.load(wPtr, 80);
      P1 = mac(P1, v128.load(x0, 80), V); Q1 = mac(Q1, v128.load(x1, 80), V);
      U1 = mac(U1, v128.load(x2, 80), V); T1 = mac(T1, v128.load(x3, 80), V);
    }
    if (pairs > 6) {
      V = v128.load(wPtr, 96);
      P0 = mac(P0, v128.load(x0, 96), V); Q0 = mac(Q0, v128.load(x1, 96), V);
      U0 = mac(U0, v128.load(x2, 96), V); T0 = mac(T0, v128.load(x3, 96), V);
    }
    if (pairs > 7) {
      V = v128.load(wPtr, 112);
      P1 = mac(P1, v128.load(x0, 112), V); Q1 = mac(Q1, v128.load(x1, 112), V);
      U1 = mac(U1, v128.load(x2, 112), V); T1 = mac(T1, v128.load(x3, 112), V);
    }
    if (M > 8 && pairs > 8) {
      V = v128.load(wPtr, 128);
      P0 = mac(P0, v128.load(x0, 128), V); Q0 = mac(Q0, v128.load(x1, 128), V);
      U0 = mac(U0, v128.load(x2, 128), V); T0 = mac(T0, v128.load(x3, 128), V);
    }
    if (M > 9 && pairs > 9) {
      V = v128.load(wPtr, 144);
      P1 = mac(P1, v128.load(x0, 144), V); Q1 = mac(Q1, v128.load(x1, 144), V);
      U1 = mac(U1, v128.load(x2, 144), V); T1 = mac(T1, v128.load(x3, 144), V);
    }
    if (M > 10 && pairs > 10) {
      V = v128.load(wPtr, 160);
      P0 = mac(P0, v128.load(x0, 160), V); Q0 = mac(Q0, v128.load(x1, 160), V);
      U0 = mac(U0, v128.load(x2, 160), V); T0 = mac(T0, v128.load(x3, 160), V);
    }
    if (M > 11 && pairs > 11) {
      V = v128.load(wPtr, 176);
      P1 = mac(P1, v128.load(x0, 176), V); Q1 = mac(Q1, v128.load(x1, 176), V);
      U1 = mac(U1, v128.load(x2, 176), V); T1 = mac(T1, v128.load(x3, 176), V);
    }
    if (M > 12 && pairs > 12) {
      V = v128.load(wPtr, 192);
      P0 = mac(P0, v128.load(x0, 192), V); Q0 = mac(Q0, v128.load(x1, 192), V);
      U0 = mac(U0, v128.load(x2, 192), V); T0 = mac(T0, v128.load(x3, 192), V);
    }
    if (M > 13 && pairs > 13) {
      V = v128.load(wPtr, 208);
      P1 = mac(P1, v128.load(x0, 208), V); Q1 = mac(Q1, v128.load(x1, 208), V);
      U1 = mac(U1, v128.load(x2, 208), V); T1 = mac(T1, v128.load(x3, 208), V);
    }
    if (M > 14 && pairs > 14) {
      V = v128.load(wPtr, 224);
      P0 = mac(P0, v128.load(x0, 224), V); Q0 = mac(Q0, v128.load(x1, 224), V);
      U0 = mac(U0, v128.load(x2, 224), V); T0 = mac(T0, v128.load(x3, 224), V);
    }
    const S0 = f64x2.add(P0, P1), S1 = f64x2.add(Q0, Q1), S2 = f64x2.add(U0, U1), S3 = f64x2.add(T0, T1);
    let Z01 = f64x2.add(v128.shuffle<f64>(S0, S1, 0, 2), v128.shuffle<f64>(S0, S1, 1, 3));
    let Z23 = f64x2.add(v128.shuffle<f64>(S2, S3, 0, 2), v128.shuffle<f64>(S2, S3, 1, 3));
    if (odd) {
      Z01 = mac(Z01, v128.load64_lane(x1 + tail, v128.load64_splat(x0 + tail), 1), WT);
      Z23 = mac(Z23, v128.load64_lane(x3 + tail, v128.load64_splat(x2 + tail), 1), WT);
    }
    // Losses and residuals two rows to a vector (value()'s operations lane by lane), broadcast back by shuffles.
    const V01 = f64x2.add(Z01, B), V23 = f64x2.add(Z23, B);
    const Y01 = labelPair<R>(yPtr, rowsPtr, a), Y23 = labelPair<R>(yPtr, rowsPtr, c);
    const R01 = loss.residualPair(V01, Y01, scratch), R23 = loss.residualPair(V23, Y23, scratch + 16);
    const L01 = loss.valuePair(V01, Y01, R01, scratch), L23 = loss.valuePair(V23, Y23, R23, scratch + 16);
    if (loss.twoLanes()) {
      SL = f64x2.add(SL, f64x2.add(L01, L23));
      ST = f64x2.add(ST, f64x2.add(R01, R23));
    } else {
      // (sl, st) += ((ℓ0 + ℓ1) + (ℓ2 + ℓ3), (r0 + r1) + (r2 + r3)): the scalar sums' additions, the losses in lane 0
      // and the residuals in lane 1, by shuffles instead of eight lane extracts.
      const S01 = f64x2.add(v128.shuffle<f64>(L01, R01, 0, 2), v128.shuffle<f64>(L01, R01, 1, 3));
      const S23 = f64x2.add(v128.shuffle<f64>(L23, R23, 0, 2), v128.shuffle<f64>(L23, R23, 1, 3));
      SL = f64x2.add(SL, f64x2.add(S01, S23));
    }
    const R0 = v128.shuffle<f64>(R01, R01, 0, 0), R1 = v128.shuffle<f64>(R01, R01, 1, 1);
    const R2 = v128.shuffle<f64>(R23, R23, 0, 0), R3 = v128.shuffle<f64>(R23, R23, 1, 1);
    // Entered at the row's last pair and falling through to the first: one jump instead of a test per pair (the
    // pairs' updates are independent, so their order does not matter).
    switch (pairs) {
      case 15: v128.store(gPtr, rows4(v128.load(gPtr, 224),
        R0, v128.load(x0, 224), R1, v128.load(x1, 224), R2, v128.load(x2, 224), R3, v128.load(x3, 224)), 224);
      case 14: v128.store(gPtr, rows4(v128.load(gPtr, 208),
        R0, v128.load(x0, 208), R1, v128.load(x1, 208), R2, v128.load(x2, 208), R3, v128.load(x3, 208)), 208);
      case 13: v128.store(gPtr, rows4(v128.load(gPtr, 192),
        R0, v128.load(x0, 192), R1, v128.load(x1, 192), R2, v128.load(x2, 192), R3, v128.load(x3, 192)), 192);
      case 12: v128.store(gPtr, rows4(v128.load(gPtr, 176),
        R0, v128.load(x0, 176), R1, v128.load(x1, 176), R2, v128.load(x2, 176), R3, v128.load(x3, 176)), 176);
      case 11: v128.store(gPtr, rows4(v128.load(gPtr, 160),
        R0, v128.load(x0, 160), R1, v128.load(x1, 160), R2, v128.load(x2, 160), R3, v128.load(x3, 160)), 160);
      case 10: v128.store(gPtr, rows4(v128.load(gPtr, 144),
        R0, v128.load(x0, 144), R1, v128.load(x1, 144), R2, v128.load(x2, 144), R3, v128.load(x3, 144)), 144);
      case 9: v128.store(gPtr, rows4(v128.load(gPtr, 128),
        R0, v128.load(x0, 128), R1, v128.load(x1, 128), R2, v128.load(x2, 128), R3, v128.load(x3, 128)), 128);
      case 8: v128.store(gPtr, rows4(v128.load(gPtr, 112),
        R0, v128.load(x0, 112), R1, v128.load(x1, 112), R2, v128.load(x2, 112), R3, v128.load(x3, 112)), 112);
      case 7: v128.store(gPtr, rows4(v128.load(gPtr, 96),
        R0, v128.load(x0, 96), R1, v128.load(x1, 96), R2, v128.load(x2, 96), R3, v128.load(x3, 96)), 96);
      case 6: v128.store(gPtr, rows4(v128.load(gPtr, 80),
        R0, v128.load(x0, 80), R1, v128.load(x1, 80), R2, v128.load(x2, 80), R3, v128.load(x3, 80)), 80);
      case 5: v128.store(gPtr, rows4(v128.load(gPtr, 64),
        R0, v128.load(x0, 64), R1, v128.load(x1, 64), R2, v128.load(x2, 64), R3, v128.load(x3, 64)), 64);
      case 4: v128.store(gPtr, rows4(v128.load(gPtr, 48),
        R0, v128.load(x0, 48), R1, v128.load(x1, 48), R2, v128.load(x2, 48), R3, v128.load(x3, 48)), 48);
      case 3: v128.store(gPtr, rows4(v128.load(gPtr, 32),
        R0, v128.load(x0, 32), R1, v128.load(x1, 32), R2, v128.load(x2, 32), R3, v128.load(x3, 32)), 32);
      case 2: v128.store(gPtr, rows4(v128.load(gPtr, 16),
        R0, v128.load(x0, 16), R1, v128.load(x1, 16), R2, v128.load(x2, 16), R3, v128.load(x3, 16)), 16);
      default: v128.store(gPtr, rows4(v128.load(gPtr),
        R0, v128.load(x0), R1, v128.load(x1), R2, v128.load(x2), R3, v128.load(x3)));
    }
    if (odd) {
      const r0 = f64x2.extract_lane(R01, 0), r1 = f64x2.extract_lane(R01, 1);
      const r2 = f64x2.extract_lane(R23, 0), r3 = f64x2.extract_lane(R23, 1);
      gt += (r0 * load<f64>(x0 + tail) + r1 * load<f64>(x1 + tail)) + (r2 * load<f64>(x2 + tail) + r3 * load<f64>(x3 + tail));
    }
  }
  if (odd) store<f64>(gPtr + tail, gt);
  if (loss.twoLanes()) {
    sl = f64x2.extract_lane(SL, 0) + f64x2.extract_lane(SL, 1);
    st = f64x2.extract_lane(ST, 0) + f64x2.extract_lane(ST, 1);
  } else {
    sl = f64x2.extract_lane(SL, 0);
    st = f64x2.extract_lane(SL, 1);
  }
  // Remaining rows one at a time, as the generic pass does them.
  return fusedTail<L, R, Unweighted>(xPtr, yPtr, rowsPtr, i, n, d, 1, wPtr, bPtr, gPtr, scratch, sl, st, 0);
}

/**
 * Rows of 2…31 features, row losses (pointwise() false, K outputs; the softmax): the generic pass's operations in its
 * order (fusedPass: per block of four rows in L's row order the K scores and loss.row of each row, the sums in L's
 * lanes, then per output k one axpy4 and the bias sum Σr) with less overhead around them. Each row's scores by
 * rowScores (its pairs loaded once and held across the K classes, each dot in dotShort's lane order); the gradient
 * of output k as axpy4 does it, G_k + ((r0·x0 + r1·x1) + (r2·x2 + r3·x3)) per pair, SIMD build unrolled over the
 * pairs (entered at the row's last pair, every load at an immediate offset) two outputs a trip (each pair of the four
 * rows loaded once for outputs k and k + 1: 10 classes at d = 10, 0.96–0.97× the time), the tail element scalar as axpy4's; the
 * bias sums of two outputs per f64x2 (the same additions lane by lane). SIMD build: the block's rows two at a time
 * through L.rowPair(a, b, K, ya, yb) → (ℓa, ℓb), row() of both rows interleaved (a row loss of the SIMD build
 * provides it; its doubles are row()'s); the scalar build calls row() per row. Bitwise equal to the generic pass
 * (test/architecture/loss-parity.test.ts). Out of line (not @inline): inlined into grad<Multinomial> it doubled
 * that function and slowed its generic pass (d = 100) 1.5×. Measured against main (lossGrad, softmax with 10
 * classes, 1 000 × 10 and 1 000 000 × 10, SIMD): 0.61–0.62× the time (~102 → ~64 ns a row; the pass alone ~33 ns,
 * the rows' softmax ~29 ns); scalar build and JS mirror 0.95–0.97× in the fit.
 */
export function shortRowLoss<L, R>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize,
): f64 {
  const loss = changetype<L>(0);
  const rowBytes = <usize>d << 3, kb = <usize>K << 3, tail = <usize>(d - 1) << 3;
  const gbPtr = gPtr + <usize>K * rowBytes;
  zero(gPtr, K * d + K);
  const pairs = d >> 1, odd = (d & 1) != 0;
  const s1p = scratch + kb, s2p = scratch + 2 * kb, s3p = scratch + 3 * kb;
  const kPairs = <usize>(K >> 1) << 4;
  let s0 = 0.0, s1 = 0.0;
  let i = 0;
  const half = (n >> 2) << 1;
  for (; i + 4 <= n; i += 4) {
    // The block's rows: positions p, p + 1 and q, q + 1 (fusedPass).
    const p = loss.twoStreams() ? i >> 1 : i;
    const q = loss.twoStreams() ? half + p : i + 2;
    const x0 = rowAt<R>(xPtr, rowsPtr, p, rowBytes), x1 = rowAt<R>(xPtr, rowsPtr, p + 1, rowBytes);
    const x2 = rowAt<R>(xPtr, rowsPtr, q, rowBytes), x3 = rowAt<R>(xPtr, rowsPtr, q + 1, rowBytes);
    let l0: f64, l1: f64, l2: f64, l3: f64;
    if (ASC_FEATURE_SIMD) {
      // Two rows per loss.rowPair: their chains overlap (the same doubles as row() of each).
      rowScores(x0, d, K, wPtr, bPtr, scratch);
      rowScores(x1, d, K, wPtr, bPtr, s1p);
      const L01 = loss.rowPair(scratch, s1p, K, <i32>labelAt<R>(yPtr, rowsPtr, p), <i32>labelAt<R>(yPtr, rowsPtr, p + 1));
      rowScores(x2, d, K, wPtr, bPtr, s2p);
      rowScores(x3, d, K, wPtr, bPtr, s3p);
      const L23 = loss.rowPair(s2p, s3p, K, <i32>labelAt<R>(yPtr, rowsPtr, q), <i32>labelAt<R>(yPtr, rowsPtr, q + 1));
      l0 = f64x2.extract_lane(L01, 0); l1 = f64x2.extract_lane(L01, 1);
      l2 = f64x2.extract_lane(L23, 0); l3 = f64x2.extract_lane(L23, 1);
    } else {
      rowScores(x0, d, K, wPtr, bPtr, scratch);
      l0 = loss.row(scratch, K, <i32>labelAt<R>(yPtr, rowsPtr, p));
      rowScores(x1, d, K, wPtr, bPtr, s1p);
      l1 = loss.row(s1p, K, <i32>labelAt<R>(yPtr, rowsPtr, p + 1));
      rowScores(x2, d, K, wPtr, bPtr, s2p);
      l2 = loss.row(s2p, K, <i32>labelAt<R>(yPtr, rowsPtr, q));
      rowScores(x3, d, K, wPtr, bPtr, s3p);
      l3 = loss.row(s3p, K, <i32>labelAt<R>(yPtr, rowsPtr, q + 1));
    }
    if (loss.twoLanes()) {
      s0 += l0 + l2;
      s1 += l1 + l3;
    } else {
      s0 += (l0 + l1) + (l2 + l3);
    }
    let gk = gPtr;
    let oc: usize = 0;
    if (ASC_FEATURE_SIMD) {
      // Two outputs k, k + 1 a trip: each pair of the four rows loaded once for both (the same operations per
      // gradient entry as one output a trip).
      const k2 = <usize>(K >> 1) << 4;
      for (; oc < k2; oc += 16) {
        const gl = gk + rowBytes;
        const A0 = v128.load64_splat(scratch + oc), A1 = v128.load64_splat(s1p + oc);
        const A2 = v128.load64_splat(s2p + oc), A3 = v128.load64_splat(s3p + oc);
        const B0 = v128.load64_splat(scratch + oc, 8), B1 = v128.load64_splat(s1p + oc, 8);
        const B2 = v128.load64_splat(s2p + oc, 8), B3 = v128.load64_splat(s3p + oc, 8);
        switch (pairs) {
          case 15: {
            const X0 = v128.load(x0, 224), X1 = v128.load(x1, 224), X2 = v128.load(x2, 224), X3 = v128.load(x3, 224);
            v128.store(gk, rows4(v128.load(gk, 224), A0, X0, A1, X1, A2, X2, A3, X3), 224);
            v128.store(gl, rows4(v128.load(gl, 224), B0, X0, B1, X1, B2, X2, B3, X3), 224);
          }
          case 14: {
            const X0 = v128.load(x0, 208), X1 = v128.load(x1, 208), X2 = v128.load(x2, 208), X3 = v128.load(x3, 208);
            v128.store(gk, rows4(v128.load(gk, 208), A0, X0, A1, X1, A2, X2, A3, X3), 208);
            v128.store(gl, rows4(v128.load(gl, 208), B0, X0, B1, X1, B2, X2, B3, X3), 208);
          }
          case 13: {
            const X0 = v128.load(x0, 192), X1 = v128.load(x1, 192), X2 = v128.load(x2, 192), X3 = v128.load(x3, 192);
            v128.store(gk, rows4(v128.load(gk, 192), A0, X0, A1, X1, A2, X2, A3, X3), 192);
            v128.store(gl, rows4(v128.load(gl, 192), B0, X0, B1, X1, B2, X2, B3, X3), 192);
          }
          case 12: {
            const X0 = v128.load(x0, 176), X1 = v128.load(x1, 176), X2 = v128.load(x2, 176), X3 = v128.load(x3, 176);
            v128.store(gk, rows4(v128.load(gk, 176), A0, X0, A1, X1, A2, X2, A3, X3), 176);
            v128.store(gl, rows4(v128.load(gl, 176), B0, X0, B1, X1, B2, X2, B3, X3), 176);
          }
          case 11: {
            const X0 = v128.load(x0, 160), X1 = v128.load(x1, 160), X2 = v128.load(x2, 160), X3 = v128.load(x3, 160);
            v128.store(gk, rows4(v128.load(gk, 160), A0, X0, A1, X1, A2, X2, A3, X3), 160);
            v128.store(gl, rows4(v128.load(gl, 160), B0, X0, B1, X1, B2, X2, B3, X3), 160);
          }
          case 10: {
            const X0 = v128.load(x0, 144), X1 = v128.load(x1, 144), X2 = v128.load(x2, 144), X3 = v128.load(x3, 144);
            v128.store(gk, rows4(v128.load(gk, 144), A0, X0, A1, X1, A2, X2, A3, X3), 144);
            v128.store(gl, rows4(v128.load(gl, 144), B0, X0, B1, X1, B2, X2, B3, X3), 144);
          }
          case 9: {
            const X0 = v128.load(x0, 128), X1 = v128.load(x1, 128), X2 = v128.load(x2, 128), X3 = v128.load(x3, 128);
            v128.store(gk, rows4(v128.load(gk, 128), A0, X0, A1, X1, A2, X2, A3, X3), 128);
            v128.store(gl, rows4(v128.load(gl, 128), B0, X0, B1, X1, B2, X2, B3, X3), 128);
          }
          case 8: {
            const X0 = v128.load(x0, 112), X1 = v128.load(x1, 112), X2 = v128.load(x2, 112), X3 = v128.load(x3, 112);
            v128.store(gk, rows4(v128.load(gk, 112), A0, X0, A1, X1, A2, X2, A3, X3), 112);
            v128.store(gl, rows4(v128.load(gl, 112), B0, X0, B1, X1, B2, X2, B3, X3), 112);
          }
          case 7: {
            const X0 = v128.load(x0, 96), X1 = v128.load(x1, 96), X2 = v128.load(x2, 96), X3 = v128.load(x3, 96);
            v128.store(gk, rows4(v128.load(gk, 96), A0, X0, A1, X1, A2, X2, A3, X3), 96);
            v128.store(gl, rows4(v128.load(gl, 96), B0, X0, B1, X1, B2, X2, B3, X3), 96);
          }
          case 6: {
            const X0 = v128.load(x0, 80), X1 = v128.load(x1, 80), X2 = v128.load(x2, 80), X3 = v128.load(x3, 80);
            v128.store(gk, rows4(v128.load(gk, 80), A0, X0, A1, X1, A2, X2, A3, X3), 80);
            v128.store(gl, rows4(v128.load(gl, 80), B0, X0, B1, X1, B2, X2, B3, X3), 80);
          }
          case 5: {
            const X0 = v128.load(x0, 64), X1 = v128.load(x1, 64), X2 = v128.load(x2, 64), X3 = v128.load(x3, 64);
            v128.store(gk, rows4(v128.load(gk, 64), A0, X0, A1, X1, A2, X2, A3, X3), 64);
            v128.store(gl, rows4(v128.load(gl, 64), B0, X0, B1, X1, B2, X2, B3, X3), 64);
          }
          case 4: {
            const X0 = v128.load(x0, 48), X1 = v128.load(x1, 48), X2 = v128.load(x2, 48), X3 = v128.load(x3, 48);
            v128.store(gk, rows4(v128.load(gk, 48), A0, X0, A1, X1, A2, X2, A3, X3), 48);
            v128.store(gl, rows4(v128.load(gl, 48), B0, X0, B1, X1, B2, X2, B3, X3), 48);
          }
          case 3: {
            const X0 = v128.load(x0, 32), X1 = v128.load(x1, 32), X2 = v128.load(x2, 32), X3 = v128.load(x3, 32);
            v128.store(gk, rows4(v128.load(gk, 32), A0, X0, A1, X1, A2, X2, A3, X3), 32);
            v128.store(gl, rows4(v128.load(gl, 32), B0, X0, B1, X1, B2, X2, B3, X3), 32);
          }
          case 2: {
            const X0 = v128.load(x0, 16), X1 = v128.load(x1, 16), X2 = v128.load(x2, 16), X3 = v128.load(x3, 16);
            v128.store(gk, rows4(v128.load(gk, 16), A0, X0, A1, X1, A2, X2, A3, X3), 16);
            v128.store(gl, rows4(v128.load(gl, 16), B0, X0, B1, X1, B2, X2, B3, X3), 16);
          }
          default: {
            const X0 = v128.load(x0), X1 = v128.load(x1), X2 = v128.load(x2), X3 = v128.load(x3);
            v128.store(gk, rows4(v128.load(gk), A0, X0, A1, X1, A2, X2, A3, X3));
            v128.store(gl, rows4(v128.load(gl), B0, X0, B1, X1, B2, X2, B3, X3));
          }
        }
        if (odd) {
          const t0 = load<f64>(x0 + tail), t1 = load<f64>(x1 + tail), t2 = load<f64>(x2 + tail), t3 = load<f64>(x3 + tail);
          store<f64>(gk + tail, load<f64>(gk + tail) + ((load<f64>(scratch + oc) * t0 + load<f64>(s1p + oc) * t1) +
            (load<f64>(s2p + oc) * t2 + load<f64>(s3p + oc) * t3)));
          store<f64>(gl + tail, load<f64>(gl + tail) + ((load<f64>(scratch + oc, 8) * t0 + load<f64>(s1p + oc, 8) * t1) +
            (load<f64>(s2p + oc, 8) * t2 + load<f64>(s3p + oc, 8) * t3)));
        }
        gk = gl + rowBytes;
      }
    }
    for (let o: usize = oc; o < kb; o += 8) {
      if (ASC_FEATURE_SIMD) {
        const R0 = v128.load64_splat(scratch + o), R1 = v128.load64_splat(s1p + o);
        const R2 = v128.load64_splat(s2p + o), R3 = v128.load64_splat(s3p + o);
      switch (pairs) {
        case 15: v128.store(gk, rows4(v128.load(gk, 224),
          R0, v128.load(x0, 224), R1, v128.load(x1, 224), R2, v128.load(x2, 224), R3, v128.load(x3, 224)), 224);
        case 14: v128.store(gk, rows4(v128.load(gk, 208),
          R0, v128.load(x0, 208), R1, v128.load(x1, 208), R2, v128.load(x2, 208), R3, v128.load(x3, 208)), 208);
        case 13: v128.store(gk, rows4(v128.load(gk, 192),
          R0, v128.load(x0, 192), R1, v128.load(x1, 192), R2, v128.load(x2, 192), R3, v128.load(x3, 192)), 192);
        case 12: v128.store(gk, rows4(v128.load(gk, 176),
          R0, v128.load(x0, 176), R1, v128.load(x1, 176), R2, v128.load(x2, 176), R3, v128.load(x3, 176)), 176);
        case 11: v128.store(gk, rows4(v128.load(gk, 160),
          R0, v128.load(x0, 160), R1, v128.load(x1, 160), R2, v128.load(x2, 160), R3, v128.load(x3, 160)), 160);
        case 10: v128.store(gk, rows4(v128.load(gk, 144),
          R0, v128.load(x0, 144), R1, v128.load(x1, 144), R2, v128.load(x2, 144), R3, v128.load(x3, 144)), 144);
        case 9: v128.store(gk, rows4(v128.load(gk, 128),
          R0, v128.load(x0, 128), R1, v128.load(x1, 128), R2, v128.load(x2, 128), R3, v128.load(x3, 128)), 128);
        case 8: v128.store(gk, rows4(v128.load(gk, 112),
          R0, v128.load(x0, 112), R1, v128.load(x1, 112), R2, v128.load(x2, 112), R3, v128.load(x3, 112)), 112);
        case 7: v128.store(gk, rows4(v128.load(gk, 96),
          R0, v128.load(x0, 96), R1, v128.load(x1, 96), R2, v128.load(x2, 96), R3, v128.load(x3, 96)), 96);
        case 6: v128.store(gk, rows4(v128.load(gk, 80),
          R0, v128.load(x0, 80), R1, v128.load(x1, 80), R2, v128.load(x2, 80), R3, v128.load(x3, 80)), 80);
        case 5: v128.store(gk, rows4(v128.load(gk, 64),
          R0, v128.load(x0, 64), R1, v128.load(x1, 64), R2, v128.load(x2, 64), R3, v128.load(x3, 64)), 64);
        case 4: v128.store(gk, rows4(v128.load(gk, 48),
          R0, v128.load(x0, 48), R1, v128.load(x1, 48), R2, v128.load(x2, 48), R3, v128.load(x3, 48)), 48);
        case 3: v128.store(gk, rows4(v128.load(gk, 32),
          R0, v128.load(x0, 32), R1, v128.load(x1, 32), R2, v128.load(x2, 32), R3, v128.load(x3, 32)), 32);
        case 2: v128.store(gk, rows4(v128.load(gk, 16),
          R0, v128.load(x0, 16), R1, v128.load(x1, 16), R2, v128.load(x2, 16), R3, v128.load(x3, 16)), 16);
        default: v128.store(gk, rows4(v128.load(gk),
          R0, v128.load(x0), R1, v128.load(x1), R2, v128.load(x2), R3, v128.load(x3)));
      }
        if (odd) {
          const r0 = load<f64>(scratch + o), r1 = load<f64>(s1p + o), r2 = load<f64>(s2p + o), r3 = load<f64>(s3p + o);
          store<f64>(gk + tail, load<f64>(gk + tail) +
            ((r0 * load<f64>(x0 + tail) + r1 * load<f64>(x1 + tail)) + (r2 * load<f64>(x2 + tail) + r3 * load<f64>(x3 + tail))));
        }
      } else {
        axpy4(gk, d, load<f64>(scratch + o), x0, load<f64>(s1p + o), x1, load<f64>(s2p + o), x2, load<f64>(s3p + o), x3);
      }
      gk += rowBytes;
    }
    // The bias sums gb_k + ((r0 + r1) + (r2 + r3)), two outputs per f64x2 in the SIMD build.
    let o: usize = 0;
    if (ASC_FEATURE_SIMD) {
      for (; o < kPairs; o += 16) {
        const T = f64x2.add(f64x2.add(v128.load(scratch + o), v128.load(s1p + o)), f64x2.add(v128.load(s2p + o), v128.load(s3p + o)));
        v128.store(gbPtr + o, f64x2.add(v128.load(gbPtr + o), T));
      }
    }
    for (; o < kb; o += 8) {
      store<f64>(gbPtr + o, load<f64>(gbPtr + o) +
        ((load<f64>(scratch + o) + load<f64>(s1p + o)) + (load<f64>(s2p + o) + load<f64>(s3p + o))));
    }
  }
  if (loss.twoLanes()) s0 = s0 + s1;
  // Remaining rows one at a time, as the generic pass does them.
  return fusedTail<L, R, Unweighted>(xPtr, yPtr, rowsPtr, i, n, d, K, wPtr, bPtr, gPtr, scratch, s0, 0.0, 0);
}

/**
 * The K scores x·Wₖ + bₖ of one row of d = 2…31 features into out, each dot product in dotShort's four-lane order
 * (assembly/reduce.ts: pair j of the row into lanes B_(j mod 2), each lane from its first product, B0 + B1, its two
 * lanes, then the odd tail): the row's pairs loaded once into locals (every load at an immediate offset) and kept
 * across the K classes, W's rows streamed. One jump on the number of pairs per row to a copy with that many.
 */
function rowScores(x: usize, d: i32, K: i32, wPtr: usize, bPtr: usize, out: usize): void {
  switch (d >> 1) {
    case 1: rowScoresP(x, d, K, wPtr, bPtr, out, 1); break;
    case 2: rowScoresP(x, d, K, wPtr, bPtr, out, 2); break;
    case 3: rowScoresP(x, d, K, wPtr, bPtr, out, 3); break;
    case 4: rowScoresP(x, d, K, wPtr, bPtr, out, 4); break;
    case 5: rowScoresP(x, d, K, wPtr, bPtr, out, 5); break;
    case 6: rowScoresP(x, d, K, wPtr, bPtr, out, 6); break;
    case 7: rowScoresP(x, d, K, wPtr, bPtr, out, 7); break;
    case 8: rowScoresP(x, d, K, wPtr, bPtr, out, 8); break;
    case 9: rowScoresP(x, d, K, wPtr, bPtr, out, 9); break;
    case 10: rowScoresP(x, d, K, wPtr, bPtr, out, 10); break;
    case 11: rowScoresP(x, d, K, wPtr, bPtr, out, 11); break;
    case 12: rowScoresP(x, d, K, wPtr, bPtr, out, 12); break;
    case 13: rowScoresP(x, d, K, wPtr, bPtr, out, 13); break;
    case 14: rowScoresP(x, d, K, wPtr, bPtr, out, 14); break;
    default: rowScoresP(x, d, K, wPtr, bPtr, out, 15);
  }
}

/** rowScores for rows of P pairs (a constant after inlining: the tests on P fold). */
// @ts-ignore: decorator
@inline
function rowScoresP(x: usize, d: i32, K: i32, wPtr: usize, bPtr: usize, out: usize, P: i32): void {
  const rowBytes = <usize>d << 3, tail = <usize>(d - 1) << 3, odd = (d & 1) != 0;
  const xt = odd ? load<f64>(x + tail) : 0.0;
  let w = wPtr, bp = bPtr, op = out;
  const end = out + (<usize>K << 3);
  if (ASC_FEATURE_SIMD) {
    const Z = f64x2.splat(-0.0);
    const X0 = v128.load(x);
    let X1 = Z;
    let X2 = Z;
    let X3 = Z;
    let X4 = Z;
    let X5 = Z;
    let X6 = Z;
    let X7 = Z;
    let X8 = Z;
    let X9 = Z;
    let X10 = Z;
    let X11 = Z;
    let X12 = Z;
    let X13 = Z;
    let X14 = Z;
    if (P > 1) X1 = v128.load(x, 16);
    if (P > 2) X2 = v128.load(x, 32);
    if (P > 3) X3 = v128.load(x, 48);
    if (P > 4) X4 = v128.load(x, 64);
    if (P > 5) X5 = v128.load(x, 80);
    if (P > 6) X6 = v128.load(x, 96);
    if (P > 7) X7 = v128.load(x, 112);
    if (P > 8) X8 = v128.load(x, 128);
    if (P > 9) X9 = v128.load(x, 144);
    if (P > 10) X10 = v128.load(x, 160);
    if (P > 11) X11 = v128.load(x, 176);
    if (P > 12) X12 = v128.load(x, 192);
    if (P > 13) X13 = v128.load(x, 208);
    if (P > 14) X14 = v128.load(x, 224);
    // Two classes k, k + 1 per trip: their lane sums by one add of two shuffles, the tails by one f64x2 mac, the
    // biases by one f64x2 add (each class's operations as dotShort's, lane by lane).
    const XT = f64x2.splat(xt), pairEnd = out + (<usize>(K >> 1) << 4);
    for (; op < pairEnd; op += 16) {
      const u = w + rowBytes;
      let A = f64x2.mul(X0, v128.load(w)), B = Z, C = f64x2.mul(X0, v128.load(u)), D = Z;
      if (P > 1) { B = f64x2.mul(X1, v128.load(w, 16)); D = f64x2.mul(X1, v128.load(u, 16)); }
      if (P > 2) { A = mac(A, X2, v128.load(w, 32)); C = mac(C, X2, v128.load(u, 32)); }
      if (P > 3) { B = mac(B, X3, v128.load(w, 48)); D = mac(D, X3, v128.load(u, 48)); }
      if (P > 4) { A = mac(A, X4, v128.load(w, 64)); C = mac(C, X4, v128.load(u, 64)); }
      if (P > 5) { B = mac(B, X5, v128.load(w, 80)); D = mac(D, X5, v128.load(u, 80)); }
      if (P > 6) { A = mac(A, X6, v128.load(w, 96)); C = mac(C, X6, v128.load(u, 96)); }
      if (P > 7) { B = mac(B, X7, v128.load(w, 112)); D = mac(D, X7, v128.load(u, 112)); }
      if (P > 8) { A = mac(A, X8, v128.load(w, 128)); C = mac(C, X8, v128.load(u, 128)); }
      if (P > 9) { B = mac(B, X9, v128.load(w, 144)); D = mac(D, X9, v128.load(u, 144)); }
      if (P > 10) { A = mac(A, X10, v128.load(w, 160)); C = mac(C, X10, v128.load(u, 160)); }
      if (P > 11) { B = mac(B, X11, v128.load(w, 176)); D = mac(D, X11, v128.load(u, 176)); }
      if (P > 12) { A = mac(A, X12, v128.load(w, 192)); C = mac(C, X12, v128.load(u, 192)); }
      if (P > 13) { B = mac(B, X13, v128.load(w, 208)); D = mac(D, X13, v128.load(u, 208)); }
      if (P > 14) { A = mac(A, X14, v128.load(w, 224)); C = mac(C, X14, v128.load(u, 224)); }
      const S = f64x2.add(A, B), T = f64x2.add(C, D);
      let V = f64x2.add(v128.shuffle<f64>(S, T, 0, 2), v128.shuffle<f64>(S, T, 1, 3));
      if (odd) V = mac(V, XT, v128.load64_lane(u + tail, v128.load64_splat(w + tail), 1));
      v128.store(op, f64x2.add(V, v128.load(bp)));
      w = u + rowBytes;
      bp += 16;
    }
    for (; op < end; op += 8) {
      let A = f64x2.mul(X0, v128.load(w)), B = Z;
      if (P > 1) B = f64x2.mul(X1, v128.load(w, 16));
      if (P > 2) A = mac(A, X2, v128.load(w, 32));
      if (P > 3) B = mac(B, X3, v128.load(w, 48));
      if (P > 4) A = mac(A, X4, v128.load(w, 64));
      if (P > 5) B = mac(B, X5, v128.load(w, 80));
      if (P > 6) A = mac(A, X6, v128.load(w, 96));
      if (P > 7) B = mac(B, X7, v128.load(w, 112));
      if (P > 8) A = mac(A, X8, v128.load(w, 128));
      if (P > 9) B = mac(B, X9, v128.load(w, 144));
      if (P > 10) A = mac(A, X10, v128.load(w, 160));
      if (P > 11) B = mac(B, X11, v128.load(w, 176));
      if (P > 12) A = mac(A, X12, v128.load(w, 192));
      if (P > 13) B = mac(B, X13, v128.load(w, 208));
      if (P > 14) A = mac(A, X14, v128.load(w, 224));
      const S = f64x2.add(A, B);
      let s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
      if (odd) s += xt * load<f64>(w + tail);
      store<f64>(op, s + load<f64>(bp));
      w += rowBytes;
      bp += 8;
    }
  } else {
    const x0 = load<f64>(x), x1 = load<f64>(x, 8);
    let x2 = 0.0;
    let x3 = 0.0;
    let x4 = 0.0;
    let x5 = 0.0;
    let x6 = 0.0;
    let x7 = 0.0;
    let x8 = 0.0;
    let x9 = 0.0;
    let x10 = 0.0;
    let x11 = 0.0;
    let x12 = 0.0;
    let x13 = 0.0;
    let x14 = 0.0;
    let x15 = 0.0;
    let x16 = 0.0;
    let x17 = 0.0;
    let x18 = 0.0;
    let x19 = 0.0;
    let x20 = 0.0;
    let x21 = 0.0;
    let x22 = 0.0;
    let x23 = 0.0;
    let x24 = 0.0;
    let x25 = 0.0;
    let x26 = 0.0;
    let x27 = 0.0;
    let x28 = 0.0;
    let x29 = 0.0;
    if (P > 1) { x2 = load<f64>(x, 16); x3 = load<f64>(x, 24); }
    if (P > 2) { x4 = load<f64>(x, 32); x5 = load<f64>(x, 40); }
    if (P > 3) { x6 = load<f64>(x, 48); x7 = load<f64>(x, 56); }
    if (P > 4) { x8 = load<f64>(x, 64); x9 = load<f64>(x, 72); }
    if (P > 5) { x10 = load<f64>(x, 80); x11 = load<f64>(x, 88); }
    if (P > 6) { x12 = load<f64>(x, 96); x13 = load<f64>(x, 104); }
    if (P > 7) { x14 = load<f64>(x, 112); x15 = load<f64>(x, 120); }
    if (P > 8) { x16 = load<f64>(x, 128); x17 = load<f64>(x, 136); }
    if (P > 9) { x18 = load<f64>(x, 144); x19 = load<f64>(x, 152); }
    if (P > 10) { x20 = load<f64>(x, 160); x21 = load<f64>(x, 168); }
    if (P > 11) { x22 = load<f64>(x, 176); x23 = load<f64>(x, 184); }
    if (P > 12) { x24 = load<f64>(x, 192); x25 = load<f64>(x, 200); }
    if (P > 13) { x26 = load<f64>(x, 208); x27 = load<f64>(x, 216); }
    if (P > 14) { x28 = load<f64>(x, 224); x29 = load<f64>(x, 232); }
    for (; op < end; op += 8) {
      let b0 = x0 * load<f64>(w), b1 = x1 * load<f64>(w, 8), b2 = -0.0, b3 = -0.0;
      if (P > 1) { b2 = x2 * load<f64>(w, 16); b3 = x3 * load<f64>(w, 24); }
      if (P > 2) { b0 += x4 * load<f64>(w, 32); b1 += x5 * load<f64>(w, 40); }
      if (P > 3) { b2 += x6 * load<f64>(w, 48); b3 += x7 * load<f64>(w, 56); }
      if (P > 4) { b0 += x8 * load<f64>(w, 64); b1 += x9 * load<f64>(w, 72); }
      if (P > 5) { b2 += x10 * load<f64>(w, 80); b3 += x11 * load<f64>(w, 88); }
      if (P > 6) { b0 += x12 * load<f64>(w, 96); b1 += x13 * load<f64>(w, 104); }
      if (P > 7) { b2 += x14 * load<f64>(w, 112); b3 += x15 * load<f64>(w, 120); }
      if (P > 8) { b0 += x16 * load<f64>(w, 128); b1 += x17 * load<f64>(w, 136); }
      if (P > 9) { b2 += x18 * load<f64>(w, 144); b3 += x19 * load<f64>(w, 152); }
      if (P > 10) { b0 += x20 * load<f64>(w, 160); b1 += x21 * load<f64>(w, 168); }
      if (P > 11) { b2 += x22 * load<f64>(w, 176); b3 += x23 * load<f64>(w, 184); }
      if (P > 12) { b0 += x24 * load<f64>(w, 192); b1 += x25 * load<f64>(w, 200); }
      if (P > 13) { b2 += x26 * load<f64>(w, 208); b3 += x27 * load<f64>(w, 216); }
      if (P > 14) { b0 += x28 * load<f64>(w, 224); b1 += x29 * load<f64>(w, 232); }
      let s = (b0 + b2) + (b1 + b3);
      if (odd) s += xt * load<f64>(w + tail);
      store<f64>(op, s + load<f64>(bp));
      w += rowBytes;
      bp += 8;
    }
  }
}


/** A + X·W, lane-wise. */
// @ts-ignore: decorator
@inline
function mac(A: v128, X: v128, W: v128): v128 {
  return f64x2.add(A, f64x2.mul(X, W));
}

/** G + ((R0·X0 + R1·X1) + (R2·X2 + R3·X3)), lane-wise: four rows' share of one pair of the gradient. */
// @ts-ignore: decorator
@inline
function rows4(G: v128, R0: v128, X0: v128, R1: v128, X1: v128, R2: v128, X2: v128, R3: v128, X3: v128): v128 {
  return f64x2.add(G, f64x2.add(f64x2.add(f64x2.mul(R0, X0), f64x2.mul(R1, X1)), f64x2.add(f64x2.mul(R2, X2), f64x2.mul(R3, X3))));
}



/**
 * One feature, pointwise losses that take it (rowsInLanes: the squared loss): X is a column, so rows go in SIMD
 * lanes. Blocks of four rows i … i + 3, lanes (r0, r1) and (r2, r3), with two accumulators each: s0 += ℓ0 + ℓ2,
 * s1 += ℓ1 + ℓ3 (likewise Σr and Σr·x); then s = s0 + s1 and the remaining rows one at a time. Its gradient sum
 * keeps two lanes where the generic pass adds the four rows' products in one axpy4, so it is NOT bitwise equal to the
 * generic pass: it is the order the linear model's doubles were recorded in (test/golden), and the loss tests pin it
 * against the scalar form of the same lanes and, within rounding, against the generic pass.
 */
// @ts-ignore: decorator
@inline
export function oneFeature<L, R>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, wPtr: usize, bPtr: usize, gPtr: usize, scratch: usize,
): f64 {
  const loss = changetype<L>(0);
  const w = load<f64>(wPtr), b = load<f64>(bPtr);
  let s: f64, t: f64, g: f64;
  let i = 0;
  if (ASC_FEATURE_SIMD && sizeof<R>() == 1) {
    // Contiguous rows, SIMD build: X and y load straight into the two lanes.
    const W = f64x2.splat(w), B = f64x2.splat(b);
    let SL = f64x2.splat(0), ST = f64x2.splat(0), G = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const X01 = v128.load(xPtr + o), X23 = v128.load(xPtr + o, 16);
      const Z01 = f64x2.add(f64x2.mul(X01, W), B), Z23 = f64x2.add(f64x2.mul(X23, W), B);
      const Y01 = v128.load(yPtr + o), Y23 = v128.load(yPtr + o, 16);
      const R01 = loss.residualPair(Z01, Y01, scratch), R23 = loss.residualPair(Z23, Y23, scratch + 16);
      const L01 = loss.valuePair(Z01, Y01, R01, scratch), L23 = loss.valuePair(Z23, Y23, R23, scratch + 16);
      SL = f64x2.add(SL, f64x2.add(L01, L23));
      ST = f64x2.add(ST, f64x2.add(R01, R23));
      G = f64x2.add(G, f64x2.add(f64x2.mul(R01, X01), f64x2.mul(R23, X23)));
    }
    s = f64x2.extract_lane(SL, 0) + f64x2.extract_lane(SL, 1);
    t = f64x2.extract_lane(ST, 0) + f64x2.extract_lane(ST, 1);
    g = f64x2.extract_lane(G, 0) + f64x2.extract_lane(G, 1);
  } else {
    // The same two lanes in scalar code (scalar build, or a shuffled batch read in place through the row order).
    let s0 = 0.0, s1 = 0.0, t0 = 0.0, t1 = 0.0, g0 = 0.0, g1 = 0.0;
    for (; i + 4 <= n; i += 4) {
      const x0 = load<f64>(rowAt<R>(xPtr, rowsPtr, i, 8)), x1 = load<f64>(rowAt<R>(xPtr, rowsPtr, i + 1, 8));
      const x2 = load<f64>(rowAt<R>(xPtr, rowsPtr, i + 2, 8)), x3 = load<f64>(rowAt<R>(xPtr, rowsPtr, i + 3, 8));
      const z0 = x0 * w + b, z1 = x1 * w + b, z2 = x2 * w + b, z3 = x3 * w + b;
      const y0 = labelAt<R>(yPtr, rowsPtr, i), y1 = labelAt<R>(yPtr, rowsPtr, i + 1);
      const y2 = labelAt<R>(yPtr, rowsPtr, i + 2), y3 = labelAt<R>(yPtr, rowsPtr, i + 3);
      const r0 = loss.residual(z0, y0, scratch), r1 = loss.residual(z1, y1, scratch + 8);
      const r2 = loss.residual(z2, y2, scratch + 16), r3 = loss.residual(z3, y3, scratch + 24);
      const l0 = loss.value(z0, y0, r0, scratch), l1 = loss.value(z1, y1, r1, scratch + 8);
      const l2 = loss.value(z2, y2, r2, scratch + 16), l3 = loss.value(z3, y3, r3, scratch + 24);
      s0 += l0 + l2;
      s1 += l1 + l3;
      t0 += r0 + r2;
      t1 += r1 + r3;
      g0 += r0 * x0 + r2 * x2;
      g1 += r1 * x1 + r3 * x3;
    }
    s = s0 + s1;
    t = t0 + t1;
    g = g0 + g1;
  }
  for (; i < n; i++) {
    const x = load<f64>(rowAt<R>(xPtr, rowsPtr, i, 8));
    const z = x * w + b, y = labelAt<R>(yPtr, rowsPtr, i);
    const r = loss.residual(z, y, scratch);
    s += loss.value(z, y, r, scratch);
    t += r;
    g += r * x;
  }
  store<f64>(gPtr, g);
  store<f64>(gPtr, t, 8);
  return s;
}
