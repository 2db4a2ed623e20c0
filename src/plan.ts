/**
 * What both backends need to start a fit: the config block (with the parameter segment table) and the initial state
 * block (slots of src/abi/layout.ts), the initial parameters, and the sizes of the workspace arrays; and the optimizer
 * settings block of the per-step API. Pure functions of validated options.
 */
import * as L from './abi/layout.js';
import type { FitConfig } from './options/index.js';
import type { OptimizerSettings } from './types.js';
import { seedState } from './random.js';
import { mlpInitialParams, mlpParamCount, mlpScratch, mlpSegments } from './nn/plan.js';

/** Sizes (in elements) of a fit's arrays. */
export interface FitSizes {
  /** Parameters: K·d weights then K intercepts. */
  params: number;
  /** Ring of per-update objectives: loss[t % lossCap]. */
  lossCap: number;
  /** Rings of per-epoch learning rates and objectives: [e % epochCap]. */
  epochCap: number;
  /** 4·K for the row kernels, then p for one shard's partial sums (assembly/fit.ts: objectiveAndGrad). */
  scratch: number;
  perm: number;
  /** θ and its gradient at the last accepted point, with the C_AUTO settings (p each), else 0. */
  prev: number;
  /** The running average θ̄ of averaged SGD (p), else 0. */
  avg: number;
}

/** Largest ring: a fit runs in chunks of at most this many updates and epochs. */
export const RING = 1 << 16;

export function fitSizes(c: FitConfig, n: number, d: number): FitSizes {
  const K = c.outputs;
  // A network (issue 16): its layers' parameters, and the activations of a block of rows as scratch.
  if (c.mlp) {
    const p = mlpParamCount(c.mlp, d, K);
    return {
      params: p, lossCap: Math.min(c.maxIterations + 1, RING), epochCap: Math.min(c.epochs + 1, RING),
      scratch: mlpScratch(c.mlp, K), perm: c.shuffle ? n : 0, prev: c.autoFlags !== 0 ? p : 0, avg: c.average > 0 ? p : 0,
    };
  }
  return {
    params: K * d + K,
    lossCap: Math.min(c.maxIterations + 1, RING),
    epochCap: Math.min(c.epochs + 1, RING),
    scratch: 4 * K + K * d + K,
    perm: c.shuffle ? n : 0,
    prev: c.autoFlags !== 0 ? K * d + K : 0,
    avg: c.average > 0 ? K * d + K : 0,
  };
}

/**
 * The parameter segments of a linear model with K outputs over d features: W (K·d weights, decayed), then b (K
 * intercepts, not decayed) when the intercept is fitted. Rows of [offset, length, decayed (1/0)], in θ's order.
 */
export function segments(c: FitConfig, d: number): [number, number, number][] {
  const K = c.outputs;
  if (c.mlp) return mlpSegments(c.mlp, d, K);
  const table: [number, number, number][] = [[0, K * d, 1]];
  if (c.fitIntercept) table.push([K * d, K, 0]);
  return table;
}

/**
 * Writes the optimizer's settings (O_* slots) at `at` of `block`: the sub-block of a fit's config block, or the per-step
 * API's own settings block. `kind` is the optimizer id (OPT_*).
 */
export function writeSettings(block: Float64Array, at: number, o: Required<OptimizerSettings>, kind: number): void {
  block[at + L.O_KIND] = kind;
  block[at + L.O_FLAGS] = (o.nesterov ? L.F_NESTEROV : 0) | (o.maximize ? L.F_MAXIMIZE : 0);
  block[at + L.O_MOMENTUM] = o.momentum;
  block[at + L.O_DAMPENING] = o.dampening;
  block[at + L.O_WEIGHT_DECAY] = o.weightDecay;
  block[at + L.O_BETA1] = o.betas[0];
  block[at + L.O_BETA2] = o.betas[1];
  block[at + L.O_EPS] = o.eps;
  block[at + L.O_RHO] = o.rho;
  block[at + L.O_LR_DECAY] = o.lrDecay;
}

/**
 * The config block (fixed slots, then the segment table), pointer slots left 0 (the WASM backend fills them).
 * `alpha` overrides the penalty's strength (the objective without the penalty: 0).
 */
export function configBlock(c: FitConfig, n: number, d: number, valRows: number, alpha = c.alpha): Float64Array {
  const table = segments(c, d);
  const cfg = new Float64Array(L.C_SIZE + table.length * L.G_SIZE);
  cfg[L.C_LOSS] = c.lossId;
  cfg[L.C_ROWS] = n;
  cfg[L.C_COLS] = d;
  cfg[L.C_OUTPUTS] = c.outputs;
  cfg[L.C_VAL_ROWS] = valRows;
  cfg[L.C_FLAGS] = (c.fitIntercept ? L.F_FIT_INTERCEPT : 0) | (c.shuffle ? L.F_SHUFFLE : 0);
  cfg[L.C_PENALTY] = c.penaltyId;
  cfg[L.C_ALPHA] = alpha;
  cfg[L.C_L1_RATIO] = c.l1Ratio;
  cfg[L.C_BATCH_SIZE] = c.batchSize;
  cfg[L.C_MAX_ITERATIONS] = c.maxIterations;
  cfg[L.C_MAX_EPOCHS] = c.maxEpochs;
  cfg[L.C_STOP_RULE] = c.stopRule;
  cfg[L.C_TOL] = c.tol;
  cfg[L.C_N_ITER_NO_CHANGE] = c.nIterNoChange;
  const z = fitSizes(c, n, d);
  cfg[L.C_LOSS_CAP] = z.lossCap;
  cfg[L.C_EPOCH_CAP] = z.epochCap;
  writeSettings(cfg, L.C_OPTIMIZER, c, c.optimizerId);
  cfg[L.C_AUTO] = c.autoFlags;
  cfg[L.C_LOSS_EPSILON] = c.epsilon;
  cfg[L.C_AVERAGE_START] = averageStart(c);
  cfg[L.C_SEGMENT_COUNT] = table.length;
  if (c.mlp) {
    cfg[L.C_MLP_HEAD] = c.mlp.head;
    cfg[L.C_MLP_ACTIVATION] = c.mlp.activation;
    cfg[L.C_MLP_BLOCK] = c.mlp.block;
  }
  table.forEach((row, k) => cfg.set(row, L.C_SIZE + k * L.G_SIZE));
  return cfg;
}

/** The state block of a fit that has not started. */
export function initialState(c: FitConfig): Float64Array {
  const st = new Float64Array(L.S_SIZE);
  st[L.S_BEST] = Infinity;
  st[L.S_GRAD0] = -1;
  st[L.S_STEP_STATE + L.T_BETA1_POW] = 1;
  st[L.S_STEP_STATE + L.T_BETA2_POW] = 1;
  st[L.S_STEP_STATE + L.T_FIRST] = 1;
  st.set(seedState(c.seed), L.S_RNG0);
  st[L.S_AUTO_LR] = c.lr;
  if (c.resume) {
    // engine.partialFit (src/online.ts): the step state and the shuffle's stream go on from the previous call.
    st.set(c.resume.stepState, L.S_STEP_STATE);
    st.set(c.resume.rng, L.S_RNG0);
    st[L.S_AVG_COUNT] = c.resume.avgCount;
  }
  return st;
}

/**
 * C_AVERAGE_START: the first update of this fit whose iterate is averaged. `average` n counts the updates of the
 * whole sequence of engine.partialFit calls, so a call that continues t updates starts averaging at its update
 * n − t (its first, 1, once the sequence has reached n); 0: off.
 */
export function averageStart(c: FitConfig): number {
  if (c.average === 0 || !c.resume) return c.average;
  return Math.max(1, c.average - c.resume.stepState[L.T_STEP]!);
}

/** The running mean θ̄ at the start: zeros (the first iterate averaged replaces it), or a partialFit's (p values). */
export function initialAverage(c: FitConfig, p: number): Float64Array {
  return c.resume ? c.resume.avg.slice() : new Float64Array(p);
}

/** θ₀ = [W (K·d) | b (K)]. */
export function initialParams(c: FitConfig, d: number): Float64Array {
  const K = c.outputs;
  if (c.resume) return c.resume.params.slice();
  if (c.mlp) return mlpInitialParams(c.mlp, d, K, c.seed, c.initialWeights);
  const p = new Float64Array(K * d + K);
  if (c.initialWeights) p.set(c.initialWeights);
  if (c.initialIntercepts) p.set(c.initialIntercepts, K * d);
  else p.fill(c.initialIntercept, K * d);
  return p;
}

/** The optimizer's buffer k (1 or 2) at the start: zeros, or the previous call's (engine.partialFit). */
export function initialBuffer(c: FitConfig, k: 1 | 2, p: number): Float64Array {
  return c.resume ? c.resume.buffers[k - 1].slice() : new Float64Array(p);
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
