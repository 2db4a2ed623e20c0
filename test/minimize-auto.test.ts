/**
 * minimize() with `lr: 'auto'`, `momentum: 'auto'` and `restart` (issue 18) on the 2-D test functions: hand-worked
 * restarts where the objective rises, the schedule β = k/(k + 3), the curvature estimate against the Hessian's exact
 * eigenvalues, Armijo's condition on every accepted step (computed here), never diverging, the same doubles on every
 * backend; and the per-step API refusing 'auto'.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { booth, quadratic, saddle, testFunctions, type Point, type TestFunction } from '../src/functions.js';
import { minimize, type MinimizeOptions, type MinimizeResult } from '../src/minimize.js';
import { createEngine } from '../src/index.js';

const q10 = quadratic(10);

/** The iterates θ₁ … θₙ as [x, y] pairs. */
function pairs(run: MinimizeResult): number[][] {
  return Array.from({ length: run.iterations }, (_, k) => [run.points[2 * k + 2]!, run.points[2 * k + 3]!]);
}

describe('restart: hand-worked on ½(x² + 10y²), ∇f = (x, 10y), from (1, 1), η = 0.125, β = 0.5', () => {
  // Every number is dyadic, so each step is exact in f64 and toEqual is the right check. f(1, 1) = 5.5, g0 = (1, 10).
  // Step 1 (v = g0): θ1 = (0.875, −0.25), f1 = ½(0.765625 + 0.625) = 0.6953125 (down), g1 = (0.875, −2.5).
  const base: MinimizeOptions = { lr: 0.125, momentum: 0.5, maxIterations: 3, tol: 0 };

  it("'none': plain heavy ball (the reference the restarts depart from)", () => {
    // v2 = 0.5·(1, 10) + (0.875, −2.5) = (1.375, 2.5) → θ2 = (0.703125, −0.5625)
    // g2 = (0.703125, −5.625), v3 = 0.5·(1.375, 2.5) + g2 = (1.390625, −4.375) → θ3 = (0.529296875, −0.015625)
    const run = minimize(q10, [1, 1], { ...base, restart: 'none' });
    expect(pairs(run)).toEqual([[0.875, -0.25], [0.703125, -0.5625], [0.529296875, -0.015625]]);
    expect(run.auto).toBeNull(); // restart 'none' with numeric lr and momentum asks for nothing automatic
  });

  it("'function': f rises at θ2 (0.6953125 → 1.8292236328125), so the velocity restarts there", () => {
    // f2 = ½(0.494384765625 + 10·0.31640625) = 1.8292236328125 > f1 → restart: v3 = g2 = (0.703125, −5.625)
    // → θ3 = (0.703125 − 0.087890625, −0.5625 + 0.703125) = (0.615234375, 0.140625), f3 = 0.28813… < f2: kept.
    const run = minimize(q10, [1, 1], { ...base, restart: 'function' });
    expect(pairs(run)).toEqual([[0.875, -0.25], [0.703125, -0.5625], [0.615234375, 0.140625]]);
    expect(run.values[2]).toBe(1.8292236328125); // the rise is recorded: restart resets the velocity, not θ
    expect(run.auto).toMatchObject({ restart: 'function', restarts: 1, backtracks: 0, momentum: 0.5, lr: 0.125, finalLr: 0.125 });
  });

  it("'gradient': ∇f(θₖ₊₁)·(θₖ₊₁ − θₖ) > 0 already at θ1 and θ2", () => {
    // at θ1: (0.875, −2.5)·(−0.125, −1.25) = −0.109375 + 3.125 > 0 → restart: v2 = g1 → θ2 = (0.765625, 0.0625)
    // at θ2: g2 = (0.765625, 0.625), Δ = (−0.109375, 0.3125): −0.08374… + 0.1953125 > 0 → restart: v3 = g2
    // → θ3 = (0.765625 − 0.095703125, 0.0625 − 0.078125) = (0.669921875, −0.015625)
    // at θ3: g3 = (0.669921875, −0.15625), Δ = (−0.095703125, −0.078125): −0.06411… + 0.01220… < 0 → kept
    const run = minimize(q10, [1, 1], { ...base, restart: 'gradient' });
    expect(pairs(run)).toEqual([[0.875, -0.25], [0.765625, 0.0625], [0.669921875, -0.015625]]);
    expect(run.auto!.restarts).toBe(2);
  });

  it('Nesterov with a restart takes v ← g and g + β·v on the fresh step', () => {
    // step 1: v = g0 = (1, 10), g + 0.5·v = (1.5, 15) → θ1 = (0.8125, −0.875); f1 = ½(0.66015625 + 7.65625) > f0? no:
    // f0 = 5.5, f1 = 4.158203125 (down). g1 = (0.8125, −8.75), v2 = 0.5·(1, 10) + g1 = (1.3125, −3.75),
    // g + 0.5·v2 = (1.46875, −10.625) → θ2 = (0.8125 − 0.18359375, −0.875 + 1.328125) = (0.62890625, 0.453125)
    // f2 = ½(0.3955230712890625 + 2.0532226562500) = 1.22437… (down): no restart. θ3 from v3 = 0.5·v2 + g2,
    // g2 = (0.62890625, 4.53125), v3 = (1.28515625, 2.65625), g + 0.5·v3 = (1.271484375, 5.859375)
    // → θ3 = (0.62890625 − 0.158935546875, 0.453125 − 0.732421875) = (0.469970703125, −0.279296875)
    const run = minimize(q10, [1, 1], { ...base, nesterov: true, restart: 'function' });
    expect(pairs(run)).toEqual([[0.8125, -0.875], [0.62890625, 0.453125], [0.469970703125, -0.279296875]]);
    expect(run.auto!.restarts).toBe(0);
  });
});

describe("momentum: 'auto' is β = k/(k + 3) since the start or the last restart", () => {
  it('β = 1/4, then 2/5 (heavy ball, PyTorch order v ← β·v + g; θ ← θ − η·v)', () => {
    const run = minimize(q10, [1, 1], { lr: 0.125, momentum: 'auto', restart: 'none', maxIterations: 2, tol: 0 });
    // step 1: v1 = g0 = (1, 10) (the first step takes v = g whatever β) → θ1 = (0.875, −0.25)
    const v2 = [(2 / 5) * 1 + 0.875, (2 / 5) * 10 + -2.5]; // g1 = (0.875, −2.5)
    expect(pairs(run)).toEqual([[0.875, -0.25], [0.875 - 0.125 * v2[0]!, -0.25 - 0.125 * v2[1]!]]);
    expect(run.auto).toMatchObject({ momentum: 'schedule', restart: 'none', lr: 0.125 });
  });

  it("restart defaults to 'function' with momentum 'auto', and k starts again after it", () => {
    // η = 0.125: step 1 θ1 = (0.875, −0.25) (down); step 2 with β = 2/5: v2 = (1.275, 1.5), θ2 = (0.715625, −0.4375),
    // f2 = ½(0.51211… + 1.9140625) = 1.2130… > f1 = 0.6953125 → restart; step 3 is fresh: θ3 = θ2 − η·g2.
    const run = minimize(q10, [1, 1], { lr: 0.125, momentum: 'auto', maxIterations: 3, tol: 0 });
    const [x2, y2] = [0.875 - 0.125 * ((2 / 5) * 1 + 0.875), -0.25 - 0.125 * ((2 / 5) * 10 + -2.5)];
    expect(run.values[2]).toBeGreaterThan(run.values[1]!);
    expect(pairs(run)[2]).toEqual([x2 - 0.125 * x2, y2 - 0.125 * (10 * y2)]);
    expect(run.auto).toMatchObject({ restart: 'function', restarts: 1 });
  });
});

describe("lr: 'auto': the curvature at θ₀", () => {
  it.each([
    // ∇²f exactly: quadratic(κ) diag(1, κ); Booth [[10, 8], [8, 10]] (eigenvalues 18, 2); the saddle diag(2, −2),
    // indefinite: its Rayleigh quotients cancel, ‖H·v‖ does not
    ['quadratic(100)', quadratic(100), [-2.5, 1.5] as Point, 100],
    ['booth', booth, booth.start, 18],
    ['saddle', saddle, [1.5, 0.5] as Point, 2],
  ])('%s: ‖H·v‖ → the largest |eigenvalue|, L̂ = 1.05·that, η₀ = 1/L̂, θ₁ = θ₀ − η₀·∇f(θ₀)', (_name, fn, start, lambda) => {
    const run = minimize(fn, start, { lr: 'auto', maxIterations: 1, tol: 0 });
    const a = run.auto!;
    // forward differences of a linear gradient: only rounding, ~ε·|∇f|/h with h = 2⁻²⁶·max(1, |θ|): 1e−6 is ample
    expect(Math.abs(a.curvature - lambda) / lambda).toBeLessThan(1e-6);
    expect(a.lipschitz).toBe(1.05 * a.curvature);
    expect(a.lr).toBe(1 / a.lipschitz);
    expect(a.hessianEvaluations).toBeLessThanOrEqual(20);
    const g = fn.grad(start[0], start[1]);
    expect(pairs(run)[0]).toEqual([start[0] - a.lr * g[0], start[1] - a.lr * g[1]]);
  });
});

describe("lr: 'auto': Armijo backtracking, hand-worked", () => {
  // f = q(x), q(x) = 0.005·x² for x ≥ 0.5 and 0.00125 + 0.005·(x − 0.5) + 50·(x − 0.5)² below (C¹ at 0.5: value
  // 0.00125, slope 0.005), and no y-term: at θ₀ = (1, 0), ∇f = (0.01, 0) and ∇²f = diag(0.01, 0), which cannot see
  // the wall (curvature 100) that the theory's step 1/L̂ runs into.
  const wall = {
    f: (x: number, y: number) => 0 * y + (x >= 0.5 ? 0.005 * x * x : 0.00125 + 0.005 * (x - 0.5) + 50 * (x - 0.5) ** 2),
    grad: (x: number, _y: number): [number, number] => [x >= 0.5 ? 0.01 * x : 0.005 + 100 * (x - 0.5), 0],
  };

  it('a fresh step that fails the test is undone and η halves; the halved step is accepted', () => {
    const run = minimize(wall, [1, 0], { lr: 'auto', maxIterations: 2, tol: 0 });
    const a = run.auto!;
    // power iteration on diag(0.01, 0): ‖H·v‖ → 0.01; L̂ = 0.0105, η₀ = 1/L̂ ≈ 95.2
    expect(Math.abs(a.curvature - 0.01) / 0.01).toBeLessThan(1e-6);
    // step 1: x = 1 − η₀·0.01 ≈ 0.048, beyond the wall: q ≈ 10.2 > q(1) = 0.005 → rejected, θ₁ recorded as θ₀
    expect(pairs(run)[0]).toEqual([1, 0]);
    expect(run.values[1]).toBe(run.values[0]);
    // step 2 from θ₀ with η = η₀/2 (exact): x = 1 − (η₀/2)·0.01 ≈ 0.524 ≥ 0.5, q ≈ 0.00137 < 0.005: accepted
    expect(pairs(run)[1]).toEqual([1 - (a.lr * 0.5) * 0.01, 0]);
    expect(run.values[2]).toBeLessThan(run.values[0]!);
    expect([a.backtracks, a.restarts]).toEqual([1, 0]);
  });
});

const VARIANTS: MinimizeOptions[] = [
  { lr: 'auto' },
  { lr: 'auto', momentum: 'auto' },
  { lr: 'auto', momentum: 'auto', nesterov: true },
  { lr: 'auto', momentum: 0.9, restart: 'gradient' },
];

/** Start points on a 4 × 4 grid inside the function's domain. */
function grid(fn: TestFunction): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      out.push([
        fn.domain.x[0] + ((i + 0.5) / 4) * (fn.domain.x[1] - fn.domain.x[0]),
        fn.domain.y[0] + ((j + 0.5) / 4) * (fn.domain.y[1] - fn.domain.y[0]),
      ]);
    }
  }
  return out;
}

describe("lr: 'auto' never diverges on the test functions, and every step satisfies Armijo's condition", () => {
  it.each(Object.values(testFunctions).map((fn) => [fn.name, fn] as const))('%s, 16 starts × 4 variants', (_name, fn) => {
    for (const start of [fn.start, ...grid(fn)]) {
      for (const options of VARIANTS) {
        const run = minimize(fn, start, { ...options, maxIterations: 1500 });
        expect(run.status).not.toBe('diverged');
        expect(run.points.every(Number.isFinite) && run.values.every(Number.isFinite)).toBe(true);
        // Armijo, computed here from fn: f(θₖ₊₁) ≤ f(θₖ) + 10⁻⁴·∇f(θₖ)·(θₖ₊₁ − θₖ) for every step that moved θ; a
        // rejected step records θₖ again
        for (let k = 0; k < run.iterations; k++) {
          const [x0, y0, x1, y1] = run.points.subarray(2 * k, 2 * k + 4) as unknown as number[];
          const g = fn.grad(x0!, y0!);
          const bound = fn.f(x0!, y0!) + 1e-4 * Math.min(g[0] * (x1! - x0!) + g[1] * (y1! - y0!), 0);
          if (!(run.values[k + 1]! <= bound)) throw new Error(`${fn.name} ${JSON.stringify(options)} from ${start}: step ${k} broke Armijo`);
        }
      }
    }
  });

  it.each(['rosenbrock', 'beale', 'himmelblau', 'booth', 'rastrigin', 'quadratic', 'plateau'])(
    '%s: converges from the playground start in fewer iterations than its hand-tuned preset momentum',
    (name) => {
      const fn = testFunctions[name]!;
      const tuned = minimize(fn, fn.start, { lr: { rosenbrock: 1e-3, beale: 1e-3, himmelblau: 5e-3, booth: 1e-2, rastrigin: 2e-3, quadratic: 2e-2, plateau: 0.3 }[name]!, momentum: 0.9, maxIterations: 3000 });
      const auto = minimize(fn, fn.start, { lr: 'auto', momentum: 'auto', maxIterations: 3000 });
      expect(auto.status).toBe('converged');
      expect(auto.iterations).toBeLessThan(tuned.iterations);
    },
  );

  it('backtracks where the curvature at θ₀ underestimates the valley (Rosenbrock, Beale), and f never rises', () => {
    for (const fn of [testFunctions.rosenbrock!, testFunctions.beale!]) {
      const run = minimize(fn, fn.start, { lr: 'auto', maxIterations: 3000 });
      expect(run.auto!.backtracks).toBeGreaterThan(0);
      for (let k = 1; k < run.values.length; k++) expect(run.values[k]).toBeLessThanOrEqual(run.values[k - 1]!);
    }
  });

  it('on a function unbounded below (the saddles), runs to the edge of f64 and stays there, finite', () => {
    const run = minimize(saddle, saddle.start, { lr: 'auto', momentum: 'auto', maxIterations: 600 });
    expect(run.status).toBe('maxIterations');
    expect(run.values.at(-1)).toBeLessThan(-1e307);
    expect(Number.isFinite(run.values.at(-1))).toBe(true);
  });
});

describe.each(BACKENDS)("'auto' on the engine's per-step optimizer [$name]: the JS default's doubles", ({ create }) => {
  it.each(['rosenbrock', 'beale', 'himmelblau', 'plateau', 'quadratic'])('%s', async (name) => {
    const engine = await create();
    const fn = testFunctions[name]!;
    for (const options of VARIANTS) {
      const expected = minimize(fn, fn.start, { ...options, maxIterations: 800 });
      const got = minimize(fn, fn.start, { ...options, maxIterations: 800, engine });
      expect(got.points.length).toBe(expected.points.length);
      expect(Array.from(got.points).every((v, i) => Object.is(v, expected.points[i]))).toBe(true);
      expect(got.auto).toEqual(expected.auto);
    }
  });
});

describe('errors', () => {
  const bad: [string, MinimizeOptions, ErrorConstructor, string][] = [
    ['adam', { optimizer: 'adam', lr: 'auto' }, RangeError, "lr: 'auto' applies to optimizer 'sgd' (a step and momentum from L and μ), not 'adam'"],
    ['misspelt', { lr: 'Auto' as never }, RangeError, `lr must be a finite number > 0 or 'auto', got "Auto" (string) (did you mean 'auto'?)`],
    ['weightDecay', { lr: 'auto', weightDecay: 0.1 }, RangeError, "weightDecay must be 0 with lr/momentum 'auto' or restart in minimize (each step is judged by f, which the decay λ·θ is not part of), got 0.1; add (λ/2)·‖θ‖² to f instead"],
    ['dampening', { lr: 0.1, momentum: 'auto', dampening: 0.5 }, RangeError, "momentum: 'auto' requires dampening 0, got 0.5"],
    ['restart without momentum', { lr: 0.1, restart: 'function' }, RangeError, "restart: 'function' resets the velocity: it needs momentum > 0 or momentum: 'auto'"],
    ['restart misspelt', { lr: 0.1, momentum: 0.9, restart: 'Gradient' as never }, RangeError, `restart must be 'function', 'gradient' or 'none', got "Gradient" (string) (did you mean 'gradient'?)`],
  ];
  it.each(bad)('%s', (_label, options, ErrorClass, message) => {
    expect(() => minimize(q10, [1, 1], options)).toThrow(new ErrorClass(message));
  });

  it("the per-step API refuses 'auto' and restart, naming the option and where they work", async () => {
    const engine = await createEngine({ backend: 'js' });
    expect(() => engine.optimizer([1, 2], { lr: 'auto' as never })).toThrow(new RangeError(
      "lr: 'auto' needs the objective (L is estimated from it and each step judged by it), which engine.optimizer never sees " +
      "(it is given gradients only): use minimize(fn, start, { lr: 'auto' }) for a function of two variables or engine.fit " +
      'for a model, or give a number (η = 1/L for an L-smooth objective)',
    ));
    expect(() => engine.sgd([1, 2], { lr: 0.1, momentum: 'auto' as never })).toThrow(/^momentum: 'auto' needs the objective .* which engine\.sgd never sees/);
    expect(() => engine.optimizer([1, 2], { lr: 0.1, momentum: 0.9, restart: 'function' } as never)).toThrow(
      /^Unknown optimizer option "restart": restart compares objective values, which a per-step optimizer never sees/,
    );
  });
});
