// `npm run example:quickstart`: the one-call API on a table. The breast-cancer data (data/README.md) as an Arquero
// table with named columns, standardised; `fit(table, 'malignant', options)` picks the label column by name, makes
// every other column a feature, and prints its progress (`verbose`); then the model is printed and scored.
import * as aq from 'arquero';
import { fit, trainTestSplit, standardize } from '../src/index.js';
import { loadBreastCancer } from '../src/datasets.js';

const { X, y, featureNames } = await loadBreastCancer();
const split = trainTestSplit(X, y, { testFraction: 0.2, seed: 42, stratify: true });
const scaler = standardize(split.XTrain);                   // statistics of the training rows only
/** Rows → an Arquero table: one column per feature, by name (what a user loading a CSV with Arquero has). */
const toTable = (rows: number[][], labels: number[]) => aq.table({
  ...Object.fromEntries(featureNames.map((name, j) => [name, Float64Array.from(rows, (r) => r[j]!)])),
  malignant: labels,
});
const train = toTable(scaler.transform(split.XTrain), split.yTrain);
const test = toTable(scaler.transform(split.XTest), split.yTest);
console.log(`training table: ${train.numRows()} rows × ${train.numCols()} columns (${featureNames.slice(0, 3).join(', ')}, …, malignant)`);

const model = await fit(train, 'malignant', {
  model: 'logistic', alpha: 0.01, lr: 0.1, momentum: 0.9, maxIterations: 20_000, tol: 1e-4,
  progressEvery: 50, verbose: { interval: 0 },               // a line every 50 epochs, then how the fit ended
});
console.log(model);                                          // model, status, iterations, final loss, weights head
const features = test.select(featureNames);                  // predict takes the feature columns, in training order
console.log(`test accuracy ${model.score(features, test.array('malignant') as number[]).toFixed(4)}`);
