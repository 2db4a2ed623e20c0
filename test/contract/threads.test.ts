// Threads (issue 17, createEngine({ threads })): the shards of a batch (test/contract/shards.test.ts) run on T
// threads and are combined in shard order, so a fit gives the same doubles for T = 1, 2, 3, 4 — checked with Object.is
// against the JS backend (one thread, an independent implementation of the same contract) on every case × batching;
// then the fallbacks (JS, scalar: one thread and a reason), the option's validation, a worker that traps (a clear
// Error, not a hang), and dispose (the workers are gone: counted, over many create/fit/dispose cycles).
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend.js';
import type { Engine, FitOptions, FitResult } from '../../src/index.js';
import { createEngine } from '../../src/index.js';
import { hasSimd, threadsUnavailable } from '../../src/wasm/load.js';
import type { WasmBackend } from '../../src/wasm/engine.js';
import { liveWorkers } from '../../src/wasm/threads.js';
import { BACKENDS } from '../backends.js';
import { THREAD_MIN_ROWS } from '../../src/abi/layout.js';
import { problem as shardProblem, type Kind, type Problem } from './shard-problem.js';

const canThread = hasSimd() && threadsUnavailable() === null;
const n = 50000;

interface Case { name: string; kind: Kind; d: number; options: FitOptions; weighted?: boolean; f32?: boolean }
const CASES: Case[] = [
  { name: 'squared d=5', kind: 'real', d: 5, options: { model: 'linear', lr: 0.1 } },
  { name: 'ridge d=33', kind: 'real', d: 33, options: { model: 'ridge', alpha: 0.01, lr: 0.05 } },
  { name: 'logistic d=5', kind: 'binary', d: 5, options: { model: 'logistic', lr: 0.3 } },
  { name: 'softmax d=5', kind: 'classes', d: 5, options: { model: 'softmax', lr: 0.3 } },
  { name: 'weighted hinge d=5', kind: 'binary', d: 5, weighted: true, options: { model: 'hinge', lr: 0.1 } },
  { name: 'float32 logistic d=33', kind: 'binary', d: 33, f32: true, options: { model: 'logistic', lr: 0.1 } },
  { name: 'float32 squared d=5', kind: 'real', d: 5, f32: true, options: { model: 'linear', lr: 0.1 } },
];
const BATCHING: { name: string; options: Record<string, unknown> }[] = [
  { name: 'full batch, momentum', options: { optimizer: 'sgd', momentum: 0.9, maxIterations: 6 } },
  // Shuffled mini-batches of 20 000 and 10 000 rows (4 and 2 shards), the gradient rule's full pass at θ₀, Adam.
  { name: 'shuffled mini-batches, Adam, tol', options: { optimizer: 'adam', lr: 0.01, batchSize: 20000, shuffle: true, seed: 5, maxIterations: 6, tol: 1e-9 } },
];

function problem(c: Case, seed: number): Problem {
  return shardProblem(n, c.d, c.kind, c.weighted === true, seed);
}

function bits(r: FitResult): number[] {
  return [...r.weights, ...r.intercepts, ...r.loss, ...r.epochLoss, r.iterations, r.epochs];
}

function fitBits(e: Engine, c: Case, P: ReturnType<typeof problem>, extra: Record<string, unknown>): number[] {
  const ds = e.dataset({ data: P.X, rows: n, cols: c.d } as never, P.y, c.f32 ? { dtype: 'float32' } : undefined);
  const out = bits(e.fit(ds, { ...c.options, ...extra, ...(P.w ? { sampleWeight: P.w } : {}) } as FitOptions));
  ds.dispose();
  return out;
}

const pool = (e: Engine) => ((e as unknown as { internals: Backend }).internals as WasmBackend).pool;

describe.skipIf(!canThread)('threads: the same doubles for every thread count', () => {
  it('T = 1, 2, 3, 4 (WASM SIMD, threads build) = the JS backend, bit for bit, every case × batching', async () => {
    const js = await createEngine({ backend: 'js' });
    const engines: Engine[] = [];
    for (const T of [1, 2, 3, 4]) {
      const e = await createEngine({ backend: 'wasm', threads: T });
      expect(e.threads).toBe(T);
      expect(e.threadsReason).toBeUndefined();
      engines.push(e);
    }
    for (const [k, c] of CASES.entries()) {
      const P = problem(c, 40 + k);
      for (const b of BATCHING) {
        const want = fitBits(js, c, P, b.options);
        for (const e of engines) {
          const got = fitBits(e, c, P, b.options);
          const first = got.findIndex((v, i) => !Object.is(v, want[i]));
          expect(first, `${c.name}, ${b.name}, ${e.threads} threads: first difference at ${first} (${got[first]} vs ${want[first]})`).toBe(-1);
          expect(got.length).toBe(want.length);
        }
      }
    }
    for (const e of engines) await e.dispose();
  }, 300_000);

  it('fitAsync, onProgress (every epoch), abort by onProgress, one-vs-rest: the doubles of one thread', async () => {
    const one = await createEngine({ threads: 1 }), two = await createEngine({ threads: 2 });
    const c: Case = { name: 'one-vs-rest logistic', kind: 'classes', d: 5, options: { model: 'logistic', lr: 0.3 } };
    const P = problem(c, 11);
    const options = { model: 'logistic', lr: 0.3, batchSize: 20000, maxIterations: 12 } as FitOptions;
    const run = async (e: Engine, abortAt: number | null) => {
      const ds = e.dataset({ data: P.X, rows: n, cols: c.d } as never, P.y);
      const epochs: number[] = [];
      const r = await e.fitAsync(ds, { ...options, onProgress: (p) => { epochs.push(p.epoch); return abortAt === null || p.epoch < abortAt; } } as FitOptions);
      return { bits: bits(r), status: r.status, epochs };
    };
    for (const abortAt of [null, 2]) {
      const a = await run(one, abortAt), b = await run(two, abortAt);
      expect(b.status).toBe(abortAt === null ? 'maxIterations' : 'aborted');
      expect(b.epochs).toEqual(a.epochs);
      expect(b.bits.length).toBe(a.bits.length);
      expect(b.bits.every((v, i) => Object.is(v, a.bits[i]))).toBe(true);
    }
    await two.dispose();
  }, 120_000);

  it('batches under THREAD_MIN_ROWS rows never wake a worker (a trapping worker goes unnoticed), from it on they do', async () => {
    const e = await createEngine({ threads: 2 });
    const c = CASES[0]!, P = problem(c, 5);
    const sub = (rows: number) => e.dataset({ data: P.X.subarray(0, rows * c.d), rows, cols: c.d } as never, P.y.subarray(0, rows));
    pool(e)!.trapAt(1);
    const below = e.fit(sub(THREAD_MIN_ROWS - 1), { model: 'linear', lr: 0.1, maxIterations: 3 });
    expect(below.status).toBe('maxIterations');
    expect(() => e.fit(sub(THREAD_MIN_ROWS), { model: 'linear', lr: 0.1, maxIterations: 3 })).toThrow(/worker thread 1 of 2/);
    await e.dispose();
  }, 60_000);

  it('a worker that traps ends the fit with an Error naming it (no hang); the engine still fits after dispose', async () => {
    const e = await createEngine({ threads: 2 });
    const c = CASES[0]!, P = problem(c, 7);
    const ds = e.dataset({ data: P.X, rows: n, cols: c.d } as never, P.y);
    pool(e)!.trapAt(1);
    expect(() => e.fit(ds, { model: 'linear', lr: 0.1, maxIterations: 3 })).toThrow(/worker thread 1 of 2/);
    // The threads stay stopped: the next fit says so again.
    expect(() => e.fit(ds, { model: 'linear', lr: 0.1, maxIterations: 3 })).toThrow(/worker thread 1 of 2/);
    await e.dispose();
    expect(e.threads).toBe(1);
    expect(e.threadsReason).toMatch(/dispose/);
    const after = e.fit(ds, { model: 'linear', lr: 0.1, maxIterations: 3 });
    const one = await createEngine({ threads: 1 });
    const ref = one.fit(one.dataset({ data: P.X, rows: n, cols: c.d } as never, P.y), { model: 'linear', lr: 0.1, maxIterations: 3 });
    expect(bits(after).every((v, i) => Object.is(v, bits(ref)[i]))).toBe(true);
  }, 60_000);

  it('dispose ends the workers: none left, RSS bounded, after 50 create/fit/dispose cycles (1 000 with MOMENTUM_LONG=1)', async () => {
    const cycles = process.env['MOMENTUM_LONG'] ? 1000 : 50; // ~0.3 s a cycle on the 2-core machine
    const c = CASES[0]!, P = problem(c, 9);
    const before = liveWorkers();
    let rss0 = 0;
    for (let k = 0; k < cycles; k++) {
      if (k === 10) rss0 = process.memoryUsage().rss;
      const e = await createEngine({ threads: 3 });
      expect(liveWorkers()).toBe(before + 2);
      // THREAD_MIN_ROWS rows: the smallest batch that wakes the workers.
      const rows = THREAD_MIN_ROWS;
      e.fit(e.dataset({ data: P.X.subarray(0, rows * c.d), rows, cols: c.d } as never, P.y.subarray(0, rows)), { model: 'linear', lr: 0.1, maxIterations: 2 });
      await e.dispose();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(liveWorkers()).toBe(before);
    // Bounded memory: a leaked worker (~10 MB) or shared memory (≥ 1 MB) a cycle would add hundreds of MB.
    expect((process.memoryUsage().rss - rss0) / 2 ** 20).toBeLessThan(cycles >= 1000 ? 512 : 256);
  }, 600_000);
});

describe.each(BACKENDS)('threads option, $name', ({ name, create }) => {
  it('validation: RangeError for 0, −1, 1.5, 257, NaN; TypeError for strings other than \'auto\', booleans, null', async () => {
    const backend = name === 'js' ? 'js' : 'wasm';
    for (const bad of [0, -1, 1.5, 257, NaN, Infinity]) {
      await expect(createEngine({ backend, threads: bad })).rejects.toThrow(RangeError);
      await expect(createEngine({ backend, threads: bad })).rejects.toThrow(/threads must be 'auto' or a whole number/);
    }
    for (const bad of ['2', 'all', true, null]) {
      await expect(createEngine({ backend, threads: bad as never })).rejects.toThrow(TypeError);
    }
    const e = await create();
    expect(e.threads).toBe(1);
    expect(e.threadsReason).toBeUndefined();
  });

  it('where threads cannot run: one thread, the reason, the same doubles', async () => {
    const e = name === 'js' ? await createEngine({ backend: 'js', threads: 4 })
      : await createEngine({ backend: 'wasm', simd: name === 'wasm-simd', threads: name === 'wasm-simd' ? 1 : 4 });
    expect(e.threads).toBe(1);
    if (name === 'js') expect(e.threadsReason).toMatch(/JS backend runs on one thread/);
    if (name === 'wasm-scalar') expect(e.threadsReason).toMatch(/SIMD build/);
    await e.dispose(); // a no-op without workers
    const auto = await createEngine({ backend: name === 'js' ? 'js' : 'wasm', threads: 'auto' });
    expect(auto.threads).toBeGreaterThanOrEqual(1);
    await auto.dispose();
  });
});

describe('threads in what an engine shows', () => {
  it('console.log(engine) names its thread count', async () => {
    const { inspect } = await import('node:util');
    const e = await createEngine({ threads: 2 });
    expect(inspect(e)).toBe(`Engine { backend: 'wasm', simd: true, threads: ${e.threads} }`);
    if (!threadsUnavailable()) expect(inspect(e)).toMatch(/threads: 2 \}$/);
    await e.dispose();
    expect(inspect(e)).toMatch(/threads: 1 \}$/);
  });
});
