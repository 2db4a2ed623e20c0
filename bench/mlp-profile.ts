/**
 * Where an epoch of the MNIST-sized network goes (issue 16; the analysis in bench/MLP.md): the same fit as bench/mlp.ts
 * (784 → 128 relu → 10 softmax, SGD + Nesterov 0.9) on the first `--rows` rows (default 6 000) of its synthetic
 * problem, at batch 32 and at batch 320 — the same products over the same rows, a tenth of the updates — so that
 *   per-update cost   u = (t₃₂ − t₃₂₀) / (U₃₂ − U₃₂₀)   (the optimizer step over 101 770 parameters, zeroing and
 *                                                        scaling the gradient, the batch's bookkeeping; for TF.js its
 *                                                        per-batch dispatch, tape and gathers)
 *   products          t₃₂₀ − U₃₂₀·u                     (forward and backward passes, ≈ 4·n·d·h multiply-adds ×2 flops)
 * and the rate of the products in GFLOP/s, all in this process's CPU time (bench/mlp.ts: the machine is shared). WASM SIMD, WASM scalar and TF.js wasm, interleaved round by round.
 *   npx tsx bench/mlp-profile.ts [--rows N] [--rounds R]
 */
import * as tf from '@tensorflow/tfjs';
import { createEngine, type Engine } from '../src/index.js';
import { activate, initTfjs } from './contenders/tfjs.js';
import { mnistSized, startClock } from './mlp.js';
import { machineLine } from './report.js';

const arg = (name: string): string | undefined => {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
};
const n = Number(arg('--rows') ?? 6000), rounds = Number(arg('--rounds') ?? 3);
const d = 784, h = 128, K = 10;
const { x, y } = mnistSized(n);
const median = (a: readonly number[]): number => [...a].sort((p, q) => p - q)[a.length >> 1]!;

function ours(e: Engine, batchSize: number): () => Promise<number> {
  const data = e.dataset({ data: x, rows: n, cols: d }, y);
  return () => {
    const stop = startClock();
    const r = e.fit(data, {
      model: 'mlpClassifier', hidden: [h], activation: 'relu', alpha: 0, lr: 0.01, momentum: 0.9, nesterov: true,
      batchSize, maxEpochs: 1, maxIterations: 1e8, seed: 0,
    });
    if (r.epochs !== 1) throw new Error('epochs');
    return Promise.resolve(stop().cpu);
  };
}

await initTfjs();
activate('wasm');
const xs = tf.tensor2d(Float32Array.from(x), [n, d]);
const ys = tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), K);
function tfjs(batchSize: number): () => Promise<number> {
  return async () => {
    activate('wasm');
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [d], units: h, activation: 'relu' }), tf.layers.dense({ units: K, activation: 'softmax' })],
    });
    model.compile({ optimizer: tf.train.momentum(0.01, 0.9, true), loss: 'categoricalCrossentropy' });
    const stop = startClock();
    await model.fit(xs, ys, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    const ms = stop().cpu;
    model.dispose();
    return ms;
  };
}

const simd = await createEngine({ backend: 'wasm', simd: true });
const scalar = await createEngine({ backend: 'wasm', simd: false });
const who: [string, () => Promise<number>, () => Promise<number>][] = [
  ['momentum-gd WASM SIMD (f64)', ours(simd, 32), ours(simd, 320)],
  ['momentum-gd WASM scalar (f64)', ours(scalar, 32), ours(scalar, 320)],
  ['TF.js tf.layers wasm (f32)', tfjs(32), tfjs(320)],
];
const runs = who.flatMap(([, a, b]) => [a, b]);
const times = runs.map(() => [] as number[]);
for (const f of runs) await f();
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < runs.length; k++) {
    const i = (k + r) % runs.length;
    times[i]!.push(await runs[i]!());
  }
}
const U32 = Math.ceil(n / 32), U320 = Math.ceil(n / 320);
const flops = 4 * n * (d * h + h * K); // forward and ∂W: 2 flops a multiply-add each; δ below (h·K) once
console.log(machineLine());
console.log(`\n${n} rows × ${d} → ${h} → ${K}, one epoch a call, CPU time, median of ${rounds} interleaved rounds; ` +
  `${U32} updates at batch 32, ${U320} at batch 320; products ≈ ${(flops / 1e9).toFixed(2)} GFLOP an epoch\n`);
console.log('| contender | epoch, batch 32 (ms) | epoch, batch 320 (ms) | per update (µs) | updates\' share at batch 32 | products (ms) | products GFLOP/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
who.forEach(([name], k) => {
  const t32 = median(times[2 * k]!), t320 = median(times[2 * k + 1]!);
  const u = (t32 - t320) / (U32 - U320);
  const prod = t320 - U320 * u;
  console.log(`| ${name} | ${t32.toFixed(0)} | ${t320.toFixed(0)} | ${(1000 * u).toFixed(0)} | ${(100 * U32 * u / t32).toFixed(0)} % | ` +
    `${prod.toFixed(0)} | ${(flops / prod / 1e6).toFixed(1)} |`);
});
process.exit(0);
