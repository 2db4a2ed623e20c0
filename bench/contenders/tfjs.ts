/**
 * TensorFlow.js doing the same K momentum updates with tensor ops, on the CPU (JS) backend and on the WASM
 * backend (XNNPACK; single-threaded in Node), the latter with X in both layouts and also as TF.js users write it
 * (tf.train.momentum + minimize, gradients by autodiff). All compute in float32.
 *
 * The hand-written contenders spell the gradient out with ops, which skips the tape: the fastest TF.js can do. Both backends are registered on the one tfjs-core instance and each contender switches to its own
 * backend before it runs, so tensors never migrate between backends inside a measured call.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// The union package registers the gradient kernels minimize() needs on this same tfjs-core (the core's CommonJS
// build registers none); it also brings the layers, converter and data packages, unused here.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Problem } from '../problem.js';
import type { Contender, Params, PreparedFit } from './types.js';

type TfBackend = 'cpu' | 'wasm';

/**
 * Makes `name` the active backend. For an initialised backend `tf.setBackend` completes synchronously (its
 * promise only reports the result), so it is safe to call at the top of a synchronous measured call.
 */
export function activate(name: TfBackend): void {
  if (tf.getBackend() !== name) void tf.setBackend(name);
  if (tf.getBackend() !== name) throw new Error(`tfjs backend ${name} is not initialised`);
}

/**
 * How X is handed to TF.js. `'dn'`: transposed, d×n (feature-major), stored once — both products are fastest in
 * that layout (wasm backend, 100 000×100: 7 ms vs 21 ms per iteration), so the peer runs at its best. `'nd'`:
 * X as n×d, the way a user would first write it: `matMul(X, w)` and `matMul(X, r, true, false)`.
 */
type Layout = 'dn' | 'nd';

function tfContender(backend: TfBackend, layout: Layout, label: string): Contender {
  return {
    id: `tfjs-${backend}${layout === 'nd' ? '-nd' : ''}`,
    label,
    precision: 'f32',
    prepare(p: Problem): PreparedFit {
      activate(backend);
      const n = p.rows;
      const d = p.cols;
      let X: tf.Tensor2D;
      if (layout === 'dn') {
        const xt = new Float32Array(n * d);
        for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xt[j * n + i] = p.x[i * d + j]!;
        X = tf.tensor2d(xt, [d, n]);
      } else {
        X = tf.tensor2d(Float32Array.from(p.x), [n, d]);
      }
      // Residuals r and weights w are rows (1×n, 1×d) in the d×n layout and columns in the n×d one.
      const rShape: [number, number] = layout === 'dn' ? [1, n] : [n, 1];
      const wShape: [number, number] = layout === 'dn' ? [1, d] : [d, 1];
      const y = tf.tensor2d(Float32Array.from(p.y), rShape);
      // Scalars made once: passing JS numbers would upload a new scalar tensor in every op.
      const invN = tf.scalar(1 / n);
      const beta = tf.scalar(p.momentum);
      const lr = tf.scalar(p.lr);
      const K = p.iterations;
      /** (1/n)·Xᵀr and the residuals r = X·w + b − y, in this layout. */
      const gradient = (w: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] => {
        if (layout === 'dn') {
          const r = tf.sub(tf.add(tf.matMul(w, X), b), y);
          return [tf.mul(tf.reshape(tf.matMul(X, tf.reshape(r, [n, 1])), wShape), invN), r];
        }
        const r = tf.sub(tf.add(tf.matMul(X, w), b), y);
        return [tf.mul(tf.matMul(X, r, true, false), invN), r];
      };
      return {
        run(): Params {
          activate(backend);
          let w: tf.Tensor = tf.zeros(wShape);
          let b: tf.Tensor = tf.zeros([1]);
          let vw: tf.Tensor | null = null;
          let vb: tf.Tensor | null = null;
          for (let k = 0; k < K; k++) {
            const next = tf.tidy(() => {
              const [gw, r] = gradient(w, b);
              const gb = tf.reshape(tf.mean(r), [1]);
              const nvw = vw === null ? gw : tf.add(tf.mul(beta, vw), gw);
              const nvb = vb === null ? gb : tf.add(tf.mul(beta, vb), gb);
              return [tf.sub(w, tf.mul(lr, nvw)), tf.sub(b, tf.mul(lr, nvb)), nvw, nvb];
            });
            tf.dispose([w, b]);
            if (vw !== null) tf.dispose([vw, vb!]);
            [w, b, vw, vb] = next as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          }
          const weights = w.dataSync();
          const intercept = b.dataSync()[0]!;
          tf.dispose([w, b, vw!, vb!]);
          return { weights, intercept };
        },
        dispose(): void {
          activate(backend);
          tf.dispose([X, y, invN, beta, lr]);
        },
      };
    },
  };
}

/**
 * TF.js as its users write momentum GD: variables, a loss closure and `tf.train.momentum(η, β).minimize(loss)`,
 * which differentiates the loss on a tape every step. TF.js's MomentumOptimizer keeps v ← β·v + g from v = 0 and
 * steps θ ← θ − η·v: the same updates as the others. The loss is J = ½·mean(r²), whose gradient is (1/n)·Xᵀr, mean(r).
 */
function tfOptimizerContender(backend: TfBackend, label: string): Contender {
  return {
    id: `tfjs-${backend}-minimize`,
    label,
    precision: 'f32',
    prepare(p: Problem): PreparedFit {
      activate(backend);
      const n = p.rows;
      const d = p.cols;
      const X = tf.tensor2d(Float32Array.from(p.x), [n, d]);
      const y = tf.tensor2d(Float32Array.from(p.y), [n, 1]);
      const half = tf.scalar(0.5);
      const K = p.iterations;
      return {
        run(): Params {
          activate(backend);
          const w = tf.variable(tf.zeros([d, 1]));
          const b = tf.variable(tf.zeros([1]));
          const optimizer = tf.train.momentum(p.lr, p.momentum);
          const loss = (): tf.Scalar => tf.mul(half, tf.mean(tf.square(tf.sub(tf.add(tf.matMul(X, w), b), y))));
          for (let k = 0; k < K; k++) optimizer.minimize(loss);
          const weights = w.dataSync();
          const intercept = b.dataSync()[0]!;
          optimizer.dispose();
          tf.dispose([w, b]);
          return { weights, intercept };
        },
        dispose(): void {
          activate(backend);
          tf.dispose([X, y, half]);
        },
      };
    },
  };
}

let initialised: Promise<void> | null = null;

/** Registers and initialises both tfjs backends, once. */
export function initTfjs(): Promise<void> {
  initialised ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(wasmDir + path.sep);
    // Production mode is what a user tuning for speed would set; it also silences the tfjs-node banner.
    tf.enableProdMode();
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
    await tf.ready();
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to initialise');
    await tf.ready();
  })();
  return initialised;
}

/**
 * Registers and initialises both tfjs backends and returns their contenders. The WASM backend's binaries are
 * loaded from the installed package (a directory prefix with a trailing separator, read with fs in Node).
 */
export async function createTfjsContenders(): Promise<Contender[]> {
  await initTfjs();
  const v = tf.version_core;
  return [
    tfContender('cpu', 'dn', `TF.js ${v} cpu backend (float32), X stored transposed (its fastest layout)`),
    tfContender('wasm', 'dn', `TF.js ${v} wasm backend (float32, 1 thread), X stored transposed (its fastest layout)`),
    tfContender('wasm', 'nd', `TF.js ${v} wasm backend (float32, 1 thread), X as n×d: matMul(X, w), matMul(X, r, true)`),
    tfOptimizerContender('wasm', `TF.js ${v} wasm backend (float32, 1 thread), tf.train.momentum(η, β).minimize(loss): autodiff, as TF.js users write it`),
  ];
}

/**
 * A classifier (the problem's model: binary logistic or softmax with K classes) fitted by TF.js's wasm backend with
 * the same K full-batch momentum updates, the gradient spelled out in ops with X stored transposed once (d×n, the
 * layout in which both products are fastest; no tape). Logistic: z = w·Xᵀ + b (1×n), r = σ(z) − y,
 * g = (1/n)·r·X, mean(r). Softmax: Z = W·Xᵀ + b (K×n), P = softmax over classes (max-shifted), R = P − onehot(y),
 * G = (1/n)·R·X (K×d, the engine's order), mean of R per class. No loss values are computed (the engine computes
 * one per update): that favours TF.js.
 */
function tfClassifierContender(label: string): Contender {
  return {
    id: 'tfjs-wasm',
    label,
    precision: 'f32',
    prepare(p: Problem): PreparedFit {
      if (p.model === 'linear') throw new Error('tfClassifierContender fits classifiers only');
      activate('wasm');
      const n = p.rows;
      const d = p.cols;
      const K = p.classes;
      const xt = new Float32Array(n * d);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xt[j * n + i] = p.x[i * d + j]!;
      const Xt = tf.tensor2d(xt, [d, n]);
      // Logistic: y as a row 1×n. Softmax: the one-hot labels K×n, made once.
      const Y = p.model === 'logistic'
        ? tf.tensor2d(Float32Array.from(p.y), [1, n])
        : tf.tidy(() => tf.transpose(tf.oneHot(tf.tensor1d(Int32Array.from(p.y), 'int32'), K)));
      const invN = tf.scalar(1 / n);
      const beta = tf.scalar(p.momentum);
      const lr = tf.scalar(p.lr);
      const iterations = p.iterations;
      const residuals = (W: tf.Tensor, b: tf.Tensor): tf.Tensor => {
        const Z = tf.add(tf.matMul(W, Xt), b);
        if (p.model === 'logistic') return tf.sub(tf.sigmoid(Z), Y);
        const E = tf.exp(tf.sub(Z, tf.max(Z, 0, true)));
        return tf.sub(tf.div(E, tf.sum(E, 0, true)), Y);
      };
      return {
        run(): Params {
          activate('wasm');
          let W: tf.Tensor = tf.zeros([K, d]);
          let b: tf.Tensor = tf.zeros([K, 1]);
          let vW: tf.Tensor | null = null;
          let vb: tf.Tensor | null = null;
          for (let k = 0; k < iterations; k++) {
            const next = tf.tidy(() => {
              const R = residuals(W, b);
              const gW = tf.mul(tf.matMul(R, Xt, false, true), invN);
              const gb = tf.mean(R, 1, true);
              const nvW = vW === null ? gW : tf.add(tf.mul(beta, vW), gW);
              const nvb = vb === null ? gb : tf.add(tf.mul(beta, vb), gb);
              return [tf.sub(W, tf.mul(lr, nvW)), tf.sub(b, tf.mul(lr, nvb)), nvW, nvb];
            });
            tf.dispose([W, b]);
            if (vW !== null) tf.dispose([vW, vb!]);
            [W, b, vW, vb] = next as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          }
          const weights = W.dataSync();
          const intercepts = b.dataSync();
          tf.dispose([W, b, vW!, vb!]);
          return { weights, intercept: intercepts[0]!, intercepts };
        },
        dispose(): void {
          activate('wasm');
          tf.dispose([Xt, Y, invN, beta, lr]);
        },
      };
    },
  };
}

/**
 * A classifier as TF.js users write it: X as n×d, variables, the library's loss (`tf.losses.sigmoidCrossEntropy`
 * or `tf.losses.softmaxCrossEntropy` with one-hot labels, both the mean over rows) and
 * `tf.train.momentum(η, β).minimize(loss)`, gradients by autodiff. W is d×K here; the weights are returned K×d.
 */
function tfClassifierMinimizeContender(label: string): Contender {
  return {
    id: 'tfjs-wasm-minimize',
    label,
    precision: 'f32',
    prepare(p: Problem): PreparedFit {
      if (p.model === 'linear') throw new Error('tfClassifierMinimizeContender fits classifiers only');
      activate('wasm');
      const n = p.rows;
      const d = p.cols;
      const K = p.classes;
      const X = tf.tensor2d(Float32Array.from(p.x), [n, d]);
      const Y = p.model === 'logistic'
        ? tf.tensor2d(Float32Array.from(p.y), [n, 1])
        : tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(p.y), 'int32'), K));
      const iterations = p.iterations;
      return {
        run(): Params {
          activate('wasm');
          const W = tf.variable(tf.zeros([d, K]));
          const b = tf.variable(tf.zeros([K]));
          const optimizer = tf.train.momentum(p.lr, p.momentum);
          const loss = (): tf.Scalar => {
            const logits = tf.add(tf.matMul(X, W), b);
            return p.model === 'logistic'
              ? tf.losses.sigmoidCrossEntropy(Y, logits) as tf.Scalar
              : tf.losses.softmaxCrossEntropy(Y, logits) as tf.Scalar;
          };
          for (let k = 0; k < iterations; k++) optimizer.minimize(loss);
          const w = W.dataSync();
          const intercepts = b.dataSync();
          optimizer.dispose();
          tf.dispose([W, b]);
          const weights = new Float64Array(K * d);
          for (let j = 0; j < d; j++) for (let k = 0; k < K; k++) weights[k * d + j] = w[j * K + k]!;
          return { weights, intercept: intercepts[0]!, intercepts };
        },
        dispose(): void {
          activate('wasm');
          tf.dispose([X, Y]);
        },
      };
    },
  };
}

/** TF.js's wasm backend fitting the classifiers, two ways (for bench/classifiers.ts). */
export async function createTfjsClassifierContenders(): Promise<Contender[]> {
  await initTfjs();
  const v = tf.version_core;
  return [
    tfClassifierContender(`TF.js ${v} wasm backend (float32, 1 thread), gradient in explicit ops, X stored transposed (its fastest layout)`),
    tfClassifierMinimizeContender(`TF.js ${v} wasm backend (float32, 1 thread), tf.losses.*CrossEntropy + tf.train.momentum(η, β).minimize: autodiff, as TF.js users write it`),
  ];
}

/** Number of live tfjs tensors, to check that the contenders do not leak across calls. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
