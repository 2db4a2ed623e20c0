// xoshiro128** (Blackman & Vigna) over four u32 words, and the Fisher–Yates shuffle of a fit's row order.
// Same generator as src/js/random.ts (xoshiroNext, shuffle), so a seed gives the same batches on both backends.

let s0: u32 = 0, s1: u32 = 0, s2: u32 = 0, s3: u32 = 0;

/** Loads the generator's state. */
export function rngSet(a: u32, b: u32, c: u32, d: u32): void {
  s0 = a; s1 = b; s2 = c; s3 = d;
}

export function rngGet(k: i32): u32 {
  return k == 0 ? s0 : k == 1 ? s1 : k == 2 ? s2 : s3;
}

/** Next 32 random bits. */
export function next(): u32 {
  const r = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return r;
}

/** Uniform in [0, 1) with 53 random bits: (a >>> 5)·2²⁶ + (b >>> 6), over 2⁵³. */
export function uniform(): f64 {
  const a = <f64>(next() >>> 5);
  const b = <f64>(next() >>> 6);
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

/** Fisher–Yates: for i = n−1 … 1, swap perm[i] with perm[⌊uniform·(i+1)⌋]. */
export function shuffle(permPtr: usize, n: i32): void {
  for (let i = n - 1; i > 0; i--) {
    const j = <i32>Math.floor(uniform() * <f64>(i + 1));
    const pi = permPtr + (<usize>i << 2), pj = permPtr + (<usize>j << 2);
    const t = load<u32>(pi);
    store<u32>(pi, load<u32>(pj));
    store<u32>(pj, t);
  }
}
