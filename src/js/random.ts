/**
 * JS mirror of assembly/random.ts: xoshiro128** over four u32 words (state in a Uint32Array) and the Fisher–Yates
 * shuffle of a fit's row order, so one seed gives the same batches on both backends.
 */

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

/** Fisher–Yates: for i = n−1 … 1, swap perm[i] with perm[⌊uniform·(i+1)⌋]. */
export function shuffle(perm: Uint32Array, n: number, s: Uint32Array): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(xoshiroUniform(s) * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
}
