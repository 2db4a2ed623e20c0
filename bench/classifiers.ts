/**
 * The classifiers' section of `npm run bench`: at each size the linear model, binary logistic regression and
 * softmax regression (K classes) on the same X, fitted by the engine's three builds and (classifiers) by TF.js's
 * wasm backend, all in the same rotated rounds, so that "time per row" of a classifier and of the linear kernel
 * meet the same machine state; with them three members of the linear SGD family (the Huber loss, the squared hinge,
 * the elastic net), by the engine's builds only. The floors of issues 14 and 15 are ratios of these medians
 * (bench/targets.ts).
 */
import type { RunConfig } from './config.js';
import type { Contender } from './contenders/types.js';
import { makeClassifierProblem, makeFamilyProblem, makeProblem, type BenchModel, type Problem } from './problem.js';
import { measureEntries, type ContenderResult, type Entry } from './suite.js';

/** One model at one size. */
export interface ModelResult {
  readonly model: BenchModel;
  /** 1 for linear and logistic, K for softmax. */
  readonly classes: number;
  readonly contenders: ContenderResult[];
  /** Whether the engine's WASM SIMD, WASM scalar and JS results were the same doubles. */
  readonly engineParity: string;
}

/** The three models at one size. */
export interface ClassifierSize {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly iterations: number;
  readonly lr: number;
  readonly models: readonly ModelResult[];
}

/** Nanoseconds per row of one full-batch update: median seconds per call / (K·n). NaN if not measured. */
export function nsPerRow(s: ClassifierSize, model: BenchModel, id: string): number {
  const c = s.models.find((m) => m.model === model)?.contenders.find((x) => x.id === id);
  return c?.stats ? (c.stats.median / (s.iterations * s.rows)) * 1e9 : NaN;
}

/**
 * Measures every classifier size of `cfg`. `engines` fit every model; `peers` (TF.js) fit the classifiers only
 * (the linear suite above times them on the linear model).
 */
export function runClassifiers(
  engines: readonly Contender[], peers: readonly Contender[], cfg: RunConfig, log: (line: string) => void,
): ClassifierSize[] {
  const out: ClassifierSize[] = [];
  for (const spec of cfg.classifierSizes) {
    const linear = makeProblem(spec);
    const logistic = makeClassifierProblem(linear, 'logistic');
    const problems: Problem[] = [
      linear, logistic, makeClassifierProblem(linear, 'softmax', cfg.classes),
      // The linear SGD family (issue 15), engines only: its floors are against the linear kernel's time per row.
      makeFamilyProblem(linear, 'huber'), makeFamilyProblem(logistic, 'squaredHinge'), makeFamilyProblem(linear, 'elasticnet'),
    ];
    log(`\nclassifiers at ${linear.name}  (K = ${spec.iterations} updates per call, η = ${linear.lr.toPrecision(4)}, ` +
      `β = ${linear.momentum}, softmax with ${cfg.classes} classes)`);
    const entries: Entry[] = problems.flatMap((problem) =>
      [...engines, ...(problem.model === 'logistic' || problem.model === 'softmax' ? peers : [])].map((contender) => ({
        contender, problem, name: `${problem.model}:${contender.id}`,
      })));
    const m = measureEntries(entries, cfg, cfg.classifierBudget, log);
    out.push({
      name: linear.name, rows: linear.rows, cols: linear.cols, iterations: spec.iterations, lr: linear.lr,
      models: problems.map((problem) => ({
        model: problem.model,
        classes: problem.classes,
        contenders: m.results.filter((_, k) => entries[k]!.problem === problem),
        engineParity: m.engineParity.get(problem) ?? 'engine not measured',
      })),
    });
  }
  return out;
}
