/**
 * window.__momentum: a small hook for test/browser/ to drive the page and read results without scraping the DOM.
 * Numbers cross the Playwright boundary as JSON, which round-trips every finite double exactly; hex strings of
 * the bits are added so that a failure message shows the exact difference.
 */
import { createEngine } from '../src/index.js';
import type { Engine, FitOptions } from '../src/types.js';
import { createWorkerEngine } from '../src/worker.js';
import type { NnDatasetName } from './nn-data.js';
import type { NnPanel, NnPanelState } from './nn-panel.js';
import type { Racer } from './race.js';

/** The 16 hex digits of a double's IEEE-754 bits (big-endian). */
export function hex(v: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

interface HookDeps {
  engine: Engine;
  state: { fn: { name: string }; start: readonly [number, number]; lr: number; beta: number; k: number; racers: Racer[] };
  setFunction(name: string): void;
  recompute(): void;
  showIteration(k: number): void;
  reference: { data: { x: number[]; y: number[] } };
  network: NnPanel;
}

/** The network panel as plain JSON: per racer its fit options, latest frame, boundary checksums and parameters. */
function networkState(panel: NnPanel, withData: boolean) {
  const s: NnPanelState = panel.state;
  return {
    dataset: s.data.name,
    running: s.running,
    frame: s.frame,
    frames: s.frames,
    backend: s.backend,
    error: s.error,
    settings: s.settings,
    pageMs: [...s.pageMs],
    data: withData ? { X: s.data.X, y: s.data.y } : null,
    racers: s.racers.map((r, i) => {
      const f = s.shown[i];
      return {
        label: r.label,
        options: r.options,
        epochs: f ? f.net.epochs : 0,
        status: f ? f.net.status : null,
        loss: f ? f.net.epochLoss[f.net.epochs - 1]! : NaN,
        accuracy: f ? f.accuracy : NaN,
        hash: f ? f.hash : null,
        hashes: [...s.hashes[i]!],
        /** Fraction of the grid whose predicted class changed since the first frame. */
        changed: panel.changedFraction(i),
        coefs: f && withData ? f.net.coefs.map((w) => Array.from(w)) : null,
        intercepts: f && withData ? f.net.intercepts.map((b) => Array.from(b)) : null,
      };
    }),
  };
}

export function installTestHook({ engine, state, setFunction, recompute, showIteration, reference, network }: HookDeps): void {
  const hook = {
    backend: engine.backend,
    simd: engine.simd,
    engine,
    createEngine,
    createWorkerEngine,
    hex,
    referenceData: () => reference.data,
    /** A fit on data given by the caller, with the page's engine (or another one, e.g. the page's JS engine). */
    fit(X: number[][], y: number[], options: FitOptions, on: Engine = engine) {
      const data = on.dataset(X, y);
      try {
        const r = on.fit(data, options);
        return {
          weights: Array.from(r.weights),
          intercept: r.intercept,
          loss: Array.from(r.loss),
          epochLoss: Array.from(r.epochLoss),
          iterations: r.iterations,
          epochs: r.epochs,
          status: r.status,
          hex: [...Array.from(r.weights, hex), hex(r.intercept)],
        };
      } finally {
        data.dispose();
      }
    },
    setFunction,
    showIteration,
    /**
     * The network panel: choose a dataset or settings (each rewinds the race), start and stop training, read its
     * state (`state(true)` adds the points and every racer's parameters).
     */
    nn: {
      select: (name: NnDatasetName) => network.select(name),
      configure: (change: Parameters<NnPanel['configure']>[0]) => network.configure(change),
      start: () => network.start(),
      stop: () => network.stop(),
      reset: () => network.reset(),
      state: (withData = false) => networkState(network, withData),
    },
    /** The iteration the race shows now. */
    iteration: () => state.k,
    setStart(x: number, y: number) {
      state.start = [x, y];
      recompute();
    },
    /** The race as shown: per optimizer, its points (x, y interleaved) up to where the plot cuts it. */
    race() {
      return {
        fn: state.fn.name,
        lr: state.lr,
        beta: state.beta,
        start: [...state.start],
        racers: state.racers.map((r) => ({
          label: r.label,
          status: r.run?.status ?? null,
          iterations: r.run?.iterations ?? 0,
          shown: r.shown,
          reached: r.reached,
          nearSaddle: r.nearSaddle,
          points: r.run ? Array.from(r.run.points.subarray(0, 2 * r.shown)) : [],
        })),
      };
    },
  };
  (window as unknown as { __momentum: typeof hook }).__momentum = hook;
}
