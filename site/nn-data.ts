/**
 * The network panel's 2-D datasets, each a pure function of (n, noise, seed) on the package's seeded PRNG
 * (src/random.ts, xoshiro128**): the same points on every run. Labels are class indices 0 … K−1, as
 * `mlpClassifier` takes them.
 * - `moons`: scikit-learn's make_moons: the upper half circle of radius 1 about (0, 0) (class 0) and the lower half
 *   circle about (1, 0.5) (class 1), interlocking; the angle uniform in [0, π], plus N(0, noise²) on each coordinate.
 * - `circles`: two concentric circles, radius 1 (class 0) and `CIRCLES_FACTOR` (class 1), plus noise.
 * - `xor`: points uniform in [−1, 1]², label 1 where x·y < 0, no noise (quadrants are the classes), kept `XOR_MARGIN`
 *   away from the axes so that the classes are separable.
 * - `spiral`: two interleaved arms, the point at radius t and angle 2π·`SPIRAL_TURNS`·t (+ π for class 1), t uniform
 *   in [`SPIRAL_START`, 1], plus noise.
 * Math.sin/cos/sqrt/log come from the host: a page and Node may differ by an ulp here and there (test/browser's
 * reference-data test measures that); nothing compares them bitwise.
 */
import { createRandom } from '../src/random.js';

/** The names of the datasets, in the order the panel lists them. */
export const NN_DATASETS = ['moons', 'circles', 'xor', 'spiral'] as const;
export type NnDatasetName = (typeof NN_DATASETS)[number];

/** A dataset of n points in the plane, its class labels and the box the panel draws. */
export interface NnData {
  readonly name: NnDatasetName;
  /** n rows [x, y]. */
  readonly X: number[][];
  /** n labels, 0 or 1. */
  readonly y: number[];
  /** The drawing box, [xmin, xmax] and [ymin, ymax], a square that holds every point with a margin. */
  readonly box: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
}

/** Radius of the inner circle of `circles` (the outer one has radius 1): scikit-learn's make_circles factor. */
export const CIRCLES_FACTOR = 0.5;
/** Distance of every `xor` point from both axes. */
export const XOR_MARGIN = 0.1;
/** Turns of each `spiral` arm from t = 0 to t = 1. */
export const SPIRAL_TURNS = 1.25;
/** Smallest t of a `spiral` point: the arms' centres would otherwise overlap. */
export const SPIRAL_START = 0.15;

/** Centres of the two moons' circles (radius 1): class 0 about (0, 0), class 1 about (1, 0.5). */
export const MOON_CENTRES = [[0, 0], [1, 0.5]] as const;

/** Default noise (standard deviation per coordinate) of each dataset. */
export const DEFAULT_NOISE: Record<NnDatasetName, number> = { moons: 0.1, circles: 0.08, xor: 0, spiral: 0.04 };

/**
 * Points of one of the panel's datasets: n/2 of each class (class 0 first, then class 1; an odd n gives class 0 the
 * extra point). Deterministic from `seed`.
 * @param name 'moons', 'circles', 'xor' or 'spiral'.
 * @param n number of points, an integer in [2, 100000].
 * @param noise standard deviation of the Gaussian noise on each coordinate, ≥ 0; default the dataset's own.
 * @param seed integer seed of the PRNG; default 0.
 * @throws TypeError for an unknown name or a non-integer seed, RangeError for n or noise out of range.
 */
export function nnDataset(name: NnDatasetName, n: number, noise: number = DEFAULT_NOISE[name], seed = 0): NnData {
  if (!(NN_DATASETS as readonly string[]).includes(name)) {
    throw new TypeError(`name must be one of ${NN_DATASETS.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(name)}`);
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2 || n > 100_000) {
    throw new RangeError(`n must be an integer in [2, 100000], got ${String(n)}`);
  }
  if (typeof noise !== 'number' || !(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`noise must be a finite number ≥ 0, got ${String(noise)}`);
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${String(seed)}`);
  const rng = createRandom(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const n0 = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const label = i < n0 ? 0 : 1;
    let px: number, py: number;
    switch (name) {
      case 'moons': {
        const a = Math.PI * rng.uniform();
        const [cx, cy] = MOON_CENTRES[label]!;
        // class 0: the upper half of its circle; class 1: the lower half of its own
        px = cx + (label === 0 ? Math.cos(a) : -Math.cos(a));
        py = cy + (label === 0 ? Math.sin(a) : -Math.sin(a));
        break;
      }
      case 'circles': {
        const a = 2 * Math.PI * rng.uniform();
        const r = label === 0 ? 1 : CIRCLES_FACTOR;
        px = r * Math.cos(a);
        py = r * Math.sin(a);
        break;
      }
      case 'xor': {
        // |x|, |y| uniform in [margin, 1]; the signs pick the quadrant: same signs for class 0, opposite for class 1
        const sx = rng.uniform() < 0.5 ? -1 : 1;
        const sy = label === 0 ? sx : -sx;
        px = sx * (XOR_MARGIN + (1 - XOR_MARGIN) * rng.uniform());
        py = sy * (XOR_MARGIN + (1 - XOR_MARGIN) * rng.uniform());
        break;
      }
      case 'spiral': {
        const t = SPIRAL_START + (1 - SPIRAL_START) * rng.uniform();
        const a = 2 * Math.PI * SPIRAL_TURNS * t + (label === 0 ? 0 : Math.PI);
        px = t * Math.cos(a);
        py = t * Math.sin(a);
        break;
      }
    }
    if (noise > 0) {
      px += noise * rng.normal();
      py += noise * rng.normal();
    }
    X.push([px, py]);
    y.push(label);
  }
  return { name, X, y, box: squareBox(X) };
}

/** The smallest square centred on the points' bounding box that holds them with a 10 % margin on each side. */
function squareBox(X: number[][]): NnData['box'] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [px, py] of X) {
    x0 = Math.min(x0, px!);
    x1 = Math.max(x1, px!);
    y0 = Math.min(y0, py!);
    y1 = Math.max(y1, py!);
  }
  const half = 0.6 * Math.max(x1 - x0, y1 - y0);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}
