/**
 * `npm run bench [-- --quick] [-- --classifiers | --mlp | --threads | --time]`: every contender in one process, one run
 * (`--classifiers`: the classifiers' section alone, written to RESULTS-classifiers[-quick].md; `--mlp`, `--threads`,
 * `--time`: the networks', threads' or time-to-solution section alone, put in place of that section of
 * RESULTS[-quick].md, the rest of the file kept). Loads the engine (if it builds) and
 * the peers, measures each size, the classifiers' section, the per-step API cost, the read-bandwidth probes, the
 * time to solution (issue 18; bench/time-to-solution.ts), the networks (issue 16; bench/mlp.ts) and the read probe on 1
 * and 2 threads (issue 17; bench/threads.ts), checks that all
 * contenders reached the same weights, prints the table and writes the markdown report and the chart.
 * Exits 1 when a weight check failed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderChart } from './chart.js';
import { runClassifiers, type ClassifierSize } from './classifiers.js';
import { FULL, QUICK, type RunConfig } from './config.js';
import { engineContenders, loadEngines, staleBuildWarning, type Engines } from './contenders/engine.js';
import { naiveJs } from './contenders/naive.js';
import { createTfjsClassifierContenders, createTfjsContenders } from './contenders/tfjs.js';
import type { Contender } from './contenders/types.js';
import { sink } from './measure.js';
import type { MemoryReport } from './memory.js';
import { mlpBench, type MlpSection } from './mlp.js';
import { measureReadBandwidth, roundProbe, type ProbeResult } from './probe.js';
import { makeProblem } from './problem.js';
import { chartSpec, consoleReport, failures, machineLine, markdownReport, type RunResult } from './report.js';
import { measureStepCost, type StepCost } from './stepcost.js';
import { fitsTable, probeTable, threadsFits, threadsProbe, threadsThreshold, thresholdTable } from './threads.js';
import { measureMemory, runSize, type SizeResult } from './suite.js';
import { evaluateClassifierFloors, evaluateFamilyFloors, evaluateTargets } from './targets.js';
import { timeToSolution, type TimeToSolution } from './time-to-solution.js';

const MEMORY_SIZE = { rows: 1_000_000, cols: 10 };

/** Sizes with at least this many bytes of X (beyond any last-level cache here) time the probe in their rounds. */
const ROUND_PROBE_MIN_BYTES = 64 * 2 ** 20;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The heading of the networks' section in the results file. */
const MLP_HEADING = '## Networks (issue 16)';

/** The headings of the sections a flag can rerun alone. */
const THREADS_HEADING = '## Threads (issue 17)';
const TTS_HEADING = '## Time to solution (issue 18)';

/**
 * `--mlp`, `--threads`, `--time`: one section alone, with this run's machine line, in place of the one in the results
 * file (or appended); the rest of the file (an earlier full run) is kept as it was.
 */
async function sectionOnly(heading: string, flag: string, quick: boolean, resultsFile: string, produce: () => Promise<string[]>): Promise<number> {
  const machine = machineLine();
  console.log(machine);
  const lines = await produce();
  const file = fileURLToPath(new URL(resultsFile, import.meta.url));
  let md = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = md.indexOf(`\n${heading}\n`);
  if (at >= 0) {
    const next = md.indexOf('\n## ', at + heading.length + 2);
    md = md.slice(0, at) + (next >= 0 ? md.slice(next) : '\n');
  }
  const section = ['', heading, '', `This section: \`npm run bench -- ${flag}\`${quick ? ' --quick' : ''}, a run of its own on ${machine}.`, '', ...lines, ''];
  writeFileSync(file, md.trimEnd() + '\n' + section.join('\n'));
  console.log(`wrote the section "${heading.slice(3)}" into bench/${resultsFile}`);
  return 0;
}

/** The threads section's body: the probe, the fits against it and TF.js, and where two threads start to pay. */
async function threadsLines(quick: boolean, log: (line: string) => void): Promise<string[]> {
  const t = await threadsProbe(quick ? 128 : 512, quick ? 5 : 9);
  log(`  1 thread ${t.one.toFixed(2)} GB/s, 2 threads ${t.two.toFixed(2)} GB/s: ${t.scaling.toFixed(2)}×`);
  const f = await threadsFits(quick ? 3 : 5, quick);
  for (const r of f.fits) log(`  ${r.size} ${r.model} ${r.dtype}: ${r.speedup.toFixed(2)}× on 2 threads`);
  const lines = [probeTable(t), fitsTable(f, t)];
  if (!quick) lines.push(thresholdTable(await threadsThreshold()));
  return lines;
}

async function main(): Promise<number> {
  const started = performance.now();
  const base = process.argv.includes('--quick') ? QUICK : FULL;
  const print = (line: string): void => console.log(line);
  if (process.argv.includes('--mlp')) return sectionOnly(MLP_HEADING, '--mlp', base.quick, base.resultsFile, async () => (await mlpBench(base.quick, print)).lines);
  if (process.argv.includes('--threads')) return sectionOnly(THREADS_HEADING, '--threads', base.quick, base.resultsFile, () => threadsLines(base.quick, print));
  if (process.argv.includes('--time')) return sectionOnly(TTS_HEADING, '--time', base.quick, base.resultsFile, async () => (await timeToSolution(base.quick, print)).lines);
  // `--classifiers`: the classifiers' section alone (no linear sizes, memory, per-step cost or probes), to its own file.
  const classifiersOnly = process.argv.includes('--classifiers');
  const cfg: RunConfig = classifiersOnly
    ? { ...base, sizes: [], resultsFile: base.quick ? 'RESULTS-classifiers-quick.md' : 'RESULTS-classifiers.md', chartFile: null }
    : base;
  const log = (line: string): void => console.log(line);
  const machine = machineLine();
  log(`${machine}\n${cfg.quick ? 'quick run' : 'full run'}: ${cfg.sizes.length} sizes, ` +
    `${cfg.classifierSizes.length} classifier sizes, ${cfg.rounds} rounds`);

  const notes: string[] = [];
  const contenders: Contender[] = [];
  let engines: Engines | null = null;
  try {
    engines = await loadEngines();
    contenders.push(...engineContenders(engines));
    const stale = staleBuildWarning();
    if (stale) {
      notes.push(stale);
      log(`WARNING: ${stale}`);
    }
  } catch (e) {
    notes.push(`engine not measured: ${message(e)}`);
    log(`engine not available: ${message(e)}`);
  }
  if (!classifiersOnly) {
    contenders.push(naiveJs);
    try {
      contenders.push(...(await createTfjsContenders()));
    } catch (e) {
      notes.push(`TF.js not measured: ${message(e)}`);
      log(`TF.js not available: ${message(e)}`);
    }
  }

  // Memory first, while every engine's WASM memory is still at its initial size.
  const memorySpec = cfg.sizes.find((s) => s.rows === MEMORY_SIZE.rows && s.cols === MEMORY_SIZE.cols);
  let memory: MemoryReport | undefined;
  if (memorySpec) memory = measureMemory(makeProblem(memorySpec), contenders, log);
  else if (!classifiersOnly) notes.push(`memory not measured (no ${MEMORY_SIZE.rows}×${MEMORY_SIZE.cols} size in this run)`);

  // Sizes whose X is far beyond the last-level cache also time the WASM probe in their rounds.
  const dram = cfg.sizes.filter((s) => 8 * s.rows * s.cols >= ROUND_PROBE_MIN_BYTES);
  const probeInRounds = dram.length > 0 ? roundProbe() : null;
  const sizes: SizeResult[] = [];
  for (const spec of cfg.sizes) {
    sizes.push(runSize(makeProblem(spec), contenders, cfg, log, dram.includes(spec) ? probeInRounds : null));
  }

  // The classifiers (issue 14): linear, logistic and softmax at their own sizes, timed in the same rounds.
  let classifiers: ClassifierSize[] = [];
  if (engines) {
    let peers: Contender[] = [];
    try {
      peers = await createTfjsClassifierContenders();
    } catch (e) {
      notes.push(`TF.js classifiers not measured: ${message(e)}`);
    }
    classifiers = runClassifiers(engineContenders(engines), peers, cfg, log);
  } else {
    notes.push('classifiers not measured (no engine)');
  }

  let stepCosts: StepCost[] = [];
  if (engines && !classifiersOnly) {
    log('\nper-step API cost…');
    try {
      stepCosts = measureStepCost(
        [['wasm-simd', engines['wasm-simd']], ['wasm-scalar', engines['wasm-scalar']], ['js-engine', engines['js-engine']]],
        cfg.stepBudget,
      );
    } catch (e) {
      notes.push(`per-step cost not measured: ${message(e)}`);
    }
  }
  let probes: ProbeResult[] = [];
  if (!classifiersOnly) {
    log('read-bandwidth probes…');
    probes = measureReadBandwidth(cfg.probeBudget);
  }
  const best = Math.max(...probes.map((p) => p.bytesPerSecond));

  // Time to solution (issue 18): the same section bench/time-to-solution.ts writes alone (npm run bench:time).
  let tts: TimeToSolution | null = null;
  if (engines && !classifiersOnly) {
    log('\ntime to solution…');
    try {
      tts = await timeToSolution(cfg.quick, () => undefined);
    } catch (e) {
      notes.push(`time to solution not measured: ${message(e)}`);
    }
  }

  // Networks (issue 16): the same section bench/mlp.ts prints alone (npm run bench:mlp).
  let mlp: MlpSection | null = null;
  if (!classifiersOnly) {
    log('\nnetworks (MLP)…');
    try {
      mlp = await mlpBench(cfg.quick, log);
    } catch (e) {
      notes.push(`networks not measured: ${message(e)}`);
    }
  }

  // Threads (issue 17): the read-bandwidth probe on 1 and 2 threads (the ceiling of a threaded fit's speed-up on this
  // machine), then fits on 1 and 2 threads (bench/threads.ts).
  let threadsSection: string[] = [];
  if (!classifiersOnly) {
    log('\nread-bandwidth probe, 1 and 2 threads…');
    try {
      threadsSection = ['', THREADS_HEADING, '', ...(await threadsLines(cfg.quick, log))];
    } catch (e) {
      notes.push(`threads probe not measured: ${message(e)}`);
    }
  }

  const result: RunResult = {
    machine, quick: cfg.quick, classifiersOnly, sizes, probes, targets: evaluateTargets(sizes, best), memory, stepCosts, notes,
    classifiers, classes: cfg.classes, classifierFloors: evaluateClassifierFloors(classifiers, cfg.classes),
    familyFloors: evaluateFamilyFloors(classifiers),
    seconds: (performance.now() - started) / 1000,
  };
  log(consoleReport(result));
  const ttsSection = tts ? ['', TTS_HEADING, '', ...tts.lines, ''] : [];
  const mlpSection = mlp ? ['', MLP_HEADING, '', ...mlp.lines, ''] : [];
  if (mlp) log(['\nnetworks (issue 16):', ...mlp.floors.map((f) => `  ${f.ok === null ? 'not measured' : f.ok ? 'ok' : 'MISSED'}  ${f.label}: ${f.value}`)].join('\n'));
  if (tts) log(['\ntime to solution (issue 18):', ...tts.floors.map((f) => `  ${f.ok === null ? 'not measured' : f.ok ? 'ok' : 'MISSED'}  ${f.label}: ${f.value}`)].join('\n'));
  const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
  writeFileSync(here(cfg.resultsFile), markdownReport(result, cfg.chartFile) + ttsSection.join('\n') + mlpSection.join('\n') + threadsSection.join('\n'));
  if (cfg.chartFile) writeFileSync(here(cfg.chartFile), renderChart(chartSpec(result)));
  log(`wrote bench/${cfg.resultsFile}${cfg.chartFile ? ` and bench/${cfg.chartFile}` : ''} (sink ${sink.value.toPrecision(3)})`);
  return failures(result).length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Print only the message and stack: the tfjs wasm glue re-throws uncaught errors with its whole source.
    console.error(e instanceof Error ? e.stack : e);
    process.exit(2);
  },
);
