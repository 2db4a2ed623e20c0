/**
 * Turns a run into text: the console table, bench/RESULTS.md (machine line first, then the table, targets,
 * weight checks, probes, memory, per-step cost) and the data for the chart.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { ChartSpec } from './chart.js';
import { nsPerRow, type ClassifierSize } from './classifiers.js';
import { markdownTable, mib, ns, si, textTable, times } from './format.js';
import type { MemoryReport } from './memory.js';
import type { ProbeResult } from './probe.js';
import type { StepCost } from './stepcost.js';
import type { SizeResult } from './suite.js';
import { FAMILY, mark, type TargetResult } from './targets.js';

/** Everything a run produced. */
export interface RunResult {
  readonly machine: string;
  readonly quick: boolean;
  /** `--classifiers`: only the classifiers' section was run. */
  readonly classifiersOnly: boolean;
  readonly sizes: readonly SizeResult[];
  readonly probes: readonly ProbeResult[];
  readonly targets: readonly TargetResult[];
  /** The classifiers' section (empty when the engine did not load). */
  readonly classifiers: readonly ClassifierSize[];
  /** Softmax classes in the classifiers' section. */
  readonly classes: number;
  /** Issue 14's floors, on the classifiers' section. */
  readonly classifierFloors: readonly TargetResult[];
  /** Issue 15's floors (the linear SGD family, timed in the classifiers' rounds). */
  readonly familyFloors: readonly TargetResult[];
  readonly memory: MemoryReport | undefined;
  readonly stepCosts: readonly StepCost[];
  /** Things the reader must know (missing contenders, failures). */
  readonly notes: readonly string[];
  readonly seconds: number;
}

/** CPU model, cores, L3 (from /proc/cpuinfo where present), Node, date, and the commit measured. */
export function machineLine(): string {
  const cpus = os.cpus();
  let cache = '';
  try {
    const m = /^cache size\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cache = `, cache ${m[1]!.trim()}`;
  } catch {
    // Not Linux: no cache line.
  }
  let commit = 'no commit';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'assembly'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim();
    if (dirty) commit += ' + uncommitted engine changes';
  } catch {
    // No repository or no commit yet.
  }
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length} cores${cache}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version} (V8 ${process.versions.v8}), ${process.platform}-${process.arch}, ` +
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load ${os.loadavg()[0]!.toFixed(2)}, engine at ${commit}`;
}

const HEADER = ['contender', 'it/s (median)', '± rme', '× WASM SIMD', 'X read GB/s', '% of probe', 'weights'];

function bestProbe(probes: readonly ProbeResult[]): ProbeResult | undefined {
  return [...probes].sort((a, b) => b.bytesPerSecond - a.bytesPerSecond)[0];
}

/** A fraction as a percentage with two significant digits below 10 %. */
function percent(f: number): string {
  const v = f * 100;
  return `${v >= 10 ? v.toFixed(0) : v.toPrecision(2)} %`;
}

/** The probe a size is compared with: the one timed in its rounds, else the run's best. */
function probeFor(s: SizeResult, best: number): number {
  return s.probe?.bytesPerSecond ?? best;
}

function sizeRows(s: SizeResult, best: number): string[][] {
  const probe = probeFor(s, best);
  const simd = s.contenders.find((c) => c.id === 'wasm-simd')?.itersPerSecond ?? NaN;
  return s.contenders.map((c) => {
    const gbs = (8 * s.rows * s.cols * c.itersPerSecond) / 1e9;
    const diff = c.check.relDiff === 0 ? '0' : c.check.relDiff.toExponential(0);
    const check = c.check.ok ? `ok ${c.check.note === 'reference' ? '(ref)' : diff}` : 'FAIL';
    return [
      c.id,
      si(c.itersPerSecond),
      c.stats ? `${c.stats.rme.toFixed(1)} %` : '—',
      times(c.itersPerSecond / simd),
      Number.isFinite(gbs) ? gbs.toPrecision(3) : '—',
      Number.isFinite(gbs) && probe > 0 ? percent((gbs * 1e9) / probe) : '—',
      check,
    ];
  });
}

const CLASSIFIER_IDS = ['wasm-simd', 'wasm-scalar', 'js-engine', 'tfjs-wasm', 'tfjs-wasm-minimize'];
/** The models of the classifiers' own table (the family members have theirs). */
const CLASSIFIER_MODELS: readonly string[] = ['linear', 'logistic', 'softmax'];

function classifierHeader(classes: number): string[] {
  return ['contender', 'linear ns/row', 'logistic ns/row', '÷ linear', `softmax (${classes}) ns/row`, '÷ linear', 'weights (linear / logistic / softmax)'];
}

function familyHeader(): string[] {
  return ['contender', 'linear ns/row', ...FAMILY.flatMap(([m]) => [`${m} ns/row`, '÷ linear']), `weights (${FAMILY.map(([m]) => m).join(' / ')})`];
}

/** The engine's builds on the family members: ns per row, the ratio to the same build's linear, checks. */
function familyRows(s: ClassifierSize): string[][] {
  const ids = CLASSIFIER_IDS.filter((id) => FAMILY.some(([m]) => s.models.some((x) => x.model === m && x.contenders.some((c) => c.id === id))));
  return ids.map((id) => {
    const lin = nsPerRow(s, 'linear', id);
    const cells = FAMILY.flatMap(([m]) => { const v = nsPerRow(s, m, id); return [ns(v), times(v / lin)]; });
    const checks = FAMILY.map(([m]) => checkCell(s.models.find((x) => x.model === m)?.contenders.find((c) => c.id === id)));
    return [id, ns(lin), ...cells, `ok ${checks.join(' / ')}`.replace(/^ok (.*FAIL.*)$/, '$1')];
  });
}

function checkCell(c: ClassifierSize['models'][number]['contenders'][number] | undefined): string {
  if (!c) return '—';
  if (!c.check.ok) return 'FAIL';
  return c.check.note === 'reference' ? 'ref' : c.check.relDiff === 0 ? '0' : c.check.relDiff.toExponential(0);
}

/** One row per contender: ns per row of each model, the classifiers' ratio to the same contender's linear, checks. */
function classifierRows(s: ClassifierSize): string[][] {
  const ids = CLASSIFIER_IDS.filter((id) => s.models.some((m) => m.contenders.some((c) => c.id === id)));
  return ids.map((id) => {
    const lin = nsPerRow(s, 'linear', id);
    const log = nsPerRow(s, 'logistic', id);
    const soft = nsPerRow(s, 'softmax', id);
    const checks = s.models.filter((m) => CLASSIFIER_MODELS.includes(m.model)).map((m) => checkCell(m.contenders.find((x) => x.id === id)));
    return [id, ns(lin), ns(log), times(log / lin), ns(soft), times(soft / lin), `ok ${checks.join(' / ')}`.replace(/^ok (.*FAIL.*)$/, '$1')];
  });
}

/** WASM SIMD only, one row per size, as issue 14 tabulates it. */
function classifierSummary(r: RunResult): string[][] {
  return r.classifiers.map((s) => [
    s.name, ns(nsPerRow(s, 'linear', 'wasm-simd')), ns(nsPerRow(s, 'logistic', 'wasm-simd')), ns(nsPerRow(s, 'softmax', 'wasm-simd')),
  ]);
}

/** Failed checks as lines, empty when everything agreed. */
export function failures(r: RunResult): string[] {
  const out: string[] = [];
  for (const s of r.sizes) {
    for (const c of s.contenders) if (!c.check.ok) out.push(`FAIL ${s.name} ${c.id}: ${c.check.note}`);
    if (s.engineParity.startsWith('NOT')) out.push(`FAIL ${s.name} engine parity: ${s.engineParity}`);
  }
  for (const s of r.classifiers) {
    for (const m of s.models) {
      for (const c of m.contenders) if (!c.check.ok) out.push(`FAIL ${m.model} ${s.name} ${c.id}: ${c.check.note}`);
      if (m.engineParity.startsWith('NOT')) out.push(`FAIL ${m.model} ${s.name} engine parity: ${m.engineParity}`);
    }
  }
  return out;
}

/** The console report. */
export function consoleReport(r: RunResult): string {
  const probe = bestProbe(r.probes)?.bytesPerSecond ?? NaN;
  const parts = [`\n${r.machine}`];
  if (!r.classifiersOnly) parts.push(...linearConsole(r, probe));
  for (const s of r.classifiers) {
    parts.push(`\nClassifiers at ${s.name}, K = ${s.iterations}; engine parity: ` +
      s.models.map((m) => `${m.model} ${m.engineParity.startsWith('bit-identical') ? 'bit-identical' : m.engineParity}`).join(', '));
    parts.push(textTable(classifierHeader(r.classes), classifierRows(s)));
    if (familyRows(s).length) parts.push(`The linear SGD family at ${s.name}:`, textTable(familyHeader(), familyRows(s)));
  }
  if (r.classifiers.length) {
    parts.push('\nClassifier floors (issue 14; WASM SIMD, same rounds, medians):');
    for (const t of r.classifierFloors.filter((t) => t.group === 'target')) parts.push(`  ${mark(t.ok).padEnd(12)} ${t.label}: ${t.value}`);
    parts.push('The same thresholds against TF.js at its best (reported, not floors):');
    for (const t of r.classifierFloors.filter((t) => t.group === 'stricter')) parts.push(`  ${mark(t.ok).padEnd(12)} ${t.label}: ${t.value}`);
    parts.push('\nLinear SGD family floors (issue 15; WASM SIMD, same rounds, medians):');
    for (const t of r.familyFloors.filter((t) => t.group === 'target')) parts.push(`  ${mark(t.ok).padEnd(12)} ${t.label}: ${t.value}`);
    parts.push('In cache (reported, not floors):');
    for (const t of r.familyFloors.filter((t) => t.group === 'stricter')) parts.push(`  ${mark(t.ok).padEnd(12)} ${t.label}: ${t.value}`);
  }
  if (r.memory) parts.push('\n' + memoryLines(r.memory).join('\n'));
  if (!r.classifiersOnly) {
    parts.push(`\nPer-step API cost (opt.step(grad)):${r.stepCosts.length ? '' : ' not measured'}`);
    for (const c of r.stepCosts) parts.push(`  ${c.engine.padEnd(12)} d = ${String(c.d).padEnd(5)} ${c.nsPerStep.toFixed(0)} ns/step ± ${c.rme.toFixed(1)} %`);
  }
  for (const n of r.notes) parts.push(`NOTE: ${n}`);
  const fails = failures(r);
  parts.push(fails.length ? `\n${fails.join('\n')}` : '\nAll contenders reached the same weights (within tolerance).');
  parts.push(`(${r.seconds.toFixed(0)} s; load average now ${os.loadavg()[0]!.toFixed(2)})`);
  return parts.join('\n');
}

/** The linear suite's part of the console report. */
function linearConsole(r: RunResult, probe: number): string[] {
  const parts: string[] = [];
  for (const s of r.sizes) {
    parts.push(`\n${s.name}, K = ${s.iterations}; engine parity: ${s.engineParity}`);
    parts.push(textTable(HEADER, sizeRows(s, probe)));
  }
  parts.push('\nRead-bandwidth probes (256 MiB, one core):');
  for (const p of r.probes) parts.push(`  ${p.label}: ${(p.bytesPerSecond / 1e9).toFixed(1)} GB/s ± ${p.rme.toFixed(1)} %`);
  for (const s of r.sizes) {
    if (s.probe) parts.push(`  ${s.probe.label} at ${s.name}: ${(s.probe.bytesPerSecond / 1e9).toFixed(1)} GB/s ± ${s.probe.rme.toFixed(1)} %`);
  }
  parts.push('\nTargets:');
  for (const t of r.targets.filter((t) => t.group === 'target')) parts.push(`  ${mark(t.ok).padEnd(12)} ${t.label}: ${t.value}`);
  parts.push('The same thresholds against stricter TF.js formulations (reported, not targets):');
  for (const t of r.targets.filter((t) => t.group === 'stricter')) parts.push(`  ${mark(t.ok).padEnd(12)} ${t.label}: ${t.value}`);
  return parts;
}

function memoryLines(m: MemoryReport): string[] {
  return [
    `Memory at ${m.size}: RSS ${mib(m.baseline)} with the problem's X and y allocated (Float64Arrays), then:`,
    ...m.entries.map((e) => `  + ${e.id.padEnd(12)} ${mib(e.rssGrowth)}`),
    `  all loaded: RSS ${mib(m.allLoaded)}; process peak RSS ${mib(m.peak)}`,
  ];
}

/** bench/RESULTS.md (or, with `--classifiers`, the classifiers' section alone). */
export function markdownReport(r: RunResult, chartFile: string | null): string {
  if (r.classifiersOnly) {
    const fails = failures(r);
    return [
      `Machine: ${r.machine}`, '',
      `# momentum-gd benchmark: classifiers only${r.quick ? ' (--quick)' : ''}`, '',
      'Generated by `npm run bench -- --classifiers' + (r.quick ? ' --quick' : '') + '` (bench/run.ts); do not edit by ' +
        'hand. The classifiers\' section of the full run alone; `npm run bench` writes it into RESULTS.md.', '',
      fails.length ? `**${fails.length} check(s) FAILED**:\n\n${fails.map((f) => `- ${f}`).join('\n')}` : '**Weights check: passed.**', '',
      ...classifierMarkdown(r),
      ...(r.notes.length ? ['## Notes', '', ...r.notes.map((n) => `- ${n}`), ''] : []),
      `Run time: ${r.seconds.toFixed(0)} s; 1-minute load average at the end ${os.loadavg()[0]!.toFixed(2)}.`, '',
    ].join('\n');
  }
  const probe = bestProbe(r.probes);
  const probeBps = probe?.bytesPerSecond ?? NaN;
  const fails = failures(r);
  const md: string[] = [
    `Machine: ${r.machine}`,
    '',
    `# momentum-gd benchmark${r.quick ? ' (--quick)' : ''}`,
    '',
    'Generated by `npm run bench' + (r.quick ? ' -- --quick' : '') + '` (bench/run.ts); do not edit by hand. ' +
      'One process, one run: every contender fits the same seeded data (features ~U(−1, 1), y = X·w* + 0.5 + ' +
      'U(±0.01) noise) with the same full-batch momentum GD on the linear model, ' +
      'v ← β·v + g (v₁ = g₁), θ ← θ − η·v on weights and intercept, β = 0.9, η = 0.5 / (mean ‖xᵢ‖² + 1), ' +
      'exactly K updates from θ = 0 per measured call (no early stopping). Timed with benchmark.js; ' +
      'contenders interleaved in rotated rounds after a warm-up; it/s = K / median seconds per call over all ' +
      'samples; ± rme is the 95 % margin of error of the mean. X read GB/s = 8·n·d·it/s (the f64 matrix, also ' +
      'for float32 TF.js), compared with a read-bandwidth probe: at the sizes far beyond cache the WASM probe timed ' +
      'in the same rounds as the contenders, elsewhere the best probe of this run.',
    '',
    fails.length ? `**${fails.length} check(s) FAILED**:\n\n${fails.map((f) => `- ${f}`).join('\n')}` :
      '**Weights check: passed** — every contender reached the reference weights (WASM SIMD) within tolerance ' +
      '(f64: 1e-12 relative; float32 TF.js: 1e-4 relative), no contender diverged, and each gave the same ' +
      'weights on a later call.',
    '',
    '## Throughput',
    '',
  ];
  for (const s of r.sizes) {
    md.push(`**${s.name}**, K = ${s.iterations}, η = ${s.lr.toPrecision(4)}. Engine parity: ${s.engineParity}.`, '');
    md.push(markdownTable(HEADER, sizeRows(s, probeBps)), '');
  }
  md.push('Contenders:', '');
  const seen = new Set<string>();
  for (const c of r.sizes.flatMap((s) => s.contenders)) {
    if (!seen.has(c.id)) md.push(`- \`${c.id}\`: ${c.label}`);
    seen.add(c.id);
  }
  const rowsOf = (g: TargetResult['group']): string[][] =>
    r.targets.filter((t) => t.group === g).map((t) => [t.label, t.value, mark(t.ok)]);
  md.push('', '## Targets', '', markdownTable(['target', 'measured', ''], rowsOf('target')), '',
    'The TF.js targets are taken against TF.js as its users write momentum GD (`tf.train.momentum(η, β).minimize`), ' +
    'the formulation measured when the targets were set (PERF-NOTES: ~110–130 µs an iteration in dispatch and tape). ' +
    'The same thresholds against the two hand-written formulations, reported beside them (see below for what ' +
    'limits these):', '',
    markdownTable(['same threshold, stricter peer', 'measured', ''], rowsOf('stricter')), '');
  // The analysis of what limits the unmet targets is written by hand (bench/LIMITS.md) and kept across runs.
  md.push(...handWritten('LIMITS.md'));
  if (r.classifiers.length) md.push(...classifierMarkdown(r));
  md.push('## Read bandwidth', '', 'One core reading a 256 MiB buffer (far larger than the last-level cache):', '');
  for (const p of r.probes) md.push(`- ${p.label}: **${(p.bytesPerSecond / 1e9).toFixed(1)} GB/s** ± ${p.rme.toFixed(1)} %`);
  const inRounds = r.sizes.filter((s) => s.probe);
  if (inRounds.length) {
    md.push('', 'The same WASM probe timed in the rounds of the sizes far beyond cache (a turn among the contenders):', '');
    for (const s of inRounds) md.push(`- ${s.name}: **${(s.probe!.bytesPerSecond / 1e9).toFixed(1)} GB/s** ± ${s.probe!.rme.toFixed(1)} %`);
  }
  if (probe) {
    md.push('', `"% of probe" uses the probe timed in the size's rounds where there is one, else the best probe ` +
      `(${probe.id}). In-cache sizes can exceed 100 %.`);
  }
  if (r.memory) md.push('', '## Memory', '', ...memoryLines(r.memory).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)),
    '', 'Growth is attributed in load order (each contender copies the data and runs one fit), after a full GC; ' +
    'RSS rarely shrinks, so it is approximate. The WASM engines keep X in their own linear memory.');
  md.push('', '## Per-step API cost', '', '`opt = engine.sgd(new Float64Array(d), { lr: 0.01, momentum: 0.9 }); opt.step(grad)` in a loop:', '');
  md.push(markdownTable(['engine', 'd', 'ns per step', '± rme'],
    r.stepCosts.map((c) => [c.engine, String(c.d), c.nsPerStep.toFixed(0), `${c.rme.toFixed(1)} %`])));
  if (r.notes.length) md.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  if (chartFile) md.push('', '## Chart', '', `![throughput](${chartFile})`);
  md.push('', `Run time: ${r.seconds.toFixed(0)} s; 1-minute load average at the end ${os.loadavg()[0]!.toFixed(2)} ` +
    '(the bench itself keeps one core busy; much above 1 on a 2-core machine means something else ran and the ' +
    'numbers are noisier).', '');
  return md.join('\n');
}

/** The classifiers' section of RESULTS.md: what was fitted, the per-row table per size, the summary and the floors. */
function classifierMarkdown(r: RunResult): string[] {
  const floors = (g: TargetResult['group']): string[][] =>
    r.classifierFloors.filter((t) => t.group === g).map((t) => [t.label, t.value, mark(t.ok)]);
  const md = [
    '## Classifiers', '',
    `The linear model, binary logistic regression and softmax regression with ${r.classes} classes on the same X at ` +
      'each size (the linear problem\'s; labels drawn from the model itself: yᵢ ~ Bernoulli(σ(2·(xᵢ·w* + 0.5))), ' +
      `yᵢ ~ Categorical(softmax(2·W*xᵢ)), bench/problem.ts), with the same full-batch momentum GD as above (same η and ` +
      'β, exactly K updates from θ = 0 per call, no L2 term: `alpha: 0`). All models and contenders of a size are timed ' +
      'in the same rotated rounds. Time per row = median seconds per call / (K·n); "÷ linear" is the same contender\'s ' +
      'classifier time per row over its linear time per row. TF.js (wasm backend, float32) fits the classifiers two ways: ' +
      '`tfjs-wasm`, the gradient spelled out in ops with X stored transposed (its fastest layout, no loss computed), and ' +
      '`tfjs-wasm-minimize`, `tf.losses.sigmoidCrossEntropy` / `softmaxCrossEntropy` with ' +
      '`tf.train.momentum(η, β).minimize` (autodiff, as TF.js users write it). The engine computes the objective at ' +
      'every update as well. Weights: relative difference to WASM SIMD on the same model (f64: 1e-12; float32 TF.js: 1e-2 on the classifiers, whose gradients are float32 sums over all n rows that largely cancel: measured up to 3e-3 at 1 000 000 rows, bench/verify.ts).', '',
  ];
  for (const s of r.classifiers) {
    md.push(`**${s.name}**, K = ${s.iterations}, η = ${s.lr.toPrecision(4)}. Engine parity: ` +
      s.models.map((m) => `${m.model}: ${m.engineParity}`).join('; ') + '.', '');
    md.push(markdownTable(classifierHeader(r.classes), classifierRows(s)), '');
  }
  md.push('WASM SIMD, time per row of one full-batch update:', '',
    markdownTable(['size', 'linear ns/row', 'logistic ns/row', `softmax (${r.classes} classes) ns/row`], classifierSummary(r)), '',
    '### Floors (issue 14)', '',
    'WASM SIMD medians from the same rounds. Against TF.js the floor is taken, as the linear targets are, against ' +
      'TF.js as its users write it (`minimize`).' +
      (r.quick ? ' Under `--quick` 10 000×100 stands in for 100 000×100 (d = 100).' : ''), '',
    markdownTable(['floor', 'measured', ''], floors('target')), '',
    'The same thresholds against TF.js at its best (explicit ops, X transposed), reported beside them:', '',
    markdownTable(['same threshold, stricter peer', 'measured', ''], floors('stricter')), '',
    // What limits the classifiers, written by hand after a full run (like LIMITS.md), if it has been.
    ...handWritten('LIMITS-classifiers.md'));
  md.push('## The linear SGD family (issue 15)', '',
    'Three members of the family timed in the classifiers\' rounds, by the engine\'s builds, on the same X: the Huber ' +
    'loss (ε = 0.1) and the elastic net (the squared loss with α = 0.01, l1Ratio = 0.5: the L2 part a gradient term, ' +
    'the L1 part a soft-threshold after each update) on the linear problem\'s y, the squared hinge on the logistic ' +
    'problem\'s labels; same η, β and K as the linear model, no L2 term for Huber and the squared hinge. "÷ linear" is ' +
    'the same build\'s time per row over its linear time per row; weights: relative difference to WASM SIMD.', '');
  for (const s of r.classifiers) {
    const rows = familyRows(s);
    if (rows.length) md.push(`**${s.name}**, K = ${s.iterations}.`, '', markdownTable(familyHeader(), rows), '');
  }
  md.push('### Floors (issue 15)', '', markdownTable(['floor', 'measured', ''],
    r.familyFloors.filter((t) => t.group === 'target').map((t) => [t.label, t.value, mark(t.ok)])), '',
  'In cache (reported, not floors):', '', markdownTable(['same bound, in cache', 'measured', ''],
    r.familyFloors.filter((t) => t.group === 'stricter').map((t) => [t.label, t.value, mark(t.ok)])), '');
  return md;
}

/** A hand-written part of the report (bench/<file>), kept across runs; nothing if it has not been written. */
function handWritten(file: string): string[] {
  try {
    return [readFileSync(new URL(`./${file}`, import.meta.url), 'utf8').trim(), ''];
  } catch {
    return [];
  }
}

/** One colour per contender, so that charts of different runs read alike. */
const COLORS: Record<string, string> = {
  'wasm-simd': '#1f77b4', 'wasm-scalar': '#17becf', 'js-engine': '#2ca02c', 'naive-js': '#d62728',
  'tfjs-cpu': '#9467bd', 'tfjs-wasm': '#ff7f0e', 'tfjs-wasm-nd': '#e377c2', 'tfjs-wasm-minimize': '#bcbd22',
};

/** The chart's data: GB/s of X per contender per size, with the probes as rules. */
export function chartSpec(r: RunResult): ChartSpec {
  const ids = [...new Set(r.sizes.flatMap((s) => s.contenders.map((c) => c.id)))];
  return {
    title: `momentum-gd: X read throughput, linear model, momentum GD${r.quick ? ' (--quick)' : ''}`,
    xLabel: 'problem size n·d (rows × features), log scale',
    yLabel: 'GB/s of X read (8·n·d·it/s), log scale',
    series: ids.map((id) => ({
      label: id,
      ...(COLORS[id] ? { color: COLORS[id] } : {}),
      points: r.sizes.flatMap((s) => {
        const c = s.contenders.find((x) => x.id === id);
        return c && Number.isFinite(c.itersPerSecond)
          ? [{ x: s.rows * s.cols, y: (8 * s.rows * s.cols * c.itersPerSecond) / 1e9, cols: s.cols }]
          : [];
      }),
    })),
    rules: r.probes.map((p) => ({ label: `${p.id}: ${(p.bytesPerSecond / 1e9).toFixed(1)} GB/s`, y: p.bytesPerSecond / 1e9 })),
    xMarks: r.sizes.map((s) => ({ x: s.rows * s.cols, label: s.name })),
    footnote: [
      '■ and dashed: a size sharing n·d with a wider one (1 000 000×10 beside 100 000×100). Dashed black: DRAM read probes.',
      // The machine line in two halves: it is wider than the chart.
      r.machine.split(', ').slice(0, 4).join(', '),
      r.machine.split(', ').slice(4).join(', '),
    ],
  };
}
