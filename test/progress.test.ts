// Progress in the terminal (src/progress.ts): progressLogger's lines (epoch, updates, loss, time), its throttle,
// the closing line, `verbose` of the one-call fit; printing never changes the fit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKENDS } from './backends.js';
import { fit, progressLogger } from '../src/index.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('progressLogger', () => {
  it('prints epoch, updates, loss (6 significant digits) and elapsed seconds; done() prints how the fit ended', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const lines: string[] = [];
    const log = progressLogger({ write: (l) => lines.push(l), interval: 0, epochs: 100, label: 'ridge' });
    log({ epoch: 10, iteration: 40, loss: 0.123456789 });
    vi.advanceTimersByTime(1500);
    log({ epoch: 20, iteration: 80, loss: 2e-9 });
    log.done({ status: 'converged', iterations: 80, epochs: 20, finalLoss: 1.5e-9, epochLoss: new Float64Array([2e-9]) });
    expect(lines).toEqual([
      'ridge: epoch 10/100  iteration 40  loss 0.123457  0.00 s',
      'ridge: epoch 20/100  iteration 80  loss 2.00000e-9  1.50 s',
      'ridge: done: converged after 80 iterations (20 epochs), final loss 1.50000e-9, 1.50 s',
    ]);
  });

  it('prints at most one line per interval (the first always), and never stops the fit', () => {
    vi.useFakeTimers({ now: 0 });
    const lines: string[] = [];
    const log = progressLogger({ write: (l) => lines.push(l) }); // interval 1000 ms
    const answers = [];
    for (let e = 1; e <= 25; e++) {
      answers.push(log({ epoch: e, iteration: e, loss: 1 / e }));
      vi.advanceTimersByTime(100); // a report every 100 ms: lines at t = 0, 1000, 2000 ms (epochs 1, 11, 21)
    }
    expect(lines.map((l) => l.split('  ')[0])).toEqual(['epoch 1', 'epoch 11', 'epoch 21']);
    expect(answers.every((a) => a === undefined)).toBe(true);
  });

  it('goes to console.log by default', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      progressLogger()({ epoch: 1, iteration: 1, loss: 0.5 });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toMatch(/^epoch 1 {2}iteration 1 {2}loss 0\.500000 {2}\d+\.\d\d s$/);
    } finally {
      spy.mockRestore();
    }
  });

  it('done() falls back to the last epoch loss when the final loss is gone', () => {
    const lines: string[] = [];
    const log = progressLogger({ write: (l) => lines.push(l) });
    const gone = { status: 'maxIterations' as const, iterations: 3, epochs: 3, epochLoss: new Float64Array([3, 2, 1]),
      get finalLoss(): number { throw new TypeError('disposed'); } };
    log.done(gone);
    expect(lines[0]).toMatch(/^done: maxIterations after 3 iterations \(3 epochs\), last epoch's loss 1\.00000, \d+\.\d\d s$/);
  });

  it('refuses bad options', () => {
    expect(() => progressLogger({ every: 1 } as never)).toThrow(new TypeError('Unknown progressLogger option "every"; known options: write, interval, epochs, label'));
    expect(() => progressLogger({ interval: -1 })).toThrow(new RangeError('interval must be a finite number of milliseconds ≥ 0, got -1'));
    expect(() => progressLogger({ epochs: 1.5 })).toThrow(new RangeError('epochs must be a positive integer, got 1.5'));
    expect(() => progressLogger({ write: 'stdout' } as never)).toThrow(new TypeError('write must be a function (line) => void, got "stdout" (string)'));
  });
});

describe.each(BACKENDS)('fit(…, { verbose }) [$name]', ({ name, create }) => {
  it('prints progress and the closing line, and gives the same fit as without', async () => {
    const engine = await create();
    const backend = { backend: engine.backend, simd: name === 'js' ? 'auto' as const : engine.simd };
    const X = [[0], [1], [2], [3]], y = [1, 3, 5, 7];
    const quiet = await fit(X, y, { lr: 0.05, momentum: 0.9, maxIterations: 30, ...backend });
    const lines: string[] = [];
    let calls = 0;
    const loud = await fit(X, y, {
      lr: 0.05, momentum: 0.9, maxIterations: 30, maxEpochs: 30, progressEvery: 10, ...backend,
      verbose: { write: (l) => lines.push(l), interval: 0 }, onProgress: () => { calls++; },
    });
    expect(Array.from(loud.weights)).toEqual(Array.from(quiet.weights));
    expect(Object.is(loud.intercept, quiet.intercept)).toBe(true);
    // The engine reports after epochs 10, 20 and 30 (where the fit ends), then the closing line.
    expect(calls).toBe(3); // the caller's onProgress still runs
    expect(lines.slice(0, 3).map((l) => l.split('  loss')[0])).toEqual(
      ['epoch 10/30  iteration 10', 'epoch 20/30  iteration 20', 'epoch 30/30  iteration 30']);
    // Each line's loss is the epoch objective at that point of the history.
    expect(lines.slice(0, 3).map((l) => Number(l.split('loss ')[1]!.split(' ')[0]))).toEqual(
      [9, 19, 29].map((k) => Number(loud.epochLoss[k]!.toPrecision(6))));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(new RegExp(`^done: maxIterations after 30 iterations \\(30 epochs\\), final loss ${loud.finalLoss.toPrecision(6)}, \\d+\\.\\d\\d s$`));
  });
});
