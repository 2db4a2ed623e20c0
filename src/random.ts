/**
 * A small seeded PRNG for reproducible data and shuffling, the same in every JS engine: SplitMix32 seeding into
 * xoshiro128** (Blackman & Vigna), uniform doubles with 53 random bits, and normals by Box–Muller. The generator
 * (xoshiroNext, xoshiroUniform, seedState) is also the fit's: src/js/random.ts shuffles with it, assembly/random.ts
 * repeats it in AssemblyScript, and src/plan.ts seeds a fit's state with seedState.
 */
import { checkArgCount } from './options/index.js';

/** x rotated left by k bits, as a u32. */
function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Next 32 random bits; advances s. */
export function xoshiroNext(s: Uint32Array): number {
  const s0 = s[0]!, s1 = s[1]!, s2 = s[2]!, s3 = s[3]!;
  const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  const n2 = (s2 ^ s0) >>> 0, n3 = (s3 ^ s1) >>> 0;
  const n1 = (s1 ^ n2) >>> 0, n0 = (s0 ^ n3) >>> 0;
  s[0] = n0;
  s[1] = n1;
  s[2] = (n2 ^ t) >>> 0;
  s[3] = rotl(n3, 11);
  return r;
}

/** Uniform in [0, 1) with 53 random bits. */
export function xoshiroUniform(s: Uint32Array): number {
  const a = xoshiroNext(s) >>> 5;
  const b = xoshiroNext(s) >>> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

/** SplitMix32 expansion of a 32-bit seed into a xoshiro128** state (never all zero). */
export function seedState(seed: number): Uint32Array {
  let x = seed >>> 0;
  const out = new Uint32Array(4);
  for (let k = 0; k < 4; k++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    out[k] = (z ^ (z >>> 16)) >>> 0;
  }
  if ((out[0]! | out[1]! | out[2]! | out[3]!) === 0) out[0] = 1;
  return out;
}

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
