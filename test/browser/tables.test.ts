/**
 * Tables in the browser: an object of columns and an Arrow-shaped table (an object with methods, which structured
 * cloning would strip) given to createWorkerEngine's dataset are read on the page and fit in the worker with the
 * bits of the page engine's fit of the same rows written by hand.
 */
import { describe, expect, it } from 'vitest';
import { usePlayground } from './page.js';

const { hook } = usePlayground();

describe('tables in a Web Worker', () => {
  it('an object of columns and an Arrow-like table fit like the rows they hold, bit for bit', async () => {
    const got = await hook(async (h) => {
      const a = [0.5, 1.5, -1, 2, 0], b = [1, 0.25, 2, -0.5, 1.5], y = [1.25, 4.5, -0.5, 3, 0.25];
      const rows = a.map((v, i) => [v, b[i]!]);
      const columns: Record<string, number[]> = { a, b, y };
      const arrowLike = {
        numRows: 5,
        schema: { fields: [{ name: 'a' }, { name: 'b' }, { name: 'y' }] },
        getChild: (name: string) => ({ length: 5, nullCount: 0, get: (i: number) => columns[name]![i], toArray: () => Float64Array.from(columns[name]!) }),
      };
      const options = { lr: 0.05, momentum: 0.9, maxIterations: 40 };
      const worker = await h.createWorkerEngine();
      try {
        const fromColumns = await worker.fit(await worker.dataset(columns, 'y'), options);
        const fromArrow = await worker.fit(await worker.dataset(arrowLike, { label: 'y', features: ['a', 'b'] }), options);
        const local = h.engine.fit(h.engine.dataset(rows, y), options);
        const bits = (f: { weights: Float64Array; intercept: number; loss: Float64Array }) =>
          [...Array.from(f.weights, h.hex), h.hex(f.intercept), ...Array.from(f.loss, h.hex)];
        return { columns: bits(fromColumns), arrow: bits(fromArrow), local: bits(local) };
      } finally {
        worker.terminate();
      }
    });
    expect(got.columns).toEqual(got.local);
    expect(got.arrow).toEqual(got.local);
    expect(got.local.length).toBe(3 + 40);
  });
});
