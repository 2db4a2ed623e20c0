// `npm run example:lasso`: a sparse (lasso) fit. The breast-cancer data's 30 features, standardised, fitted by
// least squares (the 0/1 label as a real target) with penalty 'l1' (scikit-learn's Lasso, α = 0.01) and 'elasticnet'
// (ElasticNet, α = 0.01, l1Ratio 0.5), by full-batch gradient descent with momentum: the proximal step
// (soft-thresholding) after each update leaves exact zeros, the same coefficients that scikit-learn's coordinate
// descent reports (test/contract/penalty.test.ts holds them to 1e-9).
import { createEngine } from '../src/index.js';
import { loadBreastCancer } from '../src/datasets.js';
import { standardize } from '../src/preprocess.js';

const { X, y, featureNames } = await loadBreastCancer();
const Xs = standardize(X).transform(X);
const engine = await createEngine();
const data = engine.dataset(Xs, y);
for (const options of [
  { penalty: 'l1', alpha: 0.01 },
  { penalty: 'elasticnet', alpha: 0.01, l1Ratio: 0.5 },
] as const) {
  const fit = engine.fit(data, { ...options, lr: 0.05, momentum: 0.9, tol: 1e-12, maxIterations: 100000 });
  const w = Array.from(fit.weights);
  const zero = w.flatMap((v, j) => (v === 0 ? [featureNames[j]!] : []));
  console.log(`${JSON.stringify(options)}: ${fit.status} after ${fit.iterations} updates, ${zero.length} of ${w.length} coefficients exactly 0`);
  console.log(`  zero: ${zero.join(', ')}`);
}
data.dispose();
