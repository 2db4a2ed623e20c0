/**
 * `npx tsx bench/losses.ts [--rounds N] [--backend wasm|js] [--clock wall|cpu] [--hinge]`: time per row of the new losses' full-batch momentum fits
 * (huber, squaredHinge; issue 15: within 1.5× of the linear kernel) against the linear model, on the same X, in one
 * process, interleaved (linear, huber, squaredHinge, reversed every other round), WASM SIMD by default. Reports the
 * median ns/row/update of each and the ratios to linear, with the spread of linear's own rounds (max/min).
 */
import { performance } from 'node:perf_hooks';
import { createEngine } from '../dist/index.js';
import { makeProblem } from './problem.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const rounds = Number(arg('--rounds') ?? 7);
// --clock cpu: the process's CPU time, so that time descheduled on a shared machine does not count.
const cpu = arg('--clock') === 'cpu';
const now = cpu ? (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : (): number => performance.now();
const backend = (arg('--backend') ?? 'wasm') as 'wasm' | 'js';
const engine = await createEngine({ backend, simd: backend === 'wasm' });
const SIZES = [{ rows: 100_000, cols: 100, iterations: 5 }, { rows: 1_000_000, cols: 10, iterations: 5 }];
const MODELS = ['linear', 'huber', 'squaredHinge', ...(process.argv.includes('--hinge') ? ['hinge'] as const : [])] as const;

for (const size of SIZES) {
  const p = makeProblem(size);
  const yBin = p.y.map((v) => (v > 0 ? 1 : 0));
  const data = { linear: engine.dataset({ data: p.x, rows: p.rows, cols: p.cols }, p.y), bin: engine.dataset({ data: p.x, rows: p.rows, cols: p.cols }, yBin) };
  const times: Record<string, number[]> = Object.fromEntries(MODELS.map((m) => [m, []]));
  const run = (model: (typeof MODELS)[number]) => {
    const d = model === 'squaredHinge' || model === 'hinge' ? data.bin : data.linear;
    const t0 = now();
    const f = engine.fit(d, { model, lr: p.lr, momentum: p.momentum, maxIterations: size.iterations, ...(model === 'linear' ? {} : { alpha: 0 }) } as never);
    const t = now() - t0;
    if (f.iterations !== size.iterations) throw new Error(`${model}: ${f.status} after ${f.iterations}`);
    return t;
  };
  for (const m of MODELS) run(m); // warm-up
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...MODELS].reverse() : MODELS;
    for (const m of order) times[m]!.push(run(m));
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  const perRow = (m: string) => (med(times[m]!) * 1e6) / (size.rows * size.iterations);
  const lin = perRow('linear');
  const spread = Math.max(...times.linear!) / Math.min(...times.linear!);
  console.log(`${size.rows} × ${size.cols} [${backend}${backend === 'wasm' ? ' simd' : ''}], ${size.iterations} updates, ${rounds} rounds${cpu ? ', CPU time' : ''}: ` +
    `linear ${lin.toFixed(2)} ns/row (max/min ${spread.toFixed(2)}), ` +
    MODELS.slice(1).map((m) => `${m} ${perRow(m).toFixed(2)} ns/row (${(perRow(m) / lin).toFixed(2)}×)`).join(', '));
}
