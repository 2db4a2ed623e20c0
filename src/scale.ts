/**
 * Power-of-two scaling for the overflow-safe fallbacks (metrics, models, preprocessing): dividing by 2ᵏ is exact
 * (barring underflow of parts already negligible), so a sum of squares or products computed on scaled values keeps
 * its leading digits and cannot overflow.
 */

/** The largest power of two ≤ m, for finite m > 0 (1 for m = 0): 2^⌊log₂ m⌋, corrected where log₂ rounds up. */
export function pow2Floor(m: number): number {
  if (!(m > 0)) return 1;
  let e = Math.min(1023, Math.floor(Math.log2(m)));
  if (2 ** e > m) e -= 1;
  return 2 ** e;
}
