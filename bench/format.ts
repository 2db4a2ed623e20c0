/** Number formatting shared by the console table, the markdown report and the chart. */

/** Three significant digits with an SI suffix: 2.95 M, 203 k, 3.11 k, 253, 19.4. */
export function si(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toPrecision(3)} G`;
  if (a >= 1e6) return `${(v / 1e6).toPrecision(3)} M`;
  if (a >= 1e3) return `${(v / 1e3).toPrecision(3)} k`;
  return v.toPrecision(3);
}

/** A ratio as `4.21×` (two significant digits below 10, whole numbers above 100). */
export function times(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return `${v >= 100 ? v.toFixed(0) : v.toPrecision(v >= 10 ? 3 : 2)}×`;
}

/** Nanoseconds: two significant digits below 10, three to 1 000, whole numbers beyond: 3.4, 65.2, 273, 1 010. */
export function ns(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v >= 1000 ? Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009') : v.toPrecision(v < 10 ? 2 : 3);
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Fixed-width text table: first column left-aligned, the rest right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Markdown table with the first column left-aligned and the rest right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, c) => (c === 0 ? ':---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
