// The fast paths of the fused pass (short rows 2…31 SIMD-unrolled, JS four-rows-inline; one feature rows-in-lanes)
// against the generic pass they stand for (lossGradGeneric: the fast paths off), bit for bit, on every backend and
// loss, over a table of batch sizes (n mod 4 ≠ 0, n < 4), row lengths (each path's range and its edges), contiguous
// and shuffled rows, and outputs K; the generic pass against an independent reference (plain per-row loops with the
// host's Math, summed naively) within rounding; and every result equal across WASM SIMD, WASM scalar and JS.
// The one exception is stated: the squared loss's one-feature path keeps its own association (two lanes for Σr·x,
// test/golden recorded it), so at d = 1 it is pinned against the reference and across backends only.
import { describe, expect, it } from 'vitest';
import * as L from '../../src/abi/layout.js';
import { hasSimd } from '../../src/wasm/load.js';
import { mulberry32 } from '../prng.js';
import { oneFeature, shortRows } from '../../src/js/loss/fast.js';
import { hinge } from '../../src/js/loss/hinge.js';
import { logistic } from '../../src/js/loss/logistic.js';
import { fusedPass, type PointwiseLoss } from '../../src/js/loss/pass.js';
import { squared } from '../../src/js/loss/squared.js';
import { squaredHinge } from '../../src/js/loss/squaredHinge.js';
import { modifiedHuber } from '../../src/js/loss/modifiedHuber.js';
import { perceptron } from '../../src/js/loss/perceptron.js';
import { huber } from '../../src/js/loss/huber.js';
import { epsilonInsensitive } from '../../src/js/loss/epsilonInsensitive.js';
import { squaredEpsilonInsensitive } from '../../src/js/loss/squaredEpsilonInsensitive.js';
import { setLossEpsilon } from '../../src/js/loss/param.js';
import { buildBytes, instantiate, runJs, runWasm, type Batch, type PassResult } from './loss-kernels.js';

const LOSSES: { name: string; id: number; Ks: number[] }[] = [
  { name: 'squared', id: L.LOSS_SQUARED, Ks: [1] },
  { name: 'logistic', id: L.LOSS_LOG, Ks: [1] },
  { name: 'hinge', id: L.LOSS_HINGE, Ks: [1] },
  { name: 'multinomial', id: L.LOSS_MULTINOMIAL, Ks: [1, 2, 3, 10] },
  { name: 'squaredHinge', id: L.LOSS_SQUARED_HINGE, Ks: [1] },
  { name: 'modifiedHuber', id: L.LOSS_MODIFIED_HUBER, Ks: [1] },
  { name: 'perceptron', id: L.LOSS_PERCEPTRON, Ks: [1] },
  { name: 'huber', id: L.LOSS_HUBER, Ks: [1] },
  { name: 'epsilonInsensitive', id: L.LOSS_EPSILON_INSENSITIVE, Ks: [1] },
  { name: 'squaredEpsilonInsensitive', id: L.LOSS_SQUARED_EPSILON_INSENSITIVE, Ks: [1] },
];
/** The losses of real labels (the others of the pointwise ones take 0/1). */
const REAL = new Set<number>([L.LOSS_SQUARED, L.LOSS_HUBER, L.LOSS_EPSILON_INSENSITIVE, L.LOSS_SQUARED_EPSILON_INSENSITIVE]);
/** ε of the batches: residuals of these batches spread over a few units, so rows fall on both sides of ε. */
const EPSILON = 0.75;
const NS = [1, 2, 3, 4, 5, 6, 7, 9, 30, 67, 150]; // 150: the JS fast paths' chunks of 64 rows, and a partial one
const DS = [1, 2, 3, 10, 16, 17, 31, 32, 100]; // 10: the softmax benchmarks' rows

function batch(loss: number, n: number, d: number, K: number, shuffled: boolean, seed: number): Batch {
  const rnd = mulberry32(seed);
  const rows = n + 3; // two rows before the batch and one after (contiguous), or rows to pick from (shuffled)
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
  return { loss, X, y, n, d, K, params, order, first: 2, epsilon: EPSILON };
}

/** Independent reference: per row the scores, loss and residuals by the textbook formulas, plain sums. */
function reference(b: Batch): { J: number; grad: number[]; Jbound: number; gbound: number[] } {
  const { n, d, K, X, y, params } = b;
  const grad = new Array<number>(K * d + K).fill(0), gabs = new Array<number>(K * d + K).fill(0);
  let sum = 0, sabs = 0;
  for (let i = 0; i < n; i++) {
    const row = b.order ? b.order[i]! : b.first + i;
    const x = X.subarray(row * d, row * d + d), label = y[row]!;
    const z = Array.from({ length: K }, (_, k) => {
      let s = params[K * d + k]!;
      for (let j = 0; j < d; j++) s += x[j]! * params[k * d + j]!;
      return s;
    });
    let l: number;
    const r = new Array<number>(K);
    if (b.loss === L.LOSS_SQUARED) {
      r[0] = z[0]! - label;
      l = r[0] * r[0];
    } else if (b.loss === L.LOSS_LOG) {
      l = Math.max(z[0]!, 0) - label * z[0]! + Math.log1p(Math.exp(-Math.abs(z[0]!)));
      r[0] = 1 / (1 + Math.exp(-z[0]!)) - label;
    } else if (b.loss === L.LOSS_HINGE) {
      const s = 2 * label - 1, m = 1 - s * z[0]!;
      l = Math.max(0, m);
      r[0] = m > 0 ? -s : 0;
    } else if (b.loss === L.LOSS_SQUARED_HINGE) {
      const s = 2 * label - 1, m = 1 - s * z[0]!;
      l = m > 0 ? m * m : 0;
      r[0] = m > 0 ? -2 * s * m : 0;
    } else if (b.loss === L.LOSS_MODIFIED_HUBER) {
      const s = 2 * label - 1, u = s * z[0]!;
      l = u >= 1 ? 0 : u >= -1 ? (1 - u) ** 2 : -4 * u;
      r[0] = u >= 1 ? 0 : u >= -1 ? -2 * s * (1 - u) : -4 * s;
    } else if (b.loss === L.LOSS_PERCEPTRON) {
      const s = 2 * label - 1, u = s * z[0]!;
      l = u <= 0 ? -u : 0;
      r[0] = u <= 0 ? -s : 0;
    } else if (b.loss === L.LOSS_HUBER) {
      const e = b.epsilon!, res = z[0]! - label;
      l = Math.abs(res) <= e ? res * res / 2 : e * Math.abs(res) - e * e / 2;
      r[0] = Math.min(Math.max(res, -e), e);
    } else if (b.loss === L.LOSS_EPSILON_INSENSITIVE) {
      const e = b.epsilon!, res = z[0]! - label;
      l = Math.max(0, Math.abs(res) - e);
      r[0] = res > e ? 1 : res < -e ? -1 : 0;
    } else if (b.loss === L.LOSS_SQUARED_EPSILON_INSENSITIVE) {
      const e = b.epsilon!, res = z[0]! - label;
      l = Math.max(0, Math.abs(res) - e) ** 2;
      r[0] = res > e ? 2 * (res - e) : res < -e ? 2 * (res + e) : 0;
    } else {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const se = e.reduce((a, v) => a + v, 0);
      l = m + Math.log(se) - z[label]!;
      for (let k = 0; k < K; k++) r[k] = e[k]! / se - (k === label ? 1 : 0);
    }
    sum += l;
    sabs += Math.abs(l) + 1e-300;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) {
        grad[k * d + j]! += r[k]! * x[j]!;
        gabs[k * d + j]! += Math.abs(x[j]!) * (1 + d);
      }
      grad[K * d + k]! += r[k]!;
      gabs[K * d + k]! += 1 + d;
    }
  }
  // Rounding: scores carry ≤ d ulps of Σ|x·w|, residuals a few ulps more; sums of n terms n ulps. 1e-12 ≫ (n + d)·ε.
  const J = b.loss === L.LOSS_SQUARED ? sum / (2 * n) : sum / n;
  return { J, grad, Jbound: 1e-12 * (sabs / n) * 20, gbound: gabs.map((a) => 1e-12 * a * 10) };
}

const BACKENDS: { name: string; run: (b: Batch, fast: boolean) => PassResult }[] = [
  ...(hasSimd() ? [{ name: 'wasm-simd', run: ((ex) => (b: Batch, fast: boolean) => runWasm(ex, b, fast))(instantiate(buildBytes(true))) }] : []),
  { name: 'wasm-scalar', run: ((ex) => (b: Batch, fast: boolean) => runWasm(ex, b, fast))(instantiate(buildBytes(false))) },
  { name: 'js', run: runJs },
];

const same = (a: PassResult, b: PassResult): boolean => Object.is(a.J, b.J) && a.grad.every((v, i) => Object.is(v, b.grad[i]));

function cases(): { label: string; batch: Batch }[] {
  const out: { label: string; batch: Batch }[] = [];
  let seed = 1;
  for (const loss of LOSSES) {
    for (const K of loss.Ks) {
      for (const d of DS) {
        for (const n of NS) {
          for (const shuffled of [false, true]) {
            out.push({ label: `${loss.name} K=${K} n=${n} d=${d} ${shuffled ? 'shuffled' : 'contiguous'}`, batch: batch(loss.id, n, d, K, shuffled, seed++) });
          }
        }
      }
    }
  }
  return out;
}
const CASES = cases();

describe('loss registry: fast paths = generic pass, bit for bit', () => {
  it.each(BACKENDS)(`every fast path gives the generic pass's doubles [$name] (${CASES.length} batches)`, ({ run }) => {
    let compared = 0;
    for (const { label, batch: b } of CASES) {
      const fast = run(b, true), generic = run(b, false);
      if (b.loss === L.LOSS_SQUARED && b.d === 1) continue; // the one-feature path: its own association (header)
      if (!same(fast, generic)) expect.fail(`${label}: fast ${fast.J} [${fast.grad.join(', ')}] ≠ generic ${generic.J} [${generic.grad.join(', ')}]`);
      compared++;
    }
    expect(compared).toBe(CASES.length - 2 * NS.length);
  });

  it('every backend gives the same doubles, fast and generic (WASM SIMD = WASM scalar = JS)', () => {
    expect(BACKENDS.length).toBeGreaterThanOrEqual(2);
    for (const { label, batch: b } of CASES) {
      for (const fast of [true, false]) {
        const results = BACKENDS.map(({ run }) => run(b, fast));
        for (let k = 1; k < results.length; k++) {
          if (!same(results[k]!, results[0]!)) expect.fail(`${label} (${fast ? 'fast' : 'generic'}): ${BACKENDS[k]!.name} ≠ ${BACKENDS[0]!.name}`);
        }
      }
    }
  });

  it.each(BACKENDS)('the generic pass and the fast paths meet an independent per-row reference within rounding [$name]', ({ run }) => {
    for (const { label, batch: b } of CASES) {
      const ref = reference(b);
      for (const fast of [true, false]) {
        const got = run(b, fast);
        const where = `${label} (${fast ? 'fast' : 'generic'})`;
        if (!(Math.abs(got.J - ref.J) <= ref.Jbound)) expect.fail(`${where}: J ${got.J}, reference ${ref.J}`);
        got.grad.forEach((v, i) => {
          if (!(Math.abs(v - ref.grad[i]!) <= ref.gbound[i]!)) expect.fail(`${where}: g[${i}] ${v}, reference ${ref.grad[i]}`);
        });
      }
    }
  });

  it('softmax rows beyond exp\'s fast range, with ±∞ and NaN scores: fast = generic on every backend, and across backends', () => {
    // Scores spread over thousands (rows whose min zₖ − m < −704 take expV: the two-row path checks both rows at
    // once), and single rows with an infinite or NaN weight product; d = 10 and 17 take the short-row path for row
    // losses, K = 10 and 3 (odd: the last class alone).
    let compared = 0;
    for (const [d, K] of [[10, 10], [17, 3], [2, 5]] as const) {
      for (const kind of ['wide', 'inf', 'nan'] as const) {
        const b = batch(L.LOSS_MULTINOMIAL, 13, d, K, kind === 'wide', 1000 + d + K);
        if (kind === 'wide') for (let i = 0; i < b.params.length; i++) b.params[i] = b.params[i]! * (i % 3 === 0 ? 900 : 2);
        else b.X[(b.first + 5) * d + 1] = kind === 'inf' ? Infinity : NaN;
        const results = BACKENDS.map(({ run }) => [run(b, true), run(b, false)] as const);
        for (const [k, [fast, generic]] of results.entries()) {
          if (!same(fast, generic)) expect.fail(`${kind} d=${d} K=${K} [${BACKENDS[k]!.name}]: fast ${fast.J} ≠ generic ${generic.J}`);
          if (!same(fast, results[0]![0])) expect.fail(`${kind} d=${d} K=${K}: ${BACKENDS[k]!.name} ≠ ${BACKENDS[0]!.name}`);
          compared++;
        }
        if (kind === 'wide') expect(Number.isFinite(results[0]![0].J)).toBe(true);
        else expect(Number.isNaN(results[0]![0].J)).toBe(true);
      }
    }
    expect(compared).toBe(9 * BACKENDS.length);
  });

  it('logistic rows beyond exp\'s fast range, z = ±0, and ±∞ and NaN scores: fast = generic on every backend, and across backends', () => {
    // The pair forms take −|z| by its sign bit, e^−|z| with the lower range check only (|z| > 704 → the scalar exp
    // per lane) and max(z, 0) by pmax: these batches hold them to the scalar forms (WASM scalar, JS) where they could
    // part: scores in the thousands (e^−|z| subnormal or 0), z = −0 and +0 (b = −0, w = 0, rows of negative or
    // positive x), an infinite or NaN product. d = 10 and 17 take the short-row paths of both lengths, 3 the odd one.
    let compared = 0;
    for (const d of [10, 17, 3]) {
      for (const kind of ['wide', 'zero', 'inf', 'nan'] as const) {
        const b = batch(L.LOSS_LOG, 13, d, 1, kind === 'wide', 2000 + d);
        if (kind === 'wide') for (let i = 0; i < b.params.length; i++) b.params[i] = b.params[i]! * (i % 3 === 0 ? 3000 : 2);
        else if (kind === 'zero') {
          b.params.fill(0);
          b.params[d] = -0;
          for (let r = 0; r < b.X.length / d; r++) for (let j = 0; j < d; j++) b.X[r * d + j] = (r % 3 === 0 ? 1 : -1) * (0.5 + Math.abs(b.X[r * d + j]!));
        } else b.X[(b.first + 5) * d + 1] = kind === 'inf' ? Infinity : NaN;
        const results = BACKENDS.map(({ run }) => [run(b, true), run(b, false)] as const);
        for (const [k, [fast, generic]] of results.entries()) {
          if (!same(fast, generic)) expect.fail(`${kind} d=${d} [${BACKENDS[k]!.name}]: fast ${fast.J} ≠ generic ${generic.J}`);
          if (!same(fast, results[0]![0])) expect.fail(`${kind} d=${d}: ${BACKENDS[k]!.name} ${fast.J} ≠ ${BACKENDS[0]!.name} ${results[0]![0].J}`);
          compared++;
        }
        if (kind === 'nan') expect(Number.isNaN(results[0]![0].J)).toBe(true);
        else expect(Number.isFinite(results[0]![0].J) || kind === 'inf').toBe(true);
        // At θ = 0 with b = −0 every row's loss is ln 2, its residual ½ − y: J = ln 2 exactly as the per-row sum rounds.
        if (kind === 'zero') expect(Math.abs(results[0]![0].J - Math.LN2)).toBeLessThan(1e-15);
      }
    }
    expect(compared).toBe(12 * BACKENDS.length);
  });

  it('an unknown loss id is an error on every backend, never a silent default', () => {
    const b = batch(L.LOSS_SQUARED, 5, 3, 1, false, 99);
    expect(() => runJs({ ...b, loss: 17 }, true)).toThrow(/loss id must be one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, got 17/);
    for (const simd of hasSimd() ? [true, false] : [false]) {
      const ex = instantiate(buildBytes(simd));
      expect(() => runWasm(ex, { ...b, loss: 17 }, true)).toThrow(WebAssembly.RuntimeError);
      expect(() => runWasm(ex, { ...b, loss: -1 }, false)).toThrow(WebAssembly.RuntimeError);
    }
  });

  it('JS: a loss evaluated out of line (costly) or inline gives the same doubles on every path', () => {
    // The same loss with its costly trait flipped: the pass's two ways of calling it (applyRows per block or per
    // chunk, or calls row by row) must not change a double, in the generic pass and both fast paths.
    const flipped = (l: PointwiseLoss): PointwiseLoss => ({
      pointwise: true, costly: !l.costly, twoStreams: l.twoStreams, twoLanes: l.twoLanes, rowsInLanes: l.rowsInLanes,
      residual: (z, y, out, k) => l.residual(z, y, out, k), value: (z, y, r, out, k) => l.value(z, y, r, out, k),
      mean: (sum, n) => l.mean(sum, n),
    });
    const byId = new Map<number, PointwiseLoss>([
      [L.LOSS_SQUARED, squared], [L.LOSS_LOG, logistic], [L.LOSS_HINGE, hinge], [L.LOSS_SQUARED_HINGE, squaredHinge],
      [L.LOSS_MODIFIED_HUBER, modifiedHuber], [L.LOSS_PERCEPTRON, perceptron], [L.LOSS_HUBER, huber],
      [L.LOSS_EPSILON_INSENSITIVE, epsilonInsensitive], [L.LOSS_SQUARED_EPSILON_INSENSITIVE, squaredEpsilonInsensitive],
    ]);
    let compared = 0;
    for (const { label, batch: b } of CASES) {
      const loss = byId.get(b.loss);
      if (!loss) continue;
      setLossEpsilon(b.epsilon!); // fusedPass directly: lossGrad would set it
      const paths: [string, (l: PointwiseLoss, g: Float64Array) => number][] = [
        ['generic', (l, g) => fusedPass(l, b.X, b.first * b.d, b.y, b.first, b.order, 0, b.n, b.d, 1, b.params, 0, b.d, g, 0, new Float64Array(4))],
        ['short rows', (l, g) => shortRows(l, b.X, b.first * b.d, b.y, b.first, b.order, 0, b.n, b.d, b.params, 0, b.d, g, 0, new Float64Array(4))],
      ];
      if (b.d === 1) paths.push(['one feature', (l, g) => oneFeature(l, b.X, b.first * b.d, b.y, b.first, b.order, 0, b.n, b.params, 0, b.d, g, 0, new Float64Array(4))]);
      for (const [path, run] of paths) {
        const g1 = new Float64Array(b.d + 1).fill(NaN), g2 = new Float64Array(b.d + 1).fill(NaN);
        const a = { J: run(loss, g1), grad: g1 }, c = { J: run(flipped(loss), g2), grad: g2 };
        if (!same(a, c)) expect.fail(`${label} (${path}): costly = ${loss.costly} ≠ costly = ${!loss.costly}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3 * DS.length * NS.length * 2);
  });
});
