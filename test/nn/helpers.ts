// Shared by the network tests: seeded data, a FitConfig for a network built from engine.fit's own validation, and
// the backends' internals (gradient seam, startFit) on it.
import * as L from '../../src/abi/layout.js';
import type { Engine } from '../../src/index.js';
import type { Backend, StoredData } from '../../src/backend.js';
import { checkFitOptions, labelInfo, type FitConfig } from '../../src/options/index.js';
import { checkMlp } from '../../src/options/mlp.js';
import { createRandom } from '../../src/random.js';

export type Head = 'squared' | 'logistic' | 'softmax';
export const HEADS: Head[] = ['squared', 'logistic', 'softmax'];
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'identity'] as const;

/** n rows × d features in [−1, 1), labels for the head (real, 0/1, or classes 0…K−1). */
export function data(n: number, d: number, head: Head, K = 3, seed = 7): { X: Float64Array; y: Float64Array } {
  const r = createRandom(seed);
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (X[i * d + j] = 2 * r.uniform() - 1) * (j % 2 ? 1 : -0.7);
    y[i] = head === 'squared' ? s + 0.1 * (r.uniform() - 0.5) : head === 'logistic' ? (s > 0 ? 1 : 0) : Math.min(K - 1, Math.floor((s + 2) * K / 4) < 0 ? 0 : Math.floor((s + 2) * K / 4));
  }
  return { X, y };
}

/** The config of a network fit: engine.fit's validation of `options` for the linear model of the head, then the network. */
export function mlpConfig(n: number, d: number, y: Float64Array, head: Head, hidden: number[], activation: string, options: Record<string, unknown> = {}, K = 3): FitConfig {
  const model = head === 'squared' ? 'ridge' : head === 'logistic' ? 'logistic' : 'softmax';
  const c = checkFitOptions({ model, lr: 0.1, ...options, ...(head === 'softmax' ? { classes: K } : {}) }, n, d, labelInfo(y));
  const lossHead = head === 'squared' ? L.LOSS_SQUARED : head === 'logistic' ? L.LOSS_LOG : L.LOSS_MULTINOMIAL;
  c.lossId = L.LOSS_MLP;
  c.outputs = head === 'softmax' ? K : 1;
  c.fitIntercept = true;
  c.mlp = checkMlp(hidden, activation, lossHead);
  return c;
}

export function backend(e: Engine): Backend {
  return (e as unknown as { internals: Backend }).internals;
}

export function stored(e: Engine, X: Float64Array, y: Float64Array, d: number): StoredData {
  const ds = e.dataset({ data: X, rows: X.length / d, cols: d } as never, y) as unknown as { data(): StoredData };
  return ds.data();
}

/**
 * The largest |central difference − gradient[j]| over the parameters, relative to max|gradient|: f's slope along each
 * coordinate by (f(p + h·eⱼ) − f(p − h·eⱼ))/(2h), an independent check of an analytic gradient at p.
 */
export function worstCentralDifference(f: (p: Float64Array) => number, p: Float64Array, gradient: ArrayLike<number>, h = 1e-6): number {
  const scale = Math.max(...Array.from(gradient, Math.abs));
  let worst = 0;
  for (let j = 0; j < p.length; j++) {
    const up = Float64Array.from(p), dn = Float64Array.from(p);
    up[j]! += h;
    dn[j]! -= h;
    worst = Math.max(worst, Math.abs((f(up) - f(dn)) / (2 * h) - gradient[j]!) / scale);
  }
  return worst;
}
