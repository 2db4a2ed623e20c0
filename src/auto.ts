/**
 * The fit driver's half of `lr: 'auto'`, `momentum: 'auto'` and `restart` (issue 18): estimate λmax(AᵀA/n) with the
 * backend's power iteration (the same double on every backend), turn it into L, μ, η and β by the rules of
 * src/options/auto.ts, and write them into the fit's config (lr, momentum, the C_AUTO flags). The kernel's fit then
 * backtracks, grows η and restarts (assembly/fit.ts); the report reads its counters back.
 */
import * as L from './abi/layout.js';
import type { Backend, RawFit, StoredData } from './backend.js';
import {
  autoFlags, autoLr, autoMomentum, lipschitzConstant, powerStart, strongConvexity,
} from './options/auto.js';
import type { FitConfig } from './options/index.js';
import type { AutoReport } from './types.js';

/** A resolved request: the config the kernel runs, and the report of the result. */
export interface AutoResolved {
  config: FitConfig;
  report(raw: RawFit): AutoReport;
}

/**
 * Resolves `config.auto` on the training rows `train` (the whole data set, or its part without the hold-out); with
 * their row weights c, on λmax(AᵀCA/n) (the weighted data term's Hessian is (1/n)·AᵀC·diag(ℓ'')·A, so L = c_ℓ·λmax(AᵀCA/n)
 * bounds it as in the unweighted case; tighter than max(c)·λmax(AᵀA/n)).
 */
export function resolveAuto(impl: Backend, train: StoredData, config: FitConfig, weights: Float64Array | null = null): AutoResolved {
  const r = config.auto!;
  const c = config;
  let lambdaMax = NaN, powerIterations = 0, lipschitz = NaN, mu = NaN;
  let lr = c.lr, momentum: number | 'schedule' = c.momentum;
  if (r.lr || r.momentum) {
    const p = train.cols + (c.fitIntercept ? 1 : 0);
    const est = impl.powerIteration(train, c.fitIntercept, powerStart(p), L.POWER_MAX_ITER, L.POWER_TOL, weights);
    lambdaMax = est.lambdaMax;
    powerIterations = est.iterations;
    lipschitz = lipschitzConstant(c.lossId, lambdaMax, c.alpha, c.weightDecay);
    mu = strongConvexity(c.alpha, c.weightDecay, c.fitIntercept);
    if (!(lipschitz > 0 && Number.isFinite(lipschitz))) {
      throw new RangeError(
        `lr/momentum 'auto': the smoothness constant L of this objective is ${lipschitz} (λmax(AᵀA/n) = ${lambdaMax}): ` +
        'X is all zeros or too large in magnitude for f64; give a numeric lr and momentum, or scale X',
      );
    }
    if (r.momentum) momentum = autoMomentum(lipschitz, mu, c.nesterov) ?? 'schedule';
    const heavyBall = !c.nesterov && momentum !== 0;
    if (r.lr) lr = autoLr(lipschitz, mu, heavyBall);
  }
  const schedule = momentum === 'schedule';
  // The schedule's β is written by the kernel before each step; ½ stands in for it (momentum > 0: the velocity is kept).
  const beta = schedule ? 0.5 : (momentum as number);
  const resolved: FitConfig = {
    ...c, lr, momentum: beta, lrAt: c.lrAt && !r.lr ? c.lrAt : null, autoFlags: autoFlags(r, schedule),
  };
  return {
    config: resolved,
    report: (raw) => ({
      lambdaMax, powerIterations, lipschitz, strongConvexity: mu, lr, momentum, restart: r.restart,
      restarts: raw.restarts, backtracks: raw.backtracks, finalLr: r.lr ? raw.lr : lr,
    }),
  };
}
