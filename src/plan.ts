/**
 * What both backends need to start a fit: the config block and the initial state block (slots of src/abi/layout.ts),
 * the initial parameters, and the sizes of the workspace arrays. Pure functions of a validated FitConfig.
 */
import * as L from './abi/layout.js';
import type { FitConfig } from './options.js';
import { seedState } from './random.js';

/** Sizes (in elements) of a fit's arrays. */
export interface FitSizes {
  /** Parameters: K·d weights then K intercepts. */
  params: number;
  /** Ring of per-update objectives: loss[t % lossCap]. */
  lossCap: number;
  /** Rings of per-epoch learning rates and objectives: [e % epochCap]. */
  epochCap: number;
  /** 4·K for the row kernels. */
  scratch: number;
  perm: number;
}

/** Largest ring: a fit runs in chunks of at most this many updates and epochs. */
export const RING = 1 << 16;

export function fitSizes(c: FitConfig, n: number, d: number): FitSizes {
  const K = c.outputs;
  return {
    params: K * d + K,
    lossCap: Math.min(c.maxIterations + 1, RING),
    epochCap: Math.min(c.epochs + 1, RING),
    scratch: 4 * K,
    perm: c.shuffle ? n : 0,
  };
}

/** The config block, pointer slots left 0 (the WASM backend fills them). */
export function configBlock(c: FitConfig, n: number, d: number, valRows: number): Float64Array {
  const cfg = new Float64Array(L.C_SIZE);
  cfg[L.C_MODEL] = c.modelId;
  cfg[L.C_ROWS] = n;
  cfg[L.C_COLS] = d;
  cfg[L.C_OUTPUTS] = c.outputs;
  cfg[L.C_VAL_ROWS] = valRows;
  cfg[L.C_MOMENTUM] = c.momentum;
  cfg[L.C_DAMPENING] = c.dampening;
  cfg[L.C_WEIGHT_DECAY] = c.weightDecay;
  cfg[L.C_ALPHA] = c.alpha;
  cfg[L.C_TOL] = c.tol;
  cfg[L.C_N_ITER_NO_CHANGE] = c.nIterNoChange;
  cfg[L.C_STOP_RULE] = c.stopRule;
  cfg[L.C_MAX_ITERATIONS] = c.maxIterations;
  cfg[L.C_MAX_EPOCHS] = c.maxEpochs;
  cfg[L.C_BATCH_SIZE] = c.batchSize;
  cfg[L.C_FLAGS] = fitFlags(c);
  cfg[L.C_OPTIMIZER] = c.optimizerId;
  cfg[L.C_BETA1] = c.betas[0];
  cfg[L.C_BETA2] = c.betas[1];
  cfg[L.C_EPS] = c.eps;
  cfg[L.C_RHO] = c.rho;
  cfg[L.C_LR_DECAY] = c.lrDecay;
  const z = fitSizes(c, n, d);
  cfg[L.C_LOSS_CAP] = z.lossCap;
  cfg[L.C_EPOCH_CAP] = z.epochCap;
  return cfg;
}

export function fitFlags(c: FitConfig): number {
  return (c.nesterov ? L.F_NESTEROV : 0) | (c.maximize ? L.F_MAXIMIZE : 0) |
    (c.fitIntercept ? L.F_FIT_INTERCEPT : 0) | (c.shuffle ? L.F_SHUFFLE : 0);
}

/** The state block of a fit that has not started. */
export function initialState(c: FitConfig): Float64Array {
  const st = new Float64Array(L.S_SIZE);
  st[L.S_BEST] = Infinity;
  st[L.S_GRAD0] = -1;
  st[L.S_BETA1_POW] = 1;
  st[L.S_BETA2_POW] = 1;
  const rng = seedState(c.seed);
  st[L.S_RNG0] = rng[0]!;
  st[L.S_RNG1] = rng[1]!;
  st[L.S_RNG2] = rng[2]!;
  st[L.S_RNG3] = rng[3]!;
  return st;
}

/** θ₀ = [W (K·d) | b (K)]. */
export function initialParams(c: FitConfig, d: number): Float64Array {
  const K = c.outputs;
  const p = new Float64Array(K * d + K);
  if (c.initialWeights) p.set(c.initialWeights);
  p.fill(c.initialIntercept, K * d);
  return p;
}

/** The identity row order 0 … n−1 (shuffled in place by the fit). */
export function identity(n: number): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  return perm;
}

/** Entries from … from + count − 1 of a ring of `cap` slots, read in at most two contiguous pieces. */
export function readRing(get: (start: number, count: number) => Float64Array, cap: number, from: number, count: number): Float64Array {
  const out = new Float64Array(count);
  let k = 0;
  while (k < count) {
    const i = (from + k) % cap;
    const n = Math.min(count - k, cap - i);
    out.set(get(i, n), k);
    k += n;
  }
  return out;
}

/** Writes values for entries from … into a ring of `cap` slots (values.length ≤ cap). */
export function writeRing(set: (start: number, values: Float64Array) => void, cap: number, from: number, values: Float64Array): void {
  let k = 0;
  while (k < values.length) {
    const i = (from + k) % cap;
    const n = Math.min(values.length - k, cap - i);
    set(i, values.subarray(k, k + n));
    k += n;
  }
}
