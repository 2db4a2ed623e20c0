// The saddle of a tanh network at θ = 0 (issue 16): full-batch plain gradient descent sits on the plateau around it
// for well over a thousand updates; heavy-ball momentum 0.9 at the same learning rate leaves it about 7× sooner, as the
// linearisation of both iterations at the saddle predicts.
//
// Problem: a 1-1-1 tanh regressor, f(x) = v·tanh(u·x + b₁) + b₂, on x = y ∈ {−1, −½, ½, 1}, J = (1/n)·Σ ½(f(xᵢ) − yᵢ)²,
// α = 0, from u = v = ε = 10⁻⁴, b₁ = b₂ = 0. The data are odd (x ↦ −x maps the set to itself), so the biases' gradients
// vanish and they stay 0. Near 0, tanh(z) ≈ z, so J ≈ ½·mean((uv·x − x)²) and the gradient is
//   ∂J/∂u ≈ −v·σ, ∂J/∂v ≈ −u·σ,  σ = mean(x²) = (1 + ¼ + ¼ + 1)/4 = 0.625:
// a saddle whose unstable direction u = v grows by the rate σ.
//   Plain GD (η = 0.01): s ← s + ησ·s, a factor 1 + ησ = 1.00625 a step (ln: 0.006231).
//   Heavy ball (v ← βv + g, θ ← θ − ηv): s_{t+1} = (1 + β + ησ)·s_t − β·s_{t−1}; the larger root of
//   r² − 1.90625·r + 0.9 = 0 is r = (1.90625 + √(1.90625² − 3.6))/2 = (1.90625 + √0.0337890625)/2 = 1.045035 (ln: 0.04405).
// Both must grow s from 10⁻⁴ to O(1) before J moves, so the escape counts stand in the ratio ≈ 0.04405/0.006231 = 7.07
// (for ησ ≪ (1 − β)² the ratio tends to 1/(1 − β) = 10); and ln(5000)/0.006231 ≈ 1370 updates for plain GD, ≈ 195 with
// momentum (measured: 1432 and 205, the last stretch being nonlinear).
// Criterion: the plateau is left at the first update k with J(θₖ) < ½·J(θ₀) (loss[k] is J before update k).
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/index.js';
import { BACKENDS } from '../backends.js';

const X = [[-1], [-0.5], [0.5], [1]], y = [-1, -0.5, 0.5, 1];
const EPS = 1e-4;
/** Linearised escape rates (above): ln(1 + ησ) and ln r of the heavy ball's characteristic root. */
const ETA = 0.01, SIGMA = 0.625, BETA = 0.9;
const RATE_PLAIN = Math.log(1 + ETA * SIGMA);
const RATE_MOMENTUM = Math.log(((1 + BETA + ETA * SIGMA) + Math.sqrt((1 + BETA + ETA * SIGMA) ** 2 - 4 * BETA)) / 2);

function run(e: Engine, momentum: number): { loss: Float64Array; left: number } {
  const r = e.fit(e.dataset(X, y), {
    model: 'mlpRegressor', hidden: [1], activation: 'tanh', alpha: 0, lr: ETA, momentum, maxIterations: 2000, tol: 0,
    initialWeights: [EPS, 0, EPS, 0], // [W₁ (1×1) | b₁ | W₂ (1×1) | b₂]
  });
  const J0 = r.loss[0]!;
  return { loss: r.loss, left: r.loss.findIndex((j) => j < 0.5 * J0) };
}

describe.each(BACKENDS)('the tanh saddle at 0, $name', ({ create }) => {
  it('plain GD stays within 1 % of J₀ for ≥ 1000 updates and halves J after ≥ 1300; momentum 0.9 halves it in ≤ 250 (ratio 7.07 ± 15 %)', async () => {
    const e = await create();
    const plain = run(e, 0), heavy = run(e, BETA);
    // J(θ₀) = ½·mean((ε²·tanh-ish·x − x)²) = ½·σ·(1 − ε²)² + O(ε⁶) ≈ 0.3125·(1 − 2·10⁻⁸).
    expect(Math.abs(plain.loss[0]! - 0.5 * SIGMA * (1 - EPS * EPS) ** 2)).toBeLessThan(1e-15);
    expect(heavy.loss[0]).toBe(plain.loss[0]);
    // On the plateau: no plain-GD update in the first 1000 lowers J by 1 %.
    const J0 = plain.loss[0]!;
    expect(plain.loss.subarray(0, 1000).every((j) => j >= 0.99 * J0)).toBe(true);
    expect(plain.left).toBeGreaterThanOrEqual(1300);
    expect(heavy.left).toBeGreaterThan(0);
    expect(heavy.left).toBeLessThanOrEqual(250);
    // The ratio of the escape counts against the linearisation's ratio of growth rates.
    const predicted = RATE_MOMENTUM / RATE_PLAIN;
    expect(predicted).toBeCloseTo(7.07, 2);
    expect(Math.abs(plain.left / heavy.left - predicted) / predicted).toBeLessThan(0.15);
    // Both runs end far below the plateau (the 1-1-1 network fits y = x up to tanh's curvature).
    expect(plain.loss[plain.loss.length - 1]).toBeLessThan(0.01 * J0);
    expect(heavy.loss[heavy.loss.length - 1]).toBeLessThan(0.01 * J0);
  });
});
