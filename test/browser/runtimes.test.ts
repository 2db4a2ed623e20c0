/**
 * Every model across runtimes (issue 14): fitted in Chromium on data generated in Node, each model gives the very
 * same doubles as in Node — every weight, every intercept, every loss value (per update, per epoch, and the final
 * objective) — on each backend (WASM SIMD, WASM scalar, JS), compared with Object.is through the bits (hex); and
 * so do the fitted models' predictProba.
 * Logistic and softmax are the point: they compute exp, log and log1p, which must then be the engine's own (the same
 * operation sequence in WASM and JS), not the host's Math, whose rounding differs between V8 versions (Node 20's and
 * Chromium's, ~10 % of inputs). Linear, ridge and hinge (+ − · and max alone) are checked alongside.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { createRandom } from '../../src/random.js';
import type { EngineOptions, FitOptions, FitResult } from '../../src/types.js';
import { hex, usePlayground } from './page.js';

const { pg, hook } = usePlayground();

const N = 300;
const D = 6;
const CLASSES = 4;

/**
 * Seeded data, made in Node only (sent to the page as JSON, which round-trips every finite double): features
 * ~U(−1.5, 1.5); labels drawn from the models themselves, with scores spread over about ±8 so that exp and log are
 * taken over a wide range (the range where hosts' roundings differ is anywhere, not only near 0).
 */
function makeData(): { X: number[][]; real: number[]; binary: number[]; classes: number[] } {
  const rng = createRandom(20261204);
  const u = (lo: number, hi: number): number => lo + (hi - lo) * rng.uniform();
  const w = Array.from({ length: CLASSES * D }, () => u(-2, 2));
  const X: number[][] = [];
  const real: number[] = [];
  const binary: number[] = [];
  const classes: number[] = [];
  for (let i = 0; i < N; i++) {
    const x = Array.from({ length: D }, () => u(-1.5, 1.5));
    const z = (k: number): number => x.reduce((s, v, j) => s + v * w[k * D + j]!, 0);
    X.push(x);
    real.push(z(0) + 0.5 + u(-0.1, 0.1));
    binary.push(u(0, 1) < 1 / (1 + Math.exp(-(z(0) + 0.5))) ? 1 : 0);
    const e = Array.from({ length: CLASSES }, (_, k) => Math.exp(z(k)));
    let r = u(0, 1) * e.reduce((s, v) => s + v, 0);
    let c = 0;
    while (c < CLASSES - 1 && r >= e[c]!) r -= e[c++]!;
    classes.push(c);
  }
  return { X, real, binary, classes };
}

type Labels = 'real' | 'binary' | 'classes';

/** The fits compared: logistic and softmax full batch and shuffled mini-batches, and the other models alongside. */
const CASES: { name: string; labels: Labels; options: FitOptions }[] = [
  { name: 'logistic, full batch', labels: 'binary', options: { model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 80 } },
  {
    name: 'logistic, shuffled mini-batches', labels: 'binary',
    options: { model: 'logistic', lr: 0.2, momentum: 0.9, batchSize: 32, shuffle: true, seed: 11, maxEpochs: 12, maxIterations: 10_000 },
  },
  {
    name: 'softmax, full batch', labels: 'classes',
    options: { model: 'softmax', classes: CLASSES, lr: 0.5, momentum: 0.9, maxIterations: 80 },
  },
  {
    name: 'softmax, shuffled mini-batches', labels: 'classes',
    options: { model: 'softmax', classes: CLASSES, lr: 0.2, momentum: 0.9, batchSize: 32, shuffle: true, seed: 12, maxEpochs: 12, maxIterations: 10_000 },
  },
  {
    // the validation objective (a stratified held-out fifth) drives the tol rule: exp and log decide when it stops
    name: 'softmax, validation split + tol', labels: 'classes',
    options: {
      model: 'softmax', classes: CLASSES, lr: 0.2, momentum: 0.9, batchSize: 32, seed: 13, maxEpochs: 40, maxIterations: 10_000,
      validationFraction: 0.2, tol: 1e-4, nIterNoChange: 3,
    },
  },
  {
    name: 'linear, shuffled mini-batches', labels: 'real',
    options: { model: 'linear', lr: 0.05, momentum: 0.9, batchSize: 32, shuffle: true, seed: 14, maxEpochs: 12, maxIterations: 10_000 },
  },
  {
    name: 'ridge, shuffled mini-batches', labels: 'real',
    options: { model: 'ridge', alpha: 0.01, lr: 0.05, momentum: 0.9, batchSize: 32, shuffle: true, seed: 15, maxEpochs: 12, maxIterations: 10_000 },
  },
  {
    name: 'hinge, shuffled mini-batches', labels: 'binary',
    options: { model: 'hinge', lr: 0.05, momentum: 0.9, batchSize: 32, shuffle: true, seed: 16, maxEpochs: 12, maxIterations: 10_000 },
  },
];

const BACKENDS: { name: string; options: EngineOptions }[] = [
  { name: 'wasm simd', options: { backend: 'wasm', simd: true } },
  { name: 'wasm scalar', options: { backend: 'wasm', simd: false } },
  { name: 'js', options: { backend: 'js' } },
];

/**
 * Everything a fit returns, as bits (equal strings ⇔ Object.is-equal doubles), and the fitted model's predictProba
 * on the training rows (logistic and softmax; empty for the others), compared apart from the fit.
 */
type Bits = {
  backend: string; simd: boolean; iterations: number; epochs: number; status: string;
  weights: string[]; intercepts: string[]; loss: string[]; epochLoss: string[]; finalLoss: string; proba: string[];
};

function bits(r: FitResult, backend: string, simd: boolean, X: number[][]): Bits {
  return {
    backend, simd, iterations: r.iterations, epochs: r.epochs, status: r.status,
    weights: Array.from(r.weights, hex), intercepts: Array.from(r.intercepts, hex),
    loss: Array.from(r.loss, hex), epochLoss: Array.from(r.epochLoss, hex), finalLoss: hex(r.finalLoss),
    proba: r.model === 'logistic' || r.model === 'softmax' ? Array.from(r.predictProba(X), hex) : [],
  };
}

type ArrayField = 'weights' | 'intercepts' | 'loss' | 'epochLoss' | 'proba';
const FIT_FIELDS: readonly ArrayField[] = ['weights', 'intercepts', 'loss', 'epochLoss'];

/** The double whose bits `h` spells (the inverse of hex). */
function fromHex(h: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${h}`));
  return view.getFloat64(0);
}

/**
 * Where two results differ: a count per field and the first differing value (page vs Node), empty when identical.
 * `fields` picks the arrays compared: the fit's, or the predictions.
 */
function differences(got: Bits, want: Bits, fields: readonly ArrayField[] = FIT_FIELDS): string[] {
  const out: string[] = [];
  for (const key of ['backend', 'simd', 'iterations', 'epochs', 'status', 'finalLoss'] as const) {
    if (got[key] !== want[key]) out.push(`${key}: ${String(got[key])} ≠ ${String(want[key])}`);
  }
  for (const key of fields) {
    const a = got[key];
    const b = want[key];
    if (a.length !== b.length) {
      out.push(`${key}: length ${a.length} ≠ ${b.length}`);
      continue;
    }
    const at = a.flatMap((v, k) => (v === b[k] ? [] : [k]));
    if (at.length) out.push(`${key}: ${at.length} of ${a.length} differ, e.g. [${at[0]}] ${a[at[0]!]} ≠ ${b[at[0]!]}`);
  }
  return out;
}

const data = makeData();
const labelsOf = (c: (typeof CASES)[number]): number[] => data[c.labels];

/** Per backend name, per case name. */
type Results = Record<string, Record<string, Bits>>;
let node: Results;
let page: Results;

beforeAll(async () => {
  node = {};
  for (const b of BACKENDS) {
    const engine = await createEngine(b.options);
    node[b.name] = {};
    for (const c of CASES) {
      const ds = engine.dataset(data.X, labelsOf(c));
      try {
        node[b.name]![c.name] = bits(engine.fit(ds, c.options), engine.backend, engine.simd, data.X);
      } finally {
        ds.dispose();
      }
    }
  }
  const cases = CASES.map((c) => ({ name: c.name, y: labelsOf(c), options: c.options }));
  // In the page: the same three engines, the same fits; bits made there with the page's own hex().
  page = await hook(async (h, a) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const b of a.backends) {
      const engine = await h.createEngine(b.options);
      out[b.name] = {};
      for (const c of a.cases) {
        const ds = engine.dataset(a.X, c.y);
        try {
          const r = engine.fit(ds, c.options);
          out[b.name]![c.name] = {
            backend: engine.backend, simd: engine.simd, iterations: r.iterations, epochs: r.epochs, status: r.status,
            weights: Array.from(r.weights as ArrayLike<number>, h.hex), intercepts: Array.from(r.intercepts as ArrayLike<number>, h.hex),
            loss: Array.from(r.loss as ArrayLike<number>, h.hex), epochLoss: Array.from(r.epochLoss as ArrayLike<number>, h.hex),
            finalLoss: h.hex(r.finalLoss),
            proba: r.model === 'logistic' || r.model === 'softmax' ? Array.from(r.predictProba(a.X) as ArrayLike<number>, h.hex) : [],
          };
        } finally {
          ds.dispose();
        }
      }
    }
    return out;
  }, { X: data.X, cases, backends: BACKENDS }) as Results;
}, 120_000);

describe('the fits compared did real work (else equality would say little)', () => {
  it('the labels hold every class', () => {
    expect(new Set(data.binary)).toEqual(new Set([0, 1]));
    expect(new Set(data.classes)).toEqual(new Set([0, 1, 2, 3]));
  });

  it.each(CASES)('$name: updates applied, the objective fell', (c) => {
    const r = node['wasm simd']![c.name]!;
    if (c.options.batchSize === undefined) expect(r.iterations).toBe(c.options.maxIterations);
    else expect(r.iterations).toBeGreaterThanOrEqual(3 * Math.ceil(N / c.options.batchSize)); // ≥ 3 epochs of ⌈n/b⌉
    expect(r.loss).toHaveLength(r.iterations);
    const losses = r.loss.map(fromHex);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(fromHex(r.finalLoss)).toBeLessThan(0.9 * losses[0]!);
  });
});

describe('in Node, the three backends agree bit for bit', () => {
  it.each(CASES)('$name', (c) => {
    const ref = node['wasm simd']![c.name]!;
    for (const b of BACKENDS.slice(1)) {
      const got = node[b.name]![c.name]!;
      expect(differences({ ...got, backend: ref.backend, simd: ref.simd }, ref), b.name).toEqual([]);
    }
  });
});

describe.each(BACKENDS)('Chromium ($name) = Node, every weight and loss, bit for bit', (b) => {
  it.each(CASES)('$name', (c) => {
    // the page's engine of the same kind against Node's, and against Node's WASM SIMD (the cross-backend claim)
    expect(differences(page[b.name]![c.name]!, node[b.name]![c.name]!)).toEqual([]);
    const ref = node['wasm simd']![c.name]!;
    expect(differences({ ...page[b.name]![c.name]!, backend: ref.backend, simd: ref.simd }, ref)).toEqual([]);
  });
});

// The fitted model's probabilities (LinearModel.predictProba: exp in JS, outside the engine) are what a user reads
// next; they are the same doubles across runtimes only if the fits are and predictProba's exp is runtime-independent.
describe.each(BACKENDS)('Chromium ($name) = Node, predictProba of the fitted model, bit for bit', (b) => {
  it.each(CASES.filter((c) => c.options.model === 'logistic' || c.options.model === 'softmax'))('$name', (c) => {
    const want = node[b.name]![c.name]!;
    expect(want.proba).toHaveLength(N * (c.options.model === 'softmax' ? CLASSES : 1));
    expect(differences(page[b.name]![c.name]!, want, ['proba'])).toEqual([]);
  });
});

describe('at the end', () => {
  it('saw no console errors, page errors or failed requests', () => {
    expect(pg().problems).toEqual([]);
  });
});
