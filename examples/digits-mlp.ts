// `npm run example:digits-mlp`: a multilayer perceptron (64 → 64 relu → 10 softmax) trained by SGD with Nesterov
// momentum 0.9 on the 8×8 handwritten digits: the split and standardisation of examples/digits.ts (stratified 80/20,
// seed 42), mini-batches of 32 with the seeded shuffle, 40 epochs; then test accuracy, time per epoch, and the same
// fit on the JS backend (the same doubles).
import { createEngine } from '../src/index.js';
import type { MlpFitOptions } from '../src/index.js';
import { prepareDigits } from './digits.js';

const p = await prepareDigits();
const options: MlpFitOptions = {
  model: 'mlpClassifier', hidden: [64], activation: 'relu', alpha: 1e-3, lr: 0.01, momentum: 0.9, nesterov: true,
  batchSize: 32, maxEpochs: 40, maxIterations: 1e6, seed: 0,
};
const engine = await createEngine();
const t0 = performance.now();
const net = engine.fit(engine.dataset(p.XTrain, p.yTrain), options);
const ms = (performance.now() - t0) / net.epochs;
console.log(`${p.XTrain.length} training rows, ${engine.backend}${engine.simd ? ' (SIMD)' : ''}: ${net.epochs} epochs, ${ms.toFixed(1)} ms an epoch`);
console.log(`training loss ${net.epochLoss[0]!.toFixed(4)} → ${net.epochLoss[net.epochs - 1]!.toFixed(4)}`);
console.log(`test accuracy ${net.score(p.XTest, p.yTest).toFixed(3)}`);
const js = await createEngine({ backend: 'js' });
const again = js.fit(js.dataset(p.XTrain, p.yTrain), options);
const same = again.coefs.every((w, l) => w.every((v, k) => Object.is(v, net.coefs[l]![k])));
console.log(`JS backend: the same parameters bit for bit: ${same}`);
