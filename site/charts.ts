/**
 * Line charts of the playground on uPlot: the objective per iteration for each optimizer (log y, or asinh y for
 * functions unbounded below), the weights β^k that momentum gives to past gradients, and the MSE curves of the
 * reference experiment. uPlot draws on a canvas and needs no framework.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface SeriesSpec {
  label: string;
  stroke: string;
  dash?: number[];
}

/** A chart that can be refilled with new data (and rebuilt when its y scale type changes). */
export class LineChart {
  #plot: uPlot | null = null;
  #yDistr: 1 | 3 | 4 = 1;

  constructor(
    readonly el: HTMLElement,
    readonly title: string,
    readonly xLabel: string,
    readonly width: number,
    readonly height: number,
  ) {}

  /**
   * Replaces the data. `yScale`: 'log' drops values ≤ 0 (uPlot cannot draw them), 'asinh' keeps signs.
   * @param x shared x values (iterations).
   * @param ys one array per series, aligned with x.
   */
  set(series: SeriesSpec[], x: ArrayLike<number>, ys: ArrayLike<number>[], yScale: 'linear' | 'log' | 'asinh', yLabel: string): void {
    const distr = yScale === 'log' ? 3 : yScale === 'asinh' ? 4 : 1;
    const data: uPlot.AlignedData = [
      Array.from(x),
      ...ys.map((y) => Array.from(y, (v) => (Number.isFinite(v) && (distr !== 3 || v > 0) ? v : null))),
    ];
    const sameShape = this.#plot && this.#yDistr === distr && this.#plot.series.length === series.length + 1 &&
      this.#plot.series.every((s, i) => i === 0 || s.label === series[i - 1]!.label);
    if (sameShape) {
      this.#plot!.setData(data);
      return;
    }
    this.#plot?.destroy();
    this.#yDistr = distr;
    this.#plot = new uPlot(
      {
        title: this.title,
        width: this.width,
        height: this.height,
        scales: { x: { time: false }, y: { distr, log: 10 } },
        axes: [
          { label: this.xLabel, stroke: '#445', grid: { stroke: '#e6e8ee' } },
          { label: yLabel, stroke: '#445', grid: { stroke: '#e6e8ee' }, size: 60, values: (_u, splits) => (distr === 3 ? decades(splits) : splits.map(tick)) },
        ],
        series: [{ label: this.xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, dash: s.dash, points: { show: false } }))],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
      },
      data,
      this.el,
    );
  }
}

/** Tick labels that stay readable from 1e−15 to 1e5: plain numbers in the middle, exponents at the ends. */
function tick(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(3)));
  return v.toExponential(0);
}

/** Log-axis labels: decades only (uPlot also splits at 2…9 × 10ᵏ), thinned to about 7 over a wide range. */
function decades(splits: number[]): string[] {
  const isDecade = (v: number) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
  const count = splits.filter(isDecade).length;
  const step = Math.max(1, Math.ceil(count / 7));
  return splits.map((v) => (isDecade(v) && Math.round(Math.log10(v)) % step === 0 ? tick(v) : ''));
}
