/**
 * Time to solution (bench/time-to-solution.ts): L2-penalised logistic regression fitted by TF.js's wasm backend as
 * its users write it — X as n×d, variables, `tf.losses.sigmoidCrossEntropy` (the mean over rows) plus (α/2)·‖w‖²
 * (the intercept unpenalised: the engine's objective) and `tf.train.momentum(η, β).minimize(loss)`, gradients by
 * autodiff — one update at a time, so the caller can stop at a target. All compute in float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activate, initTfjs } from './tfjs.js';

/** A logistic fit in TF.js, restartable from θ = 0. */
export interface TfjsLogistic {
  /** Back to w = 0, b = 0 and a fresh optimizer (velocity 0). */
  reset(): void;
  /** One `optimizer.minimize(loss)`: v ← β·v + ∇J, θ ← θ − η·v (TF.js's MomentumOptimizer). */
  step(): void;
  /** The parameters read back to the host. */
  params(): { w: Float32Array; b: number };
  dispose(): void;
}

/** The TF.js version and backend, for the report. */
export async function tfjsLogisticLabel(): Promise<string> {
  await initTfjs();
  return `TF.js ${tf.version_core} wasm backend (float32, 1 thread), tf.train.momentum(η, β).minimize`;
}

/**
 * Loads X (n × d, row-major) and labels y ∈ {0, 1} into the wasm backend and returns the fit. `alpha` is the L2
 * strength α of J = (1/n)·Σ[log(1 + e^z) − y·z] + (α/2)·‖w‖², z = x·w + b.
 */
export async function tfjsLogistic(
  x: Float64Array, y: Float64Array, rows: number, cols: number, alpha: number, lr: number, momentum: number,
): Promise<TfjsLogistic> {
  await initTfjs();
  activate('wasm');
  const X = tf.tensor2d(Float32Array.from(x), [rows, cols]);
  const Y = tf.tensor2d(Float32Array.from(y), [rows, 1]);
  const halfAlpha = tf.scalar(alpha / 2);
  const W = tf.variable(tf.zeros([cols, 1]));
  const b = tf.variable(tf.zeros([1]));
  let optimizer = tf.train.momentum(lr, momentum);
  const loss = (): tf.Scalar => tf.add(
    tf.losses.sigmoidCrossEntropy(Y, tf.add(tf.matMul(X, W), b)),
    tf.mul(halfAlpha, tf.sum(tf.square(W))),
  ) as tf.Scalar;
  return {
    reset(): void {
      activate('wasm');
      tf.tidy(() => { W.assign(tf.zeros([cols, 1])); b.assign(tf.zeros([1])); });
      optimizer.dispose();
      optimizer = tf.train.momentum(lr, momentum);
    },
    step(): void {
      optimizer.minimize(loss);
    },
    params(): { w: Float32Array; b: number } {
      return { w: W.dataSync() as Float32Array, b: b.dataSync()[0]! };
    },
    dispose(): void {
      activate('wasm');
      optimizer.dispose();
      tf.dispose([X, Y, halfAlpha, W, b]);
    },
  };
}
