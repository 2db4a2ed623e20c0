/**
 * The engine under test, momentum-gd, through its public API only: the WASM SIMD build, the scalar WASM build
 * and the pure-JS fallback. One `fit` call runs all K updates (state stays in the engine between iterations), on the
 * problem's model (linear, or a classifier without L2 term).
 */
import { readdirSync, statSync } from 'node:fs';
import type { Dataset, Engine, EngineOptions, FitOptions } from '../../src/types.js';
import { engineModelOptions, type Problem } from '../problem.js';
import type { Contender, Params, PreparedFit } from './types.js';

type CreateEngine = (options?: EngineOptions) => Promise<Engine>;

/** The three engines, keyed by contender id. */
export interface Engines {
  readonly 'wasm-simd': Engine;
  readonly 'wasm-scalar': Engine;
  readonly 'js-engine': Engine;
}

/**
 * Loads src/index.ts and creates the three engines. The import is dynamic so that the peers still run (and the
 * report says why the engine is missing) while the engine is being written or does not build.
 */
export async function loadEngines(): Promise<Engines> {
  const url = new URL('../../src/index.js', import.meta.url).href;
  const { createEngine } = (await import(url)) as { createEngine: CreateEngine };
  const engines: Engines = {
    'wasm-simd': await createEngine({ backend: 'wasm', simd: true }),
    'wasm-scalar': await createEngine({ backend: 'wasm', simd: false }),
    'js-engine': await createEngine({ backend: 'js' }),
  };
  if (!engines['wasm-simd'].simd) throw new Error('createEngine({ simd: true }) did not give the SIMD build');
  if (engines['wasm-scalar'].simd) throw new Error('createEngine({ simd: false }) gave the SIMD build');
  return engines;
}

function engineContender(id: keyof Engines, label: string, engine: Engine): Contender {
  return {
    id,
    label,
    precision: 'f64',
    prepare(p: Problem): PreparedFit {
      const data: Dataset = engine.dataset({ data: p.x, rows: p.rows, cols: p.cols }, p.y);
      // No `tol`: leaving it out is what turns the stopping rule off. `tol: 0` keeps the rule on ("no improvement
      // for nIterNoChange iterations"), and heavy-ball momentum's objective is not monotone, so it stops early.
      // The classifiers without an L2 term (alpha 0, the engine's default is 1e-4): the peers fit the same objective.
      const options: Record<string, unknown> = {
        ...engineModelOptions(p), lr: p.lr, momentum: p.momentum, maxIterations: p.iterations,
      };
      return {
        run(): Params {
          const fit = engine.fit(data, options as unknown as FitOptions);
          // Every contender must do exactly K updates, or the it/s would compare different work.
          if (fit.iterations !== p.iterations) {
            throw new Error(`${id}: ${fit.iterations} iterations (status ${fit.status}), expected ${p.iterations}`);
          }
          return { weights: fit.weights, intercept: fit.intercept, intercepts: fit.intercepts };
        },
        dispose(): void {
          data.dispose();
        },
      };
    },
  };
}

/** Contenders for the three engines, in report order. */
export function engineContenders(engines: Engines): Contender[] {
  return [
    engineContender('wasm-simd', 'momentum-gd WASM f64x2 SIMD', engines['wasm-simd']),
    engineContender('wasm-scalar', 'momentum-gd WASM scalar', engines['wasm-scalar']),
    engineContender('js-engine', 'momentum-gd JS fallback (Float64Array)', engines['js-engine']),
  ];
}

/** Newest modification time (ms) of the files under `dir`, recursively; 0 if it does not exist. */
function newestMtime(dir: URL): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((t, e) => Math.max(t, statSync(`${e.parentPath}/${e.name}`).mtimeMs), 0);
  } catch {
    return 0;
  }
}

/**
 * A warning when build/*.wasm is older than assembly/: the engine loads the committed build, so a kernel edited
 * but not rebuilt (`npm run build:wasm`) would be measured as its previous version.
 */
export function staleBuildWarning(): string | null {
  const source = newestMtime(new URL('../../assembly/', import.meta.url));
  const builds = ['momentum.wasm', 'momentum-simd.wasm'].map((f) => {
    try {
      return statSync(new URL(`../../build/${f}`, import.meta.url)).mtimeMs;
    } catch {
      return 0;
    }
  });
  return Math.min(...builds) < source
    ? 'build/*.wasm is older than assembly/: run `npm run build:wasm` first, or the previous kernel is measured'
    : null;
}
