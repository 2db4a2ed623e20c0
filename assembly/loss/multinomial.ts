// The multinomial logistic loss (softmax regression): for the K scores z of a row and its class y, the stable
// log-sum-exp m + log Σₖ e^(zₖ−m) with m = maxₖ zₖ, loss lse − z_y, residuals pₖ − [k = y] with pₖ = e^(zₖ−m)/Σ,
// data term Σloss/n. The SIMD build takes the exponentials and the residuals of two classes per f64x2 (expV: exp's
// operations lane by lane; the sum in class order), so every build rounds alike. A row loss over K scores; the pass
// (assembly/loss/pass.ts) computes the scores. rowPair: two rows' row() interleaved, for the short-row path of row
// losses (assembly/loss/fast.ts: shortRowLoss), the same doubles. Mirror: src/js/loss/multinomial.ts (row() only).
import { exp, log, expV, expCoreV, logV } from '../math';

/** Multinomial logistic loss (cross-entropy of the softmax). Traits: a row loss, rows i … i + 3 in order. */
@unmanaged
export class Multinomial {
  /** A row loss: row() over the K scores. */
  // @ts-ignore: decorator
  @inline pointwise(): bool { return false; }
  // @ts-ignore: decorator
  @inline twoStreams(): bool { return false; }
  // @ts-ignore: decorator
  @inline twoLanes(): bool { return false; }
  // @ts-ignore: decorator
  @inline costly(): bool { return true; }
  // @ts-ignore: decorator
  @inline rowsInLanes(): bool { return false; }

  /**
   * rPtr holds the K scores zₖ = x·Wₖ + bₖ; overwrites them with the residuals pₖ − [k = y]; returns lse − z_y.
   * m = max zₖ in two lanes (even and odd classes, a < b ? b : a, as f64x2.pmax), then the odd last class; the sum
   * Σ e^(zₖ−m) in the same two lanes, s = s₀ + s₁, then the last class. The SIMD build takes two classes per f64x2 and
   * checks the range of the whole row once (min zₖ − m ≥ −704 and no NaN: the exponentials by expCoreV, with no
   * check per vector); any other row takes expV, which gives the same doubles.
   */
  // @ts-ignore: decorator
  @inline row(rPtr: usize, K: i32, y: i32): f64 {
    const zy = load<f64>(rPtr + (<usize>y << 3));
    const last = rPtr + (<usize>(K - 1) << 3);
    let m: f64, s: f64;
    if (ASC_FEATURE_SIMD) {
      const end = rPtr + (<usize>(K >> 1) << 4);
      let M = f64x2.splat(-Infinity), Mn = f64x2.splat(Infinity), N = f64x2.splat(0.0);
      for (let o = rPtr; o < end; o += 16) {
        const Z = v128.load(o);
        M = f64x2.pmax(M, Z);
        Mn = f64x2.pmin(Mn, Z);
        N = f64x2.add(N, Z); // NaN in any lane stays NaN (±∞ of both signs give NaN too: the check fails alike)
      }
      const m0 = f64x2.extract_lane(M, 0), m1 = f64x2.extract_lane(M, 1);
      m = m0 < m1 ? m1 : m0;
      let mn = Math.min(f64x2.extract_lane(Mn, 0), f64x2.extract_lane(Mn, 1));
      if (K & 1) {
        const z = load<f64>(last);
        m = m < z ? z : m;
        mn = Math.min(mn, z);
      }
      const MM = f64x2.splat(m);
      let S = f64x2.splat(0.0);
      if (mn - m >= -704.0 && v128.all_true<i64>(f64x2.eq(N, N))) {
        for (let o = rPtr; o < end; o += 16) {
          const E = expCoreV(f64x2.sub(v128.load(o), MM));
          v128.store(o, E);
          S = f64x2.add(S, E);
        }
      } else {
        for (let o = rPtr; o < end; o += 16) {
          const E = expV(f64x2.sub(v128.load(o), MM));
          v128.store(o, E);
          S = f64x2.add(S, E);
        }
      }
      s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
      if (K & 1) {
        const e = exp(load<f64>(last) - m);
        store<f64>(last, e);
        s += e;
      }
      const SS = f64x2.splat(s);
      for (let o = rPtr; o < end; o += 16) v128.store(o, f64x2.div(v128.load(o), SS));
      if (K & 1) store<f64>(last, load<f64>(last) / s);
    } else {
      let m0 = -Infinity, m1 = -Infinity;
      let k = 0;
      for (; k + 2 <= K; k += 2) {
        const a = load<f64>(rPtr + (<usize>k << 3)), b = load<f64>(rPtr + (<usize>k << 3), 8);
        m0 = m0 < a ? a : m0;
        m1 = m1 < b ? b : m1;
      }
      m = m0 < m1 ? m1 : m0;
      if (K & 1) {
        const z = load<f64>(last);
        m = m < z ? z : m;
      }
      let s0 = 0.0, s1 = 0.0;
      for (k = 0; k + 2 <= K; k += 2) {
        const o = rPtr + (<usize>k << 3);
        const a = exp(load<f64>(o) - m), b = exp(load<f64>(o, 8) - m);
        store<f64>(o, a);
        store<f64>(o, b, 8);
        s0 += a;
        s1 += b;
      }
      s = s0 + s1;
      if (K & 1) {
        const e = exp(load<f64>(last) - m);
        store<f64>(last, e);
        s += e;
      }
      for (k = 0; k < K; k++) {
        const o = rPtr + (<usize>k << 3);
        store<f64>(o, load<f64>(o) / s);
      }
    }
    const oy = rPtr + (<usize>y << 3);
    store<f64>(oy, load<f64>(oy) - 1.0);
    return (m + log(s)) - zy;
  }

  /**
   * SIMD build: row() of two rows at once (rows at aPtr and bPtr, classes ya and yb), their operations interleaved
   * so that the two rows' dependency chains (max, Σ e^(zₖ−m), log, the divisions) overlap; returns (ℓa, ℓb). Each
   * row's operations are row()'s, lane by lane: the maxima and sums of the two rows side by side by shuffles
   * (m = m₀ < m₁ ? m₁ : m₀ is f64x2.pmax), the odd last class of both rows in one vector, both logs by logV (bitwise
   * as log), so the doubles are row()'s. The range check covers both rows: if either fails, both take expV (the same
   * doubles as expCoreV where that is valid).
   */
  // @ts-ignore: decorator
  @inline rowPair(aPtr: usize, bPtr: usize, K: i32, ya: i32, yb: i32): v128 {
    const ZY = v128.load64_lane(bPtr + (<usize>yb << 3), v128.load64_splat(aPtr + (<usize>ya << 3)), 1);
    const end = <usize>(K >> 1) << 4, lastO = <usize>(K - 1) << 3;
    let Ma = f64x2.splat(-Infinity), Mna = f64x2.splat(Infinity), Na = f64x2.splat(0.0);
    let Mb = Ma, Mnb = Mna, Nb = Na;
    for (let o: usize = 0; o < end; o += 16) {
      const A = v128.load(aPtr + o), B = v128.load(bPtr + o);
      Ma = f64x2.pmax(Ma, A); Mb = f64x2.pmax(Mb, B);
      Mna = f64x2.pmin(Mna, A); Mnb = f64x2.pmin(Mnb, B);
      Na = f64x2.add(Na, A); Nb = f64x2.add(Nb, B);
    }
    // (ma, mb) = (ma₀ < ma₁ ? ma₁ : ma₀, …), likewise the minima (only for the range check).
    let M = f64x2.pmax(v128.shuffle<f64>(Ma, Mb, 0, 2), v128.shuffle<f64>(Ma, Mb, 1, 3));
    let Mn = f64x2.min(v128.shuffle<f64>(Mna, Mnb, 0, 2), v128.shuffle<f64>(Mna, Mnb, 1, 3));
    let ZL = f64x2.splat(0.0);
    if (K & 1) {
      ZL = v128.load64_lane(bPtr + lastO, v128.load64_splat(aPtr + lastO), 1);
      M = f64x2.pmax(M, ZL);
      Mn = f64x2.min(Mn, ZL);
    }
    const MA = v128.shuffle<f64>(M, M, 0, 0), MB = v128.shuffle<f64>(M, M, 1, 1);
    let Sa = f64x2.splat(0.0), Sb = Sa;
    if (v128.all_true<i64>(f64x2.ge(f64x2.sub(Mn, M), f64x2.splat(-704.0))) &&
      v128.all_true<i64>(v128.and(f64x2.eq(Na, Na), f64x2.eq(Nb, Nb)))) {
      for (let o: usize = 0; o < end; o += 16) {
        const Ea = expCoreV(f64x2.sub(v128.load(aPtr + o), MA)), Eb = expCoreV(f64x2.sub(v128.load(bPtr + o), MB));
        v128.store(aPtr + o, Ea); v128.store(bPtr + o, Eb);
        Sa = f64x2.add(Sa, Ea); Sb = f64x2.add(Sb, Eb);
      }
    } else {
      for (let o: usize = 0; o < end; o += 16) {
        const Ea = expV(f64x2.sub(v128.load(aPtr + o), MA)), Eb = expV(f64x2.sub(v128.load(bPtr + o), MB));
        v128.store(aPtr + o, Ea); v128.store(bPtr + o, Eb);
        Sa = f64x2.add(Sa, Ea); Sb = f64x2.add(Sb, Eb);
      }
    }
    let S = f64x2.add(v128.shuffle<f64>(Sa, Sb, 0, 2), v128.shuffle<f64>(Sa, Sb, 1, 3)); // (sa, sb)
    let EL = f64x2.splat(0.0);
    if (K & 1) {
      EL = expV(f64x2.sub(ZL, M));
      S = f64x2.add(S, EL);
    }
    const SA = v128.shuffle<f64>(S, S, 0, 0), SB = v128.shuffle<f64>(S, S, 1, 1);
    for (let o: usize = 0; o < end; o += 16) {
      v128.store(aPtr + o, f64x2.div(v128.load(aPtr + o), SA));
      v128.store(bPtr + o, f64x2.div(v128.load(bPtr + o), SB));
    }
    if (K & 1) {
      const Q = f64x2.div(EL, S);
      v128.store64_lane(aPtr + lastO, Q, 0);
      v128.store64_lane(bPtr + lastO, Q, 1);
    }
    const oa = aPtr + (<usize>ya << 3), ob = bPtr + (<usize>yb << 3);
    store<f64>(oa, load<f64>(oa) - 1.0);
    store<f64>(ob, load<f64>(ob) - 1.0);
    return f64x2.sub(f64x2.add(M, logV(S)), ZY);
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
