// The squared error of the linear model (linear, ridge): residual r = z − y, loss r² per row, data term Σr²/(2n).
// Pointwise value and its two-lane form only; the pass is assembly/loss/pass.ts. Mirror: src/js/loss/squared.ts.

/**
 * Squared error ½(z − y)² (J = Σᵢ rᵢ²/(2n), ∂J/∂zᵢ = rᵢ/n with rᵢ = zᵢ − yᵢ). Traits: two streams, two lanes, and the
 * one-feature path (rows in SIMD lanes): the order today's linear doubles were recorded in (test/golden).
 */
@unmanaged
export class Squared {
  /** One score per row (residual, value and their pair forms); a row loss over K scores sets false and gives row(). */
  // @ts-ignore: decorator
  @inline pointwise(): bool { return true; }
  /** Row order of a block of four: rows 2k, 2k + 1 of the first half and 2q + 2k, 2q + 2k + 1 of the second. */
  // @ts-ignore: decorator
  @inline twoStreams(): bool { return true; }
  /** Loss and residual sums in two lanes (rows 0, 2 | rows 1, 3 of a block), added after the blocks. */
  // @ts-ignore: decorator
  @inline twoLanes(): bool { return true; }
  /** Not costly (no exp, log): the generic pass evaluates the scalar forms; the pair forms serve the fast paths. */
  // @ts-ignore: decorator
  @inline costly(): bool { return false; }
  /** d = 1 takes the rows-in-lanes path (its own association, pinned by test/golden). New losses: false. */
  // @ts-ignore: decorator
  @inline rowsInLanes(): bool { return true; }

  /** The residual ∂ℓ/∂z = z − y (out: the row's 8-byte slot, unused). */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 { return z - y; }

  /** The row's loss r² from its residual r (2ℓ: the ½ is in mean()). */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 { return r * r; }

  /** residual() of two rows, lane by lane (SIMD build; out: their 16-byte slot). */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 { return f64x2.sub(Z, Y); }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 { return f64x2.mul(R, R); }

  /** The data term from the sum of the rows' losses: Σr²/(2n). */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / (2.0 * n); }
}
