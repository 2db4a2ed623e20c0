// The network's gradient (assembly/nn/mlp.ts, src/js/nn/mlp.ts) against central differences of its own objective,
// computed here: every activation × head, two hidden layers of odd widths (the SIMD build's 8-wide tiles, pairs and
// odd last unit), 150 rows (three blocks of C_MLP_BLOCK = 64, the last one partial), and the L2 penalty on the
// weights only (a bias's derivative has no α·b in it).
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { ACTIVATIONS, HEADS, backend, data, mlpConfig, stored, worstCentralDifference } from './helpers.js';
import { mlpSegments } from '../../src/nn/plan.js';

describe.each(BACKENDS)('network gradient, $name', ({ create }) => {
  for (const head of HEADS) {
    for (const act of ACTIVATIONS) {
      it(`${act} hidden layers, ${head} head: ∇J = central differences (h = 1e-6) to 1e-6 relative`, async () => {
        const e = await create();
        const n = 150, d = 5;
        const { X, y } = data(n, d, head);
        const b = backend(e), s = stored(e, X, y, d);
        const c = mlpConfig(n, d, y, head, [11, 6], act, { alpha: 0.01 });
        const p = Float64Array.from({ length: 5 * 11 + 11 + 11 * 6 + 6 + 6 * c.outputs + c.outputs }, (_, k) => Math.sin(1.7 * k + 0.3) * 0.6);
        const { value, gradient } = b.gradient(s, c, p);
        expect(Number.isFinite(value)).toBe(true);
        expect(worstCentralDifference((q) => b.objective(s, c, q, c.alpha), p, gradient)).toBeLessThan(1e-6);
        // The penalty is on the weights: each bias's gradient is the data term's alone.
        const c0 = { ...c, alpha: 0 };
        const g0 = b.gradient(s, c0, p).gradient;
        for (const [off, len, decayed] of mlpSegments(c.mlp!, d, c.outputs)) {
          for (let j = off; j < off + len; j++) {
            if (decayed) expect(gradient[j]! - g0[j]!).toBeCloseTo(0.01 * p[j]!, 12);
            else expect(gradient[j]).toBe(g0[j]);
          }
        }
      });
    }
  }
});
