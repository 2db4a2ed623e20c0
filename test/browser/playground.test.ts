/**
 * The playground in Chromium (playwright-core on /usr/bin/chromium or $CHROMIUM_PATH): the built site loads
 * without console errors, runs the WASM engine, fits the reference experiment bit for bit like Node, recomputes
 * when a slider moves, and shows plain GD stalling at a saddle that momentum leaves. Saves docs/playground.png.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceData } from '../../src/experiment.js';
import { testFunctions } from '../../src/functions.js';
import { createEngine } from '../../src/index.js';
import { minimize } from '../../src/minimize.js';
import type { FitOptions } from '../../src/types.js';
import { serve } from './serve.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof serve>>;
const problems: string[] = [];

/** The 16 hex digits of a double's bits: equal strings ⇔ Object.is-equal doubles (NaN payloads aside). */
function hex(v: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

type Hook = {
  backend: string;
  engine: any;
  createWorkerEngine: any;
  hex(v: number): string;
  simd: boolean;
  referenceData(): { x: number[]; y: number[] };
  fit(X: number[][], y: number[], o: FitOptions): { weights: number[]; intercept: number; loss: number[]; iterations: number; status: string; hex: string[] };
  setFunction(name: string): void;
  showIteration(k: number): void;
  iteration(): number;
  setStart(x: number, y: number): void;
  race(): {
    fn: string; lr: number; beta: number;
    racers: { label: string; status: string | null; shown: number; nearSaddle: number; reached: number; points: number[] }[];
  };
};
const hook = <T>(fn: (h: Hook, arg: any) => T, arg?: unknown): Promise<T> =>
  page.evaluate(([src, a]) => new Function('h', 'a', `return (${src})(h, a)`)((window as any).__momentum, a), [fn.toString(), arg] as const) as Promise<T>;

beforeAll(async () => {
  await build({ configFile: `${repo}site/vite.config.ts`, logLevel: 'warn' });
  server = await serve(`${repo}site/dist`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1240, height: 1320 }, deviceScaleFactor: 1 });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('playground', () => {
  it('loads without console errors and runs the WASM engine', async () => {
    expect(problems).toEqual([]);
    await expect(page.locator('#backend').textContent()).resolves.toMatch(/^engine: wasm/);
    expect(await hook((h) => h.backend)).toBe('wasm');
  });

  it('has the reference data of Node: x bit for bit, y to a few ulps', async () => {
    const { X, y } = referenceData(42);
    const inPage = await hook((h) => h.referenceData());
    // x comes from integer arithmetic only: identical bits
    expect(inPage.x.map(hex)).toEqual(X.map((r) => hex(r[0]!)));
    // y = 2 + 3x + Box–Muller noise; Math.log, Math.cos and Math.sin of Node 20's V8 and of Chromium's differ by
    // 1 ulp on a few % of inputs (measured: 35, 9 and 13 of 400), so the noise may differ by a few ulps of itself
    // and y by that plus its own rounding: |Δy| ≤ 4ε·(|y| + 4) bounds both.
    inPage.y.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThanOrEqual(4 * Number.EPSILON * (Math.abs(y[i]!) + 4)));
  });

  it.each([
    { lr: 0.1, momentum: 0, maxIterations: 100 },
    { lr: 0.1, momentum: 0.9, maxIterations: 100 },
    { lr: 0.1, momentum: 0.9, nesterov: true, maxIterations: 500 },
    { lr: 0.05, momentum: 0.8, dampening: 0.2, weightDecay: 0.01, maxIterations: 300 },
  ] as FitOptions[])('fits the reference experiment in the page exactly as in Node: %j', async (options) => {
    const { X, y } = referenceData(42);
    const node = await createEngine({ backend: 'wasm' });
    const data = node.dataset(X, y);
    const expected = node.fit(data, options);
    data.dispose();
    const got = await hook((h, a) => h.fit(a.X, a.y, a.options), { X, y: Array.from(y), options });
    expect(got.iterations).toBe(expected.iterations);
    expect(got.status).toBe(expected.status);
    expect(got.hex).toEqual([...Array.from(expected.weights, hex), hex(expected.intercept)]);
    expect(got.loss.map(hex)).toEqual(Array.from(expected.loss, hex));
  });

  it('draws the same trajectories as minimize() in Node', async () => {
    await hook((h) => h.setFunction('rosenbrock'));
    const race = await hook((h) => h.race());
    const fn = testFunctions.rosenbrock!;
    for (const [i, momentum, nesterov] of [[0, 0, false], [1, race.beta, false], [2, race.beta, true]] as const) {
      const run = minimize(fn, fn.start, { lr: race.lr, momentum, nesterov, maxIterations: 3000 });
      expect(race.racers[i]!.points.map(hex)).toEqual(Array.from(run.points.subarray(0, race.racers[i]!.points.length), hex));
    }
  });

  it('recomputes the race when the η slider moves', async () => {
    await hook((h) => h.setFunction('quadratic'));
    const before = await hook((h) => h.race());
    await page.locator('#lr').fill('-1'); // η = 10⁻¹
    const after = await hook((h) => h.race());
    expect(before.lr).toBe(0.02);
    expect(after.lr).toBe(0.1);
    await expect(page.locator('#lr-out').textContent()).resolves.toBe('0.10');
    for (let i = 0; i < 3; i++) {
      expect(after.racers[i]!.points.slice(0, 2)).toEqual(before.racers[i]!.points.slice(0, 2)); // same start
      expect(after.racers[i]!.points[2]).not.toBe(before.racers[i]!.points[2]);
    }
  });

  it('shows plain GD lingering at the saddle while momentum leaves it', async () => {
    await hook((h) => h.setFunction('saddle'));
    // start on the stable manifold y = 0 up to 1e−9: GD (η = 0.02) needs ln(2e8)/ln(1.04) ≈ 490 steps to grow y to
    // the saddle radius 0.2, momentum (β = 0.9) ≈ 120 (its unstable root is 1.17 instead of 1.04)
    await hook((h) => h.setStart(1.5, 1e-9));
    const { racers } = await hook((h) => h.race());
    const [gd, mom, nag] = racers as [typeof racers[0], typeof racers[0], typeof racers[0]];
    expect(gd.nearSaddle).toBeGreaterThan(300);
    expect(mom.nearSaddle).toBeLessThan(gd.nearSaddle / 3);
    expect(nag.nearSaddle).toBeLessThan(gd.nearSaddle / 3);
    const lastY = (r: typeof gd) => Math.abs(r.points[r.points.length - 1]!);
    expect(lastY(mom)).toBeGreaterThan(1);
  });

  it('saves a screenshot and still has no console errors', async () => {
    await hook((h) => h.setFunction('rosenbrock'));
    expect(await hook((h) => h.iteration())).toBe(0);
    await page.locator('#step').click();
    expect(await hook((h) => h.iteration())).toBe(1);
    await page.locator('#play').click();
    await page.waitForFunction(() => (window as any).__momentum.iteration() > 100, null, { timeout: 10_000 });
    await expect(page.locator('#play').textContent()).resolves.toContain('pause');
    await hook((h) => h.showIteration(Infinity)); // the finished race makes the better picture
    await expect(page.locator('#play').textContent()).resolves.toContain('play');
    await mkdir(`${repo}docs`, { recursive: true });
    await page.screenshot({ path: `${repo}docs/playground.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});

describe('createWorkerEngine', () => {
  it('fits in a Web Worker with the same bits as the page engine, from transferred data', async () => {
    const { X, y } = referenceData(42);
    const got = await hook(async (h, a) => {
      const worker = await h.createWorkerEngine();
      try {
        const rows = a.X.map((r: number[]) => Float64Array.from(r));
        const ys = Float64Array.from(a.y);
        const data = await worker.dataset(rows, ys, { transfer: true });
        const detached = [ys.length, rows[0].length]; // transferred: both now length 0
        const options = { lr: 0.1, momentum: 0.9, maxIterations: 200 };
        const remote = await worker.fit(data, options);
        const local = h.engine.fit(h.engine.dataset(a.X, a.y), options);
        await data.dispose();
        return {
          backend: worker.backend,
          detached,
          shape: [data.rows, data.cols],
          isFloat64: remote.weights instanceof Float64Array && remote.loss instanceof Float64Array,
          remote: [...Array.from(remote.weights as Float64Array, h.hex), h.hex(remote.intercept), ...Array.from(remote.loss as Float64Array, h.hex)],
          local: [...Array.from(local.weights as Float64Array, h.hex), h.hex(local.intercept), ...Array.from(local.loss as Float64Array, h.hex)],
          status: [remote.status, remote.iterations, local.status, local.iterations],
        };
      } finally {
        worker.terminate();
      }
    }, { X, y: Array.from(y) });
    expect(got.backend).toBe('wasm');
    expect(got.detached).toEqual([0, 0]);
    expect(got.shape).toEqual([100, 1]);
    expect(got.isFloat64).toBe(true);
    expect(got.remote).toEqual(got.local);
    expect(got.status).toEqual(['maxIterations', 200, 'maxIterations', 200]);
  });

  it('keeps the caller’s arrays without transfer, and reports errors with their type and message', async () => {
    const got = await hook(async (h) => {
      const worker = await h.createWorkerEngine();
      try {
        const ys = Float64Array.of(1, 3, 5);
        const data = await worker.dataset([[0], [1], [2]], ys);
        const settle = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
        let local = '';
        try {
          h.engine.fit(h.engine.dataset([[0], [1], [2]], [1, 3, 5]), { lr: -1 });
        } catch (e) {
          local = `${(e as Error).name}: ${(e as Error).message}`;
        }
        const badLr = await settle(worker.fit(data, { lr: -1 }));
        const badRows = await settle(worker.dataset([[0], [1]], [1, 2, 3]));
        await data.dispose();
        const disposed = await settle(worker.fit(data, { lr: 0.1 }));
        return { kept: ys.length, badLr, local, badRows, disposed };
      } finally {
        worker.terminate();
      }
    });
    expect(got.kept).toBe(3);
    expect(got.badLr).toBe(got.local);
    expect(got.badLr).toMatch(/^RangeError: /);
    expect(got.badRows).toMatch(/^(TypeError|RangeError): /);
    expect(got.disposed).toBe('TypeError: data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
  });

  it('rejects on abort and after terminate', async () => {
    const got = await hook(async (h) => {
      const worker = await h.createWorkerEngine();
      const settle = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
      const n = 20_000;
      const X = Array.from({ length: n }, (_, i) => [i / n, (i % 7) / 7]);
      const y = X.map(([a, b]) => 1 + 2 * a! - b!);
      const data = await worker.dataset(X, y);
      const pre = new AbortController();
      pre.abort();
      const already = await settle(worker.fit(data, { lr: 0.1 }, { signal: pre.signal }));
      const during = new AbortController();
      const long = settle(worker.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 2000 }, { signal: during.signal }));
      during.abort();
      const aborted = await long;
      // the worker is still usable: the aborted fit's reply is dropped, the next one is answered
      const after = (await worker.fit(data, { lr: 0.1, maxIterations: 3 })).iterations;
      worker.terminate();
      const terminated = await settle(worker.fit(data, { lr: 0.1 }));
      return { already, aborted, after, terminated };
    });
    expect(got.already).toMatch(/^AbortError: /);
    expect(got.aborted).toMatch(/^AbortError: /);
    expect(got.after).toBe(3);
    expect(got.terminated).toBe('Error: the worker engine was terminated');
  });
});

describe('documented examples', () => {
  it('the README browser example and the createWorkerEngine TSDoc example', async () => {
    const got = await hook(async (h) => {
      const engine = h.engine; // = await createEngine() on the page
      const data = engine.dataset([[0], [1], [2], [3]], [1, 3, 5, 7]);
      const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
      data.dispose();
      const worker = await h.createWorkerEngine();
      const remote = await worker.fit(await worker.dataset([[0], [1], [2]], [1, 3, 5]), { lr: 0.1, momentum: 0.9, maxIterations: 500 });
      worker.terminate();
      return { backend: engine.backend, w: fit.weights[0], b: fit.intercept, rw: remote.weights[0], rb: remote.intercept };
    });
    // y = 2x + 1 exactly: GD with momentum contracts the error geometrically; after 500 steps it is far below 1e−6
    expect(got.backend).toBe('wasm');
    expect(Math.abs(got.w - 2)).toBeLessThan(1e-6);
    expect(Math.abs(got.b - 1)).toBeLessThan(1e-6);
    expect(Math.abs(got.rw - 2)).toBeLessThan(1e-6);
    expect(Math.abs(got.rb - 1)).toBeLessThan(1e-6);
  });
});

describe('at the end', () => {
  it('saw no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
