/**
 * Online learning's options (issue 15 item 7): `warmStart` for fit (a previous model's parameters as θ₀), and what a
 * fit continued by engine.partialFit starts from (`Resume`: θ, the optimizer's buffers and step state, the shuffle's
 * stream, the schedule's epoch). The engine side (the state copied out, `from` checked against the call's options)
 * is src/online.ts.
 */
import { describe, toFloat64 } from '../check/args.js';

/**
 * Where a partialFit call starts: θ₀ [W (K·d) | b (K)], the optimizer's two buffers (layout of θ), the step state
 * (T_SIZE slots of src/abi/layout.ts: η, t, β₁ᵗ, β₂ᵗ, first), the shuffle's four xoshiro128** words, and the epoch of
 * the learning-rate schedule the call runs (the calls before it).
 * With averaged SGD: the number of iterates averaged so far (S_AVG_COUNT) and their running mean θ̄.
 */
export interface Resume {
  params: Float64Array;
  buffers: [Float64Array, Float64Array];
  stepState: Float64Array;
  rng: Uint32Array;
  epoch: number;
  avgCount: number;
  avg: Float64Array;
}

/** What a warm start gives the fit: θ₀'s weights (K·d) and intercepts (K). */
export interface WarmStart {
  weights: Float64Array;
  intercepts: Float64Array;
}

/** The classes of a `warmStart` value, if it has a usable `classes` field (softmax's K default), else undefined. */
export function warmStartClasses(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const k = (value as { classes?: unknown }).classes;
  return typeof k === 'number' && Number.isInteger(k) && k >= 1 ? k : undefined;
}

/**
 * `warmStart` (a FitResult, a Model or its ModelJSON: read through `model`, `cols`, `classes`, `weights`,
 * `intercepts`) checked against this fit: the same model, columns and classes; no intercept when none is fitted.
 */
export function checkWarmStart(
  value: unknown, fit: { model: string; cols: number; classes: number; outputs: number; fitIntercept: boolean },
): WarmStart {
  const w = value as { model?: unknown; cols?: unknown; classes?: unknown; weights?: unknown; intercepts?: unknown };
  if (typeof w !== 'object' || w === null || !('weights' in w) || !('intercepts' in w) || !('model' in w) || !('cols' in w)) {
    throw new TypeError(`warmStart must be a FitResult, a Model or its toJSON() (model, cols, classes, weights, intercepts), got ${describe(value)}`);
  }
  if (w.model !== fit.model) {
    throw new RangeError(`warmStart is a '${String(w.model)}' model, but this fit's model is '${fit.model}'`);
  }
  if (w.cols !== fit.cols) {
    throw new RangeError(`warmStart has ${describe(w.cols)} columns, but the data have ${fit.cols}`);
  }
  if (w.classes !== fit.classes) {
    throw new RangeError(`warmStart has ${describe(w.classes)} classes, but this fit has ${fit.classes}`);
  }
  const K = fit.outputs;
  const weights = toFloat64('warmStart.weights', w.weights, K * fit.cols);
  const intercepts = toFloat64('warmStart.intercepts', w.intercepts, K);
  if (!fit.fitIntercept && intercepts.some((b) => b !== 0)) {
    throw new RangeError('warmStart has a non-zero intercept, but fitIntercept is false (the intercept is fixed at 0)');
  }
  return { weights, intercepts };
}
