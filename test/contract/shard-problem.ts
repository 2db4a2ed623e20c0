// The problems the shard and thread contract tests fit (test/contract/shards.test.ts, threads.test.ts): n rows of d
// features in (−1, 1), targets from a random linear model — real, 0/1 by its sign, or three classes by its value —
// and, when weighted, row weights with about 10 % zeros. One generator, so both files draw the same data for a seed.
import { mulberry32 } from '../prng.js';

export type Kind = 'real' | 'binary' | 'classes';
export interface Problem { X: Float64Array; y: Float64Array; w: Float64Array | null }

export function problem(n: number, d: number, kind: Kind, weighted: boolean, seed: number): Problem {
  const r = mulberry32(seed);
  const v = Array.from({ length: d }, () => 2 * r() - 1);
  const X = Float64Array.from({ length: n * d }, () => (2 * r() - 1) * (1 + 1e-9 * r()));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0.2 + 0.5 * (r() - 0.5);
    for (let j = 0; j < d; j++) z += X[i * d + j]! * v[j]!;
    y[i] = kind === 'real' ? z : kind === 'binary' ? (z > 0 ? 1 : 0) : z < -0.4 ? 0 : z < 0.4 ? 1 : 2;
  }
  const w = weighted ? Float64Array.from({ length: n }, () => (r() < 0.1 ? 0 : 3 * r())) : null;
  return { X, y, w };
}
