// `npm run example:cancer`: logistic regression and a linear SVM (hinge loss) trained by gradient descent with
// momentum on the Wisconsin breast-cancer data (data/README.md): a stratified 80/20 split with a fixed seed,
// features standardised on the training rows only, then test accuracy, and the iterations momentum β = 0.9 and
// plain gradient descent (β = 0) need at the same learning rate: by the stopping rule, and to reach the optimum.
import { pathToFileURL } from 'node:url';
import { createEngine } from '../src/index.js';
import type { Engine, FitStatus } from '../src/index.js';
import { loadBreastCancer } from '../src/datasets.js';
import { accuracy, confusionMatrix } from '../src/metrics.js';
import { standardize, trainTestSplit } from '../src/preprocess.js';

/** The standardised split: both parts scaled with the training rows' mean and standard deviation. */
export interface Prepared {
  XTrain: number[][];
  yTrain: number[];
  XTest: number[][];
  yTest: number[];
}

/** Loads the data, splits it (stratified, 20 % test, seeded) and standardises it on the training rows. */
export async function prepareCancer(seed = 42): Promise<Prepared> {
  const { X, y } = await loadBreastCancer();
  const split = trainTestSplit(X, y, { testFraction: 0.2, seed, stratify: true });
  // Fit on the training rows only: statistics of the test rows would leak into the model.
  const scaler = standardize(split.XTrain);
  return {
    XTrain: scaler.transform(split.XTrain), yTrain: split.yTrain,
    XTest: scaler.transform(split.XTest), yTest: split.yTest,
  };
}

/** One trained model and what it took. */
export interface CancerRun {
  model: 'logistic' | 'hinge';
  momentum: number;
  accuracy: number;
  iterations: number;
  status: FitStatus;
  finalLoss: number;
  ms: number;
  confusion: number[][];
}

/**
 * Shared hyperparameters. η = 0.1 is stable for both β: on standardised data the logistic curvature is at most
 * ¼·λmax(AᵀA/n) + α with A = [X 1], and these 30 features are strongly correlated (λmax ≈ 13.3 on the training
 * rows: the first principal component carries ~44 % of the variance), so plain GD needs η < 2/L ≈ 0.6 and the heavy
 * ball η < 2(1 + β)/L. Early stopping: logistic by the default gradient rule (stop once ‖∇J‖∞ ≤ 10⁻⁴·‖∇J(θ₀)‖∞,
 * on all rows: near the optimum whatever the momentum does on the way); the hinge loss's subgradient does not
 * vanish at its optimum, so the SVM uses scikit-learn's rule by name (no improvement on the best epoch objective by
 * tol for 50 epochs: status 'noImprovement', a plateau rather than a proven optimum).
 */
export const CANCER_OPTIONS = { alpha: 1e-2, lr: 0.1, maxIterations: 20_000, tol: 1e-4 } as const;
export const HINGE_STOPPING = { stoppingRule: 'sklearn', tol: 1e-7, nIterNoChange: 50 } as const;

/** Trains one model on the prepared split (early stopping on) and scores it on the test rows. */
export function fitCancer(engine: Engine, data: Prepared, model: 'logistic' | 'hinge', momentum: number): CancerRun {
  const t0 = performance.now();
  const train = engine.dataset(data.XTrain, data.yTrain);
  const fit = engine.fit(train, { model, momentum, ...CANCER_OPTIONS, ...(model === 'hinge' ? HINGE_STOPPING : {}) });
  train.dispose();
  const ms = performance.now() - t0;
  const pred = fit.predict(data.XTest);
  return {
    model, momentum, accuracy: accuracy(data.yTest, pred), iterations: fit.iterations, status: fit.status,
    finalLoss: fit.finalLoss, ms, confusion: confusionMatrix(data.yTest, pred, 2),
  };
}

/**
 * The stopping rule measures the gradient, not the objective's distance to J*. So also count, with the rule off, the
 * iterations each β needs until J(θₖ) ≤ J*·(1 + 10⁻⁶), J* being the smallest objective of a long β = 0.9 run
 * (logistic is smooth and strongly convex for α > 0, so that run converges linearly to the optimum).
 */
export function iterationsToOptimum(engine: Engine, data: Prepared, maxIterations = 5000): {
  jStar: number; momentum: number | null; plain: number | null;
} {
  const train = engine.dataset(data.XTrain, data.yTrain);
  const base = { model: 'logistic', alpha: CANCER_OPTIONS.alpha, lr: CANCER_OPTIONS.lr, maxIterations } as const;
  const long = engine.fit(train, { ...base, momentum: 0.9 });
  const jStar = Math.min(long.finalLoss, ...long.loss);
  const first = (loss: Float64Array) => {
    const k = loss.findIndex((j) => j <= jStar * (1 + 1e-6));
    return k < 0 ? null : k; // loss[k] is J before update k, i.e. J(θₖ): k updates were needed
  };
  const plain = first(engine.fit(train, { ...base, momentum: 0 }).loss);
  train.dispose();
  return { jStar, momentum: first(long.loss), plain };
}

async function main(): Promise<void> {
  const start = performance.now();
  const engine = await createEngine();
  const data = await prepareCancer();
  const floor = 0.96;
  console.log(`Breast cancer (Wisconsin diagnostic): ${data.XTrain.length} training rows, ${data.XTest.length} test rows, `
    + `${data.XTrain[0]!.length} standardised features; backend ${engine.backend}${engine.simd ? ' SIMD' : ''}`);
  console.log(`options: ${JSON.stringify(CANCER_OPTIONS)}; hinge: ${JSON.stringify(HINGE_STOPPING)}\n`);
  console.log('model     β    test accuracy  iterations  status      final J       time');
  let ok = true;
  for (const model of ['logistic', 'hinge'] as const) {
    const runs = [0.9, 0].map((beta) => fitCancer(engine, data, model, beta));
    for (const r of runs) {
      console.log(`${model.padEnd(9)} ${r.momentum.toFixed(1)}  ${r.accuracy.toFixed(4).padStart(13)}  `
        + `${String(r.iterations).padStart(10)}  ${r.status.padEnd(10)}  ${r.finalLoss.toPrecision(8).padEnd(12)}  ${r.ms.toFixed(1)} ms`);
    }
    const [m, plain] = runs as [CancerRun, CancerRun];
    console.log(`  ${model === 'hinge' ? 'sklearn' : 'gradient'} rule: β = 0.9 stops after ${m.iterations} iterations, β = 0 after ${plain.iterations} `
      + `(${(plain.iterations / m.iterations).toFixed(1)}×), at a ${m.finalLoss < plain.finalLoss ? 'lower' : 'higher'} objective`);
    console.log(`  confusion matrix, β = 0.9 (rows: true benign, malignant; columns: predicted): ${JSON.stringify(m.confusion)}\n`);
    if (m.accuracy < floor) {
      console.error(`FAIL: ${model} test accuracy ${m.accuracy} is below the floor ${floor}`);
      ok = false;
    }
  }
  const t0 = performance.now();
  const opt = iterationsToOptimum(engine, data);
  const show = (k: number | null) => (k === null ? 'not within 5000' : String(k));
  console.log(`logistic, stopping rule off: iterations until J ≤ J*·(1 + 1e-6), J* = ${opt.jStar.toPrecision(12)}: `
    + `β = 0.9 → ${show(opt.momentum)}, β = 0 → ${show(opt.plain)}`
    + (opt.momentum !== null && opt.plain !== null ? ` (${(opt.plain / opt.momentum).toFixed(1)}× as many)` : '')
    + `; ${(performance.now() - t0).toFixed(0)} ms for the two 5000-iteration fits`);
  console.log(`total time ${(performance.now() - start).toFixed(0)} ms (loading, splitting, standardising and six fits)`);
  if (!ok) process.exitCode = 1;
}

// Run only when executed (npm run example:cancer), not when a test imports the pipeline.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
