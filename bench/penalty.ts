/**
 * `npx tsx bench/penalty.ts [--rounds N]`: an elastic-net fit (penalty 'elasticnet', ρ = 0.15: the L2 part as a
 * gradient term, the L1 part as the proximal step after each update) against the plain linear fit on the same data,
 * full-batch SGD with momentum 0.9, WASM SIMD, interleaved rounds (linear, elastic net, linear), CPU clock. Issue 15's
 * target: ≤ 1.5× the linear fit's time at 100 000 × 100 and 1 000 000 × 10.
 */
import { createEngine } from '../dist/index.js';
import { makeProblem } from './problem.js';

const i = process.argv.indexOf('--rounds');
const rounds = i < 0 ? 7 : Number(process.argv[i + 1]);
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const engine = await createEngine({ backend: 'wasm', simd: true });
for (const [rows, cols, iterations] of [[100_000, 100, 10], [1_000_000, 10, 10]] as const) {
  const p = makeProblem({ rows, cols, iterations });
  const data = engine.dataset({ data: p.x, rows, cols }, p.y);
  const base = { lr: p.lr, momentum: 0.9, maxIterations: iterations, tol: 0 };
  const enet = { ...base, penalty: 'elasticnet', alpha: 1e-4 } as const;
  const time = (o: object): number => { const t = cpu(); engine.fit(data, o as never); return cpu() - t; };
  time(base); time(enet);
  const ratios: number[] = [], spread: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a1 = time(base), b = time(enet), a2 = time(base);
    ratios.push(b / Math.min(a1, a2)); spread.push(a2 / a1);
  }
  const med = (v: number[]): number => v.slice().sort((x, y) => x - y)[v.length >> 1]!;
  console.log(`${rows}×${cols}: elasticnet / linear median ${med(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)}); A/A median ${med(spread).toFixed(3)} (min ${Math.min(...spread).toFixed(3)}, max ${Math.max(...spread).toFixed(3)})`);
  data.dispose();
}
