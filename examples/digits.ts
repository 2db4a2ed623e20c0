// `npm run example:digits`: softmax (multinomial logistic) regression trained by gradient descent with momentum
// on the 8×8 handwritten digits (data/README.md): a stratified 80/20 split with a fixed seed, pixels standardised
// on the training rows only, then test accuracy and the 10×10 confusion matrix.
import { pathToFileURL } from 'node:url';
import { createEngine, progressLogger } from '../src/index.js';
import type { Engine, FitStatus, ProgressLogger } from '../src/index.js';
import { loadDigits } from '../src/datasets.js';
import { accuracy, confusionMatrix, logLoss } from '../src/metrics.js';
import { standardize, trainTestSplit } from '../src/preprocess.js';

/** The standardised split. */
export interface Prepared {
  XTrain: number[][];
  yTrain: number[];
  XTest: number[][];
  yTest: number[];
}

/**
 * Loads the digits, splits them (stratified, 20 % test, seeded) and standardises on the training rows. Pixels that
 * are 0 in every training image (the corners) get scale 1 and stay 0: they carry no information.
 */
export async function prepareDigits(seed = 42): Promise<Prepared> {
  const { X, y } = await loadDigits();
  const split = trainTestSplit(X, y, { testFraction: 0.2, seed, stratify: true });
  const scaler = standardize(split.XTrain);
  return {
    XTrain: scaler.transform(split.XTrain), yTrain: split.yTrain,
    XTest: scaler.transform(split.XTest), yTest: split.yTest,
  };
}

/**
 * Full batch, β = 0.9; 64 standardised pixels, 10 classes (650 parameters). Early stopping by the default gradient
 * rule: ‖∇J‖∞ ≤ 10⁻³·‖∇J(θ₀)‖∞ on all rows (momentum's overshoots do not stop it; only nearness to the optimum does).
 */
export const DIGITS_OPTIONS = {
  model: 'softmax', alpha: 1e-2, lr: 0.3, momentum: 0.9, maxIterations: 2000, tol: 1e-3,
} as const;

/** The trained model's scores on the test rows. */
export interface DigitsRun {
  accuracy: number;
  logLoss: number;
  confusion: number[][];
  iterations: number;
  status: FitStatus;
  ms: number;
}

/**
 * Trains softmax regression on the prepared split and scores it on the test rows; with `progress` (a
 * {@link progressLogger}), prints a line every 100 epochs and the closing line.
 */
export function fitDigits(engine: Engine, data: Prepared, progress?: ProgressLogger): DigitsRun {
  const t0 = performance.now();
  const train = engine.dataset(data.XTrain, data.yTrain);
  const fit = engine.fit(train, progress ? { ...DIGITS_OPTIONS, onProgress: progress, progressEvery: 100 } : DIGITS_OPTIONS);
  progress?.done(fit);
  train.dispose();
  const ms = performance.now() - t0;
  const pred = fit.predict(data.XTest);
  return {
    accuracy: accuracy(data.yTest, pred), logLoss: logLoss(data.yTest, fit.predictProba(data.XTest)),
    confusion: confusionMatrix(data.yTest, pred, 10), iterations: fit.iterations, status: fit.status, ms,
  };
}

async function main(): Promise<void> {
  const start = performance.now();
  const engine = await createEngine();
  const data = await prepareDigits();
  console.log(`Handwritten digits (8×8): ${data.XTrain.length} training images, ${data.XTest.length} test images; `
    + `backend ${engine.backend}${engine.simd ? ' SIMD' : ''}`);
  console.log(`options: ${JSON.stringify(DIGITS_OPTIONS)}\n`);
  const r = fitDigits(engine, data, progressLogger({ interval: 0, label: 'softmax' }));
  console.log(`test accuracy ${r.accuracy.toFixed(4)}, test log-loss ${r.logLoss.toFixed(4)}; `
    + `${r.iterations} iterations (${r.status}) in ${r.ms.toFixed(0)} ms\n`);
  console.log('confusion matrix (rows: true digit, columns: predicted)');
  console.log(`      ${Array.from({ length: 10 }, (_, k) => String(k).padStart(4)).join('')}`);
  r.confusion.forEach((row, k) => console.log(`  ${String(k).padStart(2)}  ${row.map((c) => String(c).padStart(4)).join('')}`));
  console.log(`\ntotal time ${(performance.now() - start).toFixed(0)} ms (loading, splitting, standardising and the fit)`);
  const floor = 0.95;
  if (r.accuracy < floor) {
    console.error(`FAIL: test accuracy ${r.accuracy} is below the floor ${floor}`);
    process.exitCode = 1;
  }
}

// Run only when executed (npm run example:digits), not when a test imports the pipeline.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
