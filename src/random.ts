/**
 * A small seeded PRNG for reproducible data and shuffling, the same in every JS engine: SplitMix32 seeding into
 * xoshiro128** (Blackman & Vigna; src/js/random.ts, mirrored by assembly/random.ts), uniform doubles with 53
 * random bits, and normals by Box–Muller.
 */
import { seedState, xoshiroUniform } from './js/random.js';
import { checkArgCount } from './options/index.js';

/** A seeded stream of random numbers. */
export interface Random {
  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /**
   * Uniform integer in [0, n): ⌊n·u⌋ with u from `uniform()`.
   * @param n the bound, a positive integer (not checked; n ≤ 2⁵³ for an unbiased result).
   */
  int(n: number): number;
}

/**
 * A xoshiro128** generator (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018) seeded by
 * SplitMix32 from a 32-bit integer seed: the generator the fit kernels shuffle with.
 * @param seed an integer; only its low 32 bits matter.
 * @throws TypeError when `seed` is not an integer.
 * @example
 * const rng = createRandom(42);
 * rng.uniform(); // the same double on every run and every JS engine
 */
export function createRandom(seed: number): Random {
  checkArgCount('createRandom', ['seed'], arguments);
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${seed}`);
  const state = seedState(seed);
  let spare: number | null = null;
  const uniform = (): number => xoshiroUniform(state);
  return {
    uniform() {
      checkArgCount('uniform', [], arguments);
      return uniform();
    },
    normal() {
      checkArgCount('normal', [], arguments);
      if (spare !== null) { const s = spare; spare = null; return s; }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      checkArgCount('int', ['n'], arguments);
      return Math.floor(uniform() * n);
    },
  };
}
