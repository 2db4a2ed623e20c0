// The shard contract (issue 17): a batch of n rows is summed over S = clamp(⌊n / 4096⌋, 1, 16) shards of rows
// [aₛ, aₛ₊₁), aₛ = 8·⌊s·⌊n/8⌋/S⌋, each shard's raw sums (gradient and Σℓ) into a buffer of its own, combined in shard
// order (g = partial₀, g += partialₛ), then the loss's mean and 1/n. The reference here computes each shard's raw
// sums with the JS kernel (lossSum on that shard's rows alone, which is one pass: fewer than 8192 rows) and does the
// split, the combination, the mean and the 1/n itself, from the formula above (and hand-worked boundaries); every
// backend's gradient seam (Backend.gradient = the fit's objectiveAndGrad) and the fit's first steps (plain SGD, full
// and ordered mini-batches) must give its doubles exactly. Shuffled mini-batches: the backends agree bit for bit.
import { describe, expect, it } from 'vitest';
import type { Backend, StoredData } from '../../src/backend.js';
import type { Engine, FitOptions, FitResult } from '../../src/index.js';
import * as L from '../../src/abi/layout.js';
import { lossSum, lossGrad } from '../../src/js/loss/registry.js';
import { shardCount, shardStart } from '../../src/js/fit.js';
import { checkFitOptions, labelInfo } from '../../src/options/index.js';
import { BACKENDS } from '../backends.js';
import { problem, type Kind } from './shard-problem.js';
import { mulberry32 } from '../prng.js';

/** The boundaries [a₀ = 0, a₁, …, a_S = n], written out from the contract's formula (not the code's). */
function bounds(n: number): number[] {
  const S = Math.min(16, Math.max(1, Math.floor(n / 4096)));
  const q = Math.floor(n / 8);
  return [...Array.from({ length: S }, (_, s) => 8 * Math.floor((s * q) / S)), n];
}

describe('shard boundaries', () => {
  it('depend on n only: hand-worked cases, and shardCount/shardStart (both sides) agree with the formula', () => {
    expect(bounds(8191)).toEqual([0, 8191]);
    expect(bounds(8192)).toEqual([0, 4096, 8192]);
    expect(bounds(8199)).toEqual([0, 4096, 8199]); // ⌊8199/8⌋ = 1024: 8·512
    expect(bounds(12288)).toEqual([0, 4096, 8192, 12288]);
    // 50 000: S = 12, ⌊n/8⌋ = 6250, aₛ = 8·⌊6250·s/12⌋.
    expect(bounds(50000)).toEqual([0, 4160, 8328, 12496, 16664, 20832, 25000, 29160, 33328, 37496, 41664, 45832, 50000]);
    expect(bounds(10_000_000).length).toBe(17); // at most 16 shards
    for (const n of [1, 7, 4096, 8191, 8192, 8199, 12287, 12288, 50000, 65535, 65536, 70001, 10_000_000, 2 ** 31 - 1]) {
      const S = shardCount(n);
      expect(Array.from({ length: S + 1 }, (_, s) => shardStart(s, n, S))).toEqual(bounds(n));
    }
  });
});

interface Case { name: string; kind: Kind; d: number; options: FitOptions; weighted?: boolean; f32?: boolean }
// d = 5: the short-row fast paths; d = 33: the long-row (eight-lane) pass.
const CASES: Case[] = [
  { name: 'squared d=5', kind: 'real', d: 5, options: { model: 'linear', lr: 0.1 } },
  { name: 'squared d=33', kind: 'real', d: 33, options: { model: 'linear', lr: 0.05 } },
  { name: 'logistic d=5', kind: 'binary', d: 5, options: { model: 'logistic', alpha: 0, lr: 0.3 } },
  { name: 'hinge d=5', kind: 'binary', d: 5, options: { model: 'hinge', alpha: 0, lr: 0.1 } },
  { name: 'softmax d=5', kind: 'classes', d: 5, options: { model: 'softmax', alpha: 0, lr: 0.3 } },
  { name: 'weighted logistic d=5', kind: 'binary', d: 5, weighted: true, options: { model: 'logistic', alpha: 0, lr: 0.3 } },
  { name: 'float32 squared d=5', kind: 'real', d: 5, f32: true, options: { model: 'linear', lr: 0.1 } },
  { name: 'float32 logistic d=33', kind: 'binary', d: 33, f32: true, options: { model: 'logistic', alpha: 0, lr: 0.1 } },
];
const LOSS_OF: Record<string, number> = {
  linear: L.LOSS_SQUARED, logistic: L.LOSS_LOG, hinge: L.LOSS_HINGE, softmax: L.LOSS_MULTINOMIAL,
};


/**
 * The reference J and ∇J (α = 0: the data term alone) over rows [from, from + n) of the problem at θ: per shard the JS
 * kernel's raw sums over that shard's rows, combined in shard order here, then Σr²/(2n) or Σℓ/n and ∇/n.
 */
function reference(c: Case, P: Problem, from: number, n: number, K: number, theta: Float64Array): { J: number; g: Float64Array } {
  const d = c.d, p = K * d + K, loss = LOSS_OF[c.options.model as string]!;
  const X = c.f32 ? Float32Array.from(P.X) : P.X;
  const b = bounds(n);
  const g = new Float64Array(p);
  let sum = 0;
  for (let s = 0; s + 1 < b.length; s++) {
    const part = new Float64Array(p);
    const rows = b[s + 1]! - b[s]!, at = from + b[s]!;
    const ell = lossSum(loss, X, at * d, P.y, at, P.w, null, 0, rows, d, K, theta, 0, K * d, part, 0, new Float64Array(4 * K), 0);
    if (s === 0) { g.set(part); sum = ell; continue; }
    for (let j = 0; j < p; j++) g[j] = g[j]! + part[j]!;
    sum += ell;
  }
  const J = loss === L.LOSS_SQUARED ? sum / (2 * n) : sum / n;
  for (let j = 0; j < p; j++) g[j] = g[j]! / n;
  return { J, g };
}

const NS = [8191, 8192, 8199, 12287, 12288, 50000];
const outputsOf = (c: Case) => (c.kind === 'classes' ? 3 : 1);
const dataset = (e: Engine, c: Case, P: Problem, n: number) =>
  e.dataset({ data: P.X.subarray(0, n * c.d), rows: n, cols: c.d } as never, P.y.subarray(0, n), c.f32 ? { dtype: 'float32' } : undefined);

/** Every double a fit returns. */
function bits(r: FitResult): number[] {
  return [...r.weights, ...r.intercepts, ...r.loss, ...r.epochLoss, r.iterations, r.epochs];
}

describe.each(BACKENDS)('shards, $name', ({ name, create }) => {
  it('the gradient seam = the per-shard reference, bit for bit, for n around the boundaries and 50 000', async () => {
    const e = await create();
    const backend = (e as unknown as { internals: Backend }).internals;
    let sharded = 0;
    for (const [k, c] of CASES.entries()) {
      const P = problem(50000, c.d, c.kind, !!c.weighted, 100 + k);
      const K = outputsOf(c);
      const r = mulberry32(7 + k);
      const theta = Float64Array.from({ length: K * c.d + K }, () => r() - 0.5);
      for (const n of NS) {
        const ds = dataset(e, c, P, n);
        const stored = (ds as unknown as { data(): StoredData }).data();
        const config = checkFitOptions(c.options, n, c.d, labelInfo(P.y.subarray(0, n)));
        const got = backend.gradient(stored, config, theta, P.w ? P.w.subarray(0, n) : null);
        const want = reference(c, P, 0, n, K, theta);
        const label = `${name} ${c.name} n=${n}`;
        expect(Object.is(got.value, want.J), `${label}: J ${got.value} vs ${want.J}`).toBe(true);
        const first = want.g.findIndex((v, j) => !Object.is(v, got.gradient[j]));
        expect(first, `${label}: first difference at ${first}`).toBe(-1);
        // The contract is observable: one pass over all n rows rounds differently somewhere.
        if (n === 50000 && !P.w) {
          const one = new Float64Array(K * c.d + K);
          const X = c.f32 ? Float32Array.from(P.X) : P.X;
          const J1 = lossGrad(LOSS_OF[c.options.model as string]!, X, 0, P.y, 0, null, 0, n, c.d, K, theta, 0, K * c.d, one, 0, new Float64Array(4 * K), 0);
          if (!Object.is(J1, want.J) || one.some((v, j) => !Object.is(v / n, want.g[j]))) sharded++;
        }
        ds.dispose();
      }
    }
    expect(sharded).toBeGreaterThan(3);
  }, 120_000);

  it('a fit (plain SGD, full batch and ordered mini-batches of 20 000) = steps along the reference gradient', async () => {
    const e = await create();
    const n = 50000;
    for (const [k, c] of CASES.entries()) {
      if (c.weighted) continue; // the weighted fit: below, against the JS backend
      const P = problem(n, c.d, c.kind, false, 300 + k);
      const K = outputsOf(c), p = K * c.d + K;
      for (const batchSize of [n, 20000]) {
        const ds = dataset(e, c, P, n);
        const res = e.fit(ds, { ...c.options, optimizer: 'sgd', momentum: 0, maxIterations: 4, batchSize, shuffle: false } as FitOptions);
        // θ₀ = 0; θ ← θ − η·∇J over batch rows [pos, pos + count); J of each update into the history.
        const theta = new Float64Array(p);
        const eta = c.options.lr as number;
        const losses: number[] = [];
        let pos = 0;
        for (let t = 0; t < 4; t++) {
          const count = Math.min(batchSize, n - pos);
          const { J, g } = reference(c, P, pos, count, K, theta);
          losses.push(J);
          for (let j = 0; j < p; j++) theta[j] = theta[j]! - eta * g[j]!;
          pos = pos + count >= n ? 0 : pos + count;
        }
        const label = `${name} ${c.name} batch ${batchSize}`;
        expect([...res.loss], label).toEqual(losses);
        expect(res.loss.every((v, i) => Object.is(v, losses[i])), label).toBe(true);
        const got = [...res.weights, ...res.intercepts];
        expect(got.every((v, j) => Object.is(v, theta[j])), label).toBe(true);
        ds.dispose();
      }
    }
  }, 120_000);

  it('shuffled mini-batches of 20 000, momentum, weights: the doubles of the JS backend', async () => {
    const e = await create();
    const js = await BACKENDS[BACKENDS.length - 1]!.create();
    const n = 50000;
    for (const [k, c] of CASES.entries()) {
      const P = problem(n, c.d, c.kind, !!c.weighted, 500 + k);
      const options = {
        ...c.options, optimizer: 'sgd', momentum: 0.9, maxIterations: 6, batchSize: 20000, shuffle: true, seed: 3,
        ...(P.w ? { sampleWeight: P.w } : {}),
      } as FitOptions;
      const a = bits(e.fit(dataset(e, c, P, n), options)), b = bits(js.fit(dataset(js, c, P, n), options));
      const first = a.findIndex((v, i) => !Object.is(v, b[i]));
      expect(first, `${name} ${c.name}: first difference at ${first}`).toBe(-1);
      expect(a.length).toBe(b.length);
    }
  }, 120_000);
});
