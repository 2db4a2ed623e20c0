// The multinomial logistic loss (softmax regression): for the K scores z of a row and its class y, the stable
// log-sum-exp m + log Σₖ e^(zₖ−m) with m = maxₖ zₖ, loss lse − z_y, residuals pₖ − [k = y] with pₖ = e^(zₖ−m)/Σ,
// data term Σloss/n. The SIMD build takes the exponentials and the residuals of two classes per f64x2 (expV: exp's
// operations lane by lane; the sum in class order), so every build rounds alike. A row loss over K scores; the pass
// (assembly/loss/pass.ts) computes the scores. Mirror: src/js/loss/multinomial.ts.
import { exp, log, expV } from '../math';

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

  /** rPtr holds the K scores zₖ = x·Wₖ + bₖ; overwrites them with the residuals pₖ − [k = y]; returns lse − z_y. */
  // @ts-ignore: decorator
  @inline row(rPtr: usize, K: i32, y: i32): f64 {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, load<f64>(rPtr + (<usize>k << 3)));
    const zy = load<f64>(rPtr + (<usize>y << 3));
    let s = 0.0;
    let k = 0;
    if (ASC_FEATURE_SIMD) {
      // Two classes per vector; the sum keeps the class order.
      const M = f64x2.splat(m);
      for (; k + 2 <= K; k += 2) {
        const o = rPtr + (<usize>k << 3);
        const E = expV(f64x2.sub(v128.load(o), M));
        v128.store(o, E);
        s += f64x2.extract_lane(E, 0);
        s += f64x2.extract_lane(E, 1);
      }
    }
    for (; k < K; k++) {
      const o = rPtr + (<usize>k << 3);
      const e = exp(load<f64>(o) - m);
      store<f64>(o, e);
      s += e;
    }
    k = 0;
    if (ASC_FEATURE_SIMD) {
      const S = f64x2.splat(s);
      for (; k + 2 <= K; k += 2) {
        const o = rPtr + (<usize>k << 3);
        const I = f64x2.replace_lane(f64x2.splat(k == y ? 1.0 : 0.0), 1, k + 1 == y ? 1.0 : 0.0);
        v128.store(o, f64x2.sub(f64x2.div(v128.load(o), S), I));
      }
    }
    for (; k < K; k++) {
      const o = rPtr + (<usize>k << 3);
      store<f64>(o, load<f64>(o) / s - (k == y ? 1.0 : 0.0));
    }
    return (m + log(s)) - zy;
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
