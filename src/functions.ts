/**
 * Two-dimensional test functions for optimizers, each with its exact gradient, its known minima and a drawing
 * domain. References: Rosenbrock (1960), Beale (1958), Himmelblau (1972), the Booth and Rastrigin functions as
 * listed in Surjanovic & Bingham's "Virtual Library of Simulation Experiments" (sfu.ca/~ssurjano).
 * Gradients are written out by hand (no automatic differentiation); test/functions.test.ts checks them against
 * hand-worked points and finite differences.
 */

import { exp, expm1 } from './elementary.js';
import { checkArgCount } from './options/index.js';

/** A point of the plane, `[x, y]`. */
export type Point = readonly [number, number];

/** A closed interval `[lo, hi]`. */
export type Interval = readonly [number, number];

/** A differentiable function of two variables with the facts an optimizer demo needs. */
export interface TestFunction {
  /** Identifier, also its key in {@link testFunctions}. */
  readonly name: string;
  /** One sentence: the formula and what it is good for. */
  readonly description: string;
  /**
   * f(x, y).
   * @param x first coordinate.
   * @param y second coordinate.
   */
  f(x: number, y: number): number;
  /**
   * ∇f(x, y) = [∂f/∂x, ∂f/∂y], exact (closed form).
   * @param x first coordinate.
   * @param y second coordinate.
   */
  grad(x: number, y: number): [number, number];
  /** Every global and local minimum inside {@link TestFunction.domain}; empty when f is unbounded below. */
  readonly minima: readonly Point[];
  /** f at the global minimum (0 for all the functions here that have one), or -Infinity when unbounded below. */
  readonly minValue: number;
  /** Saddle points worth showing (where ∇f = 0 and f is neither a minimum nor a maximum). */
  readonly saddles: readonly Point[];
  /** The rectangle to draw. */
  readonly domain: {
    /** The range of x. */
    readonly x: Interval;
    /** The range of y. */
    readonly y: Interval;
  };
  /** A start point that shows the function's difficulty. */
  readonly start: Point;
}

const TWO_PI = 2 * Math.PI;

/**
 * Exact arithmetic for the polynomial test functions when f64 overflows on the way (issue 19): every finite double
 * is a dyadic n·2^e, sums and products of dyadics are dyadic, so BigInt evaluates the formula exactly and rounds
 * once. Used only where the plain evaluation is not finite, so ordinary inputs keep their doubles; the result is
 * ±Infinity only where the true value is beyond ±1.8e308, and never NaN for finite inputs.
 */
interface Dyadic { n: bigint; e: number }
const F64 = new DataView(new ArrayBuffer(8));
function dy(x: number): Dyadic {
  if (x === 0) return { n: 0n, e: 0 };
  F64.setFloat64(0, x);
  const hi = F64.getUint32(0), lo = F64.getUint32(4), exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp !== 0) m |= 1n << 52n;
  return { n: hi >>> 31 ? -m : m, e: exp === 0 ? -1074 : exp - 1075 };
}
function add(a: Dyadic, b: Dyadic): Dyadic {
  if (a.e > b.e) return add(b, a);
  return { n: a.n + (b.n << BigInt(b.e - a.e)), e: a.e };
}
const mul = (a: Dyadic, b: Dyadic): Dyadic => ({ n: a.n * b.n, e: a.e + b.e });
const sub = (a: Dyadic, b: Dyadic): Dyadic => add(a, { n: -b.n, e: b.e });
/** n·2^e rounded once to the nearest double (a sticky bit keeps the rounding of a long n right). */
function toDouble(a: Dyadic): number {
  if (a.n === 0n) return 0;
  let n = a.n < 0n ? -a.n : a.n, e = a.e;
  const bits = n.toString(2).length;
  if (bits > 64) {
    const k = bits - 64, rest = n & ((1n << BigInt(k)) - 1n);
    n >>= BigInt(k);
    if (rest !== 0n) n |= 1n;
    e += k;
  }
  let v = Number(n);
  for (; e > 0 && Number.isFinite(v); e -= Math.min(e, 1000)) v *= 2 ** Math.min(e, 1000);
  for (; e < 0 && v !== 0; e += Math.min(-e, 1000)) v /= 2 ** Math.min(-e, 1000);
  return a.n < 0n ? -v : v;
}
type Exact = (x: Dyadic, y: Dyadic, c: (v: number) => Dyadic) => Dyadic[];
/** f (or ∇f) from its plain f64 form, with the exact evaluation of each component that is not finite. */
function guarded<T extends number | [number, number]>(plain: (x: number, y: number) => T, exact: Exact): (x: number, y: number) => T {
  return (x, y) => {
    const v = plain(x, y);
    if (typeof v === 'number') return (Number.isFinite(v) ? v : toDouble(exact(dy(x), dy(y), dy)[0]!)) as T;
    if (Number.isFinite(v[0]) && Number.isFinite(v[1])) return v;
    const e = exact(dy(x), dy(y), dy);
    return [Number.isFinite(v[0]) ? v[0] : toDouble(e[0]!), Number.isFinite(v[1]) ? v[1] : toDouble(e[1]!)] as T;
  };
}

/**
 * Rosenbrock's banana, a = 1, b = 100: f = (a − x)² + b·(y − x²)²; minimum f(1, 1) = 0 at the end of a long,
 * curved, flat-bottomed valley.
 * ∇f = (−2(a − x) − 4b·x·(y − x²), 2b·(y − x²)).
 */
export const rosenbrock: TestFunction = {
  name: 'rosenbrock',
  description: 'Rosenbrock: (1 − x)² + 100(y − x²)², a curved narrow valley; minimum f(1, 1) = 0.',
  f: guarded((x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, (x, y, c) => {
    const a = sub(c(1), x), r = sub(y, mul(x, x));
    return [add(mul(a, a), mul(c(100), mul(r, r)))];
  }),
  grad: guarded((x, y): [number, number] => {
    const r = y - x * x;
    return [-2 * (1 - x) - 400 * x * r, 200 * r];
  }, (x, y, c) => {
    const r = sub(y, mul(x, x));
    return [sub(mul(c(-2), sub(c(1), x)), mul(c(400), mul(x, r))), mul(c(200), r)];
  }),
  minima: [[1, 1]],
  minValue: 0,
  saddles: [],
  domain: { x: [-2, 2], y: [-1, 3] },
  start: [-1.2, 1],
};

/** Beale's three terms cᵢ − x + x·yⁱ, exactly. */
function bealeTerms(x: Dyadic, y: Dyadic, c: (v: number) => Dyadic): Dyadic[] {
  const y2 = mul(y, y), y3 = mul(y2, y);
  return [add(sub(c(1.5), x), mul(x, y)), add(sub(c(2.25), x), mul(x, y2)), add(sub(c(2.625), x), mul(x, y3))];
}

/**
 * Beale: f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²; minimum f(3, 0.5) = 0, steep walls and
 * flat arms. With tᵢ = cᵢ − x + x·yⁱ: ∂f/∂x = Σ 2tᵢ·(yⁱ − 1), ∂f/∂y = Σ 2tᵢ·i·x·yⁱ⁻¹.
 */
export const beale: TestFunction = {
  name: 'beale',
  description: 'Beale: Σᵢ (cᵢ − x + x·yⁱ)², c = (1.5, 2.25, 2.625), flat arms and steep walls; minimum f(3, 0.5) = 0.',
  f: guarded((x, y) => {
    const y2 = y * y;
    const y3 = y2 * y;
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y2) ** 2 + (2.625 - x + x * y3) ** 2;
  }, (x, y, c) => {
    const [t1, t2, t3] = bealeTerms(x, y, c);
    return [add(add(mul(t1, t1), mul(t2, t2)), mul(t3, t3))];
  }),
  grad: guarded((x, y): [number, number] => {
    const y2 = y * y;
    const y3 = y2 * y;
    const t1 = 1.5 - x + x * y;
    const t2 = 2.25 - x + x * y2;
    const t3 = 2.625 - x + x * y3;
    return [
      2 * t1 * (y - 1) + 2 * t2 * (y2 - 1) + 2 * t3 * (y3 - 1),
      2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y2,
    ];
  }, (x, y, c) => {
    const [t1, t2, t3] = bealeTerms(x, y, c);
    const y2 = mul(y, y), y3 = mul(y2, y), one = c(1), xy = mul(x, y);
    return [
      mul(c(2), add(add(mul(t1, sub(y, one)), mul(t2, sub(y2, one))), mul(t3, sub(y3, one)))),
      add(add(mul(c(2), mul(t1, x)), mul(c(4), mul(t2, xy))), mul(c(6), mul(t3, mul(xy, y)))),
    ];
  }),
  minima: [[3, 0.5]],
  minValue: 0,
  saddles: [],
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  start: [1, 1.5],
};

/**
 * Himmelblau: f = (x² + y − 11)² + (x + y² − 7)²; four minima, all with f = 0.
 * ∇f = (4x(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) + 4y(x + y² − 7)).
 * The three irrational minima are roots of ∇f = 0 refined by Newton's method in f64 (Wikipedia lists them to six
 * decimals: (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126)).
 */
export const himmelblau: TestFunction = {
  name: 'himmelblau',
  description: 'Himmelblau: (x² + y − 11)² + (x + y² − 7)², four minima with f = 0; where you land depends on where you start.',
  f: guarded((x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2, (x, y, c) => {
    const a = sub(add(mul(x, x), y), c(11)), b = sub(add(x, mul(y, y)), c(7));
    return [add(mul(a, a), mul(b, b))];
  }),
  grad: guarded((x, y): [number, number] => {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    return [4 * x * a + 2 * b, 2 * a + 4 * y * b];
  }, (x, y, c) => {
    const a = sub(add(mul(x, x), y), c(11)), b = sub(add(x, mul(y, y)), c(7));
    return [add(mul(c(4), mul(x, a)), mul(c(2), b)), add(mul(c(2), a), mul(c(4), mul(y, b)))];
  }),
  minima: [
    [3, 2],
    [-2.805118086952745, 3.131312518250573],
    [-3.779310253377747, -3.283185991286169],
    [3.5844283403304917, -1.8481265269644036],
  ],
  minValue: 0,
  saddles: [],
  domain: { x: [-5, 5], y: [-5, 5] },
  start: [-0.3, -0.9],
};

/**
 * Booth: f = (x + 2y − 7)² + (2x + y − 5)², a convex quadratic with Hessian [[10, 8], [8, 10]]
 * (eigenvalues 18 and 2, condition number 9); minimum f(1, 3) = 0.
 * ∇f = (2(x + 2y − 7) + 4(2x + y − 5), 4(x + 2y − 7) + 2(2x + y − 5)).
 */
export const booth: TestFunction = {
  name: 'booth',
  description: 'Booth: (x + 2y − 7)² + (2x + y − 5)², a tilted convex bowl (condition number 9); minimum f(1, 3) = 0.',
  f: guarded((x, y) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2, (x, y, c) => {
    const a = sub(add(x, mul(c(2), y)), c(7)), b = sub(add(mul(c(2), x), y), c(5));
    return [add(mul(a, a), mul(b, b))];
  }),
  grad: guarded((x, y): [number, number] => {
    const a = x + 2 * y - 7;
    const b = 2 * x + y - 5;
    return [2 * a + 4 * b, 4 * a + 2 * b];
  }, (x, y, c) => {
    const a = sub(add(x, mul(c(2), y)), c(7)), b = sub(add(mul(c(2), x), y), c(5));
    return [add(mul(c(2), a), mul(c(4), b)), add(mul(c(4), a), mul(c(2), b))];
  }),
  minima: [[1, 3]],
  minValue: 0,
  saddles: [],
  domain: { x: [-10, 10], y: [-10, 10] },
  start: [-8, -6],
};

/**
 * The saddle f = x² − y²: ∇f = (2x, −2y). Gradient descent started on the stable manifold y = 0 walks into the
 * saddle at (0, 0) and only a perturbation, grown by (1 + 2η) per step, lets it out; momentum leaves faster.
 * Unbounded below, so it has no minimum.
 */
export const saddle: TestFunction = {
  name: 'saddle',
  description: 'Saddle: x² − y², unbounded below; started near y = 0, plain GD lingers at the saddle (0, 0).',
  f: guarded((x, y) => x * x - y * y, (x, y) => [sub(mul(x, x), mul(y, y))]),
  grad: (x, y) => [2 * x, -2 * y],
  minima: [],
  minValue: -Infinity,
  saddles: [[0, 0]],
  domain: { x: [-2, 2], y: [-2, 2] },
  start: [1.5, 1e-3],
};

/**
 * The monkey saddle f = x³ − 3xy²: ∇f = (3x² − 3y², −6xy). Its Hessian vanishes at (0, 0), so near the saddle
 * the gradient is quadratic in the distance and plain GD slows to a crawl. Unbounded below.
 */
export const monkeySaddle: TestFunction = {
  name: 'monkeySaddle',
  description: 'Monkey saddle: x³ − 3xy², a degenerate saddle with three valleys; the gradient vanishes quadratically at (0, 0).',
  f: guarded((x, y) => x * x * x - 3 * x * y * y, (x, y, c) => [sub(mul(mul(x, x), x), mul(c(3), mul(x, mul(y, y))))]),
  grad: guarded((x, y): [number, number] => [3 * x * x - 3 * y * y, -6 * x * y],
    (x, y, c) => [mul(c(3), sub(mul(x, x), mul(y, y))), mul(c(-6), mul(x, y))]),
  minima: [],
  minValue: -Infinity,
  saddles: [[0, 0]],
  domain: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
  // nearly on the ridge y = 0, where x ← x − 3η·x² crawls into the saddle and y grows only polynomially
  start: [1.2, 1e-4],
};

/**
 * cos 2πx and sin 2πx; from |x| = 2⁵² on every double is an integer, so they are exactly 1 and 0 (2πx itself would
 * lose the period, and overflow to cos ∞ = NaN beyond 2.9e307).
 */
const cos2pi = (x: number) => (Math.abs(x) >= 2 ** 52 ? 1 : Math.cos(TWO_PI * x));
const sin2pi = (x: number) => (Math.abs(x) >= 2 ** 52 ? 0 : Math.sin(TWO_PI * x));

/**
 * Rastrigin, A = 10, in two dimensions: f = 2A + Σ (xᵢ² − A·cos(2π·xᵢ)); a lattice of local minima near the
 * integer points, global minimum f(0, 0) = 0. ∂f/∂xᵢ = 2xᵢ + 2πA·sin(2π·xᵢ).
 * Only the global minimum is listed in `minima`: the local ones have no closed form.
 */
export const rastrigin: TestFunction = {
  name: 'rastrigin',
  description: 'Rastrigin: 20 + Σ (xᵢ² − 10·cos 2πxᵢ), a lattice of local minima; global minimum f(0, 0) = 0.',
  f: (x, y) => 20 + (x * x - 10 * cos2pi(x)) + (y * y - 10 * cos2pi(y)),
  grad: (x, y) => [2 * x + 20 * Math.PI * sin2pi(x), 2 * y + 20 * Math.PI * sin2pi(y)],
  minima: [[0, 0]],
  minValue: 0,
  saddles: [],
  domain: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
  start: [2.2, 1.8],
};

/**
 * The ill-conditioned quadratic f = ½(x² + κ·y²), ∇f = (x, κ·y), Hessian diag(1, κ): plain GD must take
 * η < 2/κ and then crawls along x at rate (1 − η) per step; momentum shortens the crawl to about √κ times fewer
 * steps. Minimum f(0, 0) = 0.
 * @param kappa condition number κ ≥ 1 (the curvature ratio of the two axes).
 * @param name identifier; defaults to `quadratic(κ=<kappa>)`.
 * @throws RangeError when κ is not a finite number ≥ 1.
 * @example
 * const q = quadratic(100);
 * q.grad(1, 1); // [1, 100]
 */
export function quadratic(kappa: number, name = `quadratic(κ=${kappa})`): TestFunction {
  checkArgCount('quadratic', ['kappa', 'name'], arguments);
  if (!(Number.isFinite(kappa) && kappa >= 1)) {
    throw new RangeError(`quadratic: kappa must be a finite number >= 1, got ${kappa}`);
  }
  return twoArgs({
    name,
    description: `Quadratic ½(x² + ${kappa}·y²): a long narrow bowl (condition number ${kappa}); minimum f(0, 0) = 0.`,
    f: (x, y) => 0.5 * (x * x + kappa * y * y),
    grad: (x, y) => [x, kappa * y],
    minima: [[0, 0]],
    minValue: 0,
    saddles: [],
    domain: { x: [-3, 3], y: [-2, 2] },
    start: [-2.5, 1.5],
  });
}

/** {@link quadratic} with κ = 10, named `quadratic`. */
export const quadratic10: TestFunction = quadratic(10, 'quadratic');

/** Slope of the shallow bowl that keeps {@link plateau} from being exactly flat. */
const PLATEAU_TILT = 0.01;

/**
 * A plateau with a distant well: f = 1 − exp(−r²/2) + ε·r²/2, r² = x² + y², ε = 0.01; minimum f(0, 0) = 0.
 * ∇f = (exp(−r²/2) + ε)·(x, y). Beyond r ≈ 3 the Gaussian well is invisible and the slope is only ε·r, so
 * plain GD creeps across at (1 − η·ε) per step while momentum builds up to 1/(1 − β) times that speed.
 * 1 − exp(−s) is computed as −expm1(−s) so that f stays exact near the minimum.
 */
export const plateau: TestFunction = {
  name: 'plateau',
  description: 'Plateau: 1 − exp(−r²/2) + 0.01·r²/2, a nearly flat shelf around a narrow well; minimum f(0, 0) = 0.',
  f: (x, y) => {
    const r2 = x * x + y * y;
    return -expm1(-0.5 * r2) + 0.5 * PLATEAU_TILT * r2;
  },
  grad: (x, y) => {
    const s = exp(-0.5 * (x * x + y * y)) + PLATEAU_TILT;
    return [s * x, s * y];
  },
  minima: [[0, 0]],
  minValue: 0,
  saddles: [],
  domain: { x: [-6, 6], y: [-6, 6] },
  start: [-5, 4],
};

/**
 * Makes `f` and `grad` refuse arguments beyond (x, y), as every public function does (a third argument is a
 * mistake, never silently ignored). Returns the same object.
 */
function twoArgs(tf: TestFunction): TestFunction {
  const { f, grad } = tf;
  tf.f = function (x: number, y: number): number {
    if (arguments.length > 2) checkArgCount(`${tf.name}.f`, ['x', 'y'], arguments);
    return f(x, y);
  };
  tf.grad = function (x: number, y: number): [number, number] {
    if (arguments.length > 2) checkArgCount(`${tf.name}.grad`, ['x', 'y'], arguments);
    return grad(x, y);
  };
  return tf;
}
[rosenbrock, beale, himmelblau, booth, saddle, monkeySaddle, rastrigin, plateau].forEach(twoArgs);

/** Every test function by name, in the order the playground lists them. */
export const testFunctions: Readonly<Record<string, TestFunction>> = Object.freeze({
  rosenbrock,
  beale,
  himmelblau,
  booth,
  saddle,
  monkeySaddle,
  rastrigin,
  quadratic: quadratic10,
  plateau,
});
