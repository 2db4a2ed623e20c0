/**
 * Threads in Chromium (issue 17): Web Workers over one shared memory. A page served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` (every response: the
 * page, its scripts, the wasm) is cross-origin isolated, and there `createEngine({ threads: 2 })` runs on 2 threads
 * (one Web Worker from a Blob URL beside the page's thread) and its fits give, bit for bit, the doubles of Node's fit
 * on one thread (a different code path: no worker, no control block; the shard sums added on one thread). n = 20 000
 * rows are 4 shards (the worker sums 2 and 3); the shuffled mini-batches of 9 000 rows are 2 shards each and a last
 * one of 2 000 rows is one shard. `engine.dispose()` ends the worker (Playwright sees it close). Served without the
 * headers, the page is not isolated: `threads: 2` gives 1 thread, the reason, and the same doubles; served isolated
 * with a Content-Security-Policy of `worker-src 'self'`, the blob: worker is refused and the engine falls back the same way.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { NOT_ISOLATED } from '../../src/wasm/load.js';
import type { FitOptions } from '../../src/types.js';
import { mulberry32 } from '../prng.js';
import { hex, usePlayground, type Hook } from './page.js';

type Kind = 'real' | 'binary' | 'classes';

/** n × d doubles and labels of the kind asked for. */
function problem(seed: number, n: number, d: number, kind: Kind): { X: number[][]; y: number[] } {
  const rnd = mulberry32(seed);
  const w = Array.from({ length: d }, () => 2 * rnd() - 1);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * rnd() - 1));
  const z = X.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0.2) + 0.3 * (rnd() - 0.5));
  if (kind === 'real') return { X, y: z };
  if (kind === 'binary') return { X, y: z.map((v) => (v > 0 ? 1 : 0)) };
  return { X, y: z.map((v) => (v < -0.4 ? 0 : v < 0.4 ? 1 : 2)) };
}

/** Every double a fit returns (weights, intercepts, per-update and per-epoch losses, final loss) as bits, and the counts. */
function bitsOf(r: any, h: (v: number) => string): string[] {
  return [...[...r.weights, ...r.intercepts, ...r.loss, ...r.epochLoss, r.finalLoss].map(h), `${r.status} ${r.iterations} ${r.epochs}`];
}

/** Node's reference: WASM SIMD on one thread. */
async function reference(X: number[][], y: number[], options: FitOptions): Promise<string[]> {
  const engine = await createEngine({ backend: 'wasm', simd: true });
  expect(engine.threads).toBe(1);
  const data = engine.dataset(X, y);
  try {
    return bitsOf(engine.fit(data, options), hex);
  } finally {
    data.dispose();
  }
}

/** In the page: createEngine({ threads: 2 }), the fit, what the engine reports; the engine is kept on window for dispose. */
function inPage(hook: <T>(fn: (h: Hook, arg: any) => T, arg?: unknown) => Promise<Awaited<T>>, X: number[][], y: number[], options: FitOptions) {
  return hook(async (h, a) => {
    const engine = await h.createEngine({ threads: 2 });
    const data = engine.dataset(a.X, a.y);
    const r = engine.fit(data, a.options);
    data.dispose();
    (window as any).__threadsEngine = engine;
    return {
      isolated: (globalThis as any).crossOriginIsolated === true, backend: engine.backend, simd: engine.simd,
      threads: engine.threads, reason: engine.threadsReason ?? null,
      bits: [...[...r.weights, ...r.intercepts, ...r.loss, ...r.epochLoss, r.finalLoss].map(h.hex), `${r.status} ${r.iterations} ${r.epochs}`],
    };
  }, { X, y, options });
}

const MODELS: { name: string; kind: Kind; options: FitOptions }[] = [
  { name: 'linear', kind: 'real', options: { model: 'linear', lr: 0.1, momentum: 0.9 } },
  { name: 'logistic', kind: 'binary', options: { model: 'logistic', lr: 0.3, momentum: 0.9 } },
  { name: 'softmax', kind: 'classes', options: { model: 'softmax', lr: 0.05, optimizer: 'adam' } },
];

const BATCHING: { name: string; options: FitOptions }[] = [
  { name: 'full batch', options: { maxIterations: 25 } },
  { name: 'shuffled mini-batches', options: { batchSize: 9000, shuffle: true, seed: 11, maxEpochs: 3 } },
];

/** 4 shards (clamp(⌊n/4096⌋, 1, 16)); d = 7 takes the short-row fast paths. */
const N = 20_000;
const D = 7;

const CASES = MODELS.flatMap((m) => BATCHING.map((b) => ({
  name: `${m.name}, ${b.name}`, kind: m.kind, options: { ...m.options, ...b.options } as FitOptions,
})));

/** The page's momentum-gd threads: its Blob-URL workers, as Playwright sees them. */
const blobWorkers = (page: { workers(): { url(): string }[] }) => page.workers().filter((w) => w.url().startsWith('blob:')).length;

describe('a cross-origin-isolated page (COOP: same-origin, COEP: require-corp)', () => {
  const { pg, hook } = usePlayground({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });

  it.each(CASES)('threads: 2 runs on 2 threads and gives Node’s one-thread doubles: $name', async ({ kind, options }) => {
    const { X, y } = problem(29, N, D, kind);
    const ref = await reference(X, y, options);
    const got = await inPage(hook, X, y, options);
    expect(got.isolated).toBe(true);
    expect([got.backend, got.simd, got.threads, got.reason]).toEqual(['wasm', true, 2, null]);
    expect(ref.length).toBeGreaterThan(D + 10);
    expect(got.bits).toEqual(ref);
    // One worker beside the page's thread; dispose ends it.
    expect(blobWorkers(pg().page)).toBe(1);
    const after = await hook(async () => {
      const engine = (window as any).__threadsEngine;
      await engine.dispose();
      return { threads: engine.threads, reason: engine.threadsReason };
    });
    expect(after).toEqual({ threads: 1, reason: 'engine.dispose() ended the worker threads' });
    await expect.poll(() => blobWorkers(pg().page), { timeout: 10_000 }).toBe(0);
  });

  it("'auto' is navigator.hardwareConcurrency, at most 16", async () => {
    const got = await hook(async (h) => {
      const engine = await h.createEngine({ threads: 'auto' });
      const r = { threads: engine.threads, cores: navigator.hardwareConcurrency };
      await engine.dispose();
      return r;
    });
    expect(got.threads).toBe(Math.min(got.cores, 16));
    await expect.poll(() => blobWorkers(pg().page), { timeout: 10_000 }).toBe(0);
  });

  it('saw no console errors, page errors or failed requests', () => {
    expect(pg().problems).toEqual([]);
  });
});

describe('a page without the headers (not cross-origin isolated)', () => {
  const { pg, hook } = usePlayground();

  it.each(CASES.filter((c) => c.name.startsWith('softmax') || c.name === 'linear, shuffled mini-batches'))(
    'threads: 2 gives 1 thread, the reason, and Node’s doubles: $name', async ({ kind, options }) => {
      const { X, y } = problem(31, N, D, kind);
      const ref = await reference(X, y, options);
      const got = await inPage(hook, X, y, options);
      expect(got.isolated).toBe(false);
      expect([got.backend, got.simd, got.threads, got.reason]).toEqual(['wasm', true, 1, NOT_ISOLATED]);
      expect(got.reason).toBe('not cross-origin isolated: serve the page with COOP: same-origin and COEP: require-corp');
      expect(got.bits).toEqual(ref);
      expect(blobWorkers(pg().page)).toBe(0);
    });

  it('saw no console errors, page errors or failed requests', () => {
    expect(pg().problems).toEqual([]);
  });
});

describe("an isolated page whose Content-Security-Policy forbids blob: workers (worker-src 'self')", () => {
  const { pg, hook } = usePlayground({
    'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp',
    'Content-Security-Policy': "worker-src 'self'",
  });

  it('threads: 2 falls back to 1 thread with the reason, and gives Node’s doubles', async () => {
    const { kind, options } = CASES[0]!;
    const { X, y } = problem(37, N, D, kind);
    const ref = await reference(X, y, options);
    const got = await inPage(hook, X, y, options);
    expect(got.isolated).toBe(true);
    expect([got.backend, got.simd, got.threads]).toEqual(['wasm', true, 1]);
    expect(got.reason).toMatch(/^threads could not be started: momentum-gd: worker thread 1 of 2 (failed|could not be started): /);
    expect(got.bits).toEqual(ref);
    await expect.poll(() => blobWorkers(pg().page), { timeout: 10_000 }).toBe(0);
  });

  it('saw the policy refuse the blob: worker, and no other problem', () => {
    expect(pg().problems).toHaveLength(1);
    expect(pg().problems[0]).toMatch(/^console\.error: Creating a worker from 'blob:.*violates the following Content Security Policy directive: "worker-src 'self'"/);
  });
});
