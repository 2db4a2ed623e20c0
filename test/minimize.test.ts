/**
 * minimize() on the 2-D test functions: hand-worked first steps, divergence, and the behaviours the playground
 * shows (momentum beats plain GD on an ill-conditioned bowl and at a saddle; Himmelblau lands on a minimum).
 */
import { describe, expect, it } from 'vitest';
import { himmelblau, quadratic, saddle, testFunctions, type Point } from '../src/functions.js';
import { iterationsToReach, minimize, type MinimizeOptions } from '../src/minimize.js';
import { createEngine } from '../src/index.js';
import type { SgdOptimizer, SgdOptions } from '../src/types.js';

const q10 = quadratic(10);

/** The first `n` iterates after θ₀, as [x, y] pairs. */
function firstSteps(start: Point, options: MinimizeOptions, n: number): number[][] {
  const { points } = minimize(q10, start, { ...options, maxIterations: n, tol: 0 });
  return Array.from({ length: n }, (_, k) => [points[2 * k + 2]!, points[2 * k + 3]!]);
}

describe('hand-worked steps on ½(x² + 10y²), ∇f = (x, 10y), from (1, 1), η = 0.25', () => {
  // Every number below is a dyadic rational, so each step is exact in f64 and toEqual is the right check.
  it('plain GD (β = 0)', () => {
    // g0 = (1, 10) → θ1 = (1 − 0.25, 1 − 2.5) = (0.75, −1.5)
    // g1 = (0.75, −15) → θ2 = (0.75 − 0.1875, −1.5 + 3.75) = (0.5625, 2.25)
    expect(firstSteps([1, 1], { lr: 0.25 }, 2)).toEqual([[0.75, -1.5], [0.5625, 2.25]]);
  });

  it('momentum β = 0.5: the first step takes v = g', () => {
    // v1 = g0 = (1, 10) → θ1 = (0.75, −1.5)
    // g1 = (0.75, −15), v2 = 0.5·(1, 10) + (0.75, −15) = (1.25, −10) → θ2 = (0.75 − 0.3125, −1.5 + 2.5) = (0.4375, 1)
    expect(firstSteps([1, 1], { lr: 0.25, momentum: 0.5 }, 2)).toEqual([[0.75, -1.5], [0.4375, 1]]);
  });

  it('dampening τ = 0.5 is skipped on the first step', () => {
    // v1 = g0 = (1, 10) → θ1 = (0.75, −1.5)
    // v2 = 0.5·(1, 10) + 0.5·(0.75, −15) = (0.875, −2.5) → θ2 = (0.75 − 0.21875, −1.5 + 0.625) = (0.53125, −0.875)
    expect(firstSteps([1, 1], { lr: 0.25, momentum: 0.5, dampening: 0.5 }, 2)).toEqual([[0.75, -1.5], [0.53125, -0.875]]);
  });

  it('Nesterov: g ← g + β·v', () => {
    // v1 = (1, 10), g = (1, 10) + 0.5·(1, 10) = (1.5, 15) → θ1 = (1 − 0.375, 1 − 3.75) = (0.625, −2.75)
    // g1 = (0.625, −27.5), v2 = 0.5·(1, 10) + g1 = (1.125, −22.5), g = g1 + 0.5·v2 = (1.1875, −38.75)
    // → θ2 = (0.625 − 0.296875, −2.75 + 9.6875) = (0.328125, 6.9375)
    expect(firstSteps([1, 1], { lr: 0.25, momentum: 0.5, nesterov: true }, 2)).toEqual([[0.625, -2.75], [0.328125, 6.9375]]);
  });

  it('weight decay λ = 1 adds λ·θ to the gradient', () => {
    // g0 = (1, 10) + 1·(1, 1) = (2, 11) → θ1 = (1 − 0.5, 1 − 2.75) = (0.5, −1.75)
    expect(firstSteps([1, 1], { lr: 0.25, weightDecay: 1 }, 1)).toEqual([[0.5, -1.75]]);
  });
});

describe('stopping', () => {
  it('records θ₀ … θₖ and f at each, and stops on ‖∇f‖ < tol', () => {
    const run = minimize(q10, [1, 1], { lr: 0.1 });
    expect(run.status).toBe('converged');
    expect(run.points.length).toBe(2 * (run.iterations + 1));
    expect(run.values.length).toBe(run.iterations + 1);
    expect([run.points[0], run.points[1], run.values[0]]).toEqual([1, 1, 5.5]);
    const [x, y] = run.points.slice(-2);
    expect(Math.hypot(x!, 10 * y!)).toBeLessThan(1e-8);
    // one iteration earlier the rule had not fired yet
    const k = run.iterations - 1;
    expect(Math.hypot(run.points[2 * k]!, 10 * run.points[2 * k + 1]!)).toBeGreaterThanOrEqual(1e-8);
  });

  it('stops at maxIterations', () => {
    const run = minimize(q10, [1, 1], { lr: 0.1, maxIterations: 7 });
    expect([run.status, run.iterations, run.points.length]).toEqual(['maxIterations', 7, 16]);
  });

  it('stops at a start that is already stationary without updating', () => {
    const run = minimize(q10, [0, 0], { lr: 0.1 });
    expect([run.status, run.iterations]).toEqual(['converged', 0]);
  });

  it('reports divergence and keeps the last finite point', () => {
    // η = 1 on ½(x² + 10y²): y ← (1 − 10)·y = −9y, so f = 5y² overflows to Infinity after ~160 steps.
    const run = minimize(q10, [1, 1], { lr: 1, maxIterations: 10_000 });
    expect(run.status).toBe('diverged');
    expect(run.points.every(Number.isFinite) && run.values.every(Number.isFinite)).toBe(true);
    const [x, y] = run.points.slice(-2) as unknown as [number, number];
    expect(Math.abs(y)).toBeGreaterThan(1e150);
    // the next iterate, −9y with x = 0, has f = Infinity: that is why the run stopped here
    expect(q10.f(x - x, y - 10 * y)).toBe(Infinity);
  });

  it('rejects bad options by message, the SGD ones as engine.sgd does', () => {
    const bad = (options: unknown, start: unknown = [1, 1]) => () => minimize(q10, start as Point, options as MinimizeOptions);
    expect(bad({ lr: 0 })).toThrow(new RangeError('lr must be > 0, got 0'));
    expect(bad({})).toThrow(new TypeError('lr is required: a finite number > 0'));
    expect(bad({ lr: 0.1, momentum: 1 })).toThrow(new RangeError('momentum must be in [0, 1), got 1'));
    expect(bad({ lr: 0.1, nesterov: true })).toThrow(
      new RangeError("nesterov requires momentum > 0 and dampening = 0 (PyTorch's rule), got momentum 0, dampening 0"),
    );
    expect(bad({ lr: 0.1, maxIterations: 1.5 })).toThrow(new RangeError('maxIterations must be a positive integer ≤ 4194304 (the whole trajectory is kept), got 1.5'));
    expect(bad({ lr: 0.1, tol: -1 })).toThrow(new RangeError('tol must be a finite number >= 0, got -1'));
    expect(bad({ lr: 0.1, beta: 0.9 })).toThrow(
      new TypeError('Unknown minimize option "beta" (did you mean "momentum"?); known options: optimizer, lr, momentum, dampening, nesterov, weightDecay, betas, eps, rho, lrDecay, restart, maxIterations, tol, engine'),
    );
    expect(bad({ lr: 0.1 }, [Number.NaN, 1])).toThrow(new TypeError('start must be [x, y] with finite numbers, got [NaN, 1]'));
    expect(bad(null)).toThrow(TypeError);
  });

  it('accepts options given as undefined as their defaults', () => {
    const run = minimize(q10, [1, 1], { lr: 0.1, momentum: undefined, maxIterations: undefined, tol: undefined });
    expect(run).toEqual(minimize(q10, [1, 1], { lr: 0.1 }));
  });
});

describe('the TSDoc examples', () => {
  it('minimize', () => {
    const run = minimize(testFunctions.quadratic!, [-2.5, 1.5], { lr: 0.1, momentum: 0.9 });
    expect(run.status).toBe('converged');
    // ‖∇f‖ = ‖(x, 10y)‖ < 1e−8 at the end, so |x| and |y| are below 1e−8 too
    expect(Math.max(...Array.from(run.points.slice(-2), Math.abs))).toBeLessThan(1e-8);
  });

  it('iterationsToReach', () => {
    const run = minimize(testFunctions.himmelblau!, [0, 0], { lr: 0.01 });
    const k = iterationsToReach(run, testFunctions.himmelblau!.minima, 1e-6);
    expect(k).toBe(51);
    expect(Math.hypot(run.points[2 * k]! - 3, run.points[2 * k + 1]! - 2)).toBeLessThanOrEqual(1e-6);
    expect(Math.hypot(run.points[2 * k - 2]! - 3, run.points[2 * k - 1]! - 2)).toBeGreaterThan(1e-6);
  });

  it('quadratic', () => {
    expect(quadratic(100).grad(1, 1)).toEqual([1, 100]);
  });
});

describe('what momentum buys', () => {
  it('converges on the ill-conditioned quadratic (κ = 100) in far fewer iterations than plain GD at the same η', () => {
    // η = 0.015 < 2/κ. Plain GD contracts x by 1 − η = 0.985 per step: ln(1e8)/0.0151 ≈ 1220 steps to ‖∇f‖ < 1e−8.
    // With β = 0.9 both axes have complex eigenvalues of modulus √β ≈ 0.949: ln(1e8)/0.053 ≈ 350 steps (+ transient).
    const q100 = quadratic(100);
    const gd = minimize(q100, [1, 1], { lr: 0.015, maxIterations: 5000 });
    const mom = minimize(q100, [1, 1], { lr: 0.015, momentum: 0.9, maxIterations: 5000 });
    expect([gd.status, mom.status]).toEqual(['converged', 'converged']);
    expect(gd.iterations).toBeGreaterThan(1150);
    expect(mom.iterations).toBeLessThan(gd.iterations / 2);
  });

  it('leaves the saddle of x² − y² from its stable manifold much sooner than plain GD', () => {
    // Start (1, 1e−12), η = 0.1. Plain GD: x ← 0.8x, y ← 1.2y, so ‖θ‖ < 1e−3 from k = 31 (0.8ᵏ < 1e−3) until
    // 1e−12·1.2ᵏ > 1e−3 at k ≈ 114: about 80 iterations at the saddle. With β = 0.9 the y-axis grows as the root of
    // λ² − 2.1λ + 0.9 = 0, λ = 1.5, while x only oscillates down at rate √0.9: it escapes before x gets small.
    const opts = { lr: 0.1, maxIterations: 200, tol: 0 };
    const gd = minimize(saddle, [1, 1e-12], opts);
    const mom = minimize(saddle, [1, 1e-12], { ...opts, momentum: 0.9 });
    const nearSaddle = (run: typeof gd): number =>
      run.values.filter((_, k) => Math.hypot(run.points[2 * k]!, run.points[2 * k + 1]!) < 1e-3).length;
    const escape = (run: typeof gd): number => run.values.findIndex((_, k) => Math.abs(run.points[2 * k + 1]!) > 1);
    expect(nearSaddle(gd)).toBeGreaterThanOrEqual(70);
    expect(nearSaddle(mom)).toBe(0);
    // escape (|y| > 1): GD at 1e−12·1.2ᵏ > 1 → k = 152; momentum at roughly 1.5ᵏ > 1e12 → k ≈ 68 plus a transient
    expect(escape(gd)).toBe(152);
    expect(escape(mom)).toBeLessThan(100);
  });

  it.each([
    [[0, 0]],
    [[-1, -1]],
    [[1, -3]],
    [[-4, 4]],
    [[4, 4]],
  ] as [Point][])('lands on one of Himmelblau’s four minima from %j', (start) => {
    for (const momentum of [0, 0.9]) {
      const run = minimize(himmelblau, start, { lr: 0.01, momentum, maxIterations: 5000 });
      expect(run.status).toBe('converged');
      // ‖∇f‖ < 1e−8 and the Hessian's smallest eigenvalue at the minima is > 8, so ‖θ − θ*‖ < 1e−9 ≪ 1e−6
      expect(iterationsToReach(run, himmelblau.minima, 1e-6)).toBeGreaterThan(0);
      expect(iterationsToReach(run, himmelblau.minima, 1e-6)).toBeLessThanOrEqual(run.iterations);
    }
  });
});

describe('iterationsToReach', () => {
  it('returns the first k within the radius, or −1', () => {
    const run = { points: Float64Array.of(3, 4, 0.6, 0.8, 0, 0) }; // distances to (0, 0): 5, 1, 0
    expect(iterationsToReach(run, [[0, 0]], 1)).toBe(1);
    expect(iterationsToReach(run, [[0, 0]], 0.5)).toBe(2);
    expect(iterationsToReach(run, [[9, 9]], 1)).toBe(-1);
  });
});

/**
 * A stand-in engine whose sgd is a transcription of PyTorch's _single_tensor_sgd (torch/optim/sgd.py):
 * buf = clone(grad) on the first step, else buf.mul_(β).add_(grad, alpha = 1 − τ); grad = grad + β·buf (Nesterov)
 * or buf; param.add_(grad, alpha = −η). It records how minimize uses it.
 */
function torchStandIn() {
  const calls = { sgd: 0, steps: 0, disposed: 0 };
  const engine = {
    sgd(params: ArrayLike<number>, o: SgdOptions): SgdOptimizer {
      calls.sgd++;
      const p = Array.from(params);
      const beta = o.momentum ?? 0;
      const tau = o.dampening ?? 0;
      const wd = o.weightDecay ?? 0;
      let buf: number[] | null = null;
      return {
        get params() {
          return Float64Array.from(p);
        },
        step(gradIn: ArrayLike<number>) {
          calls.steps++;
          let grad = Array.from(gradIn);
          if (wd !== 0) grad = grad.map((g, i) => g + wd * p[i]!);
          if (beta !== 0) {
            buf = buf === null ? [...grad] : buf.map((b, i) => b * beta + grad[i]! * (1 - tau));
            const b = buf;
            grad = o.nesterov ? grad.map((g, i) => g + b[i]! * beta) : [...b];
          }
          grad.forEach((g, i) => (p[i] = p[i]! + g * -o.lr));
        },
        dispose() {
          calls.disposed++;
        },
      } as SgdOptimizer;
    },
  };
  return { engine, calls };
}

describe('with an engine', () => {
  it.each([
    { lr: 0.01 },
    { lr: 0.01, momentum: 0.9 },
    { lr: 0.01, momentum: 0.9, nesterov: true },
    { lr: 0.01, momentum: 0.8, dampening: 0.3, weightDecay: 0.01 },
    { lr: 0.05, momentum: 0.9 }, // diverges: the last step is taken but its non-finite result is not recorded
  ])('takes its update from engine.sgd and matches the built-in stepper bit for bit: %j', (options) => {
    const { engine, calls } = torchStandIn();
    const withEngine = minimize(himmelblau, [0.5, -0.5], { ...options, maxIterations: 300, engine });
    const builtIn = minimize(himmelblau, [0.5, -0.5], { ...options, maxIterations: 300 });
    const dropped = withEngine.status === 'diverged' ? 1 : 0;
    expect(calls).toEqual({ sgd: 1, steps: withEngine.iterations + dropped, disposed: 1 });
    expect(withEngine.iterations).toBeGreaterThan(0);
    expect(withEngine.status).toBe(builtIn.status);
    // toEqual on Float64Array compares with Object.is per element
    expect(withEngine.points).toEqual(builtIn.points);
  });
});

describe.each(['wasm', 'js'] as const)('with createEngine({ backend: %s })', (backend) => {
  it.each([
    { lr: 0.01, momentum: 0.9 },
    { lr: 0.01, momentum: 0.9, nesterov: true },
    { lr: 0.01, momentum: 0.8, dampening: 0.3, weightDecay: 0.01 },
  ])('gives the built-in stepper’s trajectory bit for bit: %j', async (options) => {
    const engine = await createEngine({ backend });
    expect(engine.backend).toBe(backend);
    const withEngine = minimize(himmelblau, [0.5, -0.5], { ...options, maxIterations: 300, engine });
    const builtIn = minimize(himmelblau, [0.5, -0.5], { ...options, maxIterations: 300 });
    expect(withEngine.iterations).toBe(builtIn.iterations);
    expect(withEngine.points).toEqual(builtIn.points);
  });
});

describe('Adadelta in minimize (issue 15)', () => {
  it('first steps on ½(x² + 10y²) equal the formula in PyTorch\'s order, and every engine agrees bit for bit', async () => {
    // s ← s·ρ + ((1−ρ)·g)·g; δ = (√(u + ε)/√(s + ε))·g; u ← u·ρ + ((1−ρ)·δ)·δ; θ ← θ − η·δ (torch.optim.Adadelta)
    const o: MinimizeOptions = { optimizer: 'adadelta', lr: 1, rho: 0.9, eps: 1e-6 };
    let th = [1, 1], s = [0, 0], u = [0, 0];
    const expected: number[][] = [];
    for (let k = 0; k < 3; k++) {
      const g = [th[0]!, 10 * th[1]!];
      s = s.map((v, i) => v * 0.9 + ((1 - 0.9) * g[i]!) * g[i]!);
      const delta = g.map((gi, i) => (Math.sqrt(u[i]! + 1e-6) / Math.sqrt(s[i]! + 1e-6)) * gi);
      u = u.map((v, i) => v * 0.9 + ((1 - 0.9) * delta[i]!) * delta[i]!);
      th = th.map((t, i) => t - 1 * delta[i]!);
      expected.push(th);
    }
    expect(firstSteps([1, 1], o, 3)).toEqual(expected);
    for (const backend of ['wasm', 'js'] as const) {
      const engine = await createEngine({ backend });
      const a = minimize(q10, [1, 1], { ...o, maxIterations: 200, tol: 0, engine });
      const b = minimize(q10, [1, 1], { ...o, maxIterations: 200, tol: 0 });
      expect(Array.from(a.points).every((x, i) => Object.is(x, b.points[i]))).toBe(true);
      expect(a.values[a.values.length - 1]).toBeLessThan(a.values[0]!);
    }
  });
});
