/**
 * The JS mirror of assembly/: same names, same argument order (element offsets instead of byte addresses), and
 * the same operation order and summation lanes, so the two backends round identically. A change to one side
 * lands with the same change to the other (test/parity.test.ts holds them to Object.is equality).
 */

/** assembly/reduce.ts: dot. Σⱼ x[j]·w[j] with lanes a0…a7 (j mod 8), pairs into a0/a1, fixed combination, tail. */
export function dot(x: Float64Array, xOff: number, w: Float64Array, wOff: number, d: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
  let j = 0;
  for (; j + 8 <= d; j += 8) {
    const xp = xOff + j, wp = wOff + j;
    a0 += x[xp]! * w[wp]!;
    a1 += x[xp + 1]! * w[wp + 1]!;
    a2 += x[xp + 2]! * w[wp + 2]!;
    a3 += x[xp + 3]! * w[wp + 3]!;
    a4 += x[xp + 4]! * w[wp + 4]!;
    a5 += x[xp + 5]! * w[wp + 5]!;
    a6 += x[xp + 6]! * w[wp + 6]!;
    a7 += x[xp + 7]! * w[wp + 7]!;
  }
  for (; j + 2 <= d; j += 2) {
    a0 += x[xOff + j]! * w[wOff + j]!;
    a1 += x[xOff + j + 1]! * w[wOff + j + 1]!;
  }
  let s = ((a0 + a2) + (a4 + a6)) + ((a1 + a3) + (a5 + a7));
  if (j < d) s += x[xOff + j]! * w[wOff + j]!;
  return s;
}

/** assembly/reduce.ts: axpy4. g[j] += (r0·x0[j] + r1·x1[j]) + (r2·x2[j] + r3·x3[j]); x0…x3 are row offsets in X. */
export function axpy4(
  g: Float64Array, gOff: number, d: number, X: Float64Array,
  r0: number, x0: number, r1: number, x1: number, r2: number, x2: number, r3: number, x3: number,
): void {
  for (let j = 0; j < d; j++) {
    g[gOff + j] = g[gOff + j]! + ((r0 * X[x0 + j]! + r1 * X[x1 + j]!) + (r2 * X[x2 + j]! + r3 * X[x3 + j]!));
  }
}

/** assembly/reduce.ts: axpy1. g[j] += r·x[j]. */
export function axpy1(g: Float64Array, gOff: number, d: number, r: number, X: Float64Array, x: number): void {
  for (let j = 0; j < d; j++) g[gOff + j] = g[gOff + j]! + r * X[x + j]!;
}

/** assembly/grad/linear.ts: gradLinear. g[j] = Σ rᵢ·xᵢⱼ, g[d] = Σ rᵢ; returns Σ rᵢ², rᵢ = (xᵢ·w + b) − yᵢ. */
export function gradLinear(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, n: number, d: number,
  w: Float64Array, wOff: number, b: number, g: Float64Array, gOff: number,
): number {
  g.fill(0, gOff, gOff + d + 1);
  let sq = 0, sr = 0;
  let i = 0;
  let x0 = xOff;
  for (; i + 4 <= n; i += 4) {
    const x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
    const yp = yOff + i;
    const r0 = (dot(X, x0, w, wOff, d) + b) - y[yp]!;
    const r1 = (dot(X, x1, w, wOff, d) + b) - y[yp + 1]!;
    const r2 = (dot(X, x2, w, wOff, d) + b) - y[yp + 2]!;
    const r3 = (dot(X, x3, w, wOff, d) + b) - y[yp + 3]!;
    sq += (r0 * r0 + r1 * r1) + (r2 * r2 + r3 * r3);
    sr += (r0 + r1) + (r2 + r3);
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    x0 = x3 + d;
  }
  for (; i < n; i++) {
    const r = (dot(X, x0, w, wOff, d) + b) - y[yOff + i]!;
    sq += r * r;
    sr += r;
    axpy1(g, gOff, d, r, X, x0);
    x0 += d;
  }
  g[gOff + d] = sr;
  return sq;
}

/** assembly/grad/linear.ts: predictLinear. */
export function predictLinear(
  X: Float64Array, xOff: number, n: number, d: number, w: Float64Array, wOff: number, b: number,
  out: Float64Array, outOff: number,
): void {
  for (let i = 0; i < n; i++) out[outOff + i] = dot(X, xOff + i * d, w, wOff, d) + b;
}

/** Flag bits, as in assembly/step.ts and assembly/fit.ts. */
export const NESTEROV = 1;
export const MAXIMIZE = 2;
export const FIRST_STEP = 4;
export const FIT_INTERCEPT = 8;

/** assembly/step.ts: stepMomentum. torch.optim.SGD's update over n parameters, in its operation order. */
export function stepMomentum(
  theta: Float64Array, thetaOff: number, velocity: Float64Array, velocityOff: number,
  grad: Float64Array, gradOff: number, n: number,
  lr: number, momentum: number, dampening: number, weightDecay: number, flags: number,
): void {
  const nesterov = (flags & NESTEROV) !== 0;
  const maximize = (flags & MAXIMIZE) !== 0;
  const first = (flags & FIRST_STEP) !== 0;
  const keep = 1.0 - dampening;
  for (let i = 0; i < n; i++) {
    let g = grad[gradOff + i]!;
    const t = theta[thetaOff + i]!;
    if (maximize) g = -g;
    if (weightDecay !== 0) g = g + weightDecay * t;
    if (momentum !== 0) {
      let v: number;
      if (first) v = g;
      else v = momentum * velocity[velocityOff + i]! + keep * g;
      velocity[velocityOff + i] = v;
      if (nesterov) g = g + momentum * v;
      else g = v;
    }
    theta[thetaOff + i] = t - lr * g;
  }
}

/** assembly/fit.ts: objectiveAndGrad. J = data term + (α/2)·‖w‖²; grad = (1/n)·raw sums + α·w. */
export function objectiveAndGrad(
  model: number, X: Float64Array, y: Float64Array, n: number, d: number,
  params: Float64Array, grad: Float64Array, alpha: number, flags: number,
): number {
  const b = (flags & FIT_INTERCEPT) !== 0 ? params[d]! : 0.0;
  const nf = n;
  // model === 0 (linear): J = Σr²/(2n)
  void model;
  let J = gradLinear(X, 0, y, 0, n, d, params, 0, b, grad, 0) / (2.0 * nf);
  for (let j = 0; j <= d; j++) grad[j] = grad[j]! / nf;
  if (alpha !== 0) {
    J = J + (0.5 * alpha) * dot(params, 0, params, 0, d);
    for (let j = 0; j < d; j++) grad[j] = grad[j]! + alpha * params[j]!;
  }
  return J;
}

/** Status codes, as in assembly/fit.ts. */
export const RUNNING = 0;
export const CONVERGED = 1;
export const MAX_ITERATIONS = 2;
export const DIVERGED = 3;

function allFinite(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** assembly/fit.ts: fit. The state block is [iterations, best, noImprove, hasVelocity]. */
export function fit(
  model: number, X: Float64Array, y: Float64Array, n: number, d: number,
  params: Float64Array, velocity: Float64Array, grad: Float64Array, backup: Float64Array, state: Float64Array,
  loss: Float64Array,
  lr: number, momentum: number, dampening: number, weightDecay: number, alpha: number,
  tol: number, nIterNoChange: number, maxIterations: number, stopAt: number, flags: number,
): number {
  let t = state[0]!;
  let best = state[1]!;
  let noImprove = state[2]!;
  let hasVelocity = state[3] !== 0;
  const fitIntercept = (flags & FIT_INTERCEPT) !== 0;
  const p = fitIntercept ? d + 1 : d;
  const stepFlags = flags & 3;
  let status = RUNNING;
  for (;;) {
    if (t >= maxIterations) { status = MAX_ITERATIONS; break; }
    if (t >= stopAt) break;
    const J = objectiveAndGrad(model, X, y, n, d, params, grad, alpha, flags);
    loss[t] = J;
    if (!Number.isFinite(J) || !allFinite(grad, p)) { status = DIVERGED; break; }
    backup.set(params.subarray(0, p));
    const f = hasVelocity ? stepFlags : stepFlags | FIRST_STEP;
    stepMomentum(params, 0, velocity, 0, grad, 0, d, lr, momentum, dampening, weightDecay, f);
    if (fitIntercept) stepMomentum(params, d, velocity, d, grad, d, 1, lr, momentum, dampening, 0, f);
    hasVelocity = true;
    if (!allFinite(params, p)) {
      params.set(backup.subarray(0, p));
      status = DIVERGED;
      break;
    }
    t++;
    if (J > best - tol) noImprove++;
    else noImprove = 0;
    if (J < best) best = J;
    if (noImprove >= nIterNoChange) { status = CONVERGED; break; }
  }
  state[0] = t;
  state[1] = best;
  state[2] = noImprove;
  state[3] = hasVelocity ? 1 : 0;
  return status;
}

/** Results of sgdStep, as in assembly/step.ts. */
export const STEP_OK = 0;
export const STEP_BAD_GRAD = 1;
export const STEP_DIVERGED = 2;

/** assembly/step.ts: sgdStep. Refuses a non-finite gradient; restores θ and v if θ becomes non-finite. */
export function sgdStep(
  theta: Float64Array, velocity: Float64Array, grad: Float64Array, backup: Float64Array, n: number,
  lr: number, momentum: number, dampening: number, weightDecay: number, flags: number,
): number {
  if (!allFinite(grad, n)) return STEP_BAD_GRAD;
  backup.set(theta.subarray(0, n), 0);
  backup.set(velocity.subarray(0, n), n);
  stepMomentum(theta, 0, velocity, 0, grad, 0, n, lr, momentum, dampening, weightDecay, flags);
  if (!allFinite(theta, n)) {
    theta.set(backup.subarray(0, n));
    velocity.set(backup.subarray(n, 2 * n));
    return STEP_DIVERGED;
  }
  return STEP_OK;
}
