/**
 * One size of the suite: load the problem into every contender, check their weights, warm up, then time them in
 * interleaved rounds (the order rotates each round, so tier-up, turbo and cache state are shared fairly).
 */
import type { Contender, PreparedFit } from './contenders/types.js';
import type { RunConfig } from './config.js';
import { sampleSeconds, sink, summarize, warmUp, type SampleStats, type TimingBudget } from './measure.js';
import { peakRss, rssAfterGc, collectGarbage, type MemoryReport } from './memory.js';
import type { Problem } from './problem.js';
import { checkParams, flatten, type Check } from './verify.js';

/** What one contender achieved at one size. */
export interface ContenderResult {
  readonly id: string;
  readonly label: string;
  readonly precision: 'f64' | 'f32';
  /** Seconds per call (K updates), pooled over rounds; null if the contender failed. */
  readonly stats: SampleStats | null;
  /** K / median seconds per call. */
  readonly itersPerSecond: number;
  readonly check: Check;
  /** Set when the contender threw; it is then left out of the timing. */
  readonly error?: string;
}

/** All contenders at one size. */
export interface SizeResult {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly iterations: number;
  readonly lr: number;
  readonly contenders: ContenderResult[];
  /** Whether the engine's WASM SIMD, WASM scalar and JS results were the same doubles. */
  readonly engineParity: string;
  /** The read-bandwidth probe timed in this size's rounds (DRAM sizes only), else null. */
  readonly probe: { readonly label: string; readonly bytesPerSecond: number; readonly rme: number } | null;
}

/**
 * A read-bandwidth probe that takes a turn in a size's rounds like a contender, so that it and the contenders meet
 * the same memory system (DRAM bandwidth on a shared VM moves by ±10 % over minutes). `run` reads `bytes` bytes.
 */
export interface RoundProbe {
  readonly label: string;
  readonly bytes: number;
  run(): number;
}

interface Loaded {
  readonly contender: Contender;
  readonly problem: Problem;
  readonly name: string;
  fit: PreparedFit | null;
  first: Float64Array | null;
  error?: string;
  samples: number[];
}

const ENGINE_IDS = ['wasm-simd', 'wasm-scalar', 'js-engine'];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs `fn`; on a throw records the error on `l` and disables it. */
function guarded(l: Loaded, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    l.error ??= message(e);
    l.fit?.dispose();
    l.fit = null;
  }
}

/**
 * RSS growth per contender for one problem, measured before any timing so that no contender has grown its
 * memory (WASM memories never shrink) on an earlier size: each loads the data and runs one fit, in turn.
 */
export function measureMemory(p: Problem, contenders: readonly Contender[], log: (line: string) => void): MemoryReport {
  log(`\nmemory at ${p.name}…`);
  const baseline = rssAfterGc();
  let last = baseline;
  const entries: { id: string; rssGrowth: number }[] = [];
  const fits: PreparedFit[] = [];
  for (const contender of contenders) {
    try {
      const fit = contender.prepare(p);
      fits.push(fit);
      sink.value += fit.run().intercept;
    } catch (e) {
      log(`  ${contender.id}: ${message(e)}`);
    }
    const now = rssAfterGc();
    entries.push({ id: contender.id, rssGrowth: now - last });
    last = now;
  }
  const report = { size: p.name, baseline, entries, allLoaded: last, peak: peakRss() };
  for (const fit of fits) fit.dispose();
  collectGarbage();
  return report;
}

/** Measures one size. */
export function runSize(
  p: Problem, contenders: readonly Contender[], cfg: RunConfig, log: (line: string) => void, probe: RoundProbe | null = null,
): SizeResult {
  log(`\n${p.name}  (K = ${p.iterations} updates per call, η = ${p.lr.toPrecision(4)}, β = ${p.momentum})`);
  const m = measureEntries(contenders.map((contender) => ({ contender, problem: p, name: contender.id })), cfg, cfg.budget, log, probe);
  return {
    name: p.name, rows: p.rows, cols: p.cols, iterations: p.iterations, lr: p.lr, contenders: m.results,
    engineParity: m.engineParity.get(p) ?? 'engine not measured',
    probe: m.probe,
  };
}

/** A contender with the problem it fits; the classifiers' section times three models' problems in the same rounds. */
export interface Entry {
  readonly contender: Contender;
  readonly problem: Problem;
  /** Name in the round logs. */
  readonly name: string;
}

/** What {@link measureEntries} found. */
export interface MeasuredEntries {
  /** One per entry, in the entries' order. */
  readonly results: ContenderResult[];
  /** Per problem: whether the engine's WASM SIMD, WASM scalar and JS results were the same doubles. */
  readonly engineParity: Map<Problem, string>;
  readonly probe: SizeResult['probe'];
}

/**
 * Loads every entry, runs it once (the result checked), warms up, times the entries in rotated rounds (with the
 * probe taking a turn, if any), runs each once more (checked bitwise against the first) and checks each against
 * its problem's reference (WASM SIMD on the same problem, else the first that ran).
 */
export function measureEntries(
  entries: readonly Entry[], cfg: RunConfig, budget: TimingBudget, log: (line: string) => void,
  probe: RoundProbe | null = null,
): MeasuredEntries {
  // Load and run once: this result is the one checked.
  const loaded: Loaded[] = entries.map(({ contender, problem, name }) => {
    const l: Loaded = { contender, problem, name, fit: null, first: null, samples: [] };
    guarded(l, () => {
      l.fit = contender.prepare(problem);
      l.first = flatten(l.fit.run());
    });
    return l;
  });

  for (const l of loaded) {
    if (l.fit) guarded(l, () => warmUp(() => { sink.value += l.fit!.run().intercept; }, cfg.warmUpSeconds));
  }
  const probeFn = (): void => { sink.value += probe!.run(); };
  const probeSamples: number[] = [];
  if (probe) warmUp(probeFn, cfg.warmUpSeconds);
  // The probe, if any, takes its turn among the contenders (null in the rotation).
  const slots: (Loaded | null)[] = probe ? [...loaded, null] : [...loaded];
  for (let round = 0; round < cfg.rounds; round++) {
    const order = slots.map((_, k) => slots[(k + round) % slots.length]!);
    for (const l of order) {
      if (l === null) {
        probeSamples.push(...sampleSeconds(probeFn, cfg.budget));
        continue;
      }
      if (!l.fit) continue;
      const fit = l.fit;
      const fn = (): void => {
        sink.value += fit.run().intercept;
      };
      guarded(l, () => l.samples.push(...sampleSeconds(fn, budget)));
      collectGarbage(); // garbage of one contender (TF.js tensors, naive arrays) must not be collected in the next
    }
    const done = order.map((l) => (l === null ? 'probe' : l.fit ? l.name : null)).filter((id) => id !== null);
    log(`  round ${round + 1}/${cfg.rounds}: ${done.join(', ')}`);
  }

  // A last call, checked bitwise against the first: the result must not depend on what ran before.
  const later = new Map<Loaded, Float64Array>();
  for (const l of loaded) if (l.fit) guarded(l, () => later.set(l, flatten(l.fit!.run())));

  const problems = [...new Set(loaded.map((l) => l.problem))];
  const refs = new Map(problems.map((p) => {
    const mine = loaded.filter((l) => l.problem === p);
    return [p, mine.find((l) => l.contender.id === 'wasm-simd' && l.first) ?? mine.find((l) => l.first)] as const;
  }));
  const results = loaded.map((l): ContenderResult => {
    const { id, label, precision } = l.contender;
    const p = l.problem;
    const ref = refs.get(p);
    const failed: Check = { ok: false, relDiff: NaN, tolerance: NaN, note: l.error ?? 'no result' };
    const check = l.first && ref?.first
      ? checkParams(p, l.first, ref.first, precision, l === ref, later.get(l) ?? null)
      : failed;
    const stats = l.samples.length > 0 && !l.error ? summarize(l.samples) : null;
    return {
      id, label, precision, stats,
      itersPerSecond: stats ? p.iterations / stats.median : NaN,
      check: l.error ? { ...check, ok: false, note: `error: ${l.error}` } : check,
      ...(l.error ? { error: l.error } : {}),
    };
  });
  for (const l of loaded) l.fit?.dispose();
  collectGarbage();

  return {
    results,
    engineParity: new Map(problems.map((p) => [p, engineParity(loaded.filter((l) => l.problem === p))])),
    probe: probe && probeSamples.length > 0 ? probeResult(probe, summarize(probeSamples)) : null,
  };
}

function probeResult(probe: RoundProbe, stats: SampleStats): NonNullable<SizeResult['probe']> {
  return { label: probe.label, bytesPerSecond: probe.bytes / stats.median, rme: stats.rme };
}

/** "bit-identical" when the three engine builds gave the very same doubles, else which ones differ. */
function engineParity(loaded: readonly Loaded[]): string {
  const engines = loaded.filter((l) => ENGINE_IDS.includes(l.contender.id));
  if (engines.length < 2) return 'engine not measured';
  const [a, ...rest] = engines;
  const differ = rest.filter((l) => !(a!.first && l.first && a!.first.every((v, k) => Object.is(v, l.first![k]))));
  return differ.length === 0
    ? `bit-identical (${engines.map((l) => l.contender.id).join(' = ')})`
    : `NOT bit-identical: ${differ.map((l) => `${l.contender.id} ≠ ${a!.contender.id}`).join(', ')}`;
}
