// Independent f64 references for the classification and ridge optima, written here and nowhere else (no import
// from src/): a Cholesky factorisation, damped Newton for L2-penalised logistic and softmax regression, and the
// ridge normal equations. The contract tests compare what gradient descent converges to against these.
//
// Objectives (means over rows, intercepts never penalised), the same as the library's models:
//   logistic  J(w, b) = (1/n)·Σ[log(1 + exp(zᵢ)) − yᵢ·zᵢ] + (α/2)‖w‖²,         zᵢ = xᵢ·w + b, yᵢ ∈ {0, 1}
//   softmax   J(W, b) = (1/n)·Σ[logsumexp(zᵢ) − zᵢ,yᵢ] + (α/2)‖W‖²_F,       zᵢ,ₖ = xᵢ·Wₖ + bₖ, yᵢ ∈ {0, …, K−1}
//   ridge     J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)² + (α/2)‖w‖²
// Parameters are flat θ = [weights…, intercepts…]; softmax weights are row-major K×d (class k at k·d … k·d+d−1),
// the library's layout.

/** A solution: weights, intercepts, Newton iterations used and the largest gradient component at the end. */
export interface Optimum {
  weights: number[];
  intercepts: number[];
  iterations: number;
  gradMax: number;
}

/**
 * Solves M·x = r for symmetric positive-definite M by Cholesky (M = L·Lᵀ, then two triangular solves). M and r
 * are not modified. Throws if M is not numerically positive definite (a pivot ≤ 0).
 */
export function choleskySolve(M: number[][], r: number[]): number[] {
  const p = r.length;
  const L = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let s = M[j]![j]!;
    for (let k = 0; k < j; k++) s -= L[j]![k]! * L[j]![k]!;
    if (!(s > 0)) throw new Error(`choleskySolve: matrix not positive definite at pivot ${j} (${s})`);
    const ljj = Math.sqrt(s);
    L[j]![j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let t = M[i]![j]!;
      for (let k = 0; k < j; k++) t -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = t / ljj;
    }
  }
  const z = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    let s = r[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/** log(1 + eᶻ) without overflow or loss of the small tail: max(z, 0) + log1p(e^−|z|). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** σ(z) = 1/(1 + e^−z), evaluated on the side where the exponential cannot overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The objective, its gradient and Hessian at θ, for a generic smooth problem. */
interface Problem {
  p: number;
  value(theta: number[]): number;
  /** Gradient and Hessian at θ. */
  derivatives(theta: number[]): { g: number[]; H: number[][] };
  /** Solves the Newton system H·Δ = g (a problem may regularise a known null space there). */
  solve(H: number[][], g: number[]): number[];
}

const maxAbs = (v: number[]) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/**
 * Damped Newton: Δ = H⁻¹g, then the largest t ∈ {1, ½, ¼, …} with J(θ − tΔ) ≤ J(θ) − 10⁻⁴·t·gᵀΔ (Armijo).
 * Near the optimum the decrease of J falls below its rounding (J changes by ~‖g‖², g ~ 1e-9 → 1e-18 < ε·J), so
 * a full step is also accepted when it shrinks the gradient; the quadratic convergence of Newton's method then
 * takes ‖g‖∞ to rounding level (~1e-16) in one or two more steps. Stops when no step improves J or ‖g‖∞, or
 * when the step is below the rounding of θ.
 */
function newton(problem: Problem, maxIterations = 100): { theta: number[]; iterations: number; gradMax: number } {
  let theta = new Array<number>(problem.p).fill(0);
  let { g, H } = problem.derivatives(theta);
  let J = problem.value(theta);
  let gmax = maxAbs(g);
  let it = 0;
  for (; it < maxIterations && gmax > 0; it++) {
    const delta = problem.solve(H, g);
    const slope = g.reduce((s, gi, i) => s + gi * delta[i]!, 0); // gᵀΔ > 0 for positive-definite H
    let accepted = false;
    for (let t = 1; t > 1e-10; t /= 2) {
      const next = theta.map((v, i) => v - t * delta[i]!);
      const Jn = problem.value(next);
      const d = problem.derivatives(next);
      const gn = maxAbs(d.g);
      if ((Jn < J && Jn <= J - 1e-4 * t * slope) || (t === 1 && gn < gmax)) {
        theta = next;
        J = Jn;
        g = d.g;
        H = d.H;
        gmax = gn;
        accepted = true;
        break;
      }
    }
    if (!accepted) break; // at rounding level: no step of any length improves J or ‖g‖
    // A step below the rounding of θ changes nothing more.
    if (maxAbs(delta) <= 4 * Number.EPSILON * (1 + maxAbs(theta))) { it++; break; }
  }
  return { theta, iterations: it, gradMax: gmax };
}

/** Options of the reference solvers. */
export interface ReferenceOptions {
  /** L2 penalty α on the weights (never the intercepts). */
  alpha: number;
  /** Learn intercept(s); default true. */
  fitIntercept?: boolean;
}

/**
 * argmin of the L2-penalised logistic objective (file header), by damped Newton from θ = 0.
 * g = (1/n)·Σ(σ(zᵢ) − yᵢ)·aᵢ + α·D·θ,  H = (1/n)·Σ σ(zᵢ)(1 − σ(zᵢ))·aᵢaᵢᵀ + α·D,  aᵢ = [xᵢ, 1], D = diag(1…1, 0).
 * H is positive definite for α > 0 (the intercept direction has curvature (1/n)·Σσ(1 − σ) > 0), so the optimum
 * is unique; with α = 0 it exists only for non-separable data.
 */
export function logisticNewton(X: number[][], y: ArrayLike<number>, { alpha, fitIntercept = true }: ReferenceOptions): Optimum {
  const n = X.length, d = X[0]!.length, p = fitIntercept ? d + 1 : d;
  const row = (i: number) => (fitIntercept ? [...X[i]!, 1] : X[i]!);
  const z = (theta: number[], i: number) => {
    let s = fitIntercept ? theta[d]! : 0;
    for (let j = 0; j < d; j++) s += X[i]![j]! * theta[j]!;
    return s;
  };
  const penalty = (theta: number[]) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += theta[j]! * theta[j]!;
    return (alpha / 2) * s;
  };
  const problem: Problem = {
    p,
    value(theta) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const zi = z(theta, i);
        s += softplus(zi) - y[i]! * zi;
      }
      return s / n + penalty(theta);
    },
    derivatives(theta) {
      const g = new Array<number>(p).fill(0);
      const H = Array.from({ length: p }, () => new Array<number>(p).fill(0));
      for (let i = 0; i < n; i++) {
        const a = row(i);
        const s = sigmoid(z(theta, i));
        const r = s - y[i]!, w = s * (1 - s);
        for (let j = 0; j < p; j++) {
          g[j] = g[j]! + r * a[j]!;
          for (let k = 0; k < p; k++) H[j]![k] = H[j]![k]! + w * a[j]! * a[k]!;
        }
      }
      for (let j = 0; j < p; j++) {
        g[j] = g[j]! / n;
        for (let k = 0; k < p; k++) H[j]![k] = H[j]![k]! / n;
      }
      for (let j = 0; j < d; j++) {
        g[j] = g[j]! + alpha * theta[j]!;
        H[j]![j] = H[j]![j]! + alpha;
      }
      return { g, H };
    },
    solve: choleskySolve,
  };
  const { theta, iterations, gradMax } = newton(problem);
  return { weights: theta.slice(0, d), intercepts: fitIntercept ? [theta[d]!] : [0], iterations, gradMax };
}

/**
 * argmin of the L2-penalised softmax objective (file header), by damped Newton from θ = 0.
 *
 * Shift invariance: adding c to every bₖ changes no probability, so J is flat along u = (0…0; 1…1)/√K and the
 * Hessian H is singular there (for α > 0 that is its only null direction: the quadratic form is
 * (1/n)·Σᵢ Var_pᵢ(V·aᵢ) + α‖V_W‖², zero only for V_W = 0 and constant v_b). We solve (H + u·uᵀ)·Δ = g instead of
 * H·Δ = g. Since the gradient is orthogonal to u (Σₖ (pᵢₖ − [yᵢ = k]) = 0) and H·u = 0, the solution has uᵀΔ = 0 and
 * H·Δ = g exactly: it is the pseudo-inverse Newton step, the objective is exactly J (no ridge on b), and b stays
 * centred (Σₖ bₖ = 0, re-centred at the end against rounding drift). W is unique for α > 0; b is unique up to the
 * common shift, and is reported with sum 0.
 */
export function softmaxNewton(
  X: number[][], y: ArrayLike<number>, K: number, { alpha, fitIntercept = true }: ReferenceOptions,
): Optimum {
  const n = X.length, d = X[0]!.length, q = fitIntercept ? d + 1 : d, p = K * d + (fitIntercept ? K : 0);
  // Index of the coefficient of class k on input j of aᵢ = [xᵢ, 1] (j = d is the intercept).
  const idx = (k: number, j: number) => (j < d ? k * d + j : K * d + k);
  const scores = (theta: number[], i: number) => {
    const zi = new Array<number>(K);
    for (let k = 0; k < K; k++) {
      let s = fitIntercept ? theta[K * d + k]! : 0;
      for (let j = 0; j < d; j++) s += X[i]![j]! * theta[k * d + j]!;
      zi[k] = s;
    }
    return zi;
  };
  const logsumexp = (zi: number[]) => {
    const m = Math.max(...zi);
    return m + Math.log(zi.reduce((s, v) => s + Math.exp(v - m), 0));
  };
  const problem: Problem = {
    p,
    value(theta) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const zi = scores(theta, i);
        s += logsumexp(zi) - zi[y[i]!]!;
      }
      let w2 = 0;
      for (let m = 0; m < K * d; m++) w2 += theta[m]! * theta[m]!;
      return s / n + (alpha / 2) * w2;
    },
    derivatives(theta) {
      const g = new Array<number>(p).fill(0);
      const H = Array.from({ length: p }, () => new Array<number>(p).fill(0));
      for (let i = 0; i < n; i++) {
        const zi = scores(theta, i);
        const lse = logsumexp(zi);
        const prob = zi.map((v) => Math.exp(v - lse));
        const a = fitIntercept ? [...X[i]!, 1] : X[i]!;
        for (let k = 0; k < K; k++) {
          const r = prob[k]! - (y[i] === k ? 1 : 0);
          for (let j = 0; j < q; j++) g[idx(k, j)] = g[idx(k, j)]! + r * a[j]!;
          for (let l = 0; l < K; l++) {
            // ∂²/∂θₖ∂θₗ of logsumexp: pₖ(δₖₗ − pₗ)·aaᵀ
            const c = prob[k]! * ((k === l ? 1 : 0) - prob[l]!);
            for (let j = 0; j < q; j++) {
              for (let m = 0; m < q; m++) H[idx(k, j)]![idx(l, m)] = H[idx(k, j)]![idx(l, m)]! + c * a[j]! * a[m]!;
            }
          }
        }
      }
      for (let r = 0; r < p; r++) {
        g[r] = g[r]! / n;
        for (let c = 0; c < p; c++) H[r]![c] = H[r]![c]! / n;
      }
      for (let m = 0; m < K * d; m++) {
        g[m] = g[m]! + alpha * theta[m]!;
        H[m]![m] = H[m]![m]! + alpha;
      }
      return { g, H };
    },
    solve(H, g) {
      if (!fitIntercept) return choleskySolve(H, g);
      // H + u·uᵀ with u = (0…0; 1…1)/√K: add 1/K to every entry of the intercept block.
      const M = H.map((r) => r.slice());
      for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) M[K * d + k]![K * d + l] = M[K * d + k]![K * d + l]! + 1 / K;
      return choleskySolve(M, g);
    },
  };
  const { theta, iterations, gradMax } = newton(problem);
  const intercepts = fitIntercept ? theta.slice(K * d) : new Array<number>(K).fill(0);
  const mean = intercepts.reduce((s, v) => s + v, 0) / K;
  return {
    weights: theta.slice(0, K * d), intercepts: intercepts.map((v) => v - mean), iterations, gradMax,
  };
}

/**
 * argmin of the ridge objective (file header) in closed form: (AᵀA/n + α·D)·θ = Aᵀy/n with A = [X 1],
 * D = diag(1…1, 0), by Cholesky (test/reference/solve.ts solves the same system by Gaussian elimination).
 */
export function ridgeClosedForm(X: number[][], y: ArrayLike<number>, { alpha, fitIntercept = true }: ReferenceOptions): Optimum {
  const n = X.length, d = X[0]!.length, p = fitIntercept ? d + 1 : d;
  const M = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const r = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const a = fitIntercept ? [...X[i]!, 1] : X[i]!;
    for (let j = 0; j < p; j++) {
      r[j] = r[j]! + a[j]! * y[i]!;
      for (let k = 0; k < p; k++) M[j]![k] = M[j]![k]! + a[j]! * a[k]!;
    }
  }
  for (let j = 0; j < p; j++) {
    r[j] = r[j]! / n;
    for (let k = 0; k < p; k++) M[j]![k] = M[j]![k]! / n;
  }
  for (let j = 0; j < d; j++) M[j]![j] = M[j]![j]! + alpha;
  const theta = choleskySolve(M, r);
  return { weights: theta.slice(0, d), intercepts: fitIntercept ? [theta[d]!] : [0], iterations: 0, gradMax: NaN };
}

/** A deterministic small generator for test data (an LCG; independent of src/random.ts). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * A classification problem from a seed: n rows × d features ~ U(−1, 1), true scores zᵢ,ₖ = scale·xᵢ·W*ₖ + b*ₖ
 * with W*, b* ~ U(−1, 1), and yᵢ drawn from softmax(zᵢ) (K = 2: yᵢ ~ Bernoulli(σ(zᵢ,₁ − zᵢ,₀))). Noisy labels, so
 * the classes overlap and the unpenalised optimum exists too.
 */
export function makeClassification(n: number, d: number, K: number, seed: number, scale = 2) {
  const u = lcg(seed);
  const W = Array.from({ length: K }, () => Array.from({ length: d }, () => 2 * u() - 1));
  const b = Array.from({ length: K }, () => 2 * u() - 1);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * u() - 1));
  const y = X.map((x) => {
    const z = W.map((w, k) => scale * w.reduce((s, wj, j) => s + wj * x[j]!, 0) + b[k]!);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const total = e.reduce((s, v) => s + v, 0);
    let r = u() * total;
    for (let k = 0; k < K; k++) {
      r -= e[k]!;
      if (r < 0) return k;
    }
    return K - 1;
  });
  return { X, y };
}
