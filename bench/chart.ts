/**
 * A hand-written SVG line chart, log-log: problem size n·d on x, achieved GB/s of X read on y, one line per
 * contender, the read-bandwidth probes as dashed horizontal lines. No dependencies, so the chart is reproducible
 * byte for byte from the same numbers.
 *
 * Two sizes share n·d = 10⁷ (100 000×100 and 1 000 000×10). At a shared x the first size (more columns) is on the
 * solid line with a circle; the others get a square and a dashed segment from the previous x.
 */

/** One measured point of a series. */
export interface ChartPoint {
  /** n·d. */
  readonly x: number;
  /** GB/s (or any positive value). */
  readonly y: number;
  /** Columns, used to order points that share x (more columns first). */
  readonly cols: number;
}

/** One line. */
export interface ChartSeries {
  readonly label: string;
  /** Stroke colour; by default the next of a fixed palette. */
  readonly color?: string;
  readonly points: readonly ChartPoint[];
}

/** A horizontal reference line (e.g. a bandwidth probe). */
export interface ChartRule {
  readonly label: string;
  readonly y: number;
}

/** What to draw. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly rules: readonly ChartRule[];
  /** Lines of small print under the plot. */
  readonly footnote?: readonly string[];
  /** Labels written at given x positions just inside the top of the plot (e.g. the measured sizes). */
  readonly xMarks?: readonly { readonly x: number; readonly label: string }[];
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const W = 860, H = 520, LEFT = 72, RIGHT = 230, TOP = 44, BOTTOM = 84;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Superscript exponent label for a power of ten: 10³ etc. */
function decade(e: number): string {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const digits = String(Math.abs(e)).split('').map((c) => sup[Number(c)]).join('');
  return `10${e < 0 ? '⁻' : ''}${digits}`;
}

/** Renders the chart as a standalone SVG document. */
export function renderChart(spec: ChartSpec): string {
  const xs = spec.series.flatMap((s) => s.points.map((p) => p.x)).filter((v) => v > 0);
  const ys = [...spec.series.flatMap((s) => s.points.map((p) => p.y)), ...spec.rules.map((r) => r.y)]
    .filter((v) => v > 0 && Number.isFinite(v));
  if (xs.length === 0 || ys.length === 0) throw new Error('renderChart: nothing to plot');
  const x0 = Math.floor(Math.log10(Math.min(...xs))), x1 = Math.ceil(Math.log10(Math.max(...xs)));
  const y0 = Math.floor(Math.log10(Math.min(...ys))), y1 = Math.ceil(Math.log10(Math.max(...ys)));
  const plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
  const px = (x: number): number => LEFT + ((Math.log10(x) - x0) / Math.max(1, x1 - x0)) * plotW;
  const py = (y: number): number => TOP + plotH - ((Math.log10(y) - y0) / Math.max(1, y1 - y0)) * plotH;
  const f = (v: number): string => v.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
      `font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${LEFT}" y="24" font-size="15" font-weight="600">${escapeXml(spec.title)}</text>`,
  ];
  // Grid and ticks: decades, with faint 2× and 5× minor lines.
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e);
    out.push(`<line x1="${f(x)}" y1="${TOP}" x2="${f(x)}" y2="${TOP + plotH}" stroke="#ddd"/>`);
    out.push(`<text x="${f(x)}" y="${TOP + plotH + 18}" text-anchor="middle">${decade(e)}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${LEFT}" y1="${f(y)}" x2="${LEFT + plotW}" y2="${f(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${LEFT - 8}" y="${f(y + 4)}" text-anchor="end">${decade(e)}</text>`);
    for (const m of [2, 5]) {
      if (e < y1) {
        const ym = py(m * 10 ** e);
        out.push(`<line x1="${LEFT}" y1="${f(ym)}" x2="${LEFT + plotW}" y2="${f(ym)}" stroke="#f2f2f2"/>`);
      }
    }
  }
  out.push(`<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${LEFT + plotW / 2}" y="${TOP + plotH + 38}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(
    `<text transform="translate(18 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  (spec.footnote ?? []).forEach((line, k, all) => {
    const y = H - 8 - 13 * (all.length - 1 - k);
    out.push(`<text x="8" y="${y}" font-size="10.5" fill="#555">${escapeXml(line)}</text>`);
  });

  const marks = new Map<number, string[]>();
  for (const m of spec.xMarks ?? []) marks.set(m.x, [...(marks.get(m.x) ?? []), m.label]);
  for (const [x, labels] of marks) {
    // Right of the point near the left edge, left of it elsewhere, so labels stay inside the plot.
    const atLeft = px(x) - LEFT < 80;
    labels.forEach((label, k) => {
      out.push(
        `<text x="${f(px(x) + (atLeft ? 4 : -4))}" y="${TOP + 14 + 13 * k}" text-anchor="${atLeft ? 'start' : 'end'}" ` +
          `font-size="10.5" fill="#666">${escapeXml(label)}</text>`,
      );
    });
  }

  spec.rules.forEach((r) => {
    const y = py(r.y);
    out.push(`<line x1="${LEFT}" y1="${f(y)}" x2="${LEFT + plotW}" y2="${f(y)}" stroke="#000" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${LEFT + 6}" y="${f(y - 5)}" font-size="10.5">${escapeXml(r.label)}</text>`);
  });

  spec.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    const groups = new Map<number, ChartPoint[]>();
    for (const p of [...s.points].filter((p) => p.y > 0 && Number.isFinite(p.y)).sort((a, b) => b.cols - a.cols)) {
      groups.set(p.x, [...(groups.get(p.x) ?? []), p]);
    }
    const xsSorted = [...groups.keys()].sort((a, b) => a - b);
    const main = xsSorted.map((x) => groups.get(x)![0]!);
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${main.map((p) => `${f(px(p.x))},${f(py(p.y))}`).join(' ')}"/>`,
    );
    xsSorted.forEach((x, g) => {
      const [first, ...extra] = groups.get(x)!;
      out.push(`<circle cx="${f(px(first!.x))}" cy="${f(py(first!.y))}" r="3.5" fill="${color}"/>`);
      const prev = g > 0 ? main[g - 1]! : null;
      for (const p of extra) {
        if (prev) {
          out.push(
            `<line x1="${f(px(prev.x))}" y1="${f(py(prev.y))}" x2="${f(px(p.x))}" y2="${f(py(p.y))}" ` +
              `stroke="${color}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
          );
        }
        out.push(`<rect x="${f(px(p.x) - 4)}" y="${f(py(p.y) - 4)}" width="8" height="8" fill="${color}"/>`);
      }
    });
    const ly = TOP + 8 + k * 20;
    const lx = LEFT + plotW + 16;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<circle cx="${lx + 11}" cy="${ly}" r="3.5" fill="${color}"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
