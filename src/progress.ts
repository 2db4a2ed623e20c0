/**
 * Progress in a terminal: an `onProgress` callback that prints one line per report (epoch, updates, loss, elapsed
 * time), at most one a second by default, like the `verbose` of TF.js's `model.fit` and of scikit-learn's
 * estimators; and a closing line with how the fit ended.
 */
import { checkArgCount, checkKeys, describe } from './options/index.js';
import type { FitResult, Progress } from './types.js';

/** Options of {@link progressLogger}. */
export interface ProgressLoggerOptions {
  /**
   * Where each line goes. Default `console.log` (the terminal in Node, the console in a browser).
   * @param line one line of text, without a trailing newline.
   */
  write?: (line: string) => void;
  /**
   * Minimum time between two lines, in milliseconds (≥ 0). Default 1000; 0 prints every report (`onProgress` is
   * called every `progressEvery` epochs). The first report is always printed.
   */
  interval?: number;
  /** The epoch limit, when known: lines then read `epoch 10/100`. Default none. */
  epochs?: number;
  /** A prefix for every line, e.g. the model's name. Default none. */
  label?: string;
}

/** What {@link progressLogger} returns: an `onProgress` callback, plus `done(fit)` for the closing line. */
export interface ProgressLogger {
  /**
   * Prints a line if `interval` ms have passed since the last one; never stops the fit (returns undefined).
   * @param progress what `onProgress` receives: epochs, updates and the last epoch's objective.
   */
  (progress: Progress): void;
  /**
   * Prints the closing line: `done: converged after 277 iterations (277 epochs), final loss 0.0734, 0.31 s` (the last
   * epoch's objective instead when `finalLoss` cannot be read: the dataset was disposed before it was evaluated).
   * @param fit the fit's result ({@link FitResult}), or any object with those fields.
   */
  done(fit: Pick<FitResult, 'status' | 'iterations' | 'epochs' | 'finalLoss' | 'epochLoss'>): void;
}

function fmt(v: number): string {
  return Number.isFinite(v) && v !== 0 ? v.toPrecision(6) : String(v);
}

/** The option names of `progressLogger` (also checked under `verbose` by `fit`). */
export const PROGRESS_LOGGER_KEYS = ['write', 'interval', 'epochs', 'label'] as const;

/**
 * An `onProgress` callback that prints the fit's progress, one line per report, throttled to one line per
 * `interval` ms: `epoch 10/100  iteration 100  loss 0.0123457  0.52 s`. Pass it as `onProgress` (with
 * `progressEvery` to report less often); `done(fit)` prints how the fit ended. The one-call {@link fit} does both
 * with `verbose: true`.
 * @param options where lines go, how often, the epoch limit, a label
 * @returns the callback, with a `done` method
 * @throws TypeError for an unknown option (with the nearest known name), an extra argument or a `write` that is not a function; RangeError for a negative or
 *   non-finite `interval` or an `epochs` that is not a positive integer
 * @example
 * const log = progressLogger({ interval: 0 });
 * const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 300, progressEvery: 100, onProgress: log });
 * log.done(fit); // epoch 100  iteration 100  loss …  0.01 s, the same at epochs 200 and 300, then: done: maxIterations after 300 …
 */
export function progressLogger(options: ProgressLoggerOptions = {}): ProgressLogger {
  checkArgCount('progressLogger', ['options'], arguments);
  if (typeof options !== 'object' || options === null) throw new TypeError(`options must be an object, got ${describe(options)}`);
  checkKeys(options, PROGRESS_LOGGER_KEYS, 'progressLogger');
  const write = options.write ?? ((line: string) => console.log(line));
  if (typeof write !== 'function') throw new TypeError(`write must be a function (line) => void, got ${describe(write)}`);
  const interval = options.interval ?? 1000;
  if (typeof interval !== 'number' || !(interval >= 0) || !Number.isFinite(interval)) {
    throw new RangeError(`interval must be a finite number of milliseconds ≥ 0, got ${describe(interval)}`);
  }
  const epochs = options.epochs;
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) {
    throw new RangeError(`epochs must be a positive integer, got ${describe(epochs)}`);
  }
  const prefix = options.label === undefined ? '' : `${String(options.label)}: `;
  const start = Date.now();
  let last = -Infinity;
  const seconds = () => `${((Date.now() - start) / 1000).toFixed(2)} s`;
  const log = function progress(p: Progress) {
    checkArgCount('progressLogger callback', ['progress'], arguments);
    const now = Date.now();
    if (now - last < interval) return;
    last = now;
    const epoch = epochs === undefined ? String(p.epoch) : `${p.epoch}/${epochs}`;
    write(`${prefix}epoch ${epoch}  iteration ${p.iteration}  loss ${fmt(p.loss)}  ${seconds()}`);
  } as ProgressLogger;
  log.done = function done(fit) {
    checkArgCount('done', ['fit'], arguments);
    let loss: string;
    try {
      loss = `final loss ${fmt(fit.finalLoss)}`;
    } catch {
      const e = fit.epochLoss;
      loss = e.length ? `last epoch's loss ${fmt(e[e.length - 1]!)}` : 'no loss';
    }
    write(`${prefix}done: ${fit.status} after ${fit.iterations} iterations (${fit.epochs} epochs), ${loss}, ${seconds()}`);
  };
  return log;
}
