/**
 * JS mirror of assembly/config.ts: typed views over the fit's config and state blocks (Float64Arrays with the slots of
 * src/abi/layout.ts). The config block does not change while a fit runs, so a JS view reads its slots once, into
 * fields (V8 loads a field faster than it indexes a Float64Array through a getter: the same doubles either way); the
 * step state is a record read from the state block and written back (StepState.store). Integer slots are read as
 * int32 (`| 0`: the AS views' i32, and small integers for V8, whose kernels then index with int32 arithmetic; a double
 * there made the fused pass ~1.8× slower). The fit's loop registers
 * (iteration, epoch, …) are read and written at the slots of the state block directly (src/js/fit.ts).
 */
import * as L from '../abi/layout.js';

/** The optimizer's settings (O_* slots): what the step reads besides the step state and the segments. The per-step API passes its flags with the step (src/js/step.ts: checkedStep), so the settings stay as read. */
export class Settings {
  readonly kind: number;
  /** Written by a fit with the k/(k + 3) schedule before each step (A_SCHEDULE). */
  momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly rho: number;
  readonly lrDecay: number;
  /** F_NESTEROV | F_MAXIMIZE. */
  readonly flags: number;
  constructor(b: Float64Array, at: number) {
    this.kind = b[at + L.O_KIND]! | 0;
    this.flags = b[at + L.O_FLAGS]! | 0;
    this.momentum = b[at + L.O_MOMENTUM]!;
    this.dampening = b[at + L.O_DAMPENING]!;
    this.weightDecay = b[at + L.O_WEIGHT_DECAY]!;
    this.beta1 = b[at + L.O_BETA1]!;
    this.beta2 = b[at + L.O_BETA2]!;
    this.eps = b[at + L.O_EPS]!;
    this.rho = b[at + L.O_RHO]!;
    this.lrDecay = b[at + L.O_LR_DECAY]!;
  }
  get maximize(): boolean { return (this.flags & L.F_MAXIMIZE) !== 0; }
}

/** The optimizer's step state (T_* slots): learning rate, step number t, β₁ᵗ, β₂ᵗ, first step. Read from a block by the constructor, written back by store. */
export class StepState {
  lr: number;
  step: number;
  beta1Pow: number;
  beta2Pow: number;
  first: boolean;
  constructor(b: Float64Array, at: number) {
    this.lr = b[at + L.T_LR]!;
    this.step = b[at + L.T_STEP]!;
    this.beta1Pow = b[at + L.T_BETA1_POW]!;
    this.beta2Pow = b[at + L.T_BETA2_POW]!;
    this.first = b[at + L.T_FIRST] !== 0;
  }
  /** Writes the record into block b at at. */
  store(b: Float64Array, at: number): void {
    b[at + L.T_LR] = this.lr;
    b[at + L.T_STEP] = this.step;
    b[at + L.T_BETA1_POW] = this.beta1Pow;
    b[at + L.T_BETA2_POW] = this.beta2Pow;
    b[at + L.T_FIRST] = this.first ? 1 : 0;
  }
}

/** A parameter segment (G_* slots): θ[offset … offset + length − 1], decayed (weight decay, penalty) or not. */
export class Segment {
  readonly offset: number;
  readonly length: number;
  readonly decayed: boolean;
  constructor(b: Float64Array, at: number) {
    this.offset = b[at + L.G_OFFSET]! | 0;
    this.length = b[at + L.G_LENGTH]! | 0;
    this.decayed = b[at + L.G_DECAYED] !== 0;
  }
}

/** The config block (C_* slots; the pointer slots are WASM's: the JS fit has arrays, FitArrays). */
export class Config {
  readonly loss: number;
  readonly rows: number;
  readonly cols: number;
  readonly outputs: number;
  readonly valRows: number;
  readonly penalty: number;
  readonly alpha: number;
  /** ρ: the L1 share of the penalty (C_L1_RATIO). */
  readonly l1Ratio: number;
  /** The loss's ε (huber, ε-insensitive losses; 0 for the others). */
  readonly lossEpsilon: number;
  readonly batchSize: number;
  readonly maxIterations: number;
  readonly maxEpochs: number;
  readonly stopRule: number;
  readonly tol: number;
  readonly nIterNoChange: number;
  readonly lossCap: number;
  readonly epochCap: number;
  readonly segmentCount: number;
  /** A_* flags of src/abi/layout.ts: 0 for every fit without an 'auto' option. */
  readonly auto: number;
  /** Averaged SGD: the first update whose iterate enters the average (C_AVERAGE_START); 0: off. */
  readonly averageStart: number;
  constructor(b: Float64Array, at: number) {
    this.auto = b[at + L.C_AUTO]! | 0;
    this.averageStart = b[at + L.C_AVERAGE_START]! | 0;
    this.loss = b[at + L.C_LOSS]! | 0;
    this.rows = b[at + L.C_ROWS]! | 0;
    this.cols = b[at + L.C_COLS]! | 0;
    this.outputs = b[at + L.C_OUTPUTS]! | 0;
    this.valRows = b[at + L.C_VAL_ROWS]! | 0;
    this.penalty = b[at + L.C_PENALTY]! | 0;
    this.alpha = b[at + L.C_ALPHA]!;
    this.l1Ratio = b[at + L.C_L1_RATIO]!;
    this.lossEpsilon = b[at + L.C_LOSS_EPSILON]!;
    this.batchSize = b[at + L.C_BATCH_SIZE]! | 0;
    this.maxIterations = b[at + L.C_MAX_ITERATIONS]! | 0;
    this.maxEpochs = b[at + L.C_MAX_EPOCHS]! | 0;
    this.stopRule = b[at + L.C_STOP_RULE]! | 0;
    this.tol = b[at + L.C_TOL]!;
    this.nIterNoChange = b[at + L.C_N_ITER_NO_CHANGE]! | 0;
    this.lossCap = b[at + L.C_LOSS_CAP]! | 0;
    this.epochCap = b[at + L.C_EPOCH_CAP]! | 0;
    this.segmentCount = b[at + L.C_SEGMENT_COUNT]! | 0;
    this.fitIntercept = (b[at + L.C_FLAGS]! & L.F_FIT_INTERCEPT) !== 0;
    this.shuffle = (b[at + L.C_FLAGS]! & L.F_SHUFFLE) !== 0;
    this.optimizer = new Settings(b, at + L.C_OPTIMIZER);
    // Networks (issue 16: C_MLP_*; 0 for every other fit).
    this.mlpHead = b[at + L.C_MLP_HEAD]! | 0;
    this.mlpActivation = b[at + L.C_MLP_ACTIVATION]! | 0;
    this.mlpBlock = b[at + L.C_MLP_BLOCK]! | 0;
    this.segments = Array.from({ length: this.segmentCount }, (_, k) => new Segment(b, at + L.C_SIZE + k * L.G_SIZE));
    const last = this.segments[this.segmentCount - 1]!;
    this.paramCount = last.offset + last.length;
  }
  readonly fitIntercept: boolean;
  readonly shuffle: boolean;
  /** A network's head (LOSS_*), activation (ACT_*) and rows per block (C_MLP_*). */
  readonly mlpHead: number;
  readonly mlpActivation: number;
  readonly mlpBlock: number;
  /** The optimizer's settings sub-block. */
  readonly optimizer: Settings;
  /** The segment table, in order. */
  readonly segments: readonly Segment[];
  /** Elements of θ the segments cover: the end of the last one (the table is in order and gapless from 0). */
  readonly paramCount: number;
}
