/**
 * The playground's network panel without a browser: the seeded 2-D datasets of site/nn-data.ts (shapes, labels,
 * determinism, and each one's geometry: without noise every point lies exactly where its definition puts it), and
 * the pure parts of site/nn-race.ts (the frames' epochs, the boundary grid and its checksum, the racers' options).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index.js';
import {
  CIRCLES_FACTOR, DEFAULT_NOISE, MOON_CENTRES, NN_DATASETS, nnDataset, SPIRAL_START, SPIRAL_TURNS, XOR_MARGIN,
} from '../site/nn-data.js';
import {
  boundaryGrid, boundaryHash, changedFraction, frameEpochs, gridPoints, NN_POINTS, NN_PRESETS, nnRacers,
} from '../site/nn-race.js';

/** Tolerance of a point's radius: cos² + sin² and the sums round, a few ulps of 1. */
const RADIUS_TOL = 8 * Number.EPSILON;

describe('nnDataset', () => {
  it.each(NN_DATASETS)('%s: n rows of two finite coordinates, labels 0 then 1 half and half, inside its box', (name) => {
    for (const n of [2, 7, 200]) {
      const d = nnDataset(name, n);
      expect(d.name).toBe(name);
      expect(d.X).toHaveLength(n);
      expect(d.y).toHaveLength(n);
      for (const row of d.X) {
        expect(row).toHaveLength(2);
        expect(row.every(Number.isFinite)).toBe(true);
      }
      const n0 = Math.ceil(n / 2);
      expect(d.y).toEqual([...Array<number>(n0).fill(0), ...Array<number>(n - n0).fill(1)]);
      const { x, y } = d.box;
      expect(x[1] - x[0]).toBeCloseTo(y[1] - y[0], 12); // a square
      for (const [px, py] of d.X) {
        expect(px).toBeGreaterThan(x[0]);
        expect(px).toBeLessThan(x[1]);
        expect(py).toBeGreaterThan(y[0]);
        expect(py).toBeLessThan(y[1]);
      }
    }
  });

  it.each(NN_DATASETS)('%s: the same points from the same seed, others from another', (name) => {
    const noise = name === 'xor' ? 0.05 : DEFAULT_NOISE[name];
    expect(nnDataset(name, 50, noise, 3)).toEqual(nnDataset(name, 50, noise, 3));
    expect(nnDataset(name, 50, noise, 3).X).not.toEqual(nnDataset(name, 50, noise, 4).X);
    expect(nnDataset(name, 50).X).toEqual(nnDataset(name, 50, DEFAULT_NOISE[name], 0).X); // the defaults
  });

  it('moons without noise: class 0 on the upper half of the unit circle about (0, 0), class 1 on the lower half about (1, 0.5)', () => {
    const d = nnDataset('moons', 400, 0, 1);
    d.X.forEach(([px, py], i) => {
      const label = d.y[i]!;
      const [cx, cy] = MOON_CENTRES[label]!;
      expect(Math.abs(Math.hypot(px! - cx, py! - cy) - 1)).toBeLessThanOrEqual(RADIUS_TOL);
      if (label === 0) expect(py!).toBeGreaterThanOrEqual(0);
      else expect(py!).toBeLessThanOrEqual(0.5);
    });
    // the angles are uniform in [0, π]: the mean of cos a is about 0 and of sin a about 2/π (±4 standard errors)
    const upper = d.X.slice(0, 200);
    const meanX = upper.reduce((s, [px]) => s + px!, 0) / 200;
    const meanY = upper.reduce((s, [, py]) => s + py!, 0) / 200;
    expect(Math.abs(meanX)).toBeLessThan(4 * Math.sqrt(0.5 / 200));
    expect(Math.abs(meanY - 2 / Math.PI)).toBeLessThan(4 * Math.sqrt((0.5 - 4 / Math.PI ** 2) / 200));
  });

  it('moons with noise σ: each point is off its circle by about σ (RMS within 20 %)', () => {
    const sigma = 0.1;
    const d = nnDataset('moons', 2000, sigma, 5);
    // the radial part of 2-D Gaussian noise of σ per coordinate has mean square σ² (to first order in σ)
    const ms = d.X.reduce((s, [px, py], i) => {
      const [cx, cy] = MOON_CENTRES[d.y[i]!]!;
      return s + (Math.hypot(px! - cx, py! - cy) - 1) ** 2;
    }, 0) / d.X.length;
    expect(Math.sqrt(ms)).toBeGreaterThan(0.8 * sigma);
    expect(Math.sqrt(ms)).toBeLessThan(1.2 * sigma);
  });

  it('circles without noise: class 0 at radius 1, class 1 at radius CIRCLES_FACTOR, all around', () => {
    const d = nnDataset('circles', 400, 0, 2);
    const quadrants = [new Set<number>(), new Set<number>()];
    d.X.forEach(([px, py], i) => {
      const r = d.y[i] === 0 ? 1 : CIRCLES_FACTOR;
      expect(Math.abs(Math.hypot(px!, py!) - r)).toBeLessThanOrEqual(RADIUS_TOL);
      quadrants[d.y[i]!]!.add((px! >= 0 ? 1 : 0) + (py! >= 0 ? 2 : 0));
    });
    expect(CIRCLES_FACTOR).toBe(0.5);
    expect(quadrants.map((q) => q.size)).toEqual([4, 4]);
  });

  it('xor: the label is 1 exactly where x·y < 0, every point at least XOR_MARGIN from both axes, all four quadrants', () => {
    const d = nnDataset('xor', 400, 0, 3);
    const quadrants = new Set<number>();
    d.X.forEach(([px, py], i) => {
      expect(d.y[i]).toBe(px! * py! < 0 ? 1 : 0);
      for (const v of [px!, py!]) {
        expect(Math.abs(v)).toBeGreaterThanOrEqual(XOR_MARGIN);
        expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }
      quadrants.add((px! >= 0 ? 1 : 0) + (py! >= 0 ? 2 : 0));
    });
    expect(quadrants.size).toBe(4);
    expect(DEFAULT_NOISE.xor).toBe(0);
  });

  it('spiral without noise: r = t in [SPIRAL_START, 1] at angle 2π·turns·t, class 1 the same arm turned by π', () => {
    const d = nnDataset('spiral', 400, 0, 4);
    d.X.forEach(([px, py], i) => {
      const r = Math.hypot(px!, py!);
      expect(r).toBeGreaterThanOrEqual(SPIRAL_START - 1e-12);
      expect(r).toBeLessThanOrEqual(1 + 1e-12);
      // the point's angle against the arm's angle at its radius, both mod 2π
      const expected = 2 * Math.PI * SPIRAL_TURNS * r + (d.y[i] === 0 ? 0 : Math.PI);
      const diff = Math.atan2(py!, px!) - expected;
      const wrapped = Math.abs(diff - 2 * Math.PI * Math.round(diff / (2 * Math.PI)));
      expect(wrapped).toBeLessThan(1e-9);
    });
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => nnDataset('moon' as never, 10)).toThrow(TypeError);
    expect(() => nnDataset('moon' as never, 10)).toThrow(/name must be one of 'moons', 'circles', 'xor', 'spiral', got "moon"/);
    expect(() => nnDataset('moons', 1)).toThrow(new RangeError('n must be an integer in [2, 100000], got 1'));
    expect(() => nnDataset('moons', 2.5)).toThrow(RangeError);
    expect(() => nnDataset('moons', 10, -0.1)).toThrow(new RangeError('noise must be a finite number ≥ 0, got -0.1'));
    expect(() => nnDataset('moons', 10, NaN)).toThrow(RangeError);
    expect(() => nnDataset('moons', 10, 0.1, 1.5)).toThrow(new TypeError('seed must be an integer, got 1.5'));
  });
});

describe('the race of the network panel', () => {
  it('frameEpochs: from 1 to the budget, increasing, about geometric, the total work a few times one fit', () => {
    const e = frameEpochs(300, 30);
    expect(e[0]).toBe(1);
    expect(e[e.length - 1]).toBe(300);
    for (let k = 1; k < e.length; k++) expect(e[k]!).toBeGreaterThan(e[k - 1]!);
    expect(e.length).toBeGreaterThan(15);
    expect(e.length).toBeLessThanOrEqual(30);
    const work = e.reduce((s, v) => s + v, 0);
    expect(work).toBeLessThan(7 * 300);
    expect(frameEpochs(1, 5)).toEqual([1]);
    expect(frameEpochs(3, 30)).toEqual([1, 2, 3]);
    expect(frameEpochs(100, 3)).toEqual([1, 10, 100]);
    expect(() => frameEpochs(0, 5)).toThrow(RangeError);
    expect(() => frameEpochs(10, 1)).toThrow(RangeError);
  });

  it('gridPoints: cell centres row by row from the top; boundaryGrid: P(class 1) of each', () => {
    const g = gridPoints({ x: [0, 4], y: [-2, 2] }, 4);
    expect(g.rows).toBe(16);
    expect(Array.from(g.data.subarray(0, 8))).toEqual([0.5, 1.5, 1.5, 1.5, 2.5, 1.5, 3.5, 1.5]);
    expect(Array.from(g.data.subarray(24, 32))).toEqual([0.5, -1.5, 1.5, -1.5, 2.5, -1.5, 3.5, -1.5]);
    // a stand-in network: P(class 1) = x/4
    const net = { predictProba: (X: typeof g) => Float64Array.from({ length: 2 * X.rows }, (_, k) => (k % 2 ? X.data[k - 1]! / 4 : 1 - X.data[k]! / 4)) };
    expect(Array.from(boundaryGrid(net, g).subarray(0, 4))).toEqual([0.125, 0.375, 0.625, 0.875]);
  });

  it('boundaryHash changes when one cell moves by a shade, not below; changedFraction counts class flips', () => {
    const p = Float64Array.from({ length: 100 }, (_, k) => k / 99);
    const h = boundaryHash(p);
    expect(h).toMatch(/^[0-9a-f]{8}$/);
    const q = p.slice();
    q[40] = q[40]! + 0.1 / 255; // less than half a shade: the same image
    expect(boundaryHash(q)).toBe(h);
    q[40] = q[40]! + 1 / 255;
    expect(boundaryHash(q)).not.toBe(h);
    expect(changedFraction(p, p)).toBe(0);
    expect(changedFraction(p, p.map((v) => 1 - v))).toBe(1);
    expect(changedFraction([0.2, 0.6, 0.7, 0.1], [0.2, 0.4, 0.7, 0.5])).toBe(0.5);
    expect(() => changedFraction([1], [1, 2])).toThrow(RangeError);
  });

  it('the four racers start from one θ₀: after one epoch plain GD and momentum agree (v₁ = g₁), Nesterov and Adam do not', async () => {
    const racers = nnRacers(NN_PRESETS.moons);
    expect(racers.map((r) => r.label)).toEqual(['plain GD (β = 0)', 'momentum (β = 0.9)', 'Nesterov (β = 0.9)', 'Adam (η = 0.030)']);
    const engine = await createEngine({ backend: 'js' });
    const d = nnDataset('moons', 60);
    const data = engine.dataset(d.X, d.y);
    const [gd, mom, nag, adam] = racers.map((r) => engine.fit(data, { ...r.options, maxIterations: 1 }));
    const flat = (n: typeof gd) => n!.coefs.flatMap((w) => Array.from(w));
    expect(flat(mom)).toEqual(flat(gd));
    expect(flat(nag)).not.toEqual(flat(gd));
    expect(flat(adam)).not.toEqual(flat(gd));
    // the same start: J(θ₀), measured before the first update, is the same double for all four
    expect(new Set([gd, mom, nag, adam].map((n) => n!.loss[0])).size).toBe(1);
  });

  // Measured (WASM, these presets, 200 points): after the budget momentum, Nesterov and Adam are at 1.000 on every
  // dataset; plain GD at 0.875 (moons), 0.970 (circles), 0.995 (xor), 0.505 (spiral, still on its plateau).
  it.each(NN_DATASETS)('%s preset: momentum, Nesterov and Adam reach ≥ 0.95 training accuracy within the budget, below plain GD’s loss', async (name) => {
    const engine = await createEngine({ backend: 'wasm' });
    const d = nnDataset(name, NN_POINTS);
    const data = engine.dataset(d.X, d.y);
    const preset = NN_PRESETS[name];
    const [gd, ...others] = nnRacers(preset).map((r) => engine.fit(data, { ...r.options, maxIterations: preset.epochs }));
    for (const net of others) {
      expect(net.score(d.X, d.y)).toBeGreaterThanOrEqual(0.95);
      expect(net.epochLoss[net.epochs - 1]!).toBeLessThan(gd!.epochLoss[gd!.epochs - 1]!);
    }
    data.dispose();
  }, 30_000);
});
