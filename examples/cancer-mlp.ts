// `npm run example:cancer-mlp`: a multilayer perceptron (30 → 64 relu → 1 logistic) trained by SGD with Nesterov
// momentum 0.9 on the Wisconsin breast-cancer data: the split and standardisation of examples/cancer.ts (stratified
// 80/20, seed 42, features standardised on the training rows only), mini-batches of 32 with the seeded shuffle,
// 100 epochs; then test accuracy (issue 16's floor: 0.97, i.e. ≥ 111 of the 114 test rows; the linear models of
// examples/cancer.ts get 110) and the same fit on the JS backend (the same doubles). Initialisation seeds 0–4 all
// give 111 or 112 correct with these options.
import { createEngine } from '../src/index.js';
import type { MlpFitOptions } from '../src/index.js';
import { prepareCancer } from './cancer.js';

const p = await prepareCancer();
const options: MlpFitOptions = {
  model: 'mlpClassifier', hidden: [64], activation: 'relu', alpha: 1e-2, lr: 0.01, momentum: 0.9, nesterov: true,
  batchSize: 32, maxEpochs: 100, maxIterations: 1e6, seed: 0,
};
const engine = await createEngine();
const t0 = performance.now();
const net = engine.fit(engine.dataset(p.XTrain, p.yTrain), options);
const ms = (performance.now() - t0) / net.epochs;
console.log(`${p.XTrain.length} training rows, ${engine.backend}${engine.simd ? ' (SIMD)' : ''}: ${net.epochs} epochs, ${ms.toFixed(2)} ms an epoch`);
console.log(`training loss ${net.epochLoss[0]!.toFixed(4)} → ${net.epochLoss[net.epochs - 1]!.toFixed(4)}`);
const acc = net.score(p.XTest, p.yTest);
console.log(`test accuracy ${acc.toFixed(4)} (${Math.round(acc * p.yTest.length)} of ${p.yTest.length} test rows)`);
const js = await createEngine({ backend: 'js' });
const again = js.fit(js.dataset(p.XTrain, p.yTrain), options);
const same = again.coefs.every((w, l) => w.every((v, k) => Object.is(v, net.coefs[l]![k])));
console.log(`JS backend: the same parameters bit for bit: ${same}`);
if (acc < 0.97) {
  console.error(`FAIL: test accuracy ${acc} is below issue 16's floor 0.97`);
  process.exitCode = 1;
}
