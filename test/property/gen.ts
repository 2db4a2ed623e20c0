// Shared fast-check set-up for test/property and test/fuzz: the run count and seed (from the environment, so a
// failure can be replayed), a data-set generator driven by a small shrinkable spec, and in-range fit options.
//
// Replaying a failure: fast-check prints `{ seed: S, path: "P", endOnFailure: true }` in the failure message.
//   MOMENTUM_PROPERTY_SEED=S MOMENTUM_PROPERTY_PATH=P npx vitest run test/property
// replays exactly that counterexample (the path selects the shrunk case). Longer runs:
//   MOMENTUM_PROPERTY_RUNS=2000 MOMENTUM_PROPERTY_SEED=$RANDOM npx vitest run test/property test/fuzz
import fc from 'fast-check';
import type { FeaturesInput, FitOptions, FitOptionsRecord, LabelsInput, ModelName, OptimizerName } from '../../src/index.js';
import { createRandom } from '../../src/random.js';

/** Runs per property in the default (fast) `npm test`. */
export const RUNS = Number(process.env.MOMENTUM_PROPERTY_RUNS ?? 30);
/** Fixed by default so that `npm test` is reproducible; any integer replays another stream. */
export const SEED = Number(process.env.MOMENTUM_PROPERTY_SEED ?? 20240611);
const PATH = process.env.MOMENTUM_PROPERTY_PATH;

fc.configureGlobal({ seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH, endOnFailure: true } : {}) });

/** fc.assert with the global seed and a message that says how to replay. */
export function check<Ts extends [unknown, ...unknown[]]>(prop: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, runs = RUNS): void | Promise<void> {
  const params: fc.Parameters<Ts> = { numRuns: runs, seed: SEED, ...(PATH ? { path: PATH, endOnFailure: true } : {}) };
  return fc.assert(prop as fc.IProperty<Ts>, params);
}

export const MODELS: ModelName[] = [
  'linear', 'ridge', 'logistic', 'hinge', 'softmax', 'squaredHinge', 'modifiedHuber', 'perceptron', 'huber',
  'epsilonInsensitive', 'squaredEpsilonInsensitive',
];
/** The models of real labels (the others but softmax take 0/1). */
const REAL_LABELS: readonly ModelName[] = ['linear', 'ridge', 'huber', 'epsilonInsensitive', 'squaredEpsilonInsensitive'];
export const OPTIMIZERS: OptimizerName[] = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta'];

/**
 * Magnitudes of the data: ordinary, huge (1e150: squares near 1e300), tiny (1e-150: squares underflow), mixed, and
 * extreme (1e307: a sum of two overflows; issue 19).
 */
export type Scale = 'unit' | 'huge' | 'tiny' | 'mixed' | 'extreme';
export type Layout = 'rows' | 'typedRows' | 'matrix64' | 'matrix32' | 'matrixArray';

/** A small, shrinkable description of a data set; `makeData` turns it into arrays with a seeded PRNG. */
export interface DataSpec {
  rows: number;
  cols: number;
  seed: number;
  scale: Scale;
  /** Probability that an entry of X is an exact 0. */
  zeros: number;
  /** Every other row repeats the row before it. */
  duplicateRows: boolean;
  /** Column 0 holds one value in every row. */
  constantColumn: boolean;
  layout: Layout;
  /** Softmax classes K (2…5). */
  classes: number;
}

/** Most shapes small (fast, and where lane tails live), a few up to 500 × 50; 1 × 1 included. */
export const dataSpec: fc.Arbitrary<DataSpec> = fc.record({
  rows: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 9 }), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 500 }), weight: 1 }),
  cols: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 17 }), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 50 }), weight: 1 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  scale: fc.constantFrom<Scale>('unit', 'unit', 'huge', 'tiny', 'mixed', 'extreme'),
  zeros: fc.constantFrom(0, 0, 0.3, 1),
  duplicateRows: fc.boolean(),
  constantColumn: fc.boolean(),
  layout: fc.constantFrom<Layout>('rows', 'typedRows', 'matrix64', 'matrix32', 'matrixArray'),
  classes: fc.integer({ min: 2, max: 5 }),
});

export interface Data {
  X: FeaturesInput;
  y: LabelsInput;
  /** X row-major as f64 exactly as the engine will read it (Float32 layouts rounded). */
  flat: Float64Array;
  yNum: Float64Array;
  rows: number;
  cols: number;
}

/** Float32 input cannot hold 1e±150: its huge/tiny are 1e±30 (still far from 1). */
function magnitude(scale: Scale, u: number, f32: boolean): number {
  const huge = f32 ? 1e30 : 1e150, tiny = f32 ? 1e-30 : 1e-150;
  switch (scale) {
    case 'unit': return 1;
    case 'huge': return huge;
    case 'tiny': return tiny;
    case 'extreme': return f32 ? 1e37 : 1e307;
    default: return u < 0.25 ? huge : u < 0.5 ? tiny : 1;
  }
}

/** Builds X (in the spec's layout) and labels suited to `model`, deterministically from the spec. */
export function makeData(spec: DataSpec, model: ModelName): Data {
  const { rows, cols } = spec;
  const rng = createRandom(spec.seed | 0);
  const flat = new Float64Array(rows * cols);
  const colScale = Array.from({ length: cols }, () => magnitude(spec.scale, rng.uniform(), spec.layout === 'matrix32'));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      if (spec.duplicateRows && i % 2 === 1) flat[k] = flat[k - cols]!;
      else if (spec.constantColumn && j === 0) flat[k] = 0.75 * colScale[0]!;
      else if (rng.uniform() < spec.zeros) flat[k] = 0;
      else flat[k] = rng.normal() * colScale[j]!;
    }
  }
  if (spec.layout === 'matrix32') for (let k = 0; k < flat.length; k++) flat[k] = Math.fround(flat[k]!);
  const yScale = magnitude(spec.scale, rng.uniform(), spec.layout === 'matrix32');
  const yNum = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const u = rng.uniform();
    if (REAL_LABELS.includes(model)) yNum[i] = (flat[i * cols]! / colScale[0]! + rng.normal()) * yScale;
    else if (model === 'softmax') yNum[i] = Math.min(spec.classes - 1, Math.floor(u * spec.classes));
    else yNum[i] = u < 0.5 ? 0 : 1;
  }
  let X: FeaturesInput;
  switch (spec.layout) {
    case 'rows': X = Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * cols, (i + 1) * cols))); break;
    case 'typedRows': X = Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols)); break;
    case 'matrix64': X = { data: flat.slice(), rows, cols }; break;
    case 'matrix32': X = { data: Float32Array.from(flat), rows, cols }; break;
    default: X = { data: Array.from(flat), rows, cols };
  }
  let y: LabelsInput;
  if (!REAL_LABELS.includes(model) && model !== 'softmax' && spec.seed % 3 === 0) y = Array.from(yNum, (v) => v === 1);
  else y = spec.seed % 2 ? Float64Array.from(yNum) : Array.from(yNum);
  return { X, y, flat, yNum, rows, cols };
}

/** In-range options for `model` on `rows` rows: every optimizer, only the keys it accepts. */
export function fitOptions(model: ModelName, rows: number, cols: number, classes: number): fc.Arbitrary<FitOptions> {
  const lr = fc.double({ min: -6, max: 0.5, noNaN: true }).map((e) => 10 ** e);
  const unit = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 0, max, noNaN: true }));
  return fc.record({
    optimizer: fc.constantFrom<OptimizerName>(...OPTIMIZERS),
    lr,
    momentum: unit(0.99),
    dampening: unit(1),
    nesterov: fc.boolean(),
    weightDecay: unit(0.5),
    alpha: unit(1),
    maximize: fc.constantFrom(false, false, false, true),
    batch: fc.option(fc.integer({ min: 1, max: rows }), { nil: undefined }),
    shuffle: fc.option(fc.boolean(), { nil: undefined }),
    seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    maxIterations: fc.integer({ min: 1, max: 40 }),
    fitIntercept: fc.boolean(),
    tol: fc.option(fc.constantFrom(0, 1e-12, 1e-3), { nil: undefined }),
    init: fc.boolean(),
    initScale: fc.constantFrom(0.5, 1e100),
  }).map((r) => {
    const o: FitOptionsRecord = { model, lr: r.lr, maxIterations: r.maxIterations, seed: r.seed, fitIntercept: r.fitIntercept };
    if (r.optimizer !== 'sgd') o.optimizer = r.optimizer;
    if (r.optimizer === 'sgd' || r.optimizer === 'rmsprop') o.momentum = r.momentum;
    if (r.optimizer === 'sgd') {
      o.dampening = r.dampening;
      if (r.nesterov && r.momentum > 0 && r.dampening === 0) o.nesterov = true;
    }
    if (r.weightDecay > 0) o.weightDecay = r.weightDecay;
    if (model !== 'linear') o.alpha = r.alpha;
    if (r.maximize) o.maximize = true;
    if (r.batch !== undefined) o.batchSize = r.batch;
    if (r.shuffle !== undefined) o.shuffle = r.shuffle;
    if (r.tol !== undefined) o.tol = r.tol;
    if (model === 'softmax') o.classes = classes;
    if (r.init) {
      const K = model === 'softmax' ? classes : 1;
      o.initialWeights = Array.from({ length: K * cols }, (_, i) => Math.sin(i + 1) * r.initScale);
      if (r.fitIntercept) o.initialIntercept = -0.25 * r.initScale;
    }
    return o as FitOptions;
  });
}

/** A model, a data spec and options for it. */
export const fitCase = fc.constantFrom<ModelName>(...MODELS).chain((model) =>
  dataSpec.chain((spec) => fitOptions(model, spec.rows, spec.cols, spec.classes).map((options) => ({ model, spec, options }))));

/** A deep, structure-preserving copy of plain arrays, typed arrays and plain objects (functions kept). */
export function deepCopy<T>(v: T): T {
  if (ArrayBuffer.isView(v)) return (v as unknown as Float64Array).slice() as unknown as T;
  if (Array.isArray(v)) return v.map(deepCopy) as unknown as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}

/** Structural equality with Object.is on every number, and the same constructor for typed arrays. */
export function sameDeep(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return sameArray(a as unknown as Float64Array, b as unknown as Float64Array);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameDeep(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameDeep((a as never)[k], (b as never)[k]));
  }
  return Object.is(a, b);
}

export function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
