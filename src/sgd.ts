/**
 * The per-step optimizer: torch.optim.SGD over one flat parameter vector, for users who compute their own
 * gradients. Parameters and velocity stay in the backend (WASM memory or a private Float64Array); `step` copies
 * only the gradient in. State is a plain JSON-safe record (optax's style).
 */
import type { StepStore } from './backend.js';
import { checkLr, checkSgdOptions, describe, toFloat64 } from './options.js';
import type { SgdOptimizer, SgdOptions, SgdState } from './types.js';
import { FIRST_STEP, MAXIMIZE, NESTEROV, STEP_BAD_GRAD, STEP_DIVERGED } from './js/kernels.js';

export class Sgd implements SgdOptimizer {
  private readonly options: Required<SgdOptions>;
  private learningRate: number;
  private steps = 0;
  private hasVelocity = false;
  private released = false;

  constructor(private readonly store: StepStore, options: Required<SgdOptions>) {
    this.options = { ...options };
    this.learningRate = options.lr;
  }

  get lr(): number {
    return this.learningRate;
  }

  set lr(value: number) {
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
    return this.hasVelocity ? this.store.readVelocity() : null;
  }

  private alive(): void {
    if (this.released) throw new TypeError('optimizer was disposed; create a new one with engine.sgd(params, options)');
  }

  /**
   * g ← −g (maximize); g ← g + λ·θ; v ← g (first step) or β·v + (1−τ)·g; g ← g + β·v (Nesterov) or v; θ ← θ − η·g.
   * @throws TypeError/RangeError for a gradient of the wrong type or length; RangeError for a non-finite gradient
   *   element or a step that would make θ non-finite (θ and v are then left as they were).
   */
  step(grad: ArrayLike<number>): void {
    this.alive();
    const n = this.store.n;
    if (!ArrayBuffer.isView(grad) && !Array.isArray(grad)) {
      throw new TypeError(`grad must be an array or typed array of numbers, got ${describe(grad)}`);
    }
    if (grad.length !== n) throw new RangeError(`grad must have length ${n} (the number of params), got ${grad.length}`);
    const o = this.options;
    const flags = (o.nesterov ? NESTEROV : 0) | (o.maximize ? MAXIMIZE : 0) | (this.hasVelocity ? 0 : FIRST_STEP);
    const code = this.store.step(grad, this.learningRate, o.momentum, o.dampening, o.weightDecay, flags);
    if (code === STEP_BAD_GRAD) {
      const g = toFloat64('grad', grad, n); // throws, naming the first bad element
      throw new RangeError(`grad must be finite (got ${describe(g)})`);
    }
    if (code === STEP_DIVERGED) {
      throw new RangeError(`step diverged: params would become non-finite with lr ${this.learningRate}; params and velocity were kept`);
    }
    if (o.momentum !== 0) this.hasVelocity = true;
    this.steps++;
  }

  state(): SgdState {
    this.alive();
    return {
      params: Array.from(this.store.readParams()),
      velocity: this.hasVelocity ? Array.from(this.store.readVelocity()) : null,
      step: this.steps,
      options: { ...this.options, lr: this.learningRate },
    };
  }

  loadState(state: SgdState): void {
    this.alive();
    if (typeof state !== 'object' || state === null) throw new TypeError(`state must be an object from state(), got ${describe(state)}`);
    const n = this.store.n;
    const params = toFloat64('state.params', state.params, n);
    const velocity = state.velocity === null ? null : toFloat64('state.velocity', state.velocity, n);
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new RangeError(`state.step must be a non-negative integer, got ${describe(state.step)}`);
    }
    const options = checkSgdOptions(state.options);
    if (options.momentum === 0 && velocity !== null) {
      throw new RangeError('state.velocity must be null when state.options.momentum is 0');
    }
    Object.assign(this.options, options);
    this.learningRate = options.lr;
    this.store.writeParams(params);
    this.store.writeVelocity(velocity ?? new Float64Array(n));
    this.hasVelocity = velocity !== null;
    this.steps = state.step;
  }

  dispose(): void {
    if (!this.released) {
      this.released = true;
      this.store.release();
    }
  }
}
