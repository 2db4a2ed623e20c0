// The interface between the WASM core (assembly/) and the host (src/): slot numbers of the fit's config and state
// blocks (f64 each), ids, flags and status codes. Plain constants only, importing nothing: this file is both TS and AS,
// compiled into assembly/ and src/ alike; it is the only file of src/ that assembly/ imports.

/**
 * Config block: what a fit is asked to do, grouped by concern (read through the typed views of assembly/config.ts
 * and src/js/config.ts). Pointer slots (…_PTR) are byte addresses, used by WASM only. After the C_SIZE fixed slots
 * comes the parameter segment table: C_SEGMENT_COUNT rows of G_SIZE slots.
 */
// The data and the model's loss and penalty.
/** The loss (LOSS_*): the data term of the objective. */
export const C_LOSS = 0;
export const C_ROWS = 1;
export const C_COLS = 2;
/** Outputs K: the model's parameters are K·d weights and K intercepts. */
export const C_OUTPUTS = 3;
export const C_X_PTR = 4;
export const C_Y_PTR = 5;
export const C_VAL_X_PTR = 6;
export const C_VAL_Y_PTR = 7;
export const C_VAL_ROWS = 8;
/** Flags of the data and the batches: F_FIT_INTERCEPT, F_SHUFFLE. */
export const C_FLAGS = 9;
/** The penalty (PENALTY_*) on the decayed segments, and its strength α (assembly/penalty.ts). */
export const C_PENALTY = 10;
export const C_ALPHA = 11;
// The workspace.
export const C_PARAMS_PTR = 12;
export const C_GRAD_PTR = 13;
/** The second θ buffer, and the gradient buffer used while θ is in it (each θ buffer has its gradient right after it). */
export const C_BACKUP_PTR = 14;
export const C_BACKUP_GRAD_PTR = 15;
export const C_BUF1_PTR = 16;
export const C_BUF2_PTR = 17;
/** 4·K f64 for the row kernels. */
export const C_SCRATCH_PTR = 18;
export const C_PERM_PTR = 19;
// The batches and the stopping rule.
export const C_BATCH_SIZE = 20;
export const C_MAX_ITERATIONS = 21;
export const C_MAX_EPOCHS = 22;
/** The stopping rule: RULE_NONE, RULE_GRADIENT or RULE_SKLEARN. */
export const C_STOP_RULE = 23;
export const C_TOL = 24;
export const C_N_ITER_NO_CHANGE = 25;
// The rings: loss[t % C_LOSS_CAP], learning rate and epoch objective at [e % C_EPOCH_CAP]; the host drains them
// between chunks (and writes the learning rates of the chunk's epochs before it).
export const C_LOSS_PTR = 26;
export const C_EPOCH_LOSS_PTR = 27;
export const C_LR_PTR = 28;
export const C_LOSS_CAP = 29;
export const C_EPOCH_CAP = 30;
/** The optimizer's settings: a sub-block of O_SIZE slots (O_*), the same record the per-step API hands its step. */
export const C_OPTIMIZER = 31;
/** Rows of the parameter segment table that follows the fixed slots. */
export const C_SEGMENT_COUNT = 41;
// Step size and momentum without trial and error (issue 18; src/options/auto.ts): 0 for every other fit.
/** A_* flags: Armijo backtracking (lr 'auto'), the k/(k+3) momentum schedule, adaptive restart. */
export const C_AUTO = 42;
/** With C_AUTO: θₜ and ∇J(θₜ) of the last accepted point, kept while the step from it is tried (p f64 each). */
export const C_PREV_PTR = 43;
export const C_PREV_GRAD_PTR = 44;
// The loss's parameter (issue 15).
/** ε of the huber, epsilonInsensitive and squaredEpsilonInsensitive losses (0 for the others; assembly/loss/param.ts). */
export const C_LOSS_EPSILON = 45;
// Penalties (issue 15, item 2).
/**
 * ρ ∈ [0, 1]: the L1 share of the penalty α·(ρ·‖w‖₁ + ((1 − ρ)/2)·‖w‖²) (scikit-learn's l1_ratio): 0 for PENALTY_L2,
 * 1 for PENALTY_L1, in (0, 1) for PENALTY_ELASTICNET; 0 for a fit without a penalty.
 */
export const C_L1_RATIO = 46;
// Sample and class weights (issue 15): the per-row weights cᵢ = sampleWeightᵢ·classWeight[yᵢ] of the training and
// validation rows (f64 each, indexed like y), or 0 for an unweighted fit (every cᵢ = 1: the unweighted pass).
/** Training rows' weights cᵢ (J = (1/n)·Σ cᵢ·ℓᵢ + penalty), or 0. */
export const C_WEIGHT_PTR = 47;
/** Validation rows' weights, or 0. */
export const C_VAL_WEIGHT_PTR = 48;
// Averaged SGD (issue 15; assembly/fit.ts averageStep): θ̄ₖ = θ̄ₖ₋₁ + (θₜ − θ̄ₖ₋₁)/k over the iterates θₜ, t ≥ start.
/** The running average θ̄ (p f64), with C_AVERAGE_START > 0. */
export const C_AVG_PTR = 49;
/** The first update t (1-based) whose iterate θₜ enters the average; 0: no averaging. */
export const C_AVERAGE_START = 50;
// 51–53: the networks' slots (C_MLP_*, below); 54–57 reserved for them.
// float32 storage (issue 17): X holds f32 elements, promoted to f64 row by row before the f64 kernels read them.
/** 0: X (and the validation X) are f64; else four f64 row slots of ⌈8·d/16⌉·16 bytes each, where the kernels
 * promote the f32 rows they read (assembly/reduce.ts: rowAt). */
export const C_X_TILE_PTR = 58;
// Threads (issue 17; assembly/threads.ts): where the shards of a threaded fit put their partials, and each worker
// thread's own scratch and float32 tile. 0 in C_PARTIALS_PTR: the shards run in order on the calling thread.
/** SHARD_MAX·p doubles (shard s's gradient sums at s·p), then SHARD_MAX loss sums; or 0. */
export const C_PARTIALS_PTR = 59;
/** Worker thread id ≥ 1's 4·K scratch doubles at C_THREAD_SCRATCH_PTR + (id − 1)·C_THREAD_SCRATCH_STRIDE bytes. */
export const C_THREAD_SCRATCH_PTR = 60;
export const C_THREAD_SCRATCH_STRIDE = 61;
/** float32 storage: worker id's tile at C_THREAD_TILE_PTR + (id − 1)·C_THREAD_TILE_STRIDE bytes (id 0: C_X_TILE_PTR). */
export const C_THREAD_TILE_PTR = 62;
export const C_THREAD_TILE_STRIDE = 63;
/** Fixed slots; the segment table starts here. */
export const C_SIZE = 64;

/** Optimizer settings (offsets in the sub-block at C_OPTIMIZER, or in the per-step API's own block). */
/** The optimizer (OPT_*). */
export const O_KIND = 0;
/** F_NESTEROV, F_MAXIMIZE. */
export const O_FLAGS = 1;
export const O_MOMENTUM = 2;
export const O_DAMPENING = 3;
/** λ, applied to the decayed segments only. */
export const O_WEIGHT_DECAY = 4;
export const O_BETA1 = 5;
export const O_BETA2 = 6;
export const O_EPS = 7;
export const O_RHO = 8;
export const O_LR_DECAY = 9;
export const O_SIZE = 10;

/**
 * A row of the parameter segment table: elements offset … offset + length − 1 of θ (and of its gradient and buffers),
 * decayed or not (weight decay and the penalty apply to decayed segments only). Linear models: W (K·d, decayed), then
 * b (K, not decayed) when the intercept is fitted.
 */
export const G_OFFSET = 0;
export const G_LENGTH = 1;
export const G_DECAYED = 2;
export const G_SIZE = 3;

/** State block: where a (resumable) fit is. */
export const S_ITERATION = 0;
export const S_EPOCH = 1;
export const S_BEST = 2;
export const S_NO_IMPROVE = 3;
export const S_BATCH_POS = 4;
export const S_EPOCH_SUM = 5;
export const S_EPOCH_BATCHES = 6;
/** RULE_GRADIENT: ‖∇J(θ₀)‖∞ (−1 until measured) and J(θ₀), on all training rows. */
export const S_GRAD0 = 7;
export const S_LOSS0 = 8;
/** The shuffle's xoshiro128** state, four u32 words. */
export const S_RNG0 = 9;
export const S_RNG1 = 10;
export const S_RNG2 = 11;
export const S_RNG3 = 12;
/** The optimizer's step state: a sub-block of T_SIZE slots (T_*), the same record the per-step API hands its step. */
export const S_STEP_STATE = 13;
// With C_AUTO (assembly/fit.ts): the step being tried and the adaptive step size.
/** η of the next step (lr 'auto': starts at the theory's step, halved by backtracking, grown after accepted steps). */
export const S_AUTO_LR = 18;
/** Steps since the start or the last restart (the schedule's k). */
export const S_AUTO_K = 19;
/** 1 while θ is a candidate from a step not yet judged (θ and ∇J of the point it left are at C_PREV_PTR). */
export const S_AUTO_PENDING = 20;
/** J at the point the candidate's step left. */
export const S_AUTO_PREV_LOSS = 21;
/** 1 when the candidate's step had no momentum in it (a fresh velocity or β = 0): a rejection then halves η. */
export const S_AUTO_FRESH = 22;
/** 1 when the candidate's step kept θ and the buffers finite. */
export const S_AUTO_VALID = 23;
/** Counters: velocity resets (restarts), halvings of η (backtracks). */
export const S_RESTARTS = 24;
export const S_BACKTRACKS = 25;
/**
 * The curvature envelope C: the largest secant curvature ⟨Δ∇J, Δθ⟩/‖Δθ‖² of the steps since the last restart (0
 * before any), each older one scaled by AUTO_CURVATURE_DECAY per step when the loss is not the squared loss.
 */
export const S_AUTO_CURVATURE = 26;
/** The run length a growth restart needs: 0 (read as AUTO_GROW_AFTER) until the first, doubled by each. */
export const S_AUTO_GROW_AFTER = 27;
/** Averaged SGD: the number k of iterates in the average at C_AVG_PTR (0 until the C_AVERAGE_START-th update). */
export const S_AVG_COUNT = 28;
// S 29–31: reserved for the networks (issue 16).
export const S_SIZE = 32;

/** Step state (offsets in the sub-block at S_STEP_STATE, or in the per-step API's own block). */
/** The learning rate η of this step. */
export const T_LR = 0;
/** The 1-based number t of this step. */
export const T_STEP = 1;
/** β₁ᵗ and β₂ᵗ for this step t, running products kept by the caller (Adam). */
export const T_BETA1_POW = 2;
export const T_BETA2_POW = 3;
/** 1 while no step has been taken (SGD's velocity starts as the gradient), then 0. */
export const T_FIRST = 4;
export const T_SIZE = 5;

/** Losses (C_LOSS). */
/** ½·(x·w + b − y)²: J = Σr²/(2n) (linear, ridge). */
export const LOSS_SQUARED = 0;
/** Logistic loss (log loss) of a 0/1 label. */
export const LOSS_LOG = 1;
export const LOSS_HINGE = 2;
/** Softmax cross-entropy over K classes. */
export const LOSS_MULTINOMIAL = 3;
// scikit-learn's other SGD losses (issue 15): s = 2y − 1 for 0/1 labels, u = s·z; r = z − y for real labels.
/** max(0, 1 − u)² (scikit-learn's 'squared_hinge'). */
export const LOSS_SQUARED_HINGE = 4;
/** (1 − u)² for u ≥ −1 (0 from u ≥ 1), else −4u (scikit-learn's 'modified_huber'). */
export const LOSS_MODIFIED_HUBER = 5;
/** max(0, −u), subgradient −s at u = 0 (scikit-learn's 'perceptron'). */
export const LOSS_PERCEPTRON = 6;
/** ½r² for |r| ≤ ε, else ε|r| − ½ε² (scikit-learn's 'huber'). */
export const LOSS_HUBER = 7;
/** max(0, |r| − ε) (scikit-learn's 'epsilon_insensitive'). */
export const LOSS_EPSILON_INSENSITIVE = 8;
/** max(0, |r| − ε)² (scikit-learn's 'squared_epsilon_insensitive'). */
export const LOSS_SQUARED_EPSILON_INSENSITIVE = 9;

/** Penalties (C_PENALTY) on the decayed segments. */
export const PENALTY_NONE = 0;
/** (α/2)·‖w‖²: J + (α/2)·Σw², ∇ + α·w. */
export const PENALTY_L2 = 1;
/** α·‖w‖₁ (lasso): J + α·Σ|w|; a proximal step (soft-thresholding) after each update, no gradient term. */
export const PENALTY_L1 = 2;
/**
 * α·(ρ·‖w‖₁ + ((1 − ρ)/2)·‖w‖²), ρ = C_L1_RATIO in (0, 1): the L2 part as PENALTY_L2's gradient term with α·(1 − ρ),
 * the L1 part as PENALTY_L1's proximal step with α·ρ.
 */
export const PENALTY_ELASTICNET = 3;


/** Optimizers. */
export const OPT_SGD = 0;
export const OPT_ADAM = 1;
export const OPT_ADAMW = 2;
export const OPT_RMSPROP = 3;
export const OPT_ADAGRAD = 4;
/** Adadelta (issue 15): settings O_RHO, O_EPS; buffers square_avg, acc_delta. */
export const OPT_ADADELTA = 5;

/** Flag bits: F_NESTEROV, F_MAXIMIZE in O_FLAGS (F_FIRST_STEP added by the step from T_FIRST); F_FIT_INTERCEPT, F_SHUFFLE in C_FLAGS. */
export const F_NESTEROV = 1;
export const F_MAXIMIZE = 2;
export const F_FIRST_STEP = 4;
export const F_FIT_INTERCEPT = 8;
export const F_SHUFFLE = 16;

/** C_AUTO flags. */
/**
 * lr 'auto': a step whose objective fails Armijo's test is undone (restart); a failed fresh step halves η; at each
 * restart η ← 1/C, C the largest secant curvature of the steps since the previous one; a run with η·C below
 * AUTO_GROW_BELOW restarts to grow η.
 */
export const A_BACKTRACK = 1;
/** momentum 'auto' without a known μ: β = k/(k + 3) on the k-th step since the start or the last restart. */
export const A_SCHEDULE = 2;
/** restart 'function': reset the velocity when the objective rises (O'Donoghue & Candès 2015). */
export const A_RESTART_FUNCTION = 4;
/** restart 'gradient': reset the velocity when ∇J(θₜ₊₁)·(θₜ₊₁ − θₜ) > 0 (the step went uphill). */
export const A_RESTART_GRADIENT = 8;
/** Armijo's constant c: accept J(θ + Δ) ≤ J(θ) + c·min(∇J(θ)·Δ, 0). */
export const AUTO_ARMIJO = 1e-4;
/** η ← η·AUTO_SHRINK after a failed fresh step. */
export const AUTO_SHRINK = 0.5;
/**
 * lr 'auto' with momentum: a run of at least AUTO_GROW_AFTER steps (S_AUTO_GROW_AFTER after the first growth) whose
 * curvature envelope C has η·C below AUTO_GROW_BELOW (the step is a small part of what the local curvature allows: near the optimum of a logistic loss
 * the curvature is often far below the global L) restarts, to take η ← 1/C.
 */
export const AUTO_GROW_AFTER = 3;
export const AUTO_GROW_BELOW = 0.25;
/**
 * The forgetting of the curvature envelope C ← max(c, AUTO_CURVATURE_DECAY·C) per judged step, for every loss but the
 * squared one (whose Hessian does not depend on θ). A logistic or softmax fit from θ = 0 meets its largest
 * curvature (σ' = ¼) at the first step, and the curvature along its path then falls, ~100× within 20 steps on the
 * cancer and digits data: a maximum that never forgets held η at 1/L for a whole first run (~50 steps there). Each
 * growth restart doubles the run length the next one needs (S_AUTO_GROW_AFTER), so that the long momentum runs of
 * ill-conditioned problems, whose secant curvature falls as the velocity turns to flat directions, are not cut
 * over and over. Measured on the 20 problems of test/auto: every decay in [0.88, 0.935] keeps 'auto' within 2× the
 * best grid setting (worst 1.47–1.92); outside it the worst case flips (0.875: 2.41, 0.94: 2.06).
 */
export const AUTO_CURVATURE_DECAY = 0.9;

/** Power iteration for λmax(AᵀA/n) (assembly/lipschitz.ts): at most this many passes over X. */
export const POWER_MAX_ITER = 50;
/** It stops when the Rayleigh quotient changes by at most this fraction of itself from one pass to the next. */
export const POWER_TOL = 1e-3;

/** Fit status codes. */
export const RUNNING = 0;
export const CONVERGED = 1;
export const MAX_ITERATIONS = 2;
export const DIVERGED = 3;
/** The sklearn rule stopped the fit: no improvement by tol for nIterNoChange epochs (not a stationarity test). */
export const NO_IMPROVEMENT = 4;

/** Stopping rules (C_STOP_RULE). */
export const RULE_NONE = 0;
/** ‖∇J(θₜ)‖∞ ≤ tol·‖∇J(θ₀)‖∞ and J(θₜ) ≤ J(θ₀) on all training rows. */
export const RULE_GRADIENT = 1;
/** scikit-learn's: the epoch objective has not beaten its best by tol for nIterNoChange epochs. */
export const RULE_SKLEARN = 2;

/** Per-step results. */
export const STEP_OK = 0;
export const STEP_BAD_GRAD = 1;
export const STEP_DIVERGED = 2;

// Neural networks (issue 16; assembly/nn/mlp.ts, src/js/nn/mlp.ts). A multilayer perceptron is C_LOSS = LOSS_MLP: its
// layers are the segment table's rows, two per layer in order (W_l: in_l·out_l weights, row-major in × out, decayed;
// b_l: out_l biases, not decayed), in_1 = C_COLS, out_L = C_OUTPUTS; the scratch (C_SCRATCH_PTR) holds the
// activations of C_MLP_BLOCK rows for every layer, two more doubles and the block's row addresses (src/nn/plan.ts).
/** The network's data term: forward and backward pass over the layers of the segment table. */
export const LOSS_MLP = 40;
/** The output head: LOSS_SQUARED (K = 1), LOSS_LOG (K = 1, two classes) or LOSS_MULTINOMIAL (K classes). */
export const C_MLP_HEAD = 51;
/** The hidden layers' activation: ACT_*. */
export const C_MLP_ACTIVATION = 52;
/** Rows per block of the forward/backward pass (the scratch holds this many rows of every layer). */
export const C_MLP_BLOCK = 53;
/** Activations: identity, max(z, 0), tanh, σ (assembly/math.ts, src/elementary.ts). */
export const ACT_IDENTITY = 0;
export const ACT_RELU = 1;
export const ACT_TANH = 2;
export const ACT_SIGMOID = 3;

// Shards (issue 17): the data term of a batch of n rows is computed over S = shardCount(n) contiguous shards of its
// rows (positions of its row order for a shuffled batch), each shard's raw sums into a buffer of its own, combined in
// shard order (g = partial₀, then g += partialₛ for s = 1 … S − 1; Σℓ likewise), then L.mean, 1/n and the penalty.
// S and the boundaries depend on n only, never on the thread count: S = clamp(⌊n / SHARD_ROWS⌋, 1, SHARD_MAX), shard
// s starts at aₛ = SHARD_ALIGN·⌊s·⌊n / SHARD_ALIGN⌋ / S⌋ (a₀ = 0) and the last ends at n (assembly/fit.ts and
// src/js/fit.ts: shardStart). With n < 2·SHARD_ROWS there is one shard: today's single pass, the same doubles.
/** Rows per shard, at least: S = ⌊n / SHARD_ROWS⌋ (clamped to 1 … SHARD_MAX). */
export const SHARD_ROWS = 4096;
/** Most shards of one batch. */
export const SHARD_MAX = 16;
/** Shard boundaries are multiples of this many rows (the four-row blocks and the two-row pairs stay whole). */
export const SHARD_ALIGN = 8;
/**
 * Batches under this many rows run every shard on the calling thread (scheduling only: the doubles are the same).
 * Measured (bench/threads.ts --threshold, bench/RESULTS-threads.md): at 8 192 rows waking a worker costs more than
 * half a pass saves (2 threads 0.45–0.85× one), from 16 384 rows two threads pay (1.2–2.0×) at d = 10 and 100.
 */
export const THREAD_MIN_ROWS = 16384;

// The thread control block (assembly/threads.ts, src/wasm/threads.ts): one per engine, byte offsets. i32 slots
// (atomics): the job's generation (workers wait on it), the count of workers done with it, quit, the error flag
// (a worker's JS wrapper sets it when the worker traps), the thread count, and a test hook (a worker id that traps).
export const TC_GEN = 0;
export const TC_DONE = 4;
export const TC_QUIT = 8;
export const TC_ERROR = 12;
export const TC_THREADS = 16;
export const TC_TRAP = 20;
/** f64 slots of the job from here: cfg, X, y, row weights, row order, n, θ (byte addresses and the row count). */
export const TC_JOB = 32;
export const TC_SIZE = 96;
