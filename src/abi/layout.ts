// The interface between the WASM core (assembly/) and the host (src/): slot numbers of the fit's config and state
// blocks (f64 each), ids, flags and status codes. Plain constants only, importing nothing: this file is both TS and AS,
// compiled into assembly/ and src/ alike; it is the only file of src/ that assembly/ imports.

/** Config block: what a fit is asked to do. Pointer slots (…_PTR) are byte addresses, used by WASM only. */
export const C_MODEL = 0;
export const C_ROWS = 1;
export const C_COLS = 2;
export const C_OUTPUTS = 3;
export const C_X_PTR = 4;
export const C_Y_PTR = 5;
export const C_PARAMS_PTR = 6;
export const C_BUF1_PTR = 7;
export const C_BUF2_PTR = 8;
export const C_GRAD_PTR = 9;
export const C_BACKUP_PTR = 10;
export const C_LOSS_PTR = 11;
export const C_EPOCH_LOSS_PTR = 12;
export const C_LR_PTR = 13;
export const C_SCRATCH_PTR = 14;
export const C_PERM_PTR = 15;
export const C_VAL_X_PTR = 16;
export const C_VAL_Y_PTR = 17;
export const C_VAL_ROWS = 18;
export const C_MOMENTUM = 19;
export const C_DAMPENING = 20;
export const C_WEIGHT_DECAY = 21;
export const C_ALPHA = 22;
export const C_TOL = 23;
export const C_N_ITER_NO_CHANGE = 24;
export const C_MAX_ITERATIONS = 25;
export const C_MAX_EPOCHS = 26;
export const C_BATCH_SIZE = 27;
export const C_FLAGS = 28;
export const C_OPTIMIZER = 29;
export const C_BETA1 = 30;
export const C_BETA2 = 31;
export const C_EPS = 32;
export const C_RHO = 33;
export const C_LR_DECAY = 34;
/** Ring sizes: loss[t % C_LOSS_CAP], lr and epoch loss at [e % C_EPOCH_CAP]; the host drains them between chunks. */
export const C_LOSS_CAP = 35;
export const C_EPOCH_CAP = 36;
/** The gradient buffer used while θ is in the backup buffer (each θ buffer has its gradient right after it). */
export const C_BACKUP_GRAD_PTR = 37;
/** The stopping rule: RULE_NONE, RULE_GRADIENT or RULE_SKLEARN. */
export const C_STOP_RULE = 38;
export const C_SIZE = 39;

/** State block: where a (resumable) fit is. */
export const S_ITERATION = 0;
export const S_EPOCH = 1;
export const S_BEST = 2;
export const S_NO_IMPROVE = 3;
export const S_HAS_BUFFER = 4;
export const S_RNG0 = 5;
export const S_RNG1 = 6;
export const S_RNG2 = 7;
export const S_RNG3 = 8;
export const S_BETA1_POW = 9;
export const S_BETA2_POW = 10;
export const S_BATCH_POS = 11;
export const S_EPOCH_SUM = 12;
export const S_EPOCH_BATCHES = 13;
export const S_STEP = 14;
/** RULE_GRADIENT: ‖∇J(θ₀)‖∞ (−1 until measured) and J(θ₀), on all training rows. */
export const S_GRAD0 = 15;
export const S_LOSS0 = 16;
export const S_SIZE = 17;

/**
 * Losses (the config slot C_MODEL → C_LOSS): the kernel the fused pass runs, one entry each in assembly/loss/registry.ts
 * and src/js/loss/registry.ts. LOSS_SQUARED: ½(z − y)² (linear, ridge; data term Σr²/(2n)); LOSS_LOG: binary
 * logistic; LOSS_HINGE: the linear SVM's max(0, 1 − s·z); LOSS_MULTINOMIAL: softmax cross-entropy over K scores.
 */
export const LOSS_SQUARED = 0;
export const LOSS_LOG = 1;
export const LOSS_HINGE = 2;
export const LOSS_MULTINOMIAL = 3;

/** Models. */
export const MODEL_LINEAR = 0;
export const MODEL_RIDGE = 1;
export const MODEL_LOGISTIC = 2;
export const MODEL_HINGE = 3;
export const MODEL_SOFTMAX = 4;

/**
 * Losses (the data term of a fit; issue 13). linear and ridge: LOSS_SQUARED, J = Σr²/(2n); logistic: LOSS_LOG;
 * hinge: LOSS_HINGE; softmax: LOSS_MULTINOMIAL. Which model uses which: src/models/registry.ts.
 */
export const LOSS_SQUARED = 0;
export const LOSS_LOG = 1;
export const LOSS_HINGE = 2;
export const LOSS_MULTINOMIAL = 3;

/** Penalties: PENALTY_L2 ((α/2)·‖w‖², never on the intercepts) when α > 0, PENALTY_NONE otherwise. */
export const PENALTY_NONE = 0;
export const PENALTY_L2 = 1;

/** Optimizers. */
export const OPT_SGD = 0;
export const OPT_ADAM = 1;
export const OPT_ADAMW = 2;
export const OPT_RMSPROP = 3;
export const OPT_ADAGRAD = 4;

/** Flag bits. */
export const F_NESTEROV = 1;
export const F_MAXIMIZE = 2;
export const F_FIRST_STEP = 4;
export const F_FIT_INTERCEPT = 8;
export const F_SHUFFLE = 16;

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
