/**
 * The per-step optimizers (torch.optim's SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta) over one flat parameter vector, for
 * users who compute their own gradients. Parameters and buffers stay in the backend (WASM memory or private
 * Float64Arrays); `step` copies only the gradient in. State is a plain JSON-safe record (optax's style).
 */
import type { StepStore } from './backend.js';
import { INSPECT, formatSummary, head, short, type Summary } from './inspect.js';
import { F_FIRST_STEP, F_MAXIMIZE, F_NESTEROV, STEP_BAD_GRAD, STEP_DIVERGED } from './abi/layout.js';
import { OPTIMIZER_IDS, checkArgCount, checkKeys, checkLr, checkOptimizerOptions, describe, toFloat64 } from './options/index.js';
import type { OptimizerName, OptimizerOptions, OptimizerSettings, SgdOptimizer, SgdState } from './types.js';

/** PyTorch's names of each optimizer's buffers 1 and 2 (src/js/step.ts). */
const BUFFER_NAMES: Record<OptimizerName, [string | null, string | null]> = {
  sgd: [null, null],
  adam: ['expAvg', 'expAvgSq'],
  adamw: ['expAvg', 'expAvgSq'],
  rmsprop: ['squareAvg', 'momentumBuffer'],
  adagrad: ['sum', null],
  adadelta: ['squareAvg', 'accDelta'],
};

/**
 * Most multiplications loadState spends rebuilding β₁ᵗ, β₂ᵗ (~20 ms). The running product reaches a fixed point (0,
 * or a subnormal that β·p rounds back to) after about 745/(1 − β) steps, so the loop stops there and any step count
 * costs at most this; only an Adam state with β within ~4·10⁻⁵ of 1 and a step count beyond this is refused.
 */
export const MAX_POWER_STEPS = 2 ** 24;

/**
 * β₁ᵗ and β₂ᵗ as step() builds them (a running product, the same doubles), in O(min(t, fixed point)) time, or null when
 * they have not settled within MAX_POWER_STEPS multiplications.
 */
function betaPowers(beta1: number, beta2: number, t: number): [number, number] | null {
  // Refused up front when both t and the steps to the fixed point exceed the bound: βᵗ falls below 2⁻¹¹³⁰ (under
  // the smallest subnormal, so 0 or the fixed point) after 1130·ln 2/(−ln β) steps.
  const settle = (beta: number) => (beta === 0 ? 1 : Math.ceil((1130 * Math.LN2) / -Math.log1p(beta - 1)));
  if (t > MAX_POWER_STEPS && Math.max(settle(beta1), settle(beta2)) > MAX_POWER_STEPS) return null;
  let p1 = 1, p2 = 1;
  for (let k = 0; k < t; k++) {
    const n1 = p1 * beta1, n2 = p2 * beta2;
    if (n1 === p1 && n2 === p2) break; // every later product is the same
    p1 = n1;
    p2 = n2;
  }
  return [p1, p2];
}

export class Optimizer implements SgdOptimizer {
  private readonly options: Required<OptimizerSettings>;
  private learningRate: number;
  private steps = 0;
  private hasVelocity = false;
  private beta1Pow = 1;
  private beta2Pow = 1;
  private released = false;

  constructor(private readonly store: StepStore, options: Required<OptimizerSettings>) {
    this.options = { ...options };
    this.learningRate = options.lr;
  }

  get lr(): number {
    return this.learningRate;
  }

  set lr(value: number) {
    if (typeof value === 'string' && (value as string).trim().toLowerCase() === 'auto') {
      // As engine.optimizer's options (src/options/optimizer.ts): a per-step optimizer never sees the objective.
      throw new RangeError("lr = 'auto' needs the objective, which a per-step optimizer never sees (it is given gradients only): use minimize(fn, start, { lr: 'auto' }) or engine.fit, or set a number (η = 1/L for an L-smooth objective)");
    }
    this.learningRate = checkLr(value);
  }

  get stepCount(): number {
    return this.steps;
  }

  get params(): Float64Array {
    this.alive();
    return this.store.readParams();
  }

  get velocity(): Float64Array | null {
    this.alive();
    return this.options.optimizer === 'sgd' && this.hasVelocity ? this.store.readBuffer(1) : null;
  }

  private alive(): void {
    if (this.released) throw new TypeError('optimizer was disposed; create a new one with engine.optimizer(params, options)');
  }

  /**
   * One update with PyTorch's rule for the optimizer (SGD: g ← −g if maximize; g ← g + λ·θ; v ← g on the first
   * step, else β·v + (1−τ)·g; g ← g + β·v (Nesterov) or v; θ ← θ − η·g).
   * @throws TypeError/RangeError for a gradient of the wrong type or length; RangeError for a non-finite gradient
   *   element, or a step that would make θ non-finite (θ and the buffers are then left as they were).
   */
  step(grad: ArrayLike<number>): void {
    // The checks cost on every step: the argument list is built only when there is an extra argument, and a
    // Float64Array (the usual gradient) skips the type tests it passes anyway.
    if (arguments.length > 1) checkArgCount('step', ['grad'], arguments);
    this.alive();
    const n = this.store.n;
    if (!(grad instanceof Float64Array)) {
      if (!ArrayBuffer.isView(grad) && !Array.isArray(grad)) {
        throw new TypeError(`grad must be an array or typed array of numbers, got ${describe(grad)}`);
      }
      if (grad instanceof BigInt64Array || grad instanceof BigUint64Array) {
        throw new TypeError(`grad must be an array or typed array of numbers, got ${describe(grad)}`);
      }
    }
    if (grad.length !== n) throw new RangeError(`grad must have length ${n} (the number of params), got ${grad.length}`);
    if (!ArrayBuffer.isView(grad)) {
      // A plain array: Float64Array#set would coerce '1', null, true… silently.
      for (let i = 0; i < n; i++) {
        if (typeof grad[i] !== 'number') throw new TypeError(`grad[${i}] must be a number, got ${describe(grad[i])}`);
      }
    }
    const o = this.options;
    const flags = (o.nesterov ? F_NESTEROV : 0) | (o.maximize ? F_MAXIMIZE : 0) | (this.hasVelocity ? 0 : F_FIRST_STEP);
    const b1 = this.beta1Pow * o.betas[0], b2 = this.beta2Pow * o.betas[1];
    const code = this.store.step(grad, this.learningRate, this.steps + 1, b1, b2, flags);
    if (code === STEP_BAD_GRAD) {
      toFloat64('grad', grad, n); // throws, naming the first bad element
      throw new RangeError('grad must be finite');
    }
    if (code === STEP_DIVERGED) {
      const bufs = BUFFER_NAMES[o.optimizer].filter((b) => b !== null);
      const what = o.optimizer === 'sgd' ? (o.momentum !== 0 ? 'params or velocity' : 'params') : `params or ${bufs.join(' / ')}`;
      throw new RangeError(
        `step diverged: this grad would make ${what} overflow to non-finite values (lr ${this.learningRate}); ` +
        'params and buffers were kept',
      );
    }
    if (o.optimizer === 'sgd' && o.momentum !== 0) this.hasVelocity = true;
    this.beta1Pow = b1;
    this.beta2Pow = b2;
    this.steps++;
  }

  state(): SgdState {
    checkArgCount('state', [], arguments);
    this.alive();
    const names = BUFFER_NAMES[this.options.optimizer];
    const buffers: Record<string, number[]> = {};
    names.forEach((name, k) => {
      if (name) buffers[name] = Array.from(this.store.readBuffer((k + 1) as 1 | 2));
    });
    return {
      params: Array.from(this.store.readParams()),
      velocity: this.velocity ? Array.from(this.velocity) : null,
      ...(this.options.optimizer === 'sgd' ? {} : { buffers }),
      step: this.steps,
      options: this.relevantOptions(),
    };
  }

  /** The options that apply to this optimizer (so that state() round-trips through validation). */
  private relevantOptions(): OptimizerOptions {
    const o = this.options;
    const base = { optimizer: o.optimizer, lr: this.learningRate, weightDecay: o.weightDecay, maximize: o.maximize };
    switch (o.optimizer) {
      case 'sgd': return { ...base, optimizer: o.optimizer, momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov };
      case 'adam': case 'adamw': return { ...base, optimizer: o.optimizer, betas: [o.betas[0], o.betas[1]], eps: o.eps };
      case 'rmsprop': return { ...base, optimizer: o.optimizer, rho: o.rho, eps: o.eps, momentum: o.momentum };
      case 'adadelta': return { ...base, optimizer: o.optimizer, rho: o.rho, eps: o.eps };
      default: return { ...base, optimizer: o.optimizer, lrDecay: o.lrDecay, eps: o.eps };
    }
  }

  loadState(state: SgdState): void {
    checkArgCount('loadState', ['state'], arguments);
    this.alive();
    if (typeof state !== 'object' || state === null) throw new TypeError(`state must be an object from state(), got ${describe(state)}`);
    checkKeys(state, ['params', 'velocity', 'buffers', 'step', 'options'], 'state');
    const n = this.store.n;
    const params = toFloat64('state.params', state.params, n);
    const velocity = state.velocity === null || state.velocity === undefined ? null : toFloat64('state.velocity', state.velocity, n);
    if (!Number.isSafeInteger(state.step) || state.step < 0) {
      throw new RangeError(`state.step must be a non-negative integer ≤ 2⁵³ − 1, got ${describe(state.step)}`);
    }
    const options = checkOptimizerOptions(state.options);
    if (options.optimizer !== this.options.optimizer) {
      throw new RangeError(`state.options.optimizer is '${options.optimizer}', but this optimizer is '${this.options.optimizer}'`);
    }
    if (velocity !== null && (options.optimizer !== 'sgd' || options.momentum === 0)) {
      throw new RangeError('state.velocity must be null unless the optimizer is sgd with momentum > 0');
    }
    const names = BUFFER_NAMES[options.optimizer];
    if (state.buffers !== undefined) {
      if (typeof state.buffers !== 'object' || state.buffers === null) {
        throw new TypeError(`state.buffers must be an object, got ${describe(state.buffers)}`);
      }
      checkKeys(state.buffers, names.filter((b): b is string => b !== null), `state.buffers (${options.optimizer})`);
    }
    const powers = betaPowers(options.betas[0], options.betas[1], state.step);
    const adam = options.optimizer === 'adam' || options.optimizer === 'adamw';
    if (adam && !powers) {
      throw new RangeError(
        `state.step ${state.step} is too large for betas [${options.betas.join(', ')}]: the bias corrections β₁ᵗ, β₂ᵗ are ` +
        `rebuilt step by step and these do not settle within ${MAX_POWER_STEPS} steps`,
      );
    }
    const bufs = names.map((name) => (name ? toFloat64(`state.buffers.${name}`, state.buffers?.[name], n) : null));
    Object.assign(this.options, options);
    this.learningRate = options.lr;
    // The store steps with these settings from now on (before the buffers are written: which ones a step writes
    // can change with them).
    this.store.writeSettings(this.options, optimizerId(this.options));
    this.store.writeParams(params);
    this.store.writeBuffer(1, velocity ?? bufs[0] ?? new Float64Array(n));
    this.store.writeBuffer(2, bufs[1] ?? new Float64Array(n));
    this.hasVelocity = velocity !== null;
    this.steps = state.step;
    // Only Adam(W) reads the powers; the other optimizers' are never used (a fixed 1 if they did not settle).
    [this.beta1Pow, this.beta2Pow] = powers ?? [1, 1];
  }

  /** What inspection shows: the optimizer, its settings, the step count and the head of the parameters. */
  private summary(): Summary {
    const fields: [string, string][] = [];
    for (const [key, value] of Object.entries(this.relevantOptions())) {
      const shown = typeof value === 'number' ? short(value) : Array.isArray(value) ? `[${value.map(short).join(', ')}]` : typeof value === 'string' ? `'${value}'` : String(value);
      fields.push([key, shown]);
    }
    fields.push(['stepCount', String(this.steps)]);
    if (this.released) fields.push(['params', 'disposed']);
    else {
      const params = this.store.readParams();
      fields.push(['params', `Float64Array(${params.length}) ${head(params)}`]);
    }
    return { name: 'Optimizer', fields };
  }

  /** `Optimizer { optimizer: 'sgd', lr: 0.1, momentum: 0.9, …, stepCount: 3, params: Float64Array(2) [0.5, 1] }`. */
  toString(): string {
    checkArgCount('toString', [], arguments);
    return formatSummary(this.summary(), false);
  }

  /** What `console.log(optimizer)` shows: {@link Optimizer.toString}, one field per line. */
  [INSPECT](): string {
    return formatSummary(this.summary(), true);
  }

  dispose(): void {
    checkArgCount('dispose', [], arguments);
    if (!this.released) {
      this.released = true;
      this.store.release();
    }
  }
}

/** The optimizer id of validated options. */
export function optimizerId(o: Required<OptimizerSettings>): number {
  return OPTIMIZER_IDS[o.optimizer];
}
