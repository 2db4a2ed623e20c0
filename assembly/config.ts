// Typed views over the fit's config and state blocks (slots of src/abi/layout.ts, f64 each): a view is the block's
// address seen as an @unmanaged class whose @inline getters load one slot, so `c.rows` compiles to one f64.load
// and a conversion, the same code as reading the slot by hand. Nothing is allocated. Mirrored by src/js/config.ts.
import {
  C_LOSS, C_ROWS, C_COLS, C_OUTPUTS, C_X_PTR, C_Y_PTR, C_VAL_X_PTR, C_VAL_Y_PTR, C_VAL_ROWS, C_FLAGS, C_PENALTY,
  C_WEIGHT_PTR, C_VAL_WEIGHT_PTR,
  C_ALPHA, C_PARAMS_PTR, C_GRAD_PTR, C_BACKUP_PTR, C_BACKUP_GRAD_PTR, C_BUF1_PTR, C_BUF2_PTR, C_SCRATCH_PTR, C_X_TILE_PTR,
  C_PARTIALS_PTR, C_THREAD_SCRATCH_PTR, C_THREAD_SCRATCH_STRIDE, C_THREAD_TILE_PTR, C_THREAD_TILE_STRIDE,
  C_PERM_PTR, C_BATCH_SIZE, C_MAX_ITERATIONS, C_MAX_EPOCHS, C_STOP_RULE, C_TOL, C_N_ITER_NO_CHANGE, C_LOSS_PTR,
  C_EPOCH_LOSS_PTR, C_LR_PTR, C_LOSS_CAP, C_EPOCH_CAP, C_OPTIMIZER, C_SEGMENT_COUNT, C_SIZE, C_AUTO, C_PREV_PTR,
  C_PREV_GRAD_PTR, C_L1_RATIO, C_LOSS_EPSILON, C_AVG_PTR, C_AVERAGE_START,
  O_KIND, O_FLAGS, O_MOMENTUM, O_DAMPENING, O_WEIGHT_DECAY, O_BETA1, O_BETA2, O_EPS, O_RHO, O_LR_DECAY,
  G_OFFSET, G_LENGTH, G_DECAYED, G_SIZE,
  S_ITERATION, S_EPOCH, S_BEST, S_NO_IMPROVE, S_BATCH_POS, S_EPOCH_SUM, S_EPOCH_BATCHES, S_GRAD0, S_LOSS0,
  S_RNG0, S_STEP_STATE, T_LR, T_STEP, T_BETA1_POW, T_BETA2_POW, T_FIRST,
  F_FIT_INTERCEPT, F_SHUFFLE, F_MAXIMIZE,
} from '../src/abi/layout';

// @ts-ignore: decorator
@inline
function f64At(block: usize, k: i32): f64 {
  return load<f64>(block + (<usize>k << 3));
}

/**
 * An integer slot v (|v| < 2⁵¹, as every count, id, flag word and address the host writes) as an i32: v + 1.5·2⁵² is
 * exact and its low 32 bits are v in two's complement. One add and a move, where V8 compiles the f64 → i32
 * conversion (i32.trunc_sat_f64_s) to a round, a convert, a convert back and a compare, ~20 cycles on the address
 * chain of every slot read (the per-step API reads three: +5 % a step at d = 10; bench/AB-13.md).
 */
// @ts-ignore: decorator
@inline
function intOf(v: f64): i32 {
  return <i32>reinterpret<i64>(v + 6755399441055744.0);
}

// @ts-ignore: decorator
@inline
function i32At(block: usize, k: i32): i32 {
  return intOf(load<f64>(block + (<usize>k << 3)));
}

// @ts-ignore: decorator
@inline
function ptrAt(block: usize, k: i32): usize {
  return <usize>intOf(load<f64>(block + (<usize>k << 3)));
}

// @ts-ignore: decorator
@inline
function setAt(block: usize, k: i32, v: f64): void {
  store<f64>(block + (<usize>k << 3), v);
}

/** The optimizer's settings (O_* slots): what the step reads besides the step state and the segment. */
@unmanaged
export class Settings {
  /** OPT_*. */
  // @ts-ignore: decorator
  @inline get kind(): i32 { return i32At(changetype<usize>(this), O_KIND); }
  /** F_NESTEROV | F_MAXIMIZE. */
  // @ts-ignore: decorator
  @inline get flags(): i32 { return i32At(changetype<usize>(this), O_FLAGS); }
  // @ts-ignore: decorator
  @inline set flags(v: i32) { setAt(changetype<usize>(this), O_FLAGS, <f64>v); }
  // @ts-ignore: decorator
  @inline get maximize(): bool { return (this.flags & F_MAXIMIZE) != 0; }
  // @ts-ignore: decorator
  @inline get momentum(): f64 { return f64At(changetype<usize>(this), O_MOMENTUM); }
  /** Written by a fit with the k/(k + 3) schedule before each step (A_SCHEDULE). */
  // @ts-ignore: decorator
  @inline set momentum(v: f64) { setAt(changetype<usize>(this), O_MOMENTUM, v); }
  // @ts-ignore: decorator
  @inline get dampening(): f64 { return f64At(changetype<usize>(this), O_DAMPENING); }
  // @ts-ignore: decorator
  @inline get weightDecay(): f64 { return f64At(changetype<usize>(this), O_WEIGHT_DECAY); }
  // @ts-ignore: decorator
  @inline get beta1(): f64 { return f64At(changetype<usize>(this), O_BETA1); }
  // @ts-ignore: decorator
  @inline get beta2(): f64 { return f64At(changetype<usize>(this), O_BETA2); }
  // @ts-ignore: decorator
  @inline get eps(): f64 { return f64At(changetype<usize>(this), O_EPS); }
  // @ts-ignore: decorator
  @inline get rho(): f64 { return f64At(changetype<usize>(this), O_RHO); }
  // @ts-ignore: decorator
  @inline get lrDecay(): f64 { return f64At(changetype<usize>(this), O_LR_DECAY); }
}

/** The optimizer's step state (T_* slots): learning rate, step number t, β₁ᵗ, β₂ᵗ, first step. */
@unmanaged
export class StepState {
  // @ts-ignore: decorator
  @inline get lr(): f64 { return f64At(changetype<usize>(this), T_LR); }
  // @ts-ignore: decorator
  @inline set lr(v: f64) { setAt(changetype<usize>(this), T_LR, v); }
  // @ts-ignore: decorator
  @inline get step(): f64 { return f64At(changetype<usize>(this), T_STEP); }
  // @ts-ignore: decorator
  @inline set step(v: f64) { setAt(changetype<usize>(this), T_STEP, v); }
  // @ts-ignore: decorator
  @inline get beta1Pow(): f64 { return f64At(changetype<usize>(this), T_BETA1_POW); }
  // @ts-ignore: decorator
  @inline set beta1Pow(v: f64) { setAt(changetype<usize>(this), T_BETA1_POW, v); }
  // @ts-ignore: decorator
  @inline get beta2Pow(): f64 { return f64At(changetype<usize>(this), T_BETA2_POW); }
  // @ts-ignore: decorator
  @inline set beta2Pow(v: f64) { setAt(changetype<usize>(this), T_BETA2_POW, v); }
  // @ts-ignore: decorator
  @inline get first(): bool { return f64At(changetype<usize>(this), T_FIRST) != 0; }
  // @ts-ignore: decorator
  @inline set first(v: bool) { setAt(changetype<usize>(this), T_FIRST, v ? 1.0 : 0.0); }
}

/** A parameter segment (G_* slots): θ[offset … offset + length − 1], decayed or not. */
@unmanaged
export class Segment {
  /** First element, in f64 elements from the start of θ. */
  // @ts-ignore: decorator
  @inline get offset(): i32 { return i32At(changetype<usize>(this), G_OFFSET); }
  // @ts-ignore: decorator
  @inline get length(): i32 { return i32At(changetype<usize>(this), G_LENGTH); }
  /** Weight decay and the penalty apply to it. */
  // @ts-ignore: decorator
  @inline get decayed(): bool { return f64At(changetype<usize>(this), G_DECAYED) != 0; }
  /** The segment's first byte in an array of θ's layout at ptr. */
  // @ts-ignore: decorator
  @inline at(ptr: usize): usize { return ptr + (<usize>this.offset << 3); }
}

/** Row k of a segment table at `table` (rows of G_SIZE slots). */
// @ts-ignore: decorator
@inline
export function segmentAt(table: usize, k: i32): Segment {
  return changetype<Segment>(table + (<usize>(k * G_SIZE) << 3));
}

/** The config block (C_* slots): data, loss and penalty, workspace, batches and stopping, rings, optimizer, segments. */
@unmanaged
export class Config {
  // Data, loss, penalty.
  // @ts-ignore: decorator
  @inline get loss(): i32 { return i32At(changetype<usize>(this), C_LOSS); }
  // @ts-ignore: decorator
  @inline get rows(): i32 { return i32At(changetype<usize>(this), C_ROWS); }
  // @ts-ignore: decorator
  @inline get cols(): i32 { return i32At(changetype<usize>(this), C_COLS); }
  // @ts-ignore: decorator
  @inline get outputs(): i32 { return i32At(changetype<usize>(this), C_OUTPUTS); }
  // @ts-ignore: decorator
  @inline get xPtr(): usize { return ptrAt(changetype<usize>(this), C_X_PTR); }
  // @ts-ignore: decorator
  @inline get yPtr(): usize { return ptrAt(changetype<usize>(this), C_Y_PTR); }
  // @ts-ignore: decorator
  @inline get valXPtr(): usize { return ptrAt(changetype<usize>(this), C_VAL_X_PTR); }
  // @ts-ignore: decorator
  @inline get valYPtr(): usize { return ptrAt(changetype<usize>(this), C_VAL_Y_PTR); }
  // @ts-ignore: decorator
  @inline get valRows(): i32 { return i32At(changetype<usize>(this), C_VAL_ROWS); }
  /** The training rows' weights cᵢ (indexed like y), or 0 for an unweighted fit. */
  // @ts-ignore: decorator
  @inline get weightPtr(): usize { return ptrAt(changetype<usize>(this), C_WEIGHT_PTR); }
  /** The validation rows' weights, or 0. */
  // @ts-ignore: decorator
  @inline get valWeightPtr(): usize { return ptrAt(changetype<usize>(this), C_VAL_WEIGHT_PTR); }
  // @ts-ignore: decorator
  @inline get fitIntercept(): bool { return (i32At(changetype<usize>(this), C_FLAGS) & F_FIT_INTERCEPT) != 0; }
  // @ts-ignore: decorator
  @inline get shuffle(): bool { return (i32At(changetype<usize>(this), C_FLAGS) & F_SHUFFLE) != 0; }
  // @ts-ignore: decorator
  @inline get penalty(): i32 { return i32At(changetype<usize>(this), C_PENALTY); }
  // @ts-ignore: decorator
  @inline get alpha(): f64 { return f64At(changetype<usize>(this), C_ALPHA); }
  /** ρ: the L1 share of the penalty (C_L1_RATIO). */
  // @ts-ignore: decorator
  @inline get l1Ratio(): f64 { return f64At(changetype<usize>(this), C_L1_RATIO); }
  /** The loss's ε (huber, ε-insensitive losses; 0 for the others). */
  // @ts-ignore: decorator
  @inline get lossEpsilon(): f64 { return f64At(changetype<usize>(this), C_LOSS_EPSILON); }
  // Workspace.
  // @ts-ignore: decorator
  @inline get paramsPtr(): usize { return ptrAt(changetype<usize>(this), C_PARAMS_PTR); }
  // @ts-ignore: decorator
  @inline get gradPtr(): usize { return ptrAt(changetype<usize>(this), C_GRAD_PTR); }
  // @ts-ignore: decorator
  @inline get backupPtr(): usize { return ptrAt(changetype<usize>(this), C_BACKUP_PTR); }
  // @ts-ignore: decorator
  @inline get backupGradPtr(): usize { return ptrAt(changetype<usize>(this), C_BACKUP_GRAD_PTR); }
  // @ts-ignore: decorator
  @inline get buf1Ptr(): usize { return ptrAt(changetype<usize>(this), C_BUF1_PTR); }
  // @ts-ignore: decorator
  @inline get buf2Ptr(): usize { return ptrAt(changetype<usize>(this), C_BUF2_PTR); }
  // @ts-ignore: decorator
  @inline get scratchPtr(): usize { return ptrAt(changetype<usize>(this), C_SCRATCH_PTR); }
  /** float32 storage: the four f64 row slots (C_X_TILE_PTR), or 0 for f64 X. */
  // @ts-ignore: decorator
  @inline get xTilePtr(): usize { return ptrAt(changetype<usize>(this), C_X_TILE_PTR); }
  // @ts-ignore: decorator
  @inline get permPtr(): usize { return ptrAt(changetype<usize>(this), C_PERM_PTR); }
  /** Threads (issue 17): the shards' partials (0: shards in order on the calling thread), workers' scratch and tiles. */
  // @ts-ignore: decorator
  @inline get partialsPtr(): usize { return ptrAt(changetype<usize>(this), C_PARTIALS_PTR); }
  // @ts-ignore: decorator
  @inline get threadScratchPtr(): usize { return ptrAt(changetype<usize>(this), C_THREAD_SCRATCH_PTR); }
  // @ts-ignore: decorator
  @inline get threadScratchStride(): usize { return ptrAt(changetype<usize>(this), C_THREAD_SCRATCH_STRIDE); }
  // @ts-ignore: decorator
  @inline get threadTilePtr(): usize { return ptrAt(changetype<usize>(this), C_THREAD_TILE_PTR); }
  // @ts-ignore: decorator
  @inline get threadTileStride(): usize { return ptrAt(changetype<usize>(this), C_THREAD_TILE_STRIDE); }
  // Batches and stopping.
  // @ts-ignore: decorator
  @inline get batchSize(): i32 { return i32At(changetype<usize>(this), C_BATCH_SIZE); }
  // @ts-ignore: decorator
  @inline get maxIterations(): i32 { return i32At(changetype<usize>(this), C_MAX_ITERATIONS); }
  // @ts-ignore: decorator
  @inline get maxEpochs(): i32 { return i32At(changetype<usize>(this), C_MAX_EPOCHS); }
  // @ts-ignore: decorator
  @inline get stopRule(): i32 { return i32At(changetype<usize>(this), C_STOP_RULE); }
  // @ts-ignore: decorator
  @inline get tol(): f64 { return f64At(changetype<usize>(this), C_TOL); }
  // @ts-ignore: decorator
  @inline get nIterNoChange(): i32 { return i32At(changetype<usize>(this), C_N_ITER_NO_CHANGE); }
  // Rings.
  // @ts-ignore: decorator
  @inline get lossPtr(): usize { return ptrAt(changetype<usize>(this), C_LOSS_PTR); }
  // @ts-ignore: decorator
  @inline get epochLossPtr(): usize { return ptrAt(changetype<usize>(this), C_EPOCH_LOSS_PTR); }
  // @ts-ignore: decorator
  @inline get lrPtr(): usize { return ptrAt(changetype<usize>(this), C_LR_PTR); }
  // @ts-ignore: decorator
  @inline get lossCap(): i32 { return i32At(changetype<usize>(this), C_LOSS_CAP); }
  // @ts-ignore: decorator
  @inline get epochCap(): i32 { return i32At(changetype<usize>(this), C_EPOCH_CAP); }
  // Automatic step size and momentum (A_* flags; 0 for every other fit) and their buffers.
  // @ts-ignore: decorator
  @inline get auto(): i32 { return i32At(changetype<usize>(this), C_AUTO); }
  // @ts-ignore: decorator
  @inline get prevPtr(): usize { return ptrAt(changetype<usize>(this), C_PREV_PTR); }
  // @ts-ignore: decorator
  @inline get prevGradPtr(): usize { return ptrAt(changetype<usize>(this), C_PREV_GRAD_PTR); }
  // Averaged SGD: the running average's buffer and the first update it takes (0: off).
  // @ts-ignore: decorator
  @inline get avgPtr(): usize { return ptrAt(changetype<usize>(this), C_AVG_PTR); }
  // @ts-ignore: decorator
  @inline get averageStart(): i32 { return i32At(changetype<usize>(this), C_AVERAGE_START); }
  // The optimizer and the parameter segments.
  // @ts-ignore: decorator
  @inline get optimizer(): Settings { return changetype<Settings>(changetype<usize>(this) + (<usize>C_OPTIMIZER << 3)); }
  // @ts-ignore: decorator
  @inline get segmentCount(): i32 { return i32At(changetype<usize>(this), C_SEGMENT_COUNT); }
  /** Row k of the segment table. */
  // @ts-ignore: decorator
  @inline segment(k: i32): Segment { return segmentAt(this.segmentTable, k); }
  /** The segment table's address (its first row). */
  // @ts-ignore: decorator
  @inline get segmentTable(): usize { return changetype<usize>(this) + (<usize>C_SIZE << 3); }
  /** Elements of θ the segments cover: the end of the last one (the table is in order and gapless from 0). */
  // @ts-ignore: decorator
  @inline get paramCount(): i32 {
    const last = this.segment(this.segmentCount - 1);
    return last.offset + last.length;
  }
}

/** The state block (S_* slots): where a resumable fit is. */
@unmanaged
export class State {
  // @ts-ignore: decorator
  @inline get iteration(): i32 { return i32At(changetype<usize>(this), S_ITERATION); }
  // @ts-ignore: decorator
  @inline set iteration(v: i32) { setAt(changetype<usize>(this), S_ITERATION, <f64>v); }
  // @ts-ignore: decorator
  @inline get epoch(): i32 { return i32At(changetype<usize>(this), S_EPOCH); }
  // @ts-ignore: decorator
  @inline set epoch(v: i32) { setAt(changetype<usize>(this), S_EPOCH, <f64>v); }
  // @ts-ignore: decorator
  @inline get best(): f64 { return f64At(changetype<usize>(this), S_BEST); }
  // @ts-ignore: decorator
  @inline set best(v: f64) { setAt(changetype<usize>(this), S_BEST, v); }
  // @ts-ignore: decorator
  @inline get noImprove(): i32 { return i32At(changetype<usize>(this), S_NO_IMPROVE); }
  // @ts-ignore: decorator
  @inline set noImprove(v: i32) { setAt(changetype<usize>(this), S_NO_IMPROVE, <f64>v); }
  // @ts-ignore: decorator
  @inline get batchPos(): i32 { return i32At(changetype<usize>(this), S_BATCH_POS); }
  // @ts-ignore: decorator
  @inline set batchPos(v: i32) { setAt(changetype<usize>(this), S_BATCH_POS, <f64>v); }
  // @ts-ignore: decorator
  @inline get epochSum(): f64 { return f64At(changetype<usize>(this), S_EPOCH_SUM); }
  // @ts-ignore: decorator
  @inline set epochSum(v: f64) { setAt(changetype<usize>(this), S_EPOCH_SUM, v); }
  // @ts-ignore: decorator
  @inline get epochBatches(): i32 { return i32At(changetype<usize>(this), S_EPOCH_BATCHES); }
  // @ts-ignore: decorator
  @inline set epochBatches(v: i32) { setAt(changetype<usize>(this), S_EPOCH_BATCHES, <f64>v); }
  // @ts-ignore: decorator
  @inline get grad0(): f64 { return f64At(changetype<usize>(this), S_GRAD0); }
  // @ts-ignore: decorator
  @inline set grad0(v: f64) { setAt(changetype<usize>(this), S_GRAD0, v); }
  // @ts-ignore: decorator
  @inline get loss0(): f64 { return f64At(changetype<usize>(this), S_LOSS0); }
  // @ts-ignore: decorator
  @inline set loss0(v: f64) { setAt(changetype<usize>(this), S_LOSS0, v); }
  /** Slot k of the block (the S_AUTO_* and counter slots, read and written by the fit's auto branch). */
  // @ts-ignore: decorator
  @inline slot(k: i32): f64 { return f64At(changetype<usize>(this), k); }
  // @ts-ignore: decorator
  @inline setSlot(k: i32, v: f64): void { setAt(changetype<usize>(this), k, v); }
  /** Word k (0 … 3) of the shuffle's generator state. */
  // @ts-ignore: decorator
  @inline rng(k: i32): u32 { return <u32>f64At(changetype<usize>(this), S_RNG0 + k); }
  // @ts-ignore: decorator
  @inline setRng(k: i32, v: u32): void { setAt(changetype<usize>(this), S_RNG0 + k, <f64>v); }
  // @ts-ignore: decorator
  @inline get stepState(): StepState { return changetype<StepState>(changetype<usize>(this) + (<usize>S_STEP_STATE << 3)); }
}
