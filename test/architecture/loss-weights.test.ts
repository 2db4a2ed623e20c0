// The weighted pass (issue 15: lossGradWeighted, the generic pass with row weights cᵢ multiplying each row's loss and
// residuals) on every loss and backend, over the shapes of the loss-parity table: with every cᵢ = 1 it gives the
// unweighted generic pass's doubles (lossGradGeneric); with weights it is the same double on WASM SIMD, WASM scalar and
// JS; and it equals Σᵢ cᵢ·(the pass over row i alone) within rounding (an independent combination: each row's loss
// and gradient from the unweighted kernel, weighted and summed here).
import { describe, expect, it } from 'vitest';
import * as L from '../../src/abi/layout.js';
import { hasSimd } from '../../src/wasm/load.js';
import { mulberry32 } from '../prng.js';
import { buildBytes, instantiate, runJs, runJsWeighted, runWasm, type Batch, type PassResult } from './loss-kernels.js';

const LOSSES = [
  { name: 'squared', id: L.LOSS_SQUARED, Ks: [1] },
  { name: 'logistic', id: L.LOSS_LOG, Ks: [1] },
  { name: 'hinge', id: L.LOSS_HINGE, Ks: [1] },
  { name: 'multinomial', id: L.LOSS_MULTINOMIAL, Ks: [2, 3, 10] },
  { name: 'squaredHinge', id: L.LOSS_SQUARED_HINGE, Ks: [1] },
  { name: 'modifiedHuber', id: L.LOSS_MODIFIED_HUBER, Ks: [1] },
  { name: 'perceptron', id: L.LOSS_PERCEPTRON, Ks: [1] },
  { name: 'huber', id: L.LOSS_HUBER, Ks: [1] },
  { name: 'epsilonInsensitive', id: L.LOSS_EPSILON_INSENSITIVE, Ks: [1] },
  { name: 'squaredEpsilonInsensitive', id: L.LOSS_SQUARED_EPSILON_INSENSITIVE, Ks: [1] },
];
/** The losses of real labels (the other pointwise ones take 0/1). */
const REAL = new Set<number>([L.LOSS_SQUARED, L.LOSS_HUBER, L.LOSS_EPSILON_INSENSITIVE, L.LOSS_SQUARED_EPSILON_INSENSITIVE]);
const NS = [1, 3, 4, 7, 30, 67];
const DS = [1, 2, 3, 10, 17, 32, 100];

function batch(loss: number, n: number, d: number, K: number, shuffled: boolean, seed: number): { b: Batch; c: Float64Array } {
  const rnd = mulberry32(seed);
  const rows = n + 3;
  const X = Float64Array.from({ length: rows * d }, () => 2 * rnd() - 1);
  const y = Float64Array.from({ length: rows }, () =>
    REAL.has(loss) ? 4 * rnd() - 2 : loss === L.LOSS_MULTINOMIAL ? Math.floor(rnd() * K) : rnd() < 0.5 ? 0 : 1);
  const scale = 3 / Math.sqrt(d);
  const params = Float64Array.from({ length: K * d + K }, () => scale * (2 * rnd() - 1));
  let order: Uint32Array | null = null;
  if (shuffled) {
    const all = Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    order = Uint32Array.from(all.slice(0, n));
  }
  const c = Float64Array.from({ length: rows }, () => (rnd() < 0.2 ? 0 : 4 * rnd()));
  return { b: { loss, X, y, n, d, K, params, order, first: 2 }, c };
}

const same = (a: PassResult, b: PassResult) => Object.is(a.J, b.J) && a.grad.length === b.grad.length && a.grad.every((v, i) => Object.is(v, b.grad[i]));
const builds = [
  ...(hasSimd() ? [{ name: 'wasm-simd', ex: instantiate(buildBytes(true)) }] : []),
  { name: 'wasm-scalar', ex: instantiate(buildBytes(false)) },
];

describe.each(LOSSES)('the weighted pass, $name', ({ id, Ks }) => {
  it('weights of 1 = the unweighted generic pass; weights: one double on every backend; = Σ cᵢ·(row i alone)/n', () => {
    let cases = 0;
    for (const K of Ks) for (const n of NS) for (const d of DS) for (const shuffled of [false, true]) {
      const { b, c } = batch(id, n, d, K, shuffled, 1000 * n + 10 * d + K + (shuffled ? 7 : 0));
      const ones = new Float64Array(c.length).fill(1);
      const generic = runJs(b, false);
      expect(same(runJsWeighted(b, ones), generic)).toBe(true);
      for (const { ex } of builds) {
        expect(same(runWasm(ex, b, false, ones), generic)).toBe(true);
        expect(same(runWasm(ex, b, false), generic)).toBe(true);
      }
      const js = runJsWeighted(b, c);
      for (const { ex } of builds) expect(same(runWasm(ex, b, false, c), js)).toBe(true);
      // Reference: each row alone through the unweighted kernel (J = mean over one row = ℓ·scale, grad raw sums).
      const p = K * d + K;
      let J = 0, Jabs = 0;
      const g = new Array<number>(p).fill(0), gabs = new Array<number>(p).fill(0);
      for (let i = 0; i < n; i++) {
        const row = b.order ? b.order[i]! : b.first + i;
        const one: Batch = { ...b, n: 1, order: Uint32Array.of(row) };
        const r = runJs(one, false);
        J += c[row]! * r.J;
        Jabs += Math.abs(c[row]! * r.J);
        for (let k = 0; k < p; k++) {
          g[k]! += c[row]! * r.grad[k]!;
          gabs[k]! += Math.abs(c[row]! * r.grad[k]!);
        }
      }
      // Rounding: n terms, each a few operations: |error| ≤ 8n·ε·Σ|terms|.
      const tol = (s: number) => 8 * n * Number.EPSILON * s + 1e-300;
      expect(Math.abs(js.J - J / n)).toBeLessThanOrEqual(tol(Jabs / n));
      for (let k = 0; k < p; k++) expect(Math.abs(js.grad[k]! - g[k]!)).toBeLessThanOrEqual(tol(gabs[k]!));
      cases++;
    }
    expect(cases).toBe(Ks.length * NS.length * DS.length * 2);
  });
});
