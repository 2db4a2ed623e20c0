// Averaged SGD (`average`): the returned parameters are the running mean of the iterates from the n-th update on.
// Reference: the iterates θ₁ … θ_T recorded in the test from unaveraged fits with the same settings stopped after
// k = 1 … T updates (a fit is deterministic, so the k-th one ends on θₖ), averaged here by the documented formula
// θ̄ₖ = θ̄ₖ₋₁ + (θ − θ̄ₖ₋₁)/k: the same doubles, on every backend; and every backend against every other.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import type { Engine, FitOptions } from '../../src/index.js';

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

const n = 23, d = 5;
const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(i * 0.9 + j * 1.7)));
const yReal = X.map((r, i) => r.reduce((a, b, j) => a + b * (j - 2), 0.3) + 0.2 * Math.cos(3 * i));
const yBin = yReal.map((v) => (v > 0.3 ? 1 : 0));

/** [W | b] of a fit. */
function theta(f: { weights: Float64Array; intercepts: Float64Array }): number[] {
  return [...f.weights, ...f.intercepts];
}

/** The running mean, in the test, of the iterates after updates start … T of unaveraged fits. */
function referenceAverage(engine: Engine, y: number[], o: FitOptions, start: number, T: number): number[] {
  const data = engine.dataset(X, y);
  let avg: number[] = [];
  for (let k = start; k <= T; k++) {
    const it = theta(engine.fit(data, { ...o, maxIterations: k } as FitOptions));
    const m = k - start + 1;
    avg = m === 1 ? it : avg.map((a, j) => a + (it[j]! - a) / m);
  }
  return avg;
}

const CASES: { name: string; y: number[]; o: FitOptions }[] = [
  { name: 'linear, full batch, momentum', y: yReal, o: { lr: 0.1, momentum: 0.9 } },
  { name: 'ridge, mini-batches of 4, shuffled, Nesterov', y: yReal, o: { model: 'ridge', alpha: 0.01, lr: 0.05, momentum: 0.5, nesterov: true, batchSize: 4, seed: 7 } },
  { name: 'logistic, mini-batches of 5, Adam', y: yBin, o: { model: 'logistic', optimizer: 'adam', lr: 0.05, batchSize: 5, seed: 1 } },
  { name: 'linear, batchSize 1 (scikit-learn\'s plain SGD), Adadelta', y: yReal, o: { optimizer: 'adadelta', lr: 1, batchSize: 1, seed: 2 } },
];

describe.each(BACKENDS)('averaged SGD [$name]', ({ create }) => {
  it.each(CASES)('average: true is the running mean of every iterate: $name', async ({ y, o }) => {
    const engine = await create();
    const T = 13; // several epochs for the mini-batch cases: the average crosses epoch (and chunk) boundaries
    const ref = referenceAverage(engine, y, o, 1, T);
    const f = engine.fit(engine.dataset(X, y), { ...o, maxIterations: T, average: true } as FitOptions);
    expect(f.iterations).toBe(T);
    expect(same(theta(f), ref)).toBe(true);
    // the loss history is the iterates' (the unaveraged fit's), untouched by averaging
    const plain = engine.fit(engine.dataset(X, y), { ...o, maxIterations: T } as FitOptions);
    expect(same(f.loss, plain.loss)).toBe(true);
    expect(same(theta(f), theta(plain))).toBe(false);
  });

  it.each(CASES)('average: n starts at the n-th update: $name', async ({ y, o }) => {
    const engine = await create();
    const T = 11, start = 4;
    const ref = referenceAverage(engine, y, o, start, T);
    const f = engine.fit(engine.dataset(X, y), { ...o, maxIterations: T, average: start } as FitOptions);
    expect(same(theta(f), ref)).toBe(true);
    // average: T averages the last iterate alone: the unaveraged fit's parameters
    const last = engine.fit(engine.dataset(X, y), { ...o, maxIterations: T, average: T } as FitOptions);
    expect(same(theta(last), theta(engine.fit(engine.dataset(X, y), { ...o, maxIterations: T } as FitOptions)))).toBe(true);
  });

  it('is resumable across chunks: a fit cut at every epoch (progress) gives the same doubles', async () => {
    const engine = await create();
    const data = engine.dataset(X, yReal);
    const o = { lr: 0.05, momentum: 0.9, batchSize: 6, seed: 3, maxIterations: 40, average: 5 } as const;
    const whole = engine.fit(data, o);
    let calls = 0;
    const chunked = engine.fit(data, { ...o, onProgress: () => { calls++; }, progressEvery: 1 });
    expect(calls).toBeGreaterThan(5);
    expect(same(theta(chunked), theta(whole))).toBe(true);
  });

  it('finalLoss and mse are the averaged parameters\'', async () => {
    const engine = await create();
    const f = engine.fit(engine.dataset(X, yReal), { lr: 0.1, momentum: 0.9, maxIterations: 20, average: true });
    const w = f.weights, b = f.intercepts[0]!;
    let sse = 0;
    X.forEach((r, i) => { const e = r.reduce((a, x, j) => a + x * w[j]!, b) - yReal[i]!; sse += e * e; });
    // J = Σr²/(2n), mse = Σr²/n: the kernel's lanes sum in another order, 1e-13 relative is far above that
    expect(Math.abs(f.mse - sse / n)).toBeLessThan(1e-13 * (sse / n));
    expect(Math.abs(f.finalLoss - sse / (2 * n))).toBeLessThan(1e-13 * (sse / n));
  });

  it('with the sklearn rule: stops where the unaveraged fit stops (the same epoch objectives) and returns the average', async () => {
    const engine = await create();
    const data = engine.dataset(X, yReal);
    const o = { lr: 0.02, batchSize: 4, seed: 5, maxIterations: 5000, tol: 1e-3, stoppingRule: 'sklearn' as const };
    const f = engine.fit(data, { ...o, average: true });
    const plain = engine.fit(data, o);
    expect(f.status).toBe('noImprovement');
    expect(f.iterations).toBe(plain.iterations);
    expect(same(theta(f), referenceAverage(engine, yReal, { lr: 0.02, batchSize: 4, seed: 5 }, 1, f.iterations))).toBe(true);
    // with a hold-out the epoch objective is the average's (scikit-learn's validation score uses the averaged coef)
    const v = engine.fit(data, { ...o, validationFraction: 0.2, average: true });
    expect(['noImprovement', 'maxIterations']).toContain(v.status);
  });
});

describe('averaged SGD: every backend, bit for bit', () => {
  it.each(CASES)('$name', async ({ y, o }) => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const fits = engines.map((e) => e.fit(e.dataset(X, y), { ...o, maxIterations: 37, average: 3 } as FitOptions));
    for (const f of fits.slice(1)) {
      expect(same(theta(f), theta(fits[0]!))).toBe(true);
      expect(same(f.loss, fits[0]!.loss)).toBe(true);
      expect(Object.is(f.finalLoss, fits[0]!.finalLoss)).toBe(true);
    }
  });
});
