/**
 * float32 storage (issue 17) in Chromium: `dataset(X, y, { dtype: 'float32' })` fitted in the page (its WASM engine,
 * SIMD and scalar builds, and a JS engine made there) and in a Web Worker gives, bit for bit, the doubles of Node's fit
 * on f64 storage of Math.fround(X). The data are made here in Node, with doubles float32 cannot hold (fround changes
 * every one), and the reference is a different code path: f64 storage reads X through the f64 row access, float32
 * storage promotes its rows first. Linear, logistic and softmax at d = 5 (the short-row fast paths) and d = 40 (the
 * long-row pass), full batch and shuffled mini-batches; and a multi-output mlpRegressor (y with m = 3 columns) through
 * the worker engine against the page engine and Node.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import type { FitOptions, MlpFitOptions } from '../../src/types.js';
import { mulberry32 } from '../prng.js';
import { hex, usePlayground } from './page.js';

const { pg, hook } = usePlayground();

type Kind = 'real' | 'binary' | 'classes' | 'targets';

/** n × d doubles off the float32 grid, and labels of the kind asked for (targets: m = 3 real columns). */
function problem(seed: number, n: number, d: number, kind: Kind): { X: number[][]; y: number[] | number[][] } {
  const rnd = mulberry32(seed);
  const w = Array.from({ length: d }, () => 2 * rnd() - 1);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => (2 * rnd() - 1) * (1 + 1e-9 * rnd())));
  const z = X.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0.2) + 0.3 * (rnd() - 0.5));
  if (kind === 'targets') return { X, y: X.map((row, i) => [z[i]!, row[0]! * row[1]!, Math.abs(row[d - 1]!) - 0.5]) };
  if (kind === 'real') return { X, y: z };
  if (kind === 'binary') return { X, y: z.map((v) => (v > 0 ? 1 : 0)) };
  return { X, y: z.map((v) => (v < -0.4 ? 0 : v < 0.4 ? 1 : 2)) };
}

/** Every double a fit returns (parameters, per-update and per-epoch objectives, final objective) as bits, and the counts. */
function bitsOf(r: any, h: (v: number) => string): string[] {
  const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap(flat));
  const params = 'coefs' in r ? flat([r.coefs, r.intercepts]) : [...r.weights, ...r.intercepts];
  return [...[...params, ...r.loss, ...r.epochLoss, r.finalLoss].map(h), `${r.status} ${r.iterations} ${r.epochs}`];
}

/** Node's reference: f64 storage of Math.fround(X) (WASM SIMD). */
async function reference(X: number[][], y: number[] | number[][], options: FitOptions | MlpFitOptions): Promise<string[]> {
  const engine = await createEngine({ backend: 'wasm', simd: true });
  const data = engine.dataset(X.map((row) => row.map(Math.fround)), y as number[]);
  try {
    return bitsOf(engine.fit(data, options as FitOptions), hex);
  } finally {
    data.dispose();
  }
}

/** The same fit on float32 storage in the page: WASM SIMD and scalar, JS, and a Web Worker (WASM). */
async function inPage(X: number[][], y: number[] | number[][], options: FitOptions | MlpFitOptions):
  Promise<{ simd: string[]; scalar: string[]; js: string[]; worker: string[]; dtypes: string[]; simdFlags: boolean[] }> {
  return hook(async (h, a) => {
    const bits = (r: any): string[] => {
      const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap(flat));
      const params = 'coefs' in r ? flat([r.coefs, r.intercepts]) : [...r.weights, ...r.intercepts];
      return [...[...params, ...r.loss, ...r.epochLoss, r.finalLoss].map(h.hex), `${r.status} ${r.iterations} ${r.epochs}`];
    };
    const scalarEngine = await h.createEngine({ backend: 'wasm', simd: false });
    const js = await h.createEngine({ backend: 'js' });
    const worker = await h.createWorkerEngine();
    try {
      const local = (e: any) => {
        const data = e.dataset(a.X, a.y, { dtype: 'float32' });
        try {
          return { bits: bits(e.fit(data, a.options)), dtype: data.dtype };
        } finally {
          data.dispose();
        }
      };
      const simd = local(h.engine), scalar = local(scalarEngine), inJs = local(js);
      const wd = await worker.dataset(a.X, a.y, { dtype: 'float32' });
      const remote = bits(await worker.fit(wd, a.options));
      await wd.dispose();
      return {
        simd: simd.bits, scalar: scalar.bits, js: inJs.bits, worker: remote,
        dtypes: [simd.dtype, scalar.dtype, inJs.dtype, wd.dtype], simdFlags: [h.engine.simd, scalarEngine.simd, worker.simd],
      };
    } finally {
      worker.terminate();
    }
  }, { X, y, options });
}

const MODELS: { name: string; kind: Kind; d: number; options: FitOptions }[] = [
  { name: 'linear d=5', kind: 'real', d: 5, options: { model: 'linear', lr: 0.1, momentum: 0.9 } },
  { name: 'linear d=40', kind: 'real', d: 40, options: { model: 'linear', lr: 0.02, momentum: 0.9 } },
  { name: 'logistic d=5', kind: 'binary', d: 5, options: { model: 'logistic', lr: 0.3, momentum: 0.9 } },
  { name: 'logistic d=40', kind: 'binary', d: 40, options: { model: 'logistic', lr: 0.05, momentum: 0.9 } },
  { name: 'softmax d=5', kind: 'classes', d: 5, options: { model: 'softmax', lr: 0.3, momentum: 0.9 } },
  { name: 'softmax d=40', kind: 'classes', d: 40, options: { model: 'softmax', lr: 0.05, optimizer: 'adam' } },
];

const BATCHING: { name: string; options: FitOptions }[] = [
  { name: 'full batch', options: { maxIterations: 30 } },
  { name: 'shuffled mini-batches', options: { batchSize: 16, shuffle: true, seed: 11, maxEpochs: 4 } },
];

/** Not a multiple of 4 or of 16: every tail (rows after the four-row blocks, the last short batch) runs. */
const N = 203;

describe.each(MODELS)('float32 storage in Chromium = Node on f64 storage of Math.fround(X): $name', ({ kind, d, options }) => {
  it.each(BATCHING)('$name', async ({ options: batching }) => {
    const { X, y } = problem(17 + d, N, d, kind);
    const o = { ...options, ...batching } as FitOptions;
    const ref = await reference(X, y, o);
    const got = await inPage(X, y, o);
    expect(got.dtypes).toEqual(['float32', 'float32', 'float32', 'float32']);
    expect(got.simdFlags).toEqual([true, false, true]);
    expect(ref.length).toBeGreaterThan(d + 10);
    expect(got.simd).toEqual(ref);
    expect(got.scalar).toEqual(ref);
    expect(got.js).toEqual(ref);
    expect(got.worker).toEqual(ref);
  });

  it('differs from the fit of the unrounded X (the rounding reaches the doubles compared)', async () => {
    const { X, y } = problem(17 + d, N, d, kind);
    const o = { ...options, ...BATCHING[0]!.options } as FitOptions;
    const engine = await createEngine({ backend: 'wasm', simd: true });
    const data = engine.dataset(X, y as number[]);
    const unrounded = bitsOf(engine.fit(data, o), hex);
    data.dispose();
    expect(unrounded).not.toEqual(await reference(X, y, o));
  });
});

describe('a multi-output mlpRegressor (y with m = 3 columns) on float32 storage', () => {
  it.each(BATCHING)('the worker engine gives the page engine’s doubles and Node’s on f64 storage of Math.fround(X): $name', async ({ options: batching }) => {
    const { X, y } = problem(5, N, 7, 'targets');
    const o: MlpFitOptions = { model: 'mlpRegressor', hidden: [6, 4], activation: 'tanh', lr: 0.05, momentum: 0.9, seed: 3, ...batching } as MlpFitOptions;
    const ref = await reference(X, y, o);
    const got = await inPage(X, y, o);
    const outputs = await hook(async (h, a) => {
      const worker = await h.createWorkerEngine();
      try {
        const r = await worker.fit(await worker.dataset(a.X, a.y, { dtype: 'float32' }), a.o);
        const local = h.engine.fit(h.engine.dataset(a.X, a.y, { dtype: 'float32' }), a.o);
        const p = r.predict(a.X.slice(0, 2)), q = local.predict(a.X.slice(0, 2));
        return { outputs: [r.outputs, local.outputs], predict: [Array.from(p, h.hex), Array.from(q, h.hex)] };
      } finally {
        worker.terminate();
      }
    }, { X, y, o });
    expect(outputs.outputs).toEqual([3, 3]);
    expect(outputs.predict[0]).toHaveLength(6); // 2 rows × 3 outputs
    expect(outputs.predict[0]).toEqual(outputs.predict[1]);
    // 7·6 + 6 + 6·4 + 4 + 4·3 + 3 = 91 parameters
    expect(ref.length).toBeGreaterThan(91);
    expect(got.worker).toEqual(got.simd);
    expect(got.simd).toEqual(ref);
    expect(got.scalar).toEqual(ref);
    expect(got.js).toEqual(ref);
  });
});

describe('at the end', () => {
  it('saw no console errors, page errors or failed requests', () => {
    expect(pg().problems).toEqual([]);
  });
});
