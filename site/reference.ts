/**
 * The reference experiment panel: the seeded data of src/experiment.ts, a scatter with the fitted lines of plain
 * GD (β = 0), momentum (β = 0.9) and the 'auto' racer (lr and momentum 'auto', Nesterov: η and β from the data, no
 * hand tuning) at iteration k, the least-squares line, and the three MSE curves. The line at iteration k comes from a
 * fit of exactly k iterations, so every frame is a real engine.fit result.
 */
import { referenceData } from '../src/experiment.js';
import type { Engine, FitOptions, FitResult } from '../src/types.js';
import { LineChart } from './charts.js';

export const REFERENCE = { seed: 42, lr: 0.1, iterations: 100 } as const;

const RUNS: { label: string; options: FitOptions; color: string }[] = [
  { label: 'plain GD (β = 0)', options: { lr: REFERENCE.lr, momentum: 0 }, color: '#e4572e' },
  { label: 'momentum (β = 0.9)', options: { lr: REFERENCE.lr, momentum: 0.9 }, color: '#2e86de' },
  { label: "auto (lr, momentum 'auto', Nesterov)", options: { lr: 'auto', momentum: 'auto', nesterov: true }, color: '#1b9e5a' },
];

interface Elements {
  canvas: HTMLCanvasElement;
  chart: HTMLElement;
  table: HTMLElement;
  button: HTMLButtonElement;
  iter: HTMLElement;
}

export function setupReference(engine: Engine, el: Elements) {
  const { X, y } = referenceData(REFERENCE.seed);
  const xs = X.map((row) => row[0]!);
  const data = engine.dataset(X, y);
  // fits[r][k]: run r after k updates (k = 0 is the start, w = b = 0)
  const fits: FitResult[][] = RUNS.map(({ options }) =>
    Array.from({ length: REFERENCE.iterations }, (_, k) => engine.fit(data, { ...options, maxIterations: k + 1 })),
  );
  const lineAt = (r: number, k: number): [number, number] =>
    k === 0 ? [0, 0] : [fits[r]![k - 1]!.weights[0]!, fits[r]![k - 1]!.intercept];

  // least squares in one variable: w = cov(x, y)/var(x), b = ȳ − w·x̄ (the target the fits approach)
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  const w = xs.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0) / xs.reduce((s, v) => s + (v - mx) ** 2, 0);
  const ls: [number, number] = [w, my - w * mx];

  const chart = new LineChart(el.chart, 'MSE per iteration (η = 0.1; auto: η₀ = 1/L)', 'iteration k', 560, 260);
  const final = fits.map((f) => f[REFERENCE.iterations - 1]!);
  const ks = Array.from({ length: REFERENCE.iterations }, (_, k) => k);
  chart.set(RUNS.map((r) => ({ label: r.label, stroke: r.color })), ks, final.map((f) => f.loss.map((J) => 2 * J)), 'log', 'MSE');

  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const W = 420;
  const H = 320;
  el.canvas.width = W * ratio;
  el.canvas.height = H * ratio;
  el.canvas.style.width = `${W}px`;
  el.canvas.style.height = `${H}px`;
  const ctx = el.canvas.getContext('2d')!;
  const yLo = Math.min(...y, 0) - 0.5;
  const yHi = Math.max(...y) + 0.5;
  const px = (x: number) => (30 + x * (W - 40)) * ratio;
  const py = (v: number) => (10 + ((yHi - v) / (yHi - yLo)) * (H - 40)) * ratio;

  let k: number = REFERENCE.iterations;
  let timer = 0;

  function draw(): void {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, el.canvas.width, el.canvas.height);
    ctx.strokeStyle = '#c8cedb';
    ctx.lineWidth = ratio;
    ctx.strokeRect(px(0), py(yHi), px(1) - px(0), py(yLo) - py(yHi));
    ctx.fillStyle = '#5d6478';
    ctx.font = `${11 * ratio}px system-ui, sans-serif`;
    ctx.fillText('x', px(1) - 8 * ratio, py(yLo) + 14 * ratio);
    for (const t of [0, 2, 4, 6]) if (t >= yLo && t <= yHi) ctx.fillText(String(t), 8 * ratio, py(t) + 4 * ratio);
    ctx.fillStyle = 'rgba(29, 35, 51, 0.45)';
    xs.forEach((x, i) => {
      ctx.beginPath();
      ctx.arc(px(x), py(y[i]!), 2.6 * ratio, 0, 2 * Math.PI);
      ctx.fill();
    });
    const line = ([wk, bk]: [number, number], color: string, dash: number[]) => {
      ctx.beginPath();
      ctx.setLineDash(dash.map((d) => d * ratio));
      ctx.moveTo(px(0), py(bk));
      ctx.lineTo(px(1), py(bk + wk));
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5 * ratio;
      ctx.stroke();
      ctx.setLineDash([]);
    };
    line(ls, '#1d2333', [6, 5]);
    RUNS.forEach((r, i) => line(lineAt(i, k), r.color, []));
    el.iter.textContent = `k = ${k} / ${REFERENCE.iterations}`;
    const rows = RUNS.map((r, i) => {
      const [wk, bk] = lineAt(i, k);
      const mse = k === 0 ? 2 * final[i]!.loss[0]! : fits[i]![k - 1]!.mse;
      return row(r.color, r.label, bk, wk, mse);
    });
    const lsMse = xs.reduce((s, x, i) => s + (ls[0] * x + ls[1] - y[i]!) ** 2, 0) / xs.length;
    rows.push(row('#1d2333', 'least squares (closed form)', ls[1], ls[0], lsMse));
    el.table.innerHTML = rows.join('');
  }

  function train(): void {
    clearInterval(timer);
    k = 0;
    draw();
    timer = window.setInterval(() => {
      k++;
      draw();
      if (k >= REFERENCE.iterations) clearInterval(timer);
    }, 40);
  }

  el.button.addEventListener('click', train);
  draw();
  return { data: { x: xs, y: Array.from(y) }, final, train };
}

function row(color: string, label: string, b: number, w: number, mse: number): string {
  return `<tr><td><span class="swatch" style="background:${color}"></span></td><td>${label}</td><td class="num">${b.toFixed(5)}</td><td class="num">${w.toFixed(5)}</td><td class="num">${mse.toFixed(5)}</td></tr>`;
}
