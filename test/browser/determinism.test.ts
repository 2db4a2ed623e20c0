/**
 * Determinism across runtimes: a seeded, shuffled mini-batch fit gives the same doubles in Chromium (page engine,
 * page JS engine, Web Worker) as in Node, and the seed is what decides the shuffle. The linear model is used here (+ − ·
 * alone, which IEEE 754 rounds the same everywhere); runtimes.test.ts compares every model, the exp/log ones included.
 */
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../src/experiment.js';
import { createEngine } from '../../src/index.js';
import type { FitOptions, FitResult } from '../../src/types.js';
import { hex, usePlayground } from './page.js';

const { pg, hook } = usePlayground();

/** 100 rows in batches of 16 (six of 16, one of 4): 7 updates per epoch, 350 in 50 epochs. */
const OPTIONS: FitOptions = {
  lr: 0.1, momentum: 0.9, batchSize: 16, shuffle: true, seed: 7, maxEpochs: 50, maxIterations: 10_000,
};

/** Everything a fit returns that the seed could change, as bits. */
type Bits = { iterations: number; epochs: number; status: string; params: string[]; loss: string[]; epochLoss: string[] };

function bits(r: Pick<FitResult, 'iterations' | 'epochs' | 'status' | 'weights' | 'intercept' | 'loss' | 'epochLoss'>): Bits {
  return {
    iterations: r.iterations, epochs: r.epochs, status: r.status,
    params: [...Array.from(r.weights, hex), hex(r.intercept)],
    loss: Array.from(r.loss, hex), epochLoss: Array.from(r.epochLoss, hex),
  };
}

/** The same fit in the page: its WASM engine, a JS engine made there, and a Web Worker. */
async function inPage(X: number[][], y: number[], options: FitOptions): Promise<{ wasm: Bits; js: Bits; worker: Bits }> {
  return hook(async (h, a) => {
    const toBits = (r: any) => ({
      iterations: r.iterations, epochs: r.epochs, status: r.status,
      params: [...Array.from(r.weights as ArrayLike<number>, h.hex), h.hex(r.intercept)],
      loss: Array.from(r.loss as ArrayLike<number>, h.hex), epochLoss: Array.from(r.epochLoss as ArrayLike<number>, h.hex),
    });
    const js = await h.createEngine({ backend: 'js' });
    const worker = await h.createWorkerEngine();
    try {
      const remote = await worker.fit(await worker.dataset(a.X, a.y), a.options);
      return { wasm: toBits(h.fit(a.X, a.y, a.options)), js: toBits(h.fit(a.X, a.y, a.options, js)), worker: toBits(remote) };
    } finally {
      worker.terminate();
    }
  }, { X, y, options });
}

describe('a shuffled mini-batch fit is deterministic', () => {
  const { X, y: ys } = referenceData(42);
  const y = Array.from(ys); // Node's data, sent to the page: the page's own referenceData differs in a few ulps of y

  it('gives the same weights and losses in Chromium as in Node, bit for bit', async () => {
    const node = await Promise.all([createEngine({ backend: 'wasm' }), createEngine({ backend: 'js' })]);
    const [nodeWasm, nodeJs] = node.map((engine) => {
      const data = engine.dataset(X, y);
      try {
        return bits(engine.fit(data, OPTIONS));
      } finally {
        data.dispose();
      }
    });
    const page = await inPage(X, y, OPTIONS);
    expect(nodeWasm!.iterations).toBe(350);
    expect(nodeWasm!.epochs).toBe(50);
    expect(nodeWasm!.loss).toHaveLength(350);
    expect(nodeWasm!.epochLoss).toHaveLength(50);
    expect(nodeJs).toEqual(nodeWasm);
    expect(page.wasm).toEqual(nodeWasm);
    expect(page.js).toEqual(nodeWasm);
    expect(page.worker).toEqual(nodeWasm);
  });

  it('repeats with the same seed and changes with another', async () => {
    const [first, again, other] = await Promise.all([
      inPage(X, y, OPTIONS), inPage(X, y, OPTIONS), inPage(X, y, { ...OPTIONS, seed: 8 }),
    ]);
    expect(again).toEqual(first);
    // another seed, another order of rows: other batches from the first update on, so other losses and weights
    expect(other.wasm.loss[0]).not.toBe(first.wasm.loss[0]);
    expect(other.wasm.params[0]).not.toBe(first.wasm.params[0]);
    expect(other.wasm.params[1]).not.toBe(first.wasm.params[1]);
    // the seed decides alone: every engine in the page agrees on seed 8 too
    expect(other.js).toEqual(other.wasm);
    expect(other.worker).toEqual(other.wasm);
  });
});

describe('at the end', () => {
  it('saw no console errors, page errors or failed requests', () => {
    expect(pg().problems).toEqual([]);
  });
});
