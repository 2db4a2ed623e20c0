/**
 * The loop a user would write without thinking about speed: `number[][]` rows, a residual pass, then a gradient
 * pass, then the momentum update. It is the "why use a library at all" baseline.
 */
import type { Problem } from '../problem.js';
import type { Contender, Params, PreparedFit } from './types.js';

/** Naive JS over arrays of arrays. */
export const naiveJs: Contender = {
  id: 'naive-js',
  label: 'naive JS (number[][], two passes)',
  precision: 'f64',
  prepare(p: Problem): PreparedFit {
    const n = p.rows;
    const d = p.cols;
    const X: number[][] = [];
    for (let i = 0; i < n; i++) X.push(Array.from(p.x.subarray(i * d, (i + 1) * d)));
    const y: number[] = Array.from(p.y);
    const { lr, momentum, iterations } = p;
    return {
      run(): Params {
        const w: number[] = new Array(d).fill(0);
        const vw: number[] = new Array(d).fill(0);
        let b = 0;
        let vb = 0;
        const r: number[] = new Array(n).fill(0);
        for (let k = 0; k < iterations; k++) {
          for (let i = 0; i < n; i++) {
            const row = X[i]!;
            let pred = b;
            for (let j = 0; j < d; j++) pred += row[j]! * w[j]!;
            r[i] = pred - y[i]!;
          }
          const g: number[] = new Array(d).fill(0);
          let gb = 0;
          for (let i = 0; i < n; i++) {
            const row = X[i]!;
            for (let j = 0; j < d; j++) g[j] += r[i]! * row[j]!;
            gb += r[i]!;
          }
          for (let j = 0; j < d; j++) {
            const gj = g[j]! / n;
            vw[j] = k === 0 ? gj : momentum * vw[j]! + gj;
            w[j] = w[j]! - lr * vw[j]!;
          }
          gb /= n;
          vb = k === 0 ? gb : momentum * vb + gb;
          b -= lr * vb;
        }
        return { weights: w, intercept: b };
      },
      dispose(): void {
        X.length = 0;
      },
    };
  },
};
