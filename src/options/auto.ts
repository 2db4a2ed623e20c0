/**
 * Momentum without trial and error (issue 18): `lr: 'auto'`, `momentum: 'auto'` and `restart`. Validation (which
 * fits they apply to, with errors naming the option) and the step rules of the theory, as pure functions of the
 * smoothness estimate that the kernel's power iteration makes (assembly/lipschitz.ts):
 *
 * - L = c·λmax(AᵀA/n)·s + α + λ, A = X (with a column of ones when fitIntercept), c = 1 for the squared loss, ¼ for
 *   the logistic loss (σ' ≤ ¼) and ½ for the softmax cross-entropy (its Hessian diag(p) − ppᵀ ⪯ ½·I, Böhning 1992),
 *   s = POWER_SAFETY (power iteration approaches λmax from below), α the L2 penalty, λ the coupled weight decay;
 *   c = 1 for huber, 2 for squaredHinge, modifiedHuber and squaredEpsilonInsensitive (sup ℓ'', {@link curvatureFactor}).
 * - μ = α + λ when no intercept is fitted (the objective's Hessian is ⪰ (α + λ)·I), else unknown (0): the intercept
 *   is never penalised, and the logistic losses' curvature along it can be arbitrarily small.
 * - η = 1/L (gradient descent, Nesterov: Nesterov 2004, Thm 2.2.2 / 2.1.15); heavy ball with μ known:
 *   η = 4/(√L + √μ)² (Polyak 1964, Thm 9; Polyak, "Introduction to Optimization", 1987, §3.2.1).
 * - β with μ known, κ = L/μ: heavy ball ((√κ − 1)/(√κ + 1))² (Polyak), Nesterov (√κ − 1)/(√κ + 1) (Nesterov 2004,
 *   (2.2.22)); μ unknown: β = k/(k + 3) on the k-th step since the start or the last restart (the FISTA-like
 *   schedule of Su, Boyd & Candès 2016; O'Donoghue & Candès 2015 restart it).
 */
import * as L from '../abi/layout.js';
import { describe } from '../check/args.js';

/** When the velocity is reset: 'function' (the objective rose), 'gradient' (the step went uphill), 'none'. */
export type RestartRule = 'function' | 'gradient' | 'none';

/** What a fit asked for; null when no option is 'auto' and restart is 'none'. */
export interface AutoRequest {
  lr: boolean;
  momentum: boolean;
  restart: RestartRule;
}

/** The estimate's safety factor: λ̂ = s·(Rayleigh quotient), which never exceeds λmax. */
export const POWER_SAFETY = 1.05;

/** The option names of the automatic settings (added to the fit's known options). */
export const AUTO_KEYS = ['restart'] as const;

const RESTARTS: readonly RestartRule[] = ['function', 'gradient', 'none'];

/**
 * `lr` or `momentum` given as a string: true for 'auto'; a RangeError for a spelling of it ('Auto', ' auto'); false
 * otherwise (the number checks then raise their TypeError).
 */
function autoString(name: string, value: unknown, numbers: string): boolean {
  if (typeof value !== 'string') return false;
  if (value === 'auto') return true;
  if (value.trim().toLowerCase() !== 'auto') return false;
  throw new RangeError(`${name} must be ${numbers} or 'auto', got ${describe(value)} (did you mean 'auto'?)`);
}

/**
 * The first look at a fit's options: whether `lr` / `momentum` are 'auto' and the `restart` rule's spelling. Returns
 * the request (null when nothing automatic was asked for) and the numbers the optimizer's own checks should see in
 * place of 'auto' (lr 1, momentum ½: replaced once L is known).
 */
export function autoOptions(o: { lr?: unknown; momentum?: unknown; restart?: unknown }): {
  request: AutoRequest | null; lr: unknown; momentum: unknown;
} {
  const lr = autoString('lr', o.lr, 'a finite number > 0');
  const momentum = autoString('momentum', o.momentum, 'a number in [0, 1)');
  if (o.restart !== undefined && (typeof o.restart !== 'string' || !RESTARTS.includes(o.restart as RestartRule))) {
    const hint = typeof o.restart === 'string' && RESTARTS.includes(o.restart.trim().toLowerCase() as RestartRule)
      ? ` (did you mean '${o.restart.trim().toLowerCase()}'?)` : '';
    throw new RangeError(`restart must be 'function', 'gradient' or 'none', got ${describe(o.restart)}${hint}`);
  }
  const given = o.restart as RestartRule | undefined;
  if (!lr && !momentum && (given === undefined || given === 'none')) return { request: null, lr: o.lr, momentum: o.momentum };
  return {
    request: { lr, momentum, restart: given ?? 'none' },
    lr: lr ? 1 : o.lr,
    momentum: momentum ? 0.5 : o.momentum,
  };
}

/** The fit's settings the automatic options depend on (after the optimizer's and the model's checks). */
export interface AutoContext {
  optimizer: string;
  model: string;
  lossId: number;
  /** The numeric momentum (the placeholder when 'auto'). */
  momentum: number;
  dampening: number;
  maximize: boolean;
  batchSize: number;
  trainRows: number;
  schedule: unknown;
  /** Whether `restart` was given (else the default applies). */
  restartGiven: boolean;
}

/**
 * Checks that the automatic options are defined for this fit and fills in restart's default ('function' whenever
 * momentum is on and lr or momentum is 'auto', else 'none'). RangeErrors name the option and the reason.
 */
export function checkAuto(r: AutoRequest, x: AutoContext): AutoRequest {
  const what = r.lr && r.momentum ? `lr and momentum 'auto'` : r.lr ? `lr: 'auto'` : r.momentum ? `momentum: 'auto'` : `restart: '${r.restart}'`;
  if (x.optimizer !== 'sgd') {
    throw new RangeError(`${what} applies to optimizer 'sgd' (a step and momentum from L and μ), not '${x.optimizer}'`);
  }
  if (x.batchSize < x.trainRows) {
    throw new RangeError(
      `${what} needs full batches (batchSize = the ${x.trainRows} training rows, got ${x.batchSize}): the step is judged by ` +
      `the objective on all rows, which a mini-batch's gradient does not bound; set a numeric lr and momentum for mini-batches`,
    );
  }
  if (r.lr || r.momentum) {
    const kink = NON_SMOOTH[x.lossId];
    if (kink !== undefined) {
      throw new RangeError(`${what} needs a smooth objective (a Lipschitz gradient); model '${x.model}' (${kink}) has none: set a numeric lr`);
    }
    if (x.maximize) throw new RangeError(`${what} minimises: maximize must be false`);
  }
  if (r.lr && x.schedule !== undefined && x.schedule !== 'constant') {
    throw new RangeError(`lr: 'auto' sets the step itself (halving and growing it): a schedule does not apply; leave schedule out`);
  }
  if (r.momentum && x.dampening !== 0) {
    throw new RangeError(`momentum: 'auto' requires dampening 0, got ${x.dampening}`);
  }
  const momentumOn = r.momentum || x.momentum !== 0;
  if (r.restart !== 'none' && !momentumOn) {
    throw new RangeError(`restart: '${r.restart}' resets the velocity: it needs momentum > 0 or momentum: 'auto'`);
  }
  const restart = x.restartGiven ? r.restart : momentumOn && (r.lr || r.momentum) ? 'function' : 'none';
  return { lr: r.lr, momentum: r.momentum, restart };
}

/** The losses without a Lipschitz gradient (kinks where the derivative jumps), by the name the error gives them. */
const NON_SMOOTH: Readonly<Record<number, string>> = {
  [L.LOSS_HINGE]: 'the hinge loss',
  [L.LOSS_PERCEPTRON]: 'the perceptron loss',
  [L.LOSS_EPSILON_INSENSITIVE]: 'the ε-insensitive loss',
};

/**
 * Curvature factor c of a loss: L = c·λmax(AᵀA/n) + α + λ, c = sup ℓ''(z) (the per-row loss's second derivative,
 * where it exists; its first derivative is c-Lipschitz): 1 for the squared loss ½r² and huber (½r² inside ε, linear
 * outside), ¼ logistic, ½ softmax, 2 for squaredHinge (1 − u)², modifiedHuber ((1 − u)² on [−1, 1), linear below)
 * and squaredEpsilonInsensitive (|r| − ε)² (s² = 1 for 0/1 labels).
 */
export function curvatureFactor(lossId: number): number {
  if (lossId === L.LOSS_SQUARED) return 1;
  if (lossId === L.LOSS_LOG) return 0.25;
  if (lossId === L.LOSS_MULTINOMIAL) return 0.5;
  if (lossId === L.LOSS_HUBER) return 1;
  if (lossId === L.LOSS_SQUARED_HINGE || lossId === L.LOSS_MODIFIED_HUBER || lossId === L.LOSS_SQUARED_EPSILON_INSENSITIVE) return 2;
  throw new RangeError(`no smoothness constant for loss ${lossId}`);
}

/** L = c·s·λ̂ + α + λ (see the module's notes). */
export function lipschitzConstant(lossId: number, lambdaMax: number, alpha: number, weightDecay: number): number {
  return curvatureFactor(lossId) * (POWER_SAFETY * lambdaMax) + alpha + weightDecay;
}

/** μ = α + λ without an intercept, else 0 (unknown). */
export function strongConvexity(alpha: number, weightDecay: number, fitIntercept: boolean): number {
  return fitIntercept ? 0 : alpha + weightDecay;
}

/** η: 4/(√L + √μ)² for heavy ball with μ > 0, else 1/L. */
export function autoLr(Lc: number, mu: number, heavyBall: boolean): number {
  if (heavyBall && mu > 0) {
    const s = Math.sqrt(Lc) + Math.sqrt(mu);
    return 4 / (s * s);
  }
  return 1 / Lc;
}

/** β for μ > 0 (κ = L/μ): heavy ball ((√κ − 1)/(√κ + 1))², Nesterov (√κ − 1)/(√κ + 1); null (the schedule) for μ = 0. */
export function autoMomentum(Lc: number, mu: number, nesterov: boolean): number | null {
  if (!(mu > 0)) return null;
  const r = Math.sqrt(Lc / mu);
  const q = (r - 1) / (r + 1);
  return nesterov ? q : q * q;
}

/** The A_* flags of the config block (src/abi/layout.ts: C_AUTO). */
export function autoFlags(r: AutoRequest, schedule: boolean): number {
  return (r.lr ? L.A_BACKTRACK : 0) | (schedule ? L.A_SCHEDULE : 0) |
    (r.restart === 'function' ? L.A_RESTART_FUNCTION : 0) | (r.restart === 'gradient' ? L.A_RESTART_GRADIENT : 0);
}

/**
 * The start vector of the power iteration over p entries: vⱼ = 1 + ½·frac((j + 1)·φ⁻¹), positive (the top
 * eigenvector of AᵀA for features ≥ 0 is, Perron–Frobenius) and unequal (not orthogonal to a top eigenvector such as
 * (1, −1)/√2 for two negatively correlated features). Fixed: the same estimate on every run and backend.
 */
export function powerStart(p: number): Float64Array {
  const v = new Float64Array(p);
  const phi = 0.6180339887498949;
  for (let j = 0; j < p; j++) {
    const x = (j + 1) * phi;
    v[j] = 1 + 0.5 * (x - Math.floor(x));
  }
  return v;
}
