// mulberry32: a small seeded PRNG for test points, the same on every run. Independent of the library's own
// xoshiro128** (src/random.ts), so tests that draw their inputs with it do not lean on the code they check.

/** A uniform stream in [0, 1) from `seed` (mulberry32, 32 bits per draw). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
