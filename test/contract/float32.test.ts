// float32 storage (issue 17): engine.dataset(X, y, { dtype: 'float32' }) keeps X as f32 and computes in f64. The
// contract is exact: a fit on float32 storage gives the doubles of the same fit on f64 storage of Math.fround(X) — an
// independent reference, since that fit reads f64 X through the f64 row access (the contiguous pass, the fast paths'
// direct loads) while float32 storage promotes its rows into a tile first (assembly/reduce.ts rowAt). Every weight,
// intercept and objective is compared with Object.is, for every model × optimizer × batching × backend; then dtype's
// validation, the memory a dataset reports, and the size limit.
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';
import { checkDataset } from '../../src/options/index.js';
import { MAX_BYTES } from '../../src/wasm/memory.js';
import type { Engine, FitOptions, FitResult, MlpFitOptions } from '../../src/index.js';

let rnd = mulberry32(1717);
beforeEach(() => {
  rnd = mulberry32(1717);
});

/**
 * n × d doubles that float32 cannot hold (so fround changes them), labels real, 0/1 or K classes, or (targets) rows of
 * m = 2 real targets (a multi-output mlpRegressor).
 */
function problem(n: number, d: number, kind: 'real' | 'binary' | 'classes'): { X: number[][]; y: number[] };
function problem(n: number, d: number, kind: Kind): { X: number[][]; y: number[] | number[][] };
function problem(n: number, d: number, kind: Kind): { X: number[][]; y: number[] | number[][] } {
  const w = Array.from({ length: d }, () => 2 * rnd() - 1);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => (2 * rnd() - 1) * (1 + 1e-9 * rnd())));
  if (kind === 'targets') {
    const v = Array.from({ length: d }, () => 2 * rnd() - 1);
    return { X, y: X.map((row) => [row.reduce((s, x, j) => s + x * w[j]!, 0.2), row.reduce((s, x, j) => s + x * x * v[j]!, -0.1)]) };
  }
  const y = X.map((row) => {
    const z = row.reduce((s, v, j) => s + v * w[j]!, 0.2) + 0.3 * (rnd() - 0.5);
    if (kind === 'real') return z;
    if (kind === 'binary') return z > 0 ? 1 : 0;
    return z < -0.4 ? 0 : z < 0.4 ? 1 : 2;
  });
  return { X, y };
}

const rounded = (X: number[][]): number[][] => X.map((row) => row.map(Math.fround));

/** Every double a fit returns: parameters, per-update and per-epoch objectives, the final objective, the counts. */
function bits(r: FitResult): number[] {
  const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap(flat));
  const params = 'coefs' in r ? flat([(r as unknown as { coefs: unknown }).coefs, r.intercepts]) : [...r.weights, ...r.intercepts];
  return [...params, ...r.loss, ...r.epochLoss, r.finalLoss, r.iterations, r.epochs];
}

function expectSameBits(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  const first = a.findIndex((v, i) => !Object.is(v, b[i]));
  expect(first, `first difference at ${first}: ${a[first]} vs ${b[first]}`).toBe(-1);
}

type Kind = 'real' | 'binary' | 'classes' | 'targets';
/** weighted: a sampleWeight of N positive reals drawn per test (the network head's cᵢ). */
type Case = { name: string; kind: Kind; d: number; options: FitOptions | MlpFitOptions; weighted?: boolean };

// d = 1: the squared loss's one-feature path; 5: the short-row paths; 40: the long-row (eight-lane) pass.
const MODELS: Case[] = [
  { name: 'linear d=1', kind: 'real', d: 1, options: { model: 'linear', lr: 0.1 } },
  { name: 'linear d=5', kind: 'real', d: 5, options: { model: 'linear', lr: 0.1 } },
  { name: 'ridge d=40', kind: 'real', d: 40, options: { model: 'ridge', alpha: 0.01, lr: 0.02 } },
  { name: 'huber d=5', kind: 'real', d: 5, options: { model: 'huber', epsilon: 0.2, lr: 0.1 } },
  { name: 'logistic d=5', kind: 'binary', d: 5, options: { model: 'logistic', lr: 0.3 } },
  { name: 'logistic d=40', kind: 'binary', d: 40, options: { model: 'logistic', alpha: 1e-3, penalty: 'elasticnet', l1Ratio: 0.5, lr: 0.05 } },
  { name: 'hinge d=40', kind: 'binary', d: 40, options: { model: 'hinge', lr: 0.05 } },
  { name: 'softmax d=5', kind: 'classes', d: 5, options: { model: 'softmax', lr: 0.3 } },
  { name: 'softmax d=40', kind: 'classes', d: 40, options: { model: 'softmax', lr: 0.05 } },
  { name: 'one-vs-rest logistic d=5', kind: 'classes', d: 5, options: { model: 'logistic', lr: 0.3 } },
  { name: 'mlpRegressor d=5', kind: 'real', d: 5, options: { model: 'mlpRegressor', hidden: [6], activation: 'tanh', lr: 0.05, seed: 3 } },
  { name: 'mlpClassifier d=40', kind: 'classes', d: 40, options: { model: 'mlpClassifier', hidden: [5, 4], lr: 0.05, seed: 4 } },
  // Multi-output regression (m = 2 targets a row: y n·2, ordered batches' y offset by batchPos·2) and weighted networks.
  { name: 'mlpRegressor 2 targets d=5', kind: 'targets', d: 5, options: { model: 'mlpRegressor', hidden: [6], activation: 'tanh', lr: 0.05, seed: 3 } },
  { name: 'mlpRegressor 2 targets d=40, weighted', kind: 'targets', d: 40, weighted: true, options: { model: 'mlpRegressor', hidden: [5], lr: 0.02, seed: 6 } },
  { name: 'mlpClassifier d=5, weighted, classWeight balanced', kind: 'classes', d: 5, weighted: true, options: { model: 'mlpClassifier', hidden: [4], lr: 0.1, seed: 5, classWeight: 'balanced' } },
];

const OPTIMIZERS: { name: string; options: Record<string, unknown> }[] = [
  { name: 'sgd momentum', options: { optimizer: 'sgd', momentum: 0.9 } },
  { name: 'nesterov', options: { optimizer: 'sgd', momentum: 0.9, nesterov: true } },
  { name: 'adam', options: { optimizer: 'adam', lr: 0.01 } },
];

const BATCHING: { name: string; options: Record<string, unknown> }[] = [
  { name: 'full batch', options: { maxIterations: 25 } },
  { name: 'shuffled mini-batches', options: { batchSize: 8, maxEpochs: 4, seed: 9 } },
  { name: 'ordered mini-batches', options: { batchSize: 10, maxEpochs: 3, shuffle: false } },
];

const N = 43; // not a multiple of 4 or of the batch sizes: every tail runs

describe.each(BACKENDS)('float32 storage = f64 storage of Math.fround(X) [$name]', ({ create }) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await create();
  });

  function both(X: number[][], y: number[] | number[][], o: FitOptions | MlpFitOptions, datasetOptions: { sampleWeight?: number[] } = {}): [FitResult, FitResult] {
    const f32 = engine.dataset(X, y, { ...datasetOptions, dtype: 'float32' });
    const ref = engine.dataset(rounded(X), y, datasetOptions);
    try {
      return [engine.fit(f32, o as FitOptions), engine.fit(ref, o as FitOptions)];
    } finally {
      f32.dispose();
      ref.dispose();
    }
  }

  describe.each(MODELS)('$name', ({ kind, d, options, weighted }) => {
    it.each(OPTIMIZERS.flatMap((opt) => BATCHING.map((b) => ({ label: `${opt.name}, ${b.name}`, opt, b }))))('$label', ({ opt, b }) => {
      const { X, y } = problem(N, d, kind);
      const sampleWeight = weighted ? Array.from({ length: N }, () => 0.25 + 2 * rnd()) : undefined;
      const o = { ...options, ...opt.options, ...b.options, ...(sampleWeight ? { sampleWeight } : {}) } as FitOptions;
      if (opt.name === 'adam') (o as { lr: number }).lr = 0.01;
      const [a, r] = both(X, y, o);
      expect(a.status).toBe(r.status);
      // The multi-output rows fit m = 2 outputs (y stored n·2).
      if (kind === 'targets') expect((a as unknown as { outputs: number }).outputs).toBe(2);
      expectSameBits(bits(a), bits(r));
    });
  });

  it('sample weights, a validation hold-out, lr and momentum auto, averaging, partialFit: the same doubles', () => {
    const { X, y } = problem(N, 5, 'binary');
    const sw = Array.from({ length: N }, () => rnd() * 2);
    for (const o of [
      { model: 'logistic', lr: 0.2, momentum: 0.9, maxIterations: 20, sampleWeight: sw },
      { model: 'logistic', lr: 0.2, batchSize: 8, maxEpochs: 3, seed: 2, sampleWeight: sw, classWeight: 'balanced' },
      { model: 'hinge', lr: 0.1, momentum: 0.5, batchSize: 8, maxEpochs: 30, validationFraction: 0.2, tol: 1e-3, nIterNoChange: 2, seed: 5 },
      { model: 'logistic', lr: 'auto', momentum: 'auto', maxIterations: 30 },
      { model: 'linear', lr: 0.05, batchSize: 4, maxEpochs: 3, average: 5, seed: 1 },
    ] as FitOptions[]) {
      const yy = o.model === 'linear' ? X.map((row) => row[0]! - row[1]!) : y;
      const [a, r] = both(X, yy, o);
      expectSameBits(bits(a), bits(r));
    }
    // Weights given with the dataset.
    const [a, r] = both(X, y, { model: 'logistic', lr: 0.2, maxIterations: 10 }, { sampleWeight: sw });
    expectSameBits(bits(a), bits(r));
    // partialFit: two epochs, the second continuing the first's state.
    const f32 = engine.dataset(X, y, { dtype: 'float32' }), ref = engine.dataset(rounded(X), y);
    const o = { model: 'logistic', lr: 0.1, momentum: 0.9, batchSize: 8, seed: 3 } as FitOptions;
    const a1 = engine.partialFit(f32, o), r1 = engine.partialFit(ref, o);
    const a2 = engine.partialFit(f32, { ...o, from: a1 }), r2 = engine.partialFit(ref, { ...o, from: r1 });
    expectSameBits(bits(a2), bits(r2));
    f32.dispose();
    ref.dispose();
  });

  it('more rows than the promotion windows hold (short rows: two windows of 204 rows at d = 5): the same doubles', () => {
    for (const [kind, model] of [['real', 'linear'], ['binary', 'hinge'], ['binary', 'logistic'], ['classes', 'softmax']] as const) {
      const { X, y } = problem(1003, 5, kind);
      for (const batching of [{ maxIterations: 4 }, { batchSize: 300, maxEpochs: 2, shuffle: false }, { batchSize: 300, maxEpochs: 2, seed: 1 }]) {
        const [a, r] = both(X, y, { model, lr: 0.1, momentum: 0.9, ...batching } as FitOptions);
        expectSameBits(bits(a), bits(r));
      }
    }
  });

  it('the test is not vacuous: the same fit on the unrounded X differs', () => {
    const { X, y } = problem(N, 5, 'real');
    const f32 = engine.dataset(X, y, { dtype: 'float32' }), f64 = engine.dataset(X, y);
    const o: FitOptions = { model: 'linear', lr: 0.1, maxIterations: 10 };
    const a = engine.fit(f32, o), b = engine.fit(f64, o);
    expect(a.weights.some((w, j) => !Object.is(w, b.weights[j]))).toBe(true);
  });

  it('reports its dtype and bytes: float32 halves X', () => {
    const { X, y } = problem(N, 6, 'real');
    const f32 = engine.dataset(X, y, { dtype: 'float32' }), f64 = engine.dataset(X, y);
    expect(f32.dtype).toBe('float32');
    expect(f64.dtype).toBe('float64');
    // X: 43·6 elements; y: 43 f64. The WASM block pads X to 16 bytes.
    const pad = (b: number) => (engine.backend === 'wasm' ? Math.ceil(b / 16) * 16 : b);
    expect(f64.bytes).toBe(pad(N * 6 * 8) + N * 8);
    expect(f32.bytes).toBe(pad(N * 6 * 4) + N * 8);
    expect(String(f32)).toContain("dtype: 'float32'");
    f32.dispose();
    f64.dispose();
    // Two targets a row: y is N·2 f64.
    const t = problem(N, 6, 'targets');
    const m32 = engine.dataset(t.X, t.y, { dtype: 'float32' }), m64 = engine.dataset(t.X, t.y);
    expect(m32.bytes).toBe(pad(N * 6 * 4) + N * 2 * 8);
    expect(m64.bytes).toBe(pad(N * 6 * 8) + N * 2 * 8);
    m32.dispose();
    m64.dispose();
    expect(() => f32.dtype).toThrow(TypeError);
  });

  it('refuses an unknown dtype and a value float32 cannot hold, naming them', () => {
    const X = [[1, 2], [3, 4]], y = [1, 2];
    expect(() => engine.dataset(X, y, { dtype: 'float16' as never })).toThrow(RangeError);
    expect(() => engine.dataset(X, y, { dtype: 'float16' as never })).toThrow("dtype must be 'float64' or 'float32', got 'float16'");
    expect(() => engine.dataset(X, y, { dtype: 'Float32' as never })).toThrow("(did you mean 'float32'?)");
    expect(() => engine.dataset(X, y, { dtype: 32 as never })).toThrow("dtype must be 'float64' or 'float32', got 32");
    expect(() => engine.dataset(X, y, { dtype: 'float32', dtpye: 1 } as never)).toThrow(/Unknown engine\.dataset option "dtpye" \(did you mean "dtype"\?\)/);
    expect(() => engine.dataset([[1, 4e38]], [1], { dtype: 'float32' })).toThrow(RangeError);
    expect(() => engine.dataset([[1, 4e38]], [1], { dtype: 'float32' })).toThrow("X[0][1] = 4e+38 overflows float32");
    expect(() => engine.dataset({ data: [1, -4e38], rows: 1, cols: 2 }, [1], { dtype: 'float32' })).toThrow(/X\.data\[1\] \(row 0, column 1\) = -4e\+38 overflows float32/);
    // The largest finite float32 and values that round down to it are kept.
    expect(() => engine.dataset([[3.4028235e38]], [1], { dtype: 'float32' }).dispose()).not.toThrow();
  });
});

describe('the size limit with float32 storage', () => {
  it('X takes 4 bytes an element: a 2²⁰ × 768 X fits 4 GiB as float32 (not as float64), 2²⁰ × 1024 does not', () => {
    // Sparse arrays of rows: the size is checked from X[0] before any other row is read, so nothing is allocated;
    // passing the size check shows as the scan reaching the missing row X[1].
    const rowsOf = (cols: number) => Object.assign(new Array<number[]>(2 ** 20), { 0: new Array<number>(cols).fill(0) });
    expect(() => checkDataset(rowsOf(768), null, MAX_BYTES)).toThrow(
      "X is too large: a dataset of 1048576 × 768 needs 6.01 GiB as float64 (X 8 bytes an element, y 8 bytes a row), but " +
      "32-bit WebAssembly memory is limited to 4.00 GiB; use fewer rows, dtype: 'float32' (half the bytes of X) or the 'js' backend",
    );
    expect(() => checkDataset(rowsOf(768), null, MAX_BYTES, 'float32')).toThrow('X[1] must be an array of numbers, got undefined');
    expect(() => checkDataset(rowsOf(1024), null, MAX_BYTES, 'float32')).toThrow(
      "X is too large: a dataset of 1048576 × 1024 needs 4.01 GiB as float32 (X 4 bytes an element, y 8 bytes a row), but " +
      "32-bit WebAssembly memory is limited to 4.00 GiB; use fewer rows or the 'js' backend",
    );
  });

  it('y counts n·m doubles: 2²⁰ × 768 float32 with 64 targets a row (3.5 GiB of X and y) fits, with 129 it does not', () => {
    const rowsOf = (cols: number) => Object.assign(new Array<number[]>(2 ** 20), { 0: new Array<number>(cols).fill(0) });
    const targets = (m: number) => Object.assign(new Array<number[]>(2 ** 20), { 0: new Array<number>(m).fill(0) });
    // 2²⁰·768·4 + 2²⁰·64·8 = 3.5 GiB: the size check passes, the scan reaches the missing row X[1].
    expect(() => checkDataset(rowsOf(768), targets(64), MAX_BYTES, 'float32')).toThrow('X[1] must be an array of numbers, got undefined');
    expect(() => checkDataset(rowsOf(768), targets(129), MAX_BYTES, 'float32')).toThrow(
      "X is too large: a dataset of 1048576 × 768 needs 4.01 GiB as float32 (X 4 bytes an element, y 1032 bytes a row of " +
      "129 targets), but 32-bit WebAssembly memory is limited to 4.00 GiB; use fewer rows or the 'js' backend",
    );
    // The same as a { data, rows, cols } y: its cols counts.
    const yMatrix = { data: new Float64Array(0), rows: 2 ** 20, cols: 129 };
    expect(() => checkDataset(rowsOf(768), yMatrix, MAX_BYTES, 'float32')).toThrow(/needs 4\.01 GiB as float32 \(X 4 bytes an element, y 1032 bytes a row of 129 targets\)/);
  });
});
