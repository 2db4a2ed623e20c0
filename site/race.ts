/**
 * The race: plain GD, momentum and Nesterov from one start on one function, each a full trajectory computed up
 * front by minimize() on the page's engine and then revealed iteration by iteration. Trajectories that leave
 * twice the drawing domain are cut there (the saddles are unbounded below and would run off to ±∞).
 */
import type { TestFunction } from '../src/functions.js';
import { iterationsToReach, minimize, type MinimizeResult } from '../src/minimize.js';
import type { Engine } from '../src/types.js';

/** Per-function defaults: η, β and the iteration budget. */
export const PRESETS: Record<string, { lr: number; momentum: number; maxIterations: number }> = {
  rosenbrock: { lr: 1e-3, momentum: 0.9, maxIterations: 3000 },
  beale: { lr: 1e-3, momentum: 0.9, maxIterations: 2000 },
  himmelblau: { lr: 5e-3, momentum: 0.8, maxIterations: 1000 },
  booth: { lr: 1e-2, momentum: 0.8, maxIterations: 1000 },
  saddle: { lr: 2e-2, momentum: 0.9, maxIterations: 600 },
  monkeySaddle: { lr: 1e-2, momentum: 0.9, maxIterations: 600 },
  rastrigin: { lr: 2e-3, momentum: 0.9, maxIterations: 600 },
  quadratic: { lr: 2e-2, momentum: 0.9, maxIterations: 1000 },
  plateau: { lr: 0.3, momentum: 0.9, maxIterations: 1000 },
};

export interface Racer {
  readonly label: string;
  readonly color: string;
  readonly momentum: number;
  readonly nesterov: boolean;
  /** null when the configuration is invalid (Nesterov needs β > 0). */
  readonly run: MinimizeResult | null;
  /** Points shown: the run cut at the first point outside the enlarged domain. */
  readonly shown: number;
  /** First iteration within `radius` of a minimum, or -1. */
  readonly reached: number;
  /** Iterations spent within `radius` of a saddle point (0 when the function lists none). */
  readonly nearSaddle: number;
}

/** Distance to a minimum (or saddle) that counts as "there", relative to the domain's width. */
export const RADIUS_FRACTION = 2.5e-4;

export function race(engine: Engine, fn: TestFunction, start: readonly [number, number], lr: number, momentum: number, maxIterations: number): Racer[] {
  const specs = [
    { label: 'plain GD (β = 0)', color: '#e4572e', momentum: 0, nesterov: false },
    { label: `momentum (β = ${momentum})`, color: '#2e86de', momentum, nesterov: false },
    { label: `Nesterov (β = ${momentum})`, color: '#1b9e5a', momentum, nesterov: true },
  ];
  const width = fn.domain.x[1] - fn.domain.x[0];
  const radius = RADIUS_FRACTION * width;
  const saddleRadius = 0.05 * width;
  return specs.map((s) => {
    if (s.nesterov && s.momentum === 0) return { ...s, run: null, shown: 0, reached: -1, nearSaddle: 0 };
    const run = minimize(fn, start, { lr, momentum: s.momentum, nesterov: s.nesterov, maxIterations, engine });
    const shown = insideCount(run, fn, 2);
    const reached = iterationsToReach(run, fn.minima, radius);
    let nearSaddle = 0;
    for (let k = 0; k < shown; k++) {
      const x = run.points[2 * k]!;
      const y = run.points[2 * k + 1]!;
      if (fn.saddles.some(([sx, sy]) => Math.hypot(x - sx, y - sy) < saddleRadius)) nearSaddle++;
    }
    return { ...s, run, shown, reached, nearSaddle };
  });
}

/** Number of leading points inside the domain enlarged `factor` times about its centre. */
function insideCount(run: MinimizeResult, fn: TestFunction, factor: number): number {
  const { x, y } = fn.domain;
  const cx = (x[0] + x[1]) / 2;
  const cy = (y[0] + y[1]) / 2;
  const hx = ((x[1] - x[0]) / 2) * factor;
  const hy = ((y[1] - y[0]) / 2) * factor;
  const n = run.points.length / 2;
  for (let k = 0; k < n; k++) {
    if (Math.abs(run.points[2 * k]! - cx) > hx || Math.abs(run.points[2 * k + 1]! - cy) > hy) return k + 1;
  }
  return n;
}
