/**
 * `npx tsx bench/ab-min.ts DIR… [--rounds N] [--only REGEX] [--clock cpu] [--floors]`: the classifier fits of
 * several builds (each DIR a checkout with dist/ and build/; `.` for this one) on the same data, interleaved, many short samples each (a fit of
 * ~0.1–1 ms), reporting the minimum and the median ns per row of every build and model, and each classifier's time
 * over the linear model's of the same build. On a loaded shared machine the minimum of many short samples is the
 * steadier estimate (bench/ab.ts's medians of 25 ms samples move by ±30 % there); the A/A line is the first DIR timed
 * twice (A, A′) in every round. Weights and losses are compared with Object.is against the first DIR's.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeClassifierProblem, makeProblem } from './problem.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv.splice(i, 2)[1];
};
const rounds = Number(opt('--rounds') ?? 40);
// --clock cpu: the process's CPU time (getrusage), so that time spent descheduled does not count.
const cpu = opt('--clock') === 'cpu';
const now = cpu ? (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : (): number => performance.now();
const onlyArg = opt('--only');
const only = onlyArg === undefined ? undefined : new RegExp(onlyArg);
const floors = argv.includes('--floors');
if (floors) argv.splice(argv.indexOf('--floors'), 1);
const dirs = argv.length > 0 ? argv : ['.'];
type Lib = typeof import('../dist/index.js');
const libs: Lib[] = [];
for (const d of dirs) libs.push((await import(pathToFileURL(resolve(d, 'dist/index.js')).href)) as Lib);

// --floors: the sizes of issue 14's floors (1 000 × 10, 100 000 × 100, 1 000 000 × 10; one update per fit beyond cache).
const SIZES = floors
  ? [{ rows: 1_000, cols: 10, iterations: 100 }, { rows: 100_000, cols: 100, iterations: 1 }, { rows: 1_000_000, cols: 10, iterations: 1 }]
  : [{ rows: 1_000, cols: 10, iterations: 100 }, { rows: 10_000, cols: 100, iterations: 1 }, { rows: 100_000, cols: 10, iterations: 1 }];
const MODELS = ['linear', 'logistic', 'softmax'] as const;

const med = (v: number[]): number => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]!; };
const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

for (const s of SIZES) {
  const linear = makeProblem({ rows: s.rows, cols: s.cols, iterations: s.iterations });
  const rowsTimed = s.rows * s.iterations;
  // runs[model][build] → a fit closure
  const fits: { model: string; run: (() => { w: Float64Array; l: Float64Array })[] }[] = [];
  for (const model of MODELS) {
    const name = `${s.rows}×${s.cols} ${model}`;
    if (only && !only.test(name)) continue;
    const p = model === 'linear' ? linear : makeClassifierProblem(linear, model);
    const options = { model, lr: model === 'linear' ? 0.01 : 0.5, momentum: 0.9, maxIterations: s.iterations, tol: 0,
      ...(model === 'softmax' ? { classes: p.classes } : {}) };
    const run: (() => { w: Float64Array; l: Float64Array })[] = [];
    for (const lib of libs) {
      const engine = await lib.createEngine({ backend: 'wasm', simd: true });
      const data = engine.dataset({ data: p.x, rows: p.rows, cols: p.cols }, p.y);
      run.push(() => { const f = engine.fit(data, options as never); return { w: f.weights, l: f.loss }; });
    }
    fits.push({ model: name, run });
  }
  if (fits.length === 0) continue;
  const times: number[][][] = fits.map(() => dirs.map(() => []));
  const aa: number[][] = fits.map(() => []);
  for (const f of fits) for (const r of f.run) for (let w = 0; w < 3; w++) r();
  for (let r = 0; r < rounds; r++) {
    for (let m = 0; m < fits.length; m++) {
      const order = dirs.map((_, i) => i);
      if (r & 1) order.reverse();
      for (const b of order) {
        const t0 = now();
        fits[m]!.run[b]!();
        times[m]![b]!.push(now() - t0);
      }
      const t0 = now();
      fits[m]!.run[0]!();
      aa[m]!.push(now() - t0);
    }
  }
  const ns = (ms: number): string => ((ms * 1e6) / rowsTimed).toFixed(2);
  console.log(`\n${s.rows}×${s.cols}, ${s.iterations} updates per fit, ${rounds} rounds; ns/row min (median)`);
  console.log(`| model | ${dirs.map((d) => d).join(' | ')} | A′ (first again) |`);
  console.log(`|---|${dirs.map(() => '---|').join('')}---|`);
  for (let m = 0; m < fits.length; m++) {
    const cells = times[m]!.map((t) => `${ns(Math.min(...t))} (${ns(med(t))})`);
    const ref = fits[m]!.run[0]!();
    const eq = fits[m]!.run.map((r) => { const o = r(); return same(o.w, ref.w) && same(o.l, ref.l) ? '' : ' ≠'; });
    console.log(`| ${fits[m]!.model} | ${cells.map((c, i) => c + eq[i]).join(' | ')} | ${ns(Math.min(...aa[m]!))} (${ns(med(aa[m]!))}) |`);
  }
  const lin = fits.findIndex((f) => f.model.endsWith('linear'));
  if (lin >= 0) {
    for (let m = 0; m < fits.length; m++) {
      if (m === lin) continue;
      console.log(`÷ linear (min) ${fits[m]!.model}: ${dirs.map((_, b) => (Math.min(...times[m]![b]!) / Math.min(...times[lin]![b]!)).toFixed(2)).join(' | ')}`);
    }
  }
}
