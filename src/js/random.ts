/**
 * JS mirror of assembly/random.ts: the Fisher–Yates shuffle of a fit's row order with the xoshiro128** generator of
 * src/random.ts (state in a Uint32Array), so one seed gives the same batches on both backends.
 */
import { xoshiroUniform } from '../random.js';

/** Fisher–Yates: for i = n−1 … 1, swap perm[i] with perm[⌊uniform·(i+1)⌋]. */
export function shuffle(perm: Uint32Array, n: number, s: Uint32Array): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(xoshiroUniform(s) * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
}
