/**
 * `npx tsx bench/mlp.ts [--rounds N] [--epochs E]`: the network of issue 16 on the digits split of
 * examples/digits.ts (1 437 training rows × 64 → 64 relu → 10 softmax), batch 32, SGD with Nesterov momentum 0.9,
 * η = 0.01: milliseconds an epoch for momentum-gd's WASM SIMD, WASM scalar and JS backends and TF.js `tf.layers`
 * (the same architecture, batch, optimizer, Glorot init, shuffling; float32) on its wasm and cpu backends, in one
 * process, the contenders interleaved round by round; medians, and ratios to WASM SIMD. Not a test: machine noise.
 */
import * as tf from '@tensorflow/tfjs';
import { createEngine } from '../src/index.js';
import type { Engine, MlpFitOptions } from '../src/index.js';
import { prepareDigits } from '../examples/digits.js';
import { activate, initTfjs } from './contenders/tfjs.js';

const arg = (name: string) => {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
};
const rounds = Number(arg('--rounds') ?? 5);
const epochs = Number(arg('--epochs') ?? 5);

const p = await prepareDigits();
const n = p.XTrain.length, d = 64, K = 10;
const options: MlpFitOptions = {
  model: 'mlpClassifier', hidden: [64], activation: 'relu', alpha: 0, lr: 0.01, momentum: 0.9, nesterov: true,
  batchSize: 32, maxEpochs: epochs, maxIterations: 1e8, seed: 0,
};

async function ours(e: Engine): Promise<() => number> {
  const data = e.dataset(p.XTrain, p.yTrain);
  return () => {
    const t0 = performance.now();
    const r = e.fit(data, options);
    const ms = performance.now() - t0;
    if (r.epochs !== epochs) throw new Error('epochs');
    return ms / epochs;
  };
}

await initTfjs();
function tfjs(backend: 'wasm' | 'cpu'): () => Promise<number> {
  activate(backend);
  const xs = tf.tensor2d(p.XTrain.flat(), [n, d]);
  const ys = tf.oneHot(tf.tensor1d(p.yTrain, 'int32'), K);
  return async () => {
    activate(backend);
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [d], units: 64, activation: 'relu' }), tf.layers.dense({ units: K, activation: 'softmax' })],
    });
    model.compile({ optimizer: tf.train.momentum(0.01, 0.9, true), loss: 'categoricalCrossentropy' });
    const t0 = performance.now();
    await model.fit(xs, ys, { batchSize: 32, epochs, shuffle: true, verbose: 0 });
    const ms = performance.now() - t0;
    model.dispose();
    return ms / epochs;
  };
}

const contenders: [string, () => number | Promise<number>][] = [
  ['momentum-gd wasm-simd', await ours(await createEngine({ backend: 'wasm', simd: true }))],
  ['momentum-gd wasm-scalar', await ours(await createEngine({ backend: 'wasm', simd: false }))],
  ['momentum-gd js', await ours(await createEngine({ backend: 'js' }))],
  ['tfjs-layers wasm', tfjs('wasm')],
  ['tfjs-layers cpu', tfjs('cpu')],
];
const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
for (const [, run] of contenders) await run(); // warm-up
for (let r = 0; r < rounds; r++) for (const [name, run] of contenders) times.get(name)!.push(await run());
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const base = median(times.get('momentum-gd wasm-simd')!);
console.log(`digits 1437×64 → 64 relu → 10, batch 32, Nesterov 0.9; ${epochs} epochs a run, median of ${rounds} rounds\n`);
console.log('| contender | ms / epoch (median) | min–max | × wasm-simd time |');
console.log('|---|---|---|---|');
for (const [name, t] of times) {
  console.log(`| ${name} | ${median(t).toFixed(2)} | ${Math.min(...t).toFixed(2)}–${Math.max(...t).toFixed(2)} | ${(median(t) / base).toFixed(2)} |`);
}
