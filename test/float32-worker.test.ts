// float32 storage through the worker engine: the real worker entry (src/worker-entry.ts) behind a loopback worker
// stores X as float32 when the page asks for it, so the fit equals the page engine's fit on f64 storage of
// Math.fround(X) (and differs from the f64 one); a wrong dtype is refused on the page, naming the allowed values.
import { afterEach, expect, it, vi } from 'vitest';
import { createEngine, createWorkerEngine } from '../src/index.js';
import { loopbackWorker } from './loopback-worker.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

it("a worker dataset with dtype 'float32' fits as f64 storage of Math.fround(X)", async () => {
  const X = [[0.1, 1.3], [1.7, 0.2], [2.9, 2.1], [3.3, 1.1], [0.3, 3.7], [1.1, 1.9]], y = [1.1, 0.3, 2.7, 0.9, 3.1, 1.3];
  const options = { model: 'linear', lr: 0.05, momentum: 0.9, maxIterations: 30 } as const;
  const page = await createEngine({ backend: 'js' });
  const ref = page.fit(page.dataset(X.map((r) => r.map(Math.fround)), y), options);
  const f64 = page.fit(page.dataset(X, y), options);
  const worker = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
  const wd = await worker.dataset(X, y, { dtype: 'float32' });
  const there = await worker.fit(wd, options);
  // The handle reports the worker's storage: X as 6·2 floats (4 bytes) beside y (8 bytes a row), as the page's does.
  const pd = page.dataset(X, y, { dtype: 'float32' });
  expect([wd.dtype, wd.bytes]).toEqual(['float32', 6 * 2 * 4 + 6 * 8]);
  expect(wd.bytes).toBe(pd.bytes);
  const w64 = await worker.dataset(X, y);
  expect([w64.dtype, w64.bytes]).toEqual(['float64', 6 * 2 * 8 + 6 * 8]);
  expect(Array.from(there.weights)).toEqual(Array.from(ref.weights));
  expect(Array.from(there.loss)).toEqual(Array.from(ref.loss));
  expect(Object.is(there.intercept, ref.intercept)).toBe(true);
  expect(Array.from(there.weights)).not.toEqual(Array.from(f64.weights));
  await expect(worker.dataset(X, y, { dtype: 'f32' as never })).rejects.toThrow("dtype must be 'float64' or 'float32', got 'f32'");
});
