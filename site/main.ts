/**
 * The playground: a race of plain GD, momentum, Nesterov and Adam on a 2-D test function, drawn over its contour plot,
 * with charts of the objective and of momentum's weights β^k, the neural-network panel (site/nn-panel.ts: the same four
 * training a small network in a Web Worker, decision boundaries shaded as they learn), and the reference experiment.
 * Every optimizer step runs in the library's engine (WASM where the browser has it), shown in the badge.
 */
import { createEngine } from '../src/index.js';
import { testFunctions, type TestFunction } from '../src/functions.js';
import { LineChart } from './charts.js';
import { Frame, renderField } from './contour.js';
import { PRESETS, race, RADIUS_FRACTION, type Racer } from './race.js';
import { setupReference } from './reference.js';
import { installTestHook } from './hook.js';
import { setupNetworkPanel } from './nn-panel.js';
import { createWorkerEngine } from '../src/worker.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const engine = await createEngine();
const badge = $('backend');
badge.textContent = `engine: ${engine.backend}${engine.simd ? ' + SIMD' : ''}`;
badge.dataset.backend = engine.backend;
badge.classList.toggle('js', engine.backend !== 'wasm');

const canvas = $<HTMLCanvasElement>('contour');
const CSS_SIZE = 560;
const ratio = Math.min(window.devicePixelRatio || 1, 2);
canvas.width = CSS_SIZE * ratio;
canvas.height = CSS_SIZE * ratio;
canvas.style.width = canvas.style.height = `${CSS_SIZE}px`;
const ctx = canvas.getContext('2d')!;

const fnSelect = $<HTMLSelectElement>('fn');
const lrInput = $<HTMLInputElement>('lr');
const betaInput = $<HTMLInputElement>('beta');
const objective = new LineChart($('objective-chart'), 'objective per iteration', 'iteration k', 560, 300);
const weights = new LineChart($('weights-chart'), 'weight of the gradient from k steps ago in today’s velocity', 'k steps ago', 560, 170);

for (const name of Object.keys(testFunctions)) fnSelect.add(new Option(name, name));

/** Everything the page shows is a function of this state. */
const state = {
  fn: testFunctions.rosenbrock as TestFunction,
  start: testFunctions.rosenbrock!.start as readonly [number, number],
  lr: PRESETS.rosenbrock!.lr,
  beta: PRESETS.rosenbrock!.momentum,
  maxIterations: PRESETS.rosenbrock!.maxIterations,
  k: 0,
  playing: false,
  racers: [] as Racer[],
  field: null as HTMLCanvasElement | null,
};

function setFunction(name: string): void {
  const fn = testFunctions[name];
  if (!fn) throw new Error(`unknown function ${name}`);
  const preset = PRESETS[name]!;
  Object.assign(state, { fn, start: fn.start, lr: preset.lr, beta: preset.momentum, maxIterations: preset.maxIterations });
  state.field = renderField(fn, CSS_SIZE, CSS_SIZE, ratio);
  fnSelect.value = name;
  $('fn-desc').textContent = fn.description;
  lrInput.value = String(Math.log10(state.lr));
  betaInput.value = String(state.beta);
  recompute();
}

/** Adam's η: its preset, scaled by the η slider as much as the others' η is (3 significant digits). */
function adamLr(): number {
  const preset = PRESETS[state.fn.name]!;
  return Number(((preset.adamLr * state.lr) / preset.lr).toPrecision(3));
}

/** Runs the optimizers again (after any change of function, start, η or β) and rewinds the animation. */
function recompute(): void {
  $('lr-out').textContent = state.lr.toPrecision(2);
  $('beta-out').textContent = state.beta.toFixed(2);
  state.racers = race(engine, state.fn, state.start, state.lr, state.beta, state.maxIterations, adamLr());
  state.k = 0;
  updateCharts();
  updateTable();
  draw();
}

function lastIndex(): number {
  return Math.max(...state.racers.map((r) => r.shown - 1));
}

function updateCharts(): void {
  const { fn } = state;
  const bounded = Number.isFinite(fn.minValue);
  const live = state.racers.filter((r) => r.run);
  const n = Math.max(...live.map((r) => r.shown));
  const x = Array.from({ length: n }, (_, k) => k);
  const ys = live.map((r) => Array.from({ length: n }, (_, k) => (k < r.shown ? r.run!.values[k]! - (bounded ? fn.minValue : 0) : NaN)));
  objective.set(live.map((r) => ({ label: r.label, stroke: r.color, dash: r.dash.length ? [...r.dash] : undefined })), x, ys, bounded ? 'log' : 'asinh', bounded ? 'f(θₖ) − f*' : 'f(θₖ)');

  const beta = state.beta;
  const K = beta === 0 ? 1 : Math.min(150, Math.ceil(Math.log(1e-3) / Math.log(beta)));
  const ks = Array.from({ length: K + 1 }, (_, k) => k);
  weights.set([{ label: `β^k, β = ${beta.toFixed(2)}`, stroke: '#2e86de' }], ks, [ks.map((k) => beta ** k)], 'linear', 'β^k');
  $('weights-note').textContent = beta === 0
    ? 'β = 0: each step uses only the current gradient.'
    : `Unrolled, vₖ = Σⱼ β^j·gₖ₋ⱼ: the weights sum to 1/(1 − β) = ${(1 / (1 - beta)).toFixed(1)}, so on a steady slope momentum moves that many times faster than plain GD; half the weight lies in the last ${Math.ceil(Math.log(0.5) / Math.log(beta))} gradients.`;
}

function updateTable(): void {
  const { fn } = state;
  const hasMinima = fn.minima.length > 0;
  $('reach-head').textContent = hasMinima
    ? `iterations to within ${(RADIUS_FRACTION * (fn.domain.x[1] - fn.domain.x[0])).toPrecision(2)} of a minimum`
    : 'iterations near the saddle';
  const rows = state.racers.map((r) => {
    const k = Math.min(state.k, r.shown - 1);
    const cells = r.run
      ? [
          hasMinima ? (r.reached >= 0 ? String(r.reached) : 'not reached') : String(r.nearSaddle),
          r.run.values[k]!.toPrecision(6),
          r.shown < r.run.points.length / 2 ? 'left the plot' : r.run.status,
        ]
      : ['—', '—', 'needs β > 0'];
    return `<tr data-label="${r.label}"><td><span class="swatch" style="background:${r.color}"></span></td><td>${r.label}</td>${cells.map((c) => `<td class="num">${c}</td>`).join('')}</tr>`;
  });
  $('results').querySelector('tbody')!.innerHTML = rows.join('');
  $('iter').textContent = `k = ${state.k} / ${lastIndex()}`;
}

function draw(): void {
  const frame = new Frame(state.fn, canvas.width, canvas.height);
  ctx.drawImage(state.field!, 0, 0);
  const mark = (x: number, y: number, color: string, size: number, shape: 'star' | 'dot' | 'ring') => {
    const [px, py] = frame.toPx(x, y);
    ctx.beginPath();
    if (shape === 'star') {
      for (let i = 0; i < 10; i++) {
        const a = (Math.PI / 5) * i - Math.PI / 2;
        const r = (i % 2 ? 0.45 : 1) * size * ratio;
        ctx.lineTo(px + r * Math.cos(a), py + r * Math.sin(a));
      }
      ctx.closePath();
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = '#1d2333';
      ctx.lineWidth = ratio;
      ctx.stroke();
    } else {
      ctx.arc(px, py, size * ratio, 0, 2 * Math.PI);
      ctx.fillStyle = shape === 'dot' ? color : 'rgba(255,255,255,0.9)';
      ctx.strokeStyle = shape === 'dot' ? '#fff' : color;
      ctx.lineWidth = 2 * ratio;
      ctx.fill();
      ctx.stroke();
    }
  };
  for (const r of state.racers) {
    if (!r.run) continue;
    const last = Math.min(state.k, r.shown - 1);
    ctx.beginPath();
    for (let k = 0; k <= last; k++) {
      const [px, py] = frame.toPx(r.run.points[2 * k]!, r.run.points[2 * k + 1]!);
      if (k === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.strokeStyle = r.color;
    // wider underneath: where trajectories coincide (a radial bowl) they show as nested stripes
    ctx.lineWidth = r.width * ratio;
    ctx.setLineDash(r.dash.map((d) => d * ratio));
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // heads last, so that no trajectory hides another's head
  for (const r of state.racers) {
    if (!r.run) continue;
    const last = Math.min(state.k, r.shown - 1);
    mark(r.run.points[2 * last]!, r.run.points[2 * last + 1]!, r.color, 5, 'dot');
  }
  // the domain's extent along the edges, in the corners where trajectories rarely go
  ctx.font = `${11 * ratio}px system-ui, sans-serif`;
  ctx.fillStyle = 'rgba(29, 35, 51, 0.75)';
  const { x: [x0, x1], y: [, y1] } = state.fn.domain;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(`x = ${x0}`, 4 * ratio, canvas.height - 3 * ratio);
  ctx.textAlign = 'right';
  ctx.fillText(`x = ${x1}`, canvas.width - 4 * ratio, canvas.height - 3 * ratio);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(`y = ${y1}`, 4 * ratio, 3 * ratio);
  ctx.textAlign = 'start';
  ctx.textBaseline = 'alphabetic';
  // minima and saddles on top: the heads of converged runs would hide them
  for (const [x, y] of state.fn.minima) mark(x, y, '#ffd23f', 7, 'star');
  for (const [x, y] of state.fn.saddles) mark(x, y, '#ffffff', 5, 'ring');
  mark(state.start[0], state.start[1], '#1d2333', 4, 'ring');
}

/** Advances the race by `by` iterations. */
function advance(by: number): void {
  state.k = Math.min(state.k + by, lastIndex());
  if (state.k === lastIndex()) setPlaying(false);
  updateTable();
  draw();
}

function setPlaying(on: boolean): void {
  state.playing = on;
  $('play').textContent = on ? '❚❚ pause' : '▶ play';
  if (on) requestAnimationFrame(tick);
}

function tick(): void {
  if (!state.playing) return;
  // about 8 s for a full budget, whatever its length
  advance(Math.max(1, Math.round(state.maxIterations / 480)));
  if (state.playing) requestAnimationFrame(tick);
}

fnSelect.addEventListener('change', () => setFunction(fnSelect.value));
lrInput.addEventListener('input', () => {
  state.lr = Number((10 ** Number(lrInput.value)).toPrecision(3));
  recompute();
});
betaInput.addEventListener('input', () => {
  state.beta = Number(betaInput.value);
  recompute();
});
$('play').addEventListener('click', () => {
  if (!state.playing && state.k === lastIndex()) state.k = 0;
  setPlaying(!state.playing);
});
$('step').addEventListener('click', () => {
  setPlaying(false);
  advance(1);
});
$('reset').addEventListener('click', () => {
  setPlaying(false);
  state.k = 0;
  updateTable();
  draw();
});
canvas.addEventListener('click', (e) => {
  const rect = canvas.getBoundingClientRect();
  const frame = new Frame(state.fn, rect.width, rect.height);
  state.start = frame.fromPx(e.clientX - rect.left, e.clientY - rect.top);
  recompute();
  setPlaying(true);
});

setFunction('rosenbrock');
showIteration(Infinity); // open on the finished race; play rewinds it

const reference = setupReference(engine, {
  canvas: $<HTMLCanvasElement>('scatter'),
  chart: $('mse-chart'),
  table: $('ref-results').querySelector('tbody')!,
  button: $<HTMLButtonElement>('train'),
  iter: $('ref-iter'),
});

/** Shows iteration k of the race (clamped to the longest trajectory) and pauses. */
function showIteration(k: number): void {
  setPlaying(false);
  state.k = Math.max(0, Math.min(k, lastIndex()));
  updateTable();
  draw();
}

const network = setupNetworkPanel({
  boards: $('nn-boards'),
  dataset: $<HTMLSelectElement>('nn-dataset'),
  hidden: $<HTMLSelectElement>('nn-hidden'),
  activation: $<HTMLSelectElement>('nn-activation'),
  lr: $<HTMLInputElement>('nn-lr'),
  lrOut: $('nn-lr-out'),
  train: $<HTMLButtonElement>('nn-train'),
  reset: $<HTMLButtonElement>('nn-reset'),
  epoch: $('nn-epoch'),
  table: $('nn-results').querySelector('tbody')!,
  chart: $('nn-loss-chart'),
  note: $('nn-note'),
}, () => createWorkerEngine());

installTestHook({ engine, state, setFunction, recompute, showIteration, reference, network });
document.body.dataset.ready = 'true';
