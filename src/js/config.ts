/**
 * JS mirror of assembly/config.ts: typed views over the fit's config and state blocks (Float64Arrays with the slots
 * of src/abi/layout.ts). A view is the block and the index of its first slot; its getters read one slot each.
 */
import * as L from '../abi/layout.js';

/** The optimizer's settings (O_* slots): what the step reads besides the step state and the segment. */
export class Settings {
  constructor(readonly b: Float64Array, readonly at: number) {}
  get kind(): number { return this.b[this.at + L.O_KIND]!; }
  get flags(): number { return this.b[this.at + L.O_FLAGS]!; }
  get momentum(): number { return this.b[this.at + L.O_MOMENTUM]!; }
  get dampening(): number { return this.b[this.at + L.O_DAMPENING]!; }
  get weightDecay(): number { return this.b[this.at + L.O_WEIGHT_DECAY]!; }
  get beta1(): number { return this.b[this.at + L.O_BETA1]!; }
  get beta2(): number { return this.b[this.at + L.O_BETA2]!; }
  get eps(): number { return this.b[this.at + L.O_EPS]!; }
  get rho(): number { return this.b[this.at + L.O_RHO]!; }
  get lrDecay(): number { return this.b[this.at + L.O_LR_DECAY]!; }
  get maximize(): boolean { return (this.flags & L.F_MAXIMIZE) !== 0; }
}

/** The optimizer's step state (T_* slots): learning rate, step number t, β₁ᵗ, β₂ᵗ, first step. */
export class StepState {
  constructor(readonly b: Float64Array, readonly at: number) {}
  get lr(): number { return this.b[this.at + L.T_LR]!; }
  set lr(v: number) { this.b[this.at + L.T_LR] = v; }
  get step(): number { return this.b[this.at + L.T_STEP]!; }
  set step(v: number) { this.b[this.at + L.T_STEP] = v; }
  get beta1Pow(): number { return this.b[this.at + L.T_BETA1_POW]!; }
  set beta1Pow(v: number) { this.b[this.at + L.T_BETA1_POW] = v; }
  get beta2Pow(): number { return this.b[this.at + L.T_BETA2_POW]!; }
  set beta2Pow(v: number) { this.b[this.at + L.T_BETA2_POW] = v; }
  get first(): boolean { return this.b[this.at + L.T_FIRST] !== 0; }
  set first(v: boolean) { this.b[this.at + L.T_FIRST] = v ? 1 : 0; }
}

/** A parameter segment (G_* slots): θ[offset … offset + length − 1], decayed (weight decay, penalty) or not. */
export class Segment {
  constructor(readonly b: Float64Array, readonly at: number) {}
  get offset(): number { return this.b[this.at + L.G_OFFSET]!; }
  get length(): number { return this.b[this.at + L.G_LENGTH]!; }
  get decayed(): boolean { return this.b[this.at + L.G_DECAYED] !== 0; }
}

/** The config block (C_* slots; the pointer slots are WASM's: the JS fit has arrays, FitArrays). */
export class Config {
  constructor(readonly b: Float64Array, readonly at: number) {}
  get loss(): number { return this.b[this.at + L.C_LOSS]!; }
  get rows(): number { return this.b[this.at + L.C_ROWS]!; }
  get cols(): number { return this.b[this.at + L.C_COLS]!; }
  get outputs(): number { return this.b[this.at + L.C_OUTPUTS]!; }
  get valRows(): number { return this.b[this.at + L.C_VAL_ROWS]!; }
  get penalty(): number { return this.b[this.at + L.C_PENALTY]!; }
  get alpha(): number { return this.b[this.at + L.C_ALPHA]!; }
  get batchSize(): number { return this.b[this.at + L.C_BATCH_SIZE]!; }
  get maxIterations(): number { return this.b[this.at + L.C_MAX_ITERATIONS]!; }
  get maxEpochs(): number { return this.b[this.at + L.C_MAX_EPOCHS]!; }
  get stopRule(): number { return this.b[this.at + L.C_STOP_RULE]!; }
  get tol(): number { return this.b[this.at + L.C_TOL]!; }
  get nIterNoChange(): number { return this.b[this.at + L.C_N_ITER_NO_CHANGE]!; }
  get lossCap(): number { return this.b[this.at + L.C_LOSS_CAP]!; }
  get epochCap(): number { return this.b[this.at + L.C_EPOCH_CAP]!; }
  get segmentCount(): number { return this.b[this.at + L.C_SEGMENT_COUNT]!; }
  get fitIntercept(): boolean { return (this.b[this.at + L.C_FLAGS]! & L.F_FIT_INTERCEPT) !== 0; }
  get shuffle(): boolean { return (this.b[this.at + L.C_FLAGS]! & L.F_SHUFFLE) !== 0; }
  /** The optimizer's settings sub-block. */
  get optimizer(): Settings { return new Settings(this.b, this.at + L.C_OPTIMIZER); }
  /** Row k of the segment table. */
  segment(k: number): Segment { return new Segment(this.b, this.at + L.C_SIZE + k * L.G_SIZE); }
  /** The segment table, as views. */
  segments(): Segment[] { return Array.from({ length: this.segmentCount }, (_, k) => this.segment(k)); }
  /** Elements of θ the segments cover: the end of the last one (the table is in order and gapless from 0). */
  get paramCount(): number {
    const last = this.segment(this.segmentCount - 1);
    return last.offset + last.length;
  }
}

/** The state block (S_* slots): where a resumable fit is. */
export class State {
  constructor(readonly b: Float64Array, readonly at: number) {}
  get iteration(): number { return this.b[this.at + L.S_ITERATION]!; }
  set iteration(v: number) { this.b[this.at + L.S_ITERATION] = v; }
  get epoch(): number { return this.b[this.at + L.S_EPOCH]!; }
  set epoch(v: number) { this.b[this.at + L.S_EPOCH] = v; }
  get best(): number { return this.b[this.at + L.S_BEST]!; }
  set best(v: number) { this.b[this.at + L.S_BEST] = v; }
  get noImprove(): number { return this.b[this.at + L.S_NO_IMPROVE]!; }
  set noImprove(v: number) { this.b[this.at + L.S_NO_IMPROVE] = v; }
  get batchPos(): number { return this.b[this.at + L.S_BATCH_POS]!; }
  set batchPos(v: number) { this.b[this.at + L.S_BATCH_POS] = v; }
  get epochSum(): number { return this.b[this.at + L.S_EPOCH_SUM]!; }
  set epochSum(v: number) { this.b[this.at + L.S_EPOCH_SUM] = v; }
  get epochBatches(): number { return this.b[this.at + L.S_EPOCH_BATCHES]!; }
  set epochBatches(v: number) { this.b[this.at + L.S_EPOCH_BATCHES] = v; }
  get grad0(): number { return this.b[this.at + L.S_GRAD0]!; }
  set grad0(v: number) { this.b[this.at + L.S_GRAD0] = v; }
  get loss0(): number { return this.b[this.at + L.S_LOSS0]!; }
  set loss0(v: number) { this.b[this.at + L.S_LOSS0] = v; }
  /** The step state sub-block. */
  get stepState(): StepState { return new StepState(this.b, this.at + L.S_STEP_STATE); }
}
