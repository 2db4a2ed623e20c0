// `npm run example:imbalanced`: an imbalanced-class fit with `classWeight: 'balanced'` (scikit-learn's
// `class_weight='balanced'`). The breast-cancer data are 37 % malignant; screening data hold far fewer positives. Here
// the training rows keep every benign row and a seeded 5 % of malignant ones; the test rows (a stratified 30 %
// split made first) keep the data's 37 %. Regularised logistic regression (α = 0.03) without weights leans to
// "benign" and misses malignant tumours (recall 0.766); with each class weighted n / (K·countₖ), the malignant rows
// count as much in all as the benign ones, and recall comes back (0.953) at a small cost in precision.
import { pathToFileURL } from 'node:url';
import { createEngine, createRandom } from '../src/index.js';
import type { FitOptions } from '../src/index.js';
import { loadBreastCancer } from '../src/datasets.js';
import { confusionMatrix } from '../src/metrics.js';
import { standardize, trainTestSplit } from '../src/preprocess.js';

/** Share of malignant rows kept in the training set. */
export const MALIGNANT_SHARE = 0.05;

/** The stratified split, then the training rows with the malignant class subsampled to MALIGNANT_SHARE (seeded). */
export async function prepareImbalanced(seed = 42): Promise<{ XTrain: number[][]; yTrain: number[]; XTest: number[][]; yTest: number[] }> {
  const { X, y } = await loadBreastCancer();
  const split = trainTestSplit(X, y, { testFraction: 0.3, seed, stratify: true });
  const benign: number[] = [], malignant: number[] = [];
  split.yTrain.forEach((v, i) => (v === 1 ? malignant : benign).push(i));
  // Keep m malignant rows so that m / (benign + m) ≈ MALIGNANT_SHARE: a seeded Fisher–Yates, then the first m.
  const m = Math.round((MALIGNANT_SHARE / (1 - MALIGNANT_SHARE)) * benign.length);
  const rng = createRandom(seed);
  for (let i = malignant.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [malignant[i], malignant[j]] = [malignant[j]!, malignant[i]!];
  }
  const keep = [...benign, ...malignant.slice(0, m)].sort((a, b) => a - b);
  const XTrainRaw = keep.map((i) => split.XTrain[i]!);
  const scaler = standardize(XTrainRaw); // statistics of the training rows only
  return {
    XTrain: scaler.transform(XTrainRaw), yTrain: keep.map((i) => split.yTrain[i]!),
    XTest: scaler.transform(split.XTest), yTest: split.yTest,
  };
}

/** Recall and precision of the malignant class (1), and accuracy, from the confusion matrix of the test rows. */
export function scores(yTest: number[], pred: ArrayLike<number>): { recall: number; precision: number; accuracy: number; confusion: number[][] } {
  const c = confusionMatrix(yTest, pred, 2);
  const [[tn, fp], [fn, tp]] = c as [[number, number], [number, number]];
  return { recall: tp / (tp + fn), precision: tp / (tp + fp), accuracy: (tp + tn) / yTest.length, confusion: c };
}

export const IMBALANCED_OPTIONS = { model: 'logistic', alpha: 0.03, lr: 'auto', maxIterations: 20_000, tol: 1e-6 } as const;

async function main(): Promise<void> {
  const engine = await createEngine();
  const data = await prepareImbalanced();
  const pos = data.yTrain.filter((v) => v === 1).length;
  console.log(`Breast cancer, imbalanced training set: ${data.yTrain.length} rows, ${pos} malignant `
    + `(${((100 * pos) / data.yTrain.length).toFixed(1)} %); test set ${data.yTest.length} rows, `
    + `${data.yTest.filter((v) => v === 1).length} malignant (the data's 37 %); backend ${engine.backend}`);
  console.log(`options: ${JSON.stringify(IMBALANCED_OPTIONS)}\n`);
  const train = engine.dataset(data.XTrain, data.yTrain);
  console.log('classWeight   malignant recall  precision  accuracy  status      iterations  confusion (rows: true benign, malignant)');
  const out: Record<string, ReturnType<typeof scores>> = {};
  for (const classWeight of [undefined, 'balanced'] as const) {
    const fit = engine.fit(train, { ...IMBALANCED_OPTIONS, ...(classWeight ? { classWeight } : {}) } as FitOptions);
    const s = scores(data.yTest, fit.predict(data.XTest));
    out[classWeight ?? 'none'] = s;
    console.log(`${(classWeight ?? 'none').padEnd(12)}  ${s.recall.toFixed(3).padStart(16)}  ${s.precision.toFixed(3).padStart(9)}  `
      + `${s.accuracy.toFixed(3).padStart(8)}  ${fit.status.padEnd(10)}  ${String(fit.iterations).padStart(10)}  ${JSON.stringify(s.confusion)}`);
  }
  train.dispose();
  const none = out.none!, balanced = out.balanced!;
  console.log(`\nclassWeight 'balanced': malignant recall ${none.recall.toFixed(3)} → ${balanced.recall.toFixed(3)}`);
  if (!(balanced.recall > none.recall)) {
    console.error('FAIL: the balanced fit should find more malignant tumours');
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
