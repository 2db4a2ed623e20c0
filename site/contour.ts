/**
 * The contour plot of a 2-D test function: a colour-mapped field with log-spaced level lines (marching squares
 * on a sampled grid), and the mapping between canvas pixels and (x, y). Functions with a minimum are drawn as
 * log(f − f*) so that the valley floor keeps its detail; unbounded ones (the saddles) as asinh(f/s).
 */
import type { TestFunction } from '../src/functions.js';

/** Maps (x, y) ↔ canvas pixels for one function's domain on a canvas of w × h CSS pixels. */
export class Frame {
  constructor(readonly fn: TestFunction, readonly w: number, readonly h: number) {}
  toPx(x: number, y: number): [number, number] {
    const { x: [x0, x1], y: [y0, y1] } = this.fn.domain;
    return [((x - x0) / (x1 - x0)) * this.w, ((y1 - y) / (y1 - y0)) * this.h];
  }
  fromPx(px: number, py: number): [number, number] {
    const { x: [x0, x1], y: [y0, y1] } = this.fn.domain;
    return [x0 + (px / this.w) * (x1 - x0), y1 - (py / this.h) * (y1 - y0)];
  }
}

// A light "deep sea → sand" ramp: dark lows, pale highs, so that the coloured trajectories stay readable.
const RAMP: readonly [number, number, number][] = [
  [24, 44, 92],
  [35, 105, 145],
  [74, 160, 160],
  [150, 200, 160],
  [225, 230, 180],
  [250, 246, 228],
];

function ramp(t: number): [number, number, number] {
  const s = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(s), RAMP.length - 2);
  const u = s - i;
  const a = RAMP[i]!;
  const b = RAMP[i + 1]!;
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** The scalar field that is coloured and contoured, with its level values. */
interface Field {
  n: number;
  values: Float64Array; // n × n, row 0 at the top (largest y)
  levels: number[];
  lo: number;
  hi: number;
}

function sampleField(fn: TestFunction, n: number): Field {
  const frame = new Frame(fn, n - 1, n - 1);
  const raw = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const [x, y] = frame.fromPx(c, r);
      raw[r * n + c] = fn.f(x, y);
    }
  }
  const values = new Float64Array(n * n);
  let lo: number;
  let hi: number;
  if (Number.isFinite(fn.minValue)) {
    // log10(f − f*), floored a little below the smallest sampled gap so the minimum does not map to −∞
    const gaps = Array.from(raw, (v) => v - fn.minValue).filter((g) => g > 0).sort((a, b) => a - b);
    const floor = Math.max(gaps[0] ?? 1e-12, 1e-12);
    raw.forEach((v, i) => (values[i] = Math.log10(Math.max(v - fn.minValue, floor))));
    lo = Math.log10(gaps[Math.floor(gaps.length * 0.002)] ?? floor);
    hi = Math.log10(gaps[gaps.length - 1] ?? 1);
  } else {
    // asinh(f/s) with s the median |f|/4: symmetric about 0, roughly log-spaced far from it
    const abs = Array.from(raw, Math.abs).sort((a, b) => a - b);
    const s = Math.max(abs[abs.length >> 1]! / 4, 1e-12);
    raw.forEach((v, i) => (values[i] = Math.asinh(v / s)));
    hi = Math.max(...values.map(Math.abs));
    lo = -hi;
  }
  const count = 18;
  const levels = Array.from({ length: count }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / count);
  return { n, values, levels, lo, hi };
}

/** Segments of the level line `level` by marching squares: x0, y0, x1, y1, … in grid units. */
function isoline(field: Field, level: number): number[] {
  const { n, values } = field;
  const out: number[] = [];
  const cross: number[] = [];
  for (let r = 0; r + 1 < n; r++) {
    for (let c = 0; c + 1 < n; c++) {
      const a = values[r * n + c]!;
      const b = values[r * n + c + 1]!;
      const d = values[(r + 1) * n + c]!;
      const e = values[(r + 1) * n + c + 1]!;
      const above = (a > level ? 1 : 0) + (b > level ? 1 : 0) + (d > level ? 1 : 0) + (e > level ? 1 : 0);
      if (above === 0 || above === 4) continue;
      cross.length = 0;
      // the four edges in order: top, right, bottom, left; interpolate where the level crosses
      if (a > level !== b > level) cross.push(c + (level - a) / (b - a), r);
      if (b > level !== e > level) cross.push(c + 1, r + (level - b) / (e - b));
      if (d > level !== e > level) cross.push(c + (level - d) / (e - d), r + 1);
      if (a > level !== d > level) cross.push(c, r + (level - a) / (d - a));
      for (let i = 0; i + 3 < cross.length; i += 4) out.push(cross[i]!, cross[i + 1]!, cross[i + 2]!, cross[i + 3]!);
    }
  }
  return out;
}

/**
 * Renders the coloured field and its level lines into a new canvas of w × h CSS pixels at the given pixel
 * ratio; the caller blits it under the trajectories on every animation frame.
 */
export function renderField(fn: TestFunction, w: number, h: number, ratio: number, n = 220): HTMLCanvasElement {
  const field = sampleField(fn, n);
  const img = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = ramp((field.values[i]! - field.lo) / (field.hi - field.lo));
    img.data.set([r, g, b, 255], 4 * i);
  }
  const grid = document.createElement('canvas');
  grid.width = n;
  grid.height = n;
  grid.getContext('2d')!.putImageData(img, 0, 0);

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, 0, 0, canvas.width, canvas.height);
  const sx = canvas.width / (n - 1);
  const sy = canvas.height / (n - 1);
  ctx.lineWidth = Math.max(1, ratio * 0.8);
  for (const level of field.levels) {
    const t = (level - field.lo) / (field.hi - field.lo);
    ctx.strokeStyle = t > 0.6 ? 'rgba(40, 60, 80, 0.28)' : 'rgba(255, 255, 255, 0.35)';
    const seg = isoline(field, level);
    ctx.beginPath();
    for (let i = 0; i < seg.length; i += 4) {
      ctx.moveTo(seg[i]! * sx, seg[i + 1]! * sy);
      ctx.lineTo(seg[i + 2]! * sx, seg[i + 3]! * sy);
    }
    ctx.stroke();
  }
  return canvas;
}
