/**
 * The neural-network panel: a seeded 2-D dataset (site/nn-data.ts), four boards (plain GD, momentum, Nesterov,
 * Adam; site/nn-race.ts) each shading its network's P(class 1) behind the points, a table, and the loss curves.
 * Training runs in a Web Worker (createWorkerEngine): a frame asks the worker for the four fits of the frame's epoch
 * count and draws them when they arrive, so the page only draws. A change of any control abandons the fits in flight
 * (their `signal`) and rewinds the race.
 */
import type { NetworkFitResult } from '../src/types.js';
import type { WorkerDataset, WorkerEngine } from '../src/worker.js';
import { LineChart } from './charts.js';
import { NN_DATASETS, nnDataset, type NnData, type NnDatasetName } from './nn-data.js';
import {
  boundaryGrid, boundaryHash, changedFraction, frameEpochs, gridPoints, NN_POINTS, NN_PRESETS, nnRacers,
  type NnRacerSpec, type NnSettings,
} from './nn-race.js';

/** Frames per race (about: see frameEpochs). */
const FRAMES = 30;
/** A frame stays at least this long on screen, so that a fast race can still be watched (~2 s for 30 frames). */
const MIN_FRAME_MS = 70;
/** Grid cells per side of the boundary image. */
const RES = 48;
/** Board size in CSS pixels. */
const BOARD = 272;
/** The classes' colours: 0 orange, 1 blue. */
const CLASS_RGB = [[242, 142, 43], [78, 121, 167]] as const;
const HIDDEN_CHOICES = [[4], [8], [16], [32], [8, 8], [16, 16], [32, 32]];
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;

interface Elements {
  boards: HTMLElement;
  dataset: HTMLSelectElement;
  hidden: HTMLSelectElement;
  activation: HTMLSelectElement;
  lr: HTMLInputElement;
  lrOut: HTMLElement;
  train: HTMLButtonElement;
  reset: HTMLButtonElement;
  epoch: HTMLElement;
  table: HTMLElement;
  chart: HTMLElement;
  note: HTMLElement;
}

/** A racer's latest frame. */
interface RacerFrame {
  net: NetworkFitResult;
  /** Training accuracy on the dataset's points. */
  accuracy: number;
  /** P(class 1) on the grid. */
  p: Float64Array;
  hash: string;
}

/** The panel's state, read by the test hook. */
export interface NnPanelState {
  data: NnData;
  settings: NnSettings;
  racers: NnRacerSpec[];
  /** Epochs of each frame. */
  frames: number[];
  /** The frame shown, −1 before the first. */
  frame: number;
  running: boolean;
  /** Per racer: its latest frame, or null. */
  shown: (RacerFrame | null)[];
  /** Per racer: the boundary checksum of every frame shown so far. */
  hashes: string[][];
  /** Per racer: P(class 1) on the grid at the first frame (to measure how far the boundary moved). */
  first: (Float64Array | null)[];
  /** What the worker's engine runs on, once it started. */
  backend: string | null;
  /** The last error (shown in the note), or null. */
  error: string | null;
  /**
   * Per frame shown, the milliseconds the page spent on it (boundary grids by predictProba, accuracies, drawing): the
   * page's only work while the worker trains.
   */
  pageMs: number[];
}

/** What the page (and its test hook) can do with the panel. */
export interface NnPanel {
  readonly state: NnPanelState;
  select(name: NnDatasetName): void;
  configure(change: Partial<Pick<NnSettings, 'hidden' | 'activation' | 'lr'>>): void;
  start(): void;
  stop(): void;
  reset(): void;
  changedFraction(racer: number): number;
}

export function setupNetworkPanel(el: Elements, startWorker: () => Promise<WorkerEngine>): NnPanel {
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  let worker: Promise<WorkerEngine> | null = null;
  let remote: { name: NnDatasetName; data: Promise<WorkerDataset> } | null = null;
  let abort = new AbortController();
  /** Bumped by every rewind: fits of an earlier generation are dropped. */
  let generation = 0;
  /** Bumped by every start: an earlier loop of the same generation (stopped, then started again) ends. */
  let loops = 0;

  const chart = new LineChart(el.chart, 'training loss per epoch (log scale)', 'epoch', 560, 240);
  const boards = [0, 1, 2, 3].map(() => {
    const figure = document.createElement('figure');
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = BOARD * ratio;
    canvas.style.width = canvas.style.height = `${BOARD}px`;
    const caption = document.createElement('figcaption');
    figure.append(canvas, caption);
    el.boards.append(figure);
    return { canvas, caption, ctx: canvas.getContext('2d')! };
  });
  // the boundary image at grid resolution, scaled up onto each board
  const image = document.createElement('canvas');
  image.width = image.height = RES;
  const imageCtx = image.getContext('2d')!;

  for (const name of NN_DATASETS) el.dataset.add(new Option(name, name));
  for (const h of HIDDEN_CHOICES) el.hidden.add(new Option(h.join(' → '), h.join(',')));
  for (const a of ACTIVATIONS) el.activation.add(new Option(a, a));

  const state: NnPanelState = {
    data: nnDataset('moons', NN_POINTS),
    settings: { ...NN_PRESETS.moons, hidden: [...NN_PRESETS.moons.hidden] },
    racers: [],
    frames: [],
    frame: -1,
    running: false,
    shown: [],
    hashes: [],
    first: [],
    backend: null,
    error: null,
    pageMs: [],
  };
  let grid = gridPoints(state.data.box, RES);

  function engine(): Promise<WorkerEngine> {
    worker ??= startWorker().then((w) => {
      state.backend = `${w.backend}${w.simd ? ' + SIMD' : ''}`;
      return w;
    });
    return worker;
  }

  /** The worker's copy of the current dataset (replacing the previous one). */
  function remoteData(w: WorkerEngine): Promise<WorkerDataset> {
    if (remote?.name !== state.data.name) {
      const old = remote;
      remote = { name: state.data.name, data: w.dataset(state.data.X, state.data.y) };
      void old?.data.then((d) => d.dispose(), () => undefined);
    }
    return remote.data;
  }

  /** Adam's η: its preset scaled by the slider as much as the others' η is (3 significant digits). */
  function adamLr(lr: number): number {
    const preset = NN_PRESETS[state.data.name];
    return Number(((preset.adamLr * lr) / preset.lr).toPrecision(3));
  }

  function rewind(): void {
    generation++;
    abort.abort();
    abort = new AbortController();
    state.racers = nnRacers(state.settings);
    state.frames = frameEpochs(state.settings.epochs, FRAMES);
    state.frame = -1;
    state.shown = state.racers.map(() => null);
    state.hashes = state.racers.map(() => []);
    state.first = state.racers.map(() => null);
    state.error = null;
    state.pageMs = [];
    syncControls();
    render();
  }

  function syncControls(): void {
    const s = state.settings;
    el.dataset.value = state.data.name;
    const key = s.hidden.join(',');
    if (!Array.from(el.hidden.options).some((o) => o.value === key)) el.hidden.add(new Option(s.hidden.join(' → '), key));
    el.hidden.value = key;
    el.activation.value = s.activation;
    el.lr.value = String(Math.log10(s.lr));
    el.lrOut.textContent = s.lr.toPrecision(2);
  }

  function select(name: NnDatasetName): void {
    const preset = NN_PRESETS[name];
    if (!preset) throw new TypeError(`name must be one of ${NN_DATASETS.join(', ')}, got ${JSON.stringify(name)}`);
    const running = state.running;
    stop();
    state.data = nnDataset(name, NN_POINTS);
    grid = gridPoints(state.data.box, RES);
    state.settings = { ...preset, hidden: [...preset.hidden] };
    rewind();
    if (running) start();
  }

  function configure(change: Partial<Pick<NnSettings, 'hidden' | 'activation' | 'lr'>>): void {
    const running = state.running;
    stop();
    const s = { ...state.settings, ...change };
    if (change.lr !== undefined) s.adamLr = adamLr(change.lr);
    state.settings = s;
    rewind();
    if (running) start();
  }

  function start(): void {
    if (state.running) return;
    if (state.frame >= state.frames.length - 1) rewind(); // a finished race starts over
    state.running = true;
    el.train.textContent = '❚❚ stop';
    void loop(generation, ++loops, abort.signal);
  }

  function stop(): void {
    state.running = false;
    el.train.textContent = '▶ train';
  }

  async function loop(gen: number, id: number, signal: AbortSignal): Promise<void> {
    const current = () => gen === generation && id === loops && state.running;
    try {
      const w = await engine();
      const data = await remoteData(w);
      while (current() && state.frame < state.frames.length - 1) {
        const t0 = performance.now();
        const epochs = state.frames[state.frame + 1]!;
        // a racer that stopped early (converged or diverged) keeps its last network
        const fits = await Promise.all(state.racers.map((r, i) => {
          const last = state.shown[i];
          if (last && last.net.status !== 'maxIterations') return last.net;
          return w.fit(data, { ...r.options, maxIterations: epochs }, { signal });
        }));
        if (gen !== generation || id !== loops) return;
        const t1 = performance.now();
        state.frame++;
        fits.forEach((net, i) => {
          const prev = state.shown[i];
          if (prev && prev.net === net) return;
          const p = boundaryGrid(net, grid);
          const frame = { net, accuracy: net.score(state.data.X, state.data.y), p, hash: boundaryHash(p) };
          state.shown[i] = frame;
          state.first[i] ??= p;
        });
        state.shown.forEach((f, i) => state.hashes[i]!.push(f!.hash));
        render();
        state.pageMs.push(performance.now() - t1);
        const wait = MIN_FRAME_MS - (performance.now() - t0);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (gen === generation && id === loops) stop();
    } catch (e) {
      if (gen !== generation || id !== loops) return; // abandoned by a change of the controls: its AbortError is expected
      stop();
      state.error = e instanceof Error ? e.message : String(e);
      el.note.textContent = `training failed: ${state.error}`;
      throw e;
    }
  }

  function render(): void {
    const epoch = state.frame >= 0 ? state.frames[state.frame]! : 0;
    el.epoch.textContent = `epoch ${epoch} / ${state.settings.epochs}`;
    state.racers.forEach((r, i) => drawBoard(i, r));
    const rows = state.racers.map((r, i) => {
      const f = state.shown[i];
      const cells = f
        ? [String(f.net.epochs), f.net.epochLoss[f.net.epochs - 1]!.toPrecision(4), f.accuracy.toFixed(3), f.net.status]
        : ['0', '—', '—', '—'];
      return `<tr data-label="${r.label}"><td><span class="swatch" style="background:${r.color}"></span></td><td>${r.label}</td>${cells.map((c) => `<td class="num">${c}</td>`).join('')}</tr>`;
    });
    el.table.innerHTML = rows.join('');
    const n = Math.max(1, ...state.shown.map((f) => (f ? f.net.epochs : 0)));
    const x = Array.from({ length: n }, (_, k) => k + 1);
    const ys = state.racers.map((_, i) => {
      const loss = state.shown[i]?.net.epochLoss;
      return x.map((_, k) => (loss && k < loss.length ? loss[k]! : NaN));
    });
    chart.set(state.racers.map((r) => ({ label: r.label, stroke: r.color, dash: r.dash.length ? [...r.dash] : undefined })), x, ys, 'log', 'J(θ)');
    const s = state.settings;
    el.note.textContent = state.error ? `training failed: ${state.error}` :
      `${s.hidden.join(' → ')} ${s.activation} units, α = 1e−4, η = ${s.lr.toPrecision(2)} (Adam ${s.adamLr.toPrecision(2)}), ` +
      `full batches of ${state.data.X.length} points; ${state.backend ? `worker engine: ${state.backend}` : 'the worker starts on ▶ train'}.`;
  }

  function drawBoard(i: number, r: NnRacerSpec): void {
    const { ctx, canvas, caption } = boards[i]!;
    const f = state.shown[i];
    const px = imageCtx.createImageData(RES, RES);
    for (let k = 0; k < RES * RES; k++) {
      // white where the network is unsure, the class colour where it is sure: s = |2p − 1|
      const p = f ? f.p[k]! : 0.5;
      const rgb = CLASS_RGB[p >= 0.5 ? 1 : 0];
      const s = 0.6 * Math.abs(2 * p - 1);
      for (let c = 0; c < 3; c++) px.data[4 * k + c] = Math.round(255 + s * (rgb[c]! - 255));
      px.data[4 * k + 3] = 255;
    }
    imageCtx.putImageData(px, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const { x: [x0, x1], y: [y0, y1] } = state.data.box;
    const { X, y } = state.data;
    for (let k = 0; k < X.length; k++) {
      const cx = ((X[k]![0]! - x0) / (x1 - x0)) * canvas.width;
      const cy = ((y1 - X[k]![1]!) / (y1 - y0)) * canvas.height;
      const rgb = CLASS_RGB[y[k]!]!;
      ctx.beginPath();
      ctx.arc(cx, cy, 3 * ratio, 0, 2 * Math.PI);
      ctx.fillStyle = `rgb(${rgb.join(',')})`;
      ctx.fill();
      ctx.lineWidth = ratio;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
    caption.innerHTML = `<span class="swatch" style="background:${r.color}"></span>${r.label}` +
      `<span class="num">${f ? `${(100 * f.accuracy).toFixed(1)} %` : ''}</span>`;
  }

  el.dataset.addEventListener('change', () => select(el.dataset.value as NnDatasetName));
  el.hidden.addEventListener('change', () => configure({ hidden: el.hidden.value.split(',').map(Number) }));
  el.activation.addEventListener('change', () => configure({ activation: el.activation.value as NnSettings['activation'] }));
  el.lr.addEventListener('input', () => configure({ lr: Number((10 ** Number(el.lr.value)).toPrecision(3)) }));
  el.train.addEventListener('click', () => (state.running ? stop() : start()));
  el.reset.addEventListener('click', () => {
    stop();
    rewind();
  });

  rewind();
  return {
    state,
    select,
    configure,
    start,
    stop,
    reset: () => {
      stop();
      rewind();
    },
    changedFraction: (i) => {
      const a = state.first[i], b = state.shown[i]?.p;
      return a && b ? changedFraction(a, b) : 0;
    },
  };
}
