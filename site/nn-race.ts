/**
 * The network panel's race, without the DOM: the four racers (plain GD, momentum, Nesterov, Adam) and their fit
 * options, each dataset's preset, the epochs at which the panel shows a frame, and the decision boundary as a grid of
 * probabilities with a checksum. Every frame is a real fit: the racer's network after e epochs is
 * `engine.fit(data, { ...options, maxIterations: e })` from the same seed, so the same initial weights and the same
 * trajectory as one long fit (full batches: an epoch is one update); src/worker.ts runs them in a Web Worker.
 * The library has no way to hand out a network's parameters in the middle of a fit, and a network refuses
 * `warmStart`/`partialFit` (a restart from the weights alone would drop the velocity and Adam's moments), so a frame is
 * a fit from the start: frames at geometrically spaced epochs keep the total work at a few times one long fit.
 */
import type { MlpFitOptions, Network } from '../src/types.js';
import type { NnDatasetName } from './nn-data.js';

/** Momentum β of the momentum and Nesterov racers. */
export const NN_MOMENTUM = 0.9;
/** The seed of every racer's initial weights (He/Glorot uniform from the fit's PRNG): one θ₀ for all four. */
export const NN_SEED = 7;
/** L2 penalty α of every racer (scikit-learn's default). */
export const NN_ALPHA = 1e-4;
/** Points per dataset. */
export const NN_POINTS = 200;

/** What the panel's controls set, and each dataset's defaults for them. */
export interface NnSettings {
  hidden: number[];
  activation: 'tanh' | 'relu' | 'sigmoid';
  /** η of plain GD, momentum and Nesterov. */
  lr: number;
  /** Adam's η: Adam's step is about η whatever the gradient's scale, so it has its own (scaled with the slider). */
  adamLr: number;
  /** The last frame's epoch count. */
  epochs: number;
}

/** Per-dataset presets: a network and a budget with which momentum and Adam separate the classes. */
export const NN_PRESETS: Record<NnDatasetName, NnSettings> = {
  moons: { hidden: [16], activation: 'tanh', lr: 0.3, adamLr: 0.03, epochs: 300 },
  circles: { hidden: [16], activation: 'tanh', lr: 0.3, adamLr: 0.03, epochs: 300 },
  xor: { hidden: [16], activation: 'tanh', lr: 0.3, adamLr: 0.03, epochs: 300 },
  spiral: { hidden: [16, 16], activation: 'tanh', lr: 0.3, adamLr: 0.03, epochs: 1000 },
};

/** One racer: its label, colour, and the fit options of its network after `maxIterations` epochs. */
export interface NnRacerSpec {
  readonly label: string;
  readonly color: string;
  readonly dash: readonly number[];
  /** The options of its fits, without maxIterations (set per frame). */
  readonly options: MlpFitOptions;
}

/** The four racers of `s`, all from seed {@link NN_SEED}, full batches. */
export function nnRacers(s: NnSettings): NnRacerSpec[] {
  const base = { model: 'mlpClassifier', hidden: [...s.hidden], activation: s.activation, alpha: NN_ALPHA, seed: NN_SEED } as const;
  const sgd = (momentum: number, nesterov: boolean): MlpFitOptions => ({ ...base, lr: s.lr, momentum, nesterov });
  return [
    { label: 'plain GD (β = 0)', color: '#e4572e', dash: [], options: sgd(0, false) },
    { label: `momentum (β = ${NN_MOMENTUM})`, color: '#2e86de', dash: [], options: sgd(NN_MOMENTUM, false) },
    { label: `Nesterov (β = ${NN_MOMENTUM})`, color: '#1b9e5a', dash: [], options: sgd(NN_MOMENTUM, true) },
    { label: `Adam (η = ${s.adamLr.toPrecision(2)})`, color: '#8e44ad', dash: [8, 4], options: { ...base, optimizer: 'adam', lr: s.adamLr } },
  ];
}

/**
 * The epochs at which the panel shows a frame: 1, then about `frames` steps spaced geometrically up to `epochs`
 * (each at least one more than the last), ending at `epochs`. Their sum, the work of all frames, is about
 * epochs·r/(r − 1) with r = epochs^(1/(frames − 1)): 4–6 times one fit of `epochs` for 30 frames.
 * @param epochs the last frame, an integer ≥ 1.
 * @param frames about how many frames, an integer ≥ 2.
 */
export function frameEpochs(epochs: number, frames: number): number[] {
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be an integer ≥ 1, got ${epochs}`);
  if (!Number.isInteger(frames) || frames < 2) throw new RangeError(`frames must be an integer ≥ 2, got ${frames}`);
  const out = [1];
  for (let k = 1; k < frames; k++) {
    const e = Math.round(epochs ** (k / (frames - 1)));
    if (e > out[out.length - 1]!) out.push(e); // k = frames − 1 gives epochs itself
  }
  return out;
}

/** The points of a res × res grid over a box, row by row from the top (y max) down, as a row-major matrix. */
export function gridPoints(box: { x: readonly [number, number]; y: readonly [number, number] }, res: number): { rows: number; cols: 2; data: Float64Array } {
  const data = new Float64Array(res * res * 2);
  const [x0, x1] = box.x, [y0, y1] = box.y;
  for (let j = 0; j < res; j++) {
    // cell centres: the image's pixel (i, j) shows the point at its centre
    const y = y1 - ((j + 0.5) / res) * (y1 - y0);
    for (let i = 0; i < res; i++) {
      const k = 2 * (j * res + i);
      data[k] = x0 + ((i + 0.5) / res) * (x1 - x0);
      data[k + 1] = y;
    }
  }
  return { rows: res * res, cols: 2, data };
}

/** P(class 1) at each grid point (`gridPoints`' order): the network's predictProba, second column. */
export function boundaryGrid(net: Pick<Network, 'predictProba'>, grid: ReturnType<typeof gridPoints>): Float64Array {
  const proba = net.predictProba(grid);
  const p = new Float64Array(grid.rows);
  for (let i = 0; i < grid.rows; i++) p[i] = proba[2 * i + 1]!;
  return p;
}

/**
 * A checksum of the boundary image: FNV-1a (32 bits) over the probabilities quantised to the 256 shades the canvas
 * draws, as 8 hex digits. Equal images give equal sums; a boundary that moved by a shade anywhere changes it.
 */
export function boundaryHash(p: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) {
    h ^= Math.round(255 * p[i]!);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Fraction of the grid's points whose predicted class (p ≥ 0.5) differs between two boundary grids of one size. */
export function changedFraction(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`the grids differ in size: ${a.length} and ${b.length}`);
  let changed = 0;
  for (let i = 0; i < a.length; i++) if ((a[i]! >= 0.5) !== (b[i]! >= 0.5)) changed++;
  return a.length === 0 ? 0 : changed / a.length;
}
