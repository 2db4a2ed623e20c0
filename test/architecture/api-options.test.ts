// Every public entry point that takes an options object refuses a misspelt key with a TypeError that names the key
// and suggests the option meant, through the one checker (src/check/args.ts: checkKeys). The table below is the
// list of those entry points; a scan of src/ holds it complete: every checkKeys call site has a row, and no other
// code (src/, site/, examples/) writes an "Unknown … option" error by hand. The worker engine's fit options and
// `wasm` are checked inside the worker: those rows run the real worker entry through a loopback worker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Estimator, createEngine, createStandardizer, createWorkerEngine, fit, minimize, progressLogger, quadratic, referenceExperiment,
  tableToMatrix, trainTestSplit, type WorkerLike,
} from '../../src/index.js';
import { loadBreastCancer, loadDigits } from '../../src/datasets.js';
import { loopbackWorker } from '../loopback-worker.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const X = [[0], [1], [2], [3]], y = [0, 1, 0, 1];

/** A worker stand-in that answers `init` (no worker thread in Node; the real one is test/browser's). */
function fakeWorker(): WorkerLike {
  const w = {
    onmessage: null as ((event: unknown) => void) | null,
    onerror: null as ((event: unknown) => void) | null,
    postMessage(message: { id: number; type: string }) {
      if (message.type === 'init') queueMicrotask(() => w.onmessage?.({ data: { id: message.id, ok: true, value: { backend: 'js', simd: false } } }));
    },
    terminate() {},
  };
  return w;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown) => f as Loose;

/**
 * [file, the checker's `what` as written at the call site, the key a user types, the option meant, the call]. The
 * message is `Unknown <what> option "<key>" (did you mean "<meant>"?); known options: …`.
 */
type Row = [file: string, site: string, what: string, key: string, meant: string, call: (key: string) => unknown];
const ROWS: Row[] = [
  ['src/engine.ts', "'createEngine'", 'createEngine', 'backnd', 'backend', (k) => createEngine({ [k]: 'js' } as never)],
  ['src/wasm/load.ts', "'wasm'", 'wasm', 'simdd', 'simd', (k) => createEngine({ backend: 'js', wasm: { [k]: 'https://cdn.example/m.wasm' } } as never)],
  ['src/engine.ts', "'engine.dataset'", 'engine.dataset', 'sample_weight', 'sampleWeight', async (k) => (await createEngine({ backend: 'js' })).dataset(X, y, { [k]: [1, 1, 1, 1] } as never)],
  ['src/fit.ts', "'Estimator.fit'", 'Estimator.fit', 'sampleWeights', 'sampleWeight', (k) => new Estimator({ lr: 0.1 }).fit(X, y, { [k]: [1, 1, 1, 1] } as never)],
  ['src/fit.ts', "'Estimator.partialFit'", 'Estimator.partialFit', 'clases', 'classes', (k) => new Estimator({ lr: 0.1 }).partialFit(X, y, { [k]: 2 } as never)],
  ['src/options/fit.ts', "'fit'", 'fit', 'momentun', 'momentum', async (k) => {
    const e = await createEngine({ backend: 'js' });
    return e.fit(e.dataset(X, y), { lr: 0.1, [k]: 0.9 } as never);
  }],
  ['src/options/fit.ts', "'fit'", 'fit', 'learning_rate', 'lr', async (k) => {
    const e = await createEngine({ backend: 'js' });
    return e.fitAsync(e.dataset(X, y), { [k]: 0.1 } as never);
  }],
  ['src/options/mlp-start.ts', "'initialWeights'", 'initialWeights', 'coef', 'coefs', async (k) => {
    const e = await createEngine({ backend: 'js' });
    return e.fit(e.dataset(X, y), { model: 'mlpRegressor', lr: 0.1, hidden: [1], initialWeights: { [k]: [[1], [1]], intercepts: [[0], [0]] } } as never);
  }],
  ['src/options/schedule.ts', "'schedule'", 'schedule', 'gama', 'gamma', async (k) => {
    const e = await createEngine({ backend: 'js' });
    return e.fit(e.dataset(X, y), { lr: 0.1, schedule: { type: 'exponential', gamma: 0.5, [k]: 1 } } as never);
  }],
  ['src/options/optimizer.ts', "'sgd'", 'sgd', 'nesterow', 'nesterov', async (k) => (await createEngine({ backend: 'js' })).sgd([1], { lr: 0.1, [k]: true } as never)],
  ['src/options/optimizer.ts', "'optimizer'", 'optimizer', 'betass', 'betas', async (k) => (await createEngine({ backend: 'js' })).optimizer([1], { optimizer: 'adam', lr: 0.1, [k]: [0.9, 0.99] } as never)],
  ['src/optimizer.ts', "'state'", 'state', 'veloctiy', 'velocity', async (k) => {
    const opt = (await createEngine({ backend: 'js' })).optimizer([1], { optimizer: 'adam', lr: 0.1 });
    return opt.loadState({ ...opt.state(), [k]: [0] } as never);
  }],
  ['src/optimizer.ts', '`state.buffers (${options.optimizer})`', 'state.buffers (adam)', 'exp_avg_sq', 'expAvgSq', async (k) => {
    const opt = (await createEngine({ backend: 'js' })).optimizer([1], { optimizer: 'adam', lr: 0.1 });
    return opt.loadState({ ...opt.state(), buffers: { expAvg: [0], [k]: [0] } } as never);
  }],
  ['src/online.ts', "'partialFit'", 'partialFit', 'form', 'from', async (k) => {
    const e = await createEngine({ backend: 'js' });
    return e.partialFit(e.dataset(X, y), { lr: 0.1, [k]: null } as never);
  }],
  ['src/online.ts', "'from (an optimizerState)'", 'from (an optimizerState)', 'steps', 'step', async (k) => {
    const e = await createEngine({ backend: 'js' });
    const d = e.dataset(X, y);
    return e.partialFit(d, { lr: 0.1, from: { ...e.partialFit(d, { lr: 0.1 }).optimizerState!, [k]: 1 } as never });
  }],
  ['src/online.ts', "'from.optimizer'", 'from.optimizer', 'nesterow', 'nesterov', async (k) => {
    const e = await createEngine({ backend: 'js' });
    const d = e.dataset(X, y);
    const s = e.partialFit(d, { lr: 0.1 }).optimizerState!;
    return e.partialFit(d, { lr: 0.1, from: { ...s, optimizer: { ...s.optimizer, [k]: false } } as never });
  }],
  ['src/online.ts', '`from.buffers (${c.optimizer})`', 'from.buffers (adam)', 'exp_avg', 'expAvg', async (k) => {
    const e = await createEngine({ backend: 'js' });
    const d = e.dataset(X, y);
    const s = e.partialFit(d, { optimizer: 'adam', lr: 0.1 }).optimizerState!;
    return e.partialFit(d, { optimizer: 'adam', lr: 0.1, from: { ...s, buffers: { ...s.buffers, [k]: [0, 0] } } as never });
  }],
  ['src/online.ts', "'from.averaged'", 'from.averaged', 'counts', 'count', async (k) => {
    const e = await createEngine({ backend: 'js' });
    const d = e.dataset(X, y);
    const s = e.partialFit(d, { lr: 0.1, average: true }).optimizerState!;
    return e.partialFit(d, { lr: 0.1, average: true, from: { ...s, averaged: { ...s.averaged!, [k]: 1 } } as never });
  }],
  ['src/columnar.ts', "'column selection'", 'column selection', 'lable', 'label', async (k) => (await createEngine({ backend: 'js' })).dataset({ a: [1, 2], y: [0, 1] }, { [k]: 'y' } as never)],
  ['src/columnar.ts', "'column selection'", 'column selection', 'feature', 'features', (k) => tableToMatrix({ a: [1, 2], y: [0, 1] }, { label: 'y', [k]: ['a'] } as never)],
  ['src/fit.ts', "'fit'", 'fit', 'verbos', 'verbose', (k) => fit(X, y, { lr: 0.1, [k]: true } as never)],
  ['src/fit.ts', "'verbose'", 'verbose', 'intervall', 'interval', (k) => fit(X, y, { lr: 0.1, verbose: { [k]: 0 } } as never)],
  ['src/fit.ts', "'Estimator'", 'Estimator', 'seeed', 'seed', (k) => new Estimator({ lr: 0.1, [k]: 1 } as never)],
  ['src/minimize.ts', "'minimize'", 'minimize', 'max_iter', 'maxIterations', (k) => minimize(quadratic(2), [1, 1], { lr: 0.1, [k]: 5 } as never)],
  ['src/preprocess.ts', "'split'", 'split', 'test_size', 'testFraction', (k) => trainTestSplit(X, y, { [k]: 0.5 } as never)],
  ['src/preprocess.ts', "'createStandardizer stats'", 'createStandardizer stats', 'means', 'mean', (k) => createStandardizer({ mean: [0], scale: [1], [k]: [0] } as never)],
  ['src/experiment.ts', "'referenceExperiment'", 'referenceExperiment', 'seeds', 'seed', (k) => referenceExperiment({} as never, { [k]: 1 } as never)],
  ['src/progress.ts', "'progressLogger'", 'progressLogger', 'intervall', 'interval', (k) => progressLogger({ [k]: 0 } as never)],
  ['src/datasets.ts', 'caller', 'loadBreastCancer', 'utl', 'url', (k) => loadBreastCancer({ [k]: 'x' } as never)],
  ['src/datasets.ts', 'caller', 'loadDigits', 'path', 'url', (k) => loadDigits({ [k]: 'x' } as never)],
  ['src/worker.ts', "'createWorkerEngine'", 'createWorkerEngine', 'workr', 'worker', (k) => createWorkerEngine({ [k]: fakeWorker() } as never)],
  ['src/worker.ts', "'worker engine.dataset'", 'worker engine.dataset', 'transfr', 'transfer', async (k) => {
    const e = await createWorkerEngine({ worker: fakeWorker() });
    return loose(e.dataset.bind(e))(X, y, { [k]: true });
  }],
  ['src/worker.ts', "'worker fit control'", 'worker fit control', 'sigal', 'signal', async (k) => {
    const e = await createWorkerEngine({ worker: fakeWorker() });
    return loose(e.fit.bind(e))(null, { lr: 1 }, { [k]: null });
  }],
  // The worker engine's own options are checked in the worker, by the engine there: the same checker, the same words.
  ['src/wasm/load.ts', "'wasm'", 'wasm', 'scalr', 'scalar', async (k) => createWorkerEngine({ worker: await loopbackWorker(), wasm: { [k]: 'https://cdn.example/m.wasm' } } as never)],
  ['src/options/fit.ts', "'fit'", 'fit', 'maxIteration', 'maxIterations', async (k) => {
    const e = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
    return e.fit(await e.dataset(X, y), { lr: 0.1, [k]: 5 } as never);
  }],
  ['src/options/schedule.ts', "'schedule'", 'schedule', 'step_size', 'stepSize', async (k) => {
    const e = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
    return e.fit(await e.dataset(X, y), { lr: 0.1, schedule: { type: 'step', gamma: 0.5, [k]: 2 } } as never);
  }],
];

/** The error a call throws or rejects with. */
async function caught(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  return null;
}

describe('the loopback worker', () => {
  it("runs the real worker entry: a fit comes back with the page engine's doubles", async () => {
    const options = { model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 20 } as const;
    const e = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
    expect([e.backend, e.simd]).toEqual(['js', false]);
    const remote = await e.fit(await e.dataset(X, y), options);
    const page = await createEngine({ backend: 'js' });
    const local = page.fit(page.dataset(X, y), options);
    expect(remote.loss.length).toBe(20);
    const bits = (r: typeof local) => [...r.weights, ...r.intercepts, ...r.loss];
    expect(bits(remote).every((v, i) => Object.is(v, bits(local)[i]))).toBe(true);
  });

  it('takes warmStart (a model crosses as its toJSON()): the page engine\'s doubles; it has no partialFit', async () => {
    const options = { model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 5 } as const;
    const e = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
    const data = await e.dataset(X, y);
    const remote = await e.fit(data, { ...options, warmStart: await e.fit(data, options) });
    const page = await createEngine({ backend: 'js' });
    const d = page.dataset(X, y);
    const local = page.fit(d, { ...options, warmStart: page.fit(d, options) });
    const bits = (r: typeof local) => [...r.weights, ...r.intercepts, ...r.loss];
    expect(bits(remote).every((v, i) => Object.is(v, bits(local)[i]))).toBe(true);
    expect(remote.optimizerState).toBeNull();
    expect('partialFit' in e).toBe(false);
  });
});

describe('the loopback worker, weighted', () => {
  it("carries sampleWeight (with the dataset) and classWeight (with the fit) to the worker: the page engine's doubles", async () => {
    const sw = [1, 0.5, 2, 3];
    const options = { model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 20, classWeight: { 1: 2 } } as const;
    const e = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
    const remote = await e.fit(await e.dataset(X, y, { sampleWeight: sw }), options);
    const page = await createEngine({ backend: 'js' });
    const local = page.fit(page.dataset(X, y), { ...options, sampleWeight: sw });
    const unweighted = page.fit(page.dataset(X, y), { model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 20 });
    const bits = (r: typeof local) => [...r.weights, ...r.intercepts, ...r.loss];
    expect(bits(remote).every((v, i) => Object.is(v, bits(local)[i]))).toBe(true);
    expect(bits(unweighted).every((v, i) => Object.is(v, bits(local)[i]))).toBe(false);
  });
});

describe('one unknown-option checker, always suggesting', () => {
  it.each(ROWS.map((r) => [r[2], r[3], r[4], r[5]] as const))('%s: "%s" → did you mean "%s"', async (what, key, meant, call) => {
    const e = await caught(() => call(key));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toMatch(new RegExp(`^Unknown ${what.replace(/[()]/g, '\\$&')} option "${key}" \\(did you mean "${meant}"\\?\\); known options: .*\\b${meant}\\b`));
  });
});

/** Every .ts file under the given folders (node_modules and build output left out), as [path relative to the root, text]. */
function sources(...dirs: string[]): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'public'].includes(entry.name)) walk(p);
      } else if (p.endsWith('.ts')) out.push([relative(ROOT, p).split('\\').join('/'), readFileSync(p, 'utf8')]);
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  return out;
}

describe('the table is every options object of the public API', () => {
  const files = sources('src');
  it('every checkKeys call site has a row (and every row a call site)', () => {
    const sites = new Set<string>();
    for (const [file, text] of files) {
      if (file === 'src/check/args.ts') continue;
      // checkKeys(<object>, <known>, <what>[, notes]): the third argument as written.
      for (const m of text.matchAll(/\bcheckKeys\(([^;]*?)\);/gs)) {
        const args = splitTopLevel(m[1]!);
        expect(args.length, `${file}: checkKeys(${m[1]})`).toBeGreaterThanOrEqual(3);
        sites.add(`${file}: ${args[2]}`);
      }
    }
    expect(sites.size).toBeGreaterThan(15);
    expect([...sites].sort()).toEqual([...new Set(ROWS.map((r) => `${r[0]}: ${r[1]}`))].sort());
  });

  it('no other code writes an unknown-option error by hand (src/, site/, examples/)', () => {
    const all = sources('src', 'site', 'examples');
    expect(all.some(([file]) => file.startsWith('site/')) && all.some(([file]) => file.startsWith('examples/'))).toBe(true);
    const offenders = all
      .filter(([file]) => file !== 'src/check/args.ts')
      .filter(([, text]) => /unknown [^"`'\n]*(option|key)|known (options|keys):/i.test(text.replace(/^\s*(\*|\/\/).*$/gm, '')))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});

/** Splits a call's argument list at its top-level commas (not inside (), [], {}, strings or templates). */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0, quote: string | null = null, cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote && s[i - 1] !== '\\') quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
