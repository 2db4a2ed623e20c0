/**
 * The optimizer settings shared by engine.fit, engine.sgd, engine.optimizer and minimize: PyTorch's defaults and
 * rules (which option applies to which optimizer), and the optimizers' ids in the kernels.
 */
import * as L from '../abi/layout.js';
import type { OptimizerName, OptimizerSettings } from '../types.js';
import { bool, checkKeys, describe, finiteNumber, numberIn, requireObject } from '../check/args.js';

/** Known optimizers and their ids (src/abi/layout.ts: OPT_*). */
export const OPTIMIZER_IDS: Readonly<Record<OptimizerName, number>> = {
  sgd: L.OPT_SGD, adam: L.OPT_ADAM, adamw: L.OPT_ADAMW, rmsprop: L.OPT_RMSPROP, adagrad: L.OPT_ADAGRAD,
  adadelta: L.OPT_ADADELTA,
};

/** The options of engine.optimizer (and the optimizer part of engine.fit's). */
export const OPTIMIZER_KEYS = [
  'optimizer', 'lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize', 'betas', 'eps', 'rho', 'lrDecay',
] as const;
/** The options of engine.sgd. */
export const SGD_KEYS = ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize'] as const;

/** η: finite and > 0. */
export function checkLr(value: unknown, name = 'lr'): number {
  if (value === undefined) throw new TypeError(`${name} is required: a finite number > 0`);
  const v = finiteNumber(name, value);
  if (!(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  return v;
}

/** Which optimizers each optimizer-specific option applies to. */
const APPLIES_TO: ReadonlyArray<readonly [keyof OptimizerSettings, readonly OptimizerName[]]> = [
  ['momentum', ['sgd', 'rmsprop']], ['dampening', ['sgd']], ['nesterov', ['sgd']], ['betas', ['adam', 'adamw']],
  ['rho', ['rmsprop', 'adadelta']], ['lrDecay', ['adagrad']], ['eps', ['adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta']],
];

/** The optimizer part common to fit and the per-step API: PyTorch's defaults and rules. */
export function checkOptimizer(o: Partial<OptimizerSettings>): Required<OptimizerSettings> {
  const optimizer = o.optimizer === undefined ? 'sgd' : o.optimizer;
  if (typeof optimizer !== 'string' || !Object.hasOwn(OPTIMIZER_IDS, optimizer)) {
    throw new RangeError(`optimizer must be one of ${Object.keys(OPTIMIZER_IDS).map((m) => `'${m}'`).join(', ')}, got ${describe(optimizer)}`);
  }
  for (const [key, allowed] of APPLIES_TO) {
    if (o[key] !== undefined && !allowed.includes(optimizer)) {
      throw new RangeError(`${key} applies to optimizer ${allowed.map((a) => `'${a}'`).join(' or ')}, not '${optimizer}'`);
    }
  }
  const lr = checkLr(o.lr);
  const momentum = numberIn('momentum', o.momentum, 0, 0, 1, true);
  const dampening = numberIn('dampening', o.dampening, 0, 0, 1, false);
  const nesterov = bool('nesterov', o.nesterov, false);
  const weightDecay = numberIn('weightDecay', o.weightDecay, optimizer === 'adamw' ? 0.01 : 0, 0, Number.MAX_VALUE, false);
  const maximize = bool('maximize', o.maximize, false);
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new RangeError(
      `nesterov requires momentum > 0 and dampening = 0 (PyTorch's rule), got momentum ${momentum}, dampening ${dampening}`,
    );
  }
  let betas: [number, number] = [0.9, 0.999];
  if (o.betas !== undefined) {
    if (!Array.isArray(o.betas) || o.betas.length !== 2) {
      throw new TypeError(`betas must be a pair [beta1, beta2], got ${describe(o.betas)}`);
    }
    betas = [numberIn('betas[0]', o.betas[0], 0.9, 0, 1, true), numberIn('betas[1]', o.betas[1], 0.999, 0, 1, true)];
  }
  // PyTorch's defaults: Adagrad ε = 1e-10, Adadelta ε = 1e-6 and ρ = 0.9 (RMSprop's α = 0.99).
  const eps = o.eps === undefined ? (optimizer === 'adagrad' ? 1e-10 : optimizer === 'adadelta' ? 1e-6 : 1e-8) : finiteNumber('eps', o.eps);
  if (!(eps > 0)) throw new RangeError(`eps must be > 0, got ${eps}`);
  const rho = optimizer === 'adadelta' ? numberIn('rho', o.rho, 0.9, 0, 1, false) : numberIn('rho', o.rho, 0.99, 0, 1, true);
  const lrDecay = numberIn('lrDecay', o.lrDecay, 0, 0, Number.MAX_VALUE, false);
  return { optimizer, lr, momentum, dampening, nesterov, weightDecay, maximize, betas, eps, rho, lrDecay };
}

/** engine.sgd's notes for the options of the other optimizers: which optimizers they apply to, and where to get one. */
const SGD_NOTES: Readonly<Record<string, string>> = Object.fromEntries([
  ['optimizer', 'engine.sgd makes an SGD optimizer; for another one use engine.optimizer(params, { optimizer, … })'],
  ...APPLIES_TO.filter(([, allowed]) => !allowed.includes('sgd')).map(([key, allowed]) => [key,
    `${key} applies to optimizer ${allowed.map((a) => `'${a}'`).join(' or ')}, not 'sgd' (use engine.optimizer(params, { optimizer: '${allowed[0]}', ${key}, … }))`]),
]);

/**
 * The per-step API's note for `restart` (issue 18): a restart compares objective values, which a per-step optimizer
 * never sees.
 */
const RESTART_NOTE = 'restart compares objective values, which a per-step optimizer never sees (it is given gradients ' +
  "only): use minimize(fn, start, { restart, … }) for a function of two variables or engine.fit for a model";

/**
 * `lr: 'auto'` / `momentum: 'auto'` in the per-step API (issue 18): refused with a RangeError naming the option. Both
 * need the objective (L estimated from it, steps judged by it: Armijo backtracking, restarts), and a per-step
 * optimizer is given gradients only; minimize (a function and its gradient) and engine.fit (a model) have it.
 */
function refuseAuto(o: Partial<Record<'lr' | 'momentum', unknown>>, what: string): void {
  for (const key of ['lr', 'momentum'] as const) {
    const v = o[key];
    if (typeof v === 'string' && v.trim().toLowerCase() === 'auto') {
      throw new RangeError(
        `${key}: 'auto' needs the objective (L is estimated from it and each step judged by it), which ${what} never ` +
        `sees (it is given gradients only): use minimize(fn, start, { ${key}: 'auto' }) for a function of two ` +
        `variables or engine.fit for a model, or give a number (η = 1/L for an L-smooth objective)`,
      );
    }
  }
}

/** Validates options of {@link Engine.sgd}. */
export function checkSgdOptions(options: unknown): Required<OptimizerSettings> {
  const o = requireObject('options', options) as Partial<OptimizerSettings>;
  checkKeys(o, SGD_KEYS, 'sgd', { ...SGD_NOTES, restart: RESTART_NOTE });
  refuseAuto(o, 'engine.sgd');
  return checkOptimizer(o);
}

/** Validates options of {@link Engine.optimizer}. */
export function checkOptimizerOptions(options: unknown): Required<OptimizerSettings> {
  const o = requireObject('options', options) as Partial<OptimizerSettings>;
  checkKeys(o, OPTIMIZER_KEYS, 'optimizer', { restart: RESTART_NOTE });
  refuseAuto(o, 'engine.optimizer');
  return checkOptimizer(o);
}
