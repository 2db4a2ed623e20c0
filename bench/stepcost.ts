/**
 * The fixed cost of the per-step API: `opt.step(grad)` on an `engine.sgd` optimizer, in ns per step, for a small
 * and a large parameter vector. At d = 10 it is almost all boundary crossing (copy the gradient in, run the
 * step); at d = 1000 the element-wise update itself starts to count.
 */
import type { Engine } from '../src/types.js';
import { sampleSeconds, sink, summarize, warmUp, type TimingBudget } from './measure.js';

/** One per-step measurement. */
export interface StepCost {
  readonly engine: string;
  readonly d: number;
  /** Median ns per `step` call. */
  readonly nsPerStep: number;
  readonly rme: number;
}

/** Steps per timed call: enough that benchmark.js's per-call overhead is amortised below 1 %. */
const STEPS = 1000;

/** Measures `opt.step(grad)` for each engine at d = 10 and d = 1000. */
export function measureStepCost(engines: ReadonlyArray<[string, Engine]>, budget: TimingBudget): StepCost[] {
  const out: StepCost[] = [];
  for (const d of [10, 1000]) {
    for (const [name, engine] of engines) {
      const opt = engine.sgd(new Float64Array(d), { lr: 0.01, momentum: 0.9 });
      // A small alternating gradient keeps the parameters bounded however many steps are taken.
      const grads = [new Float64Array(d).fill(1e-3), new Float64Array(d).fill(-1e-3)];
      const fn = (): void => {
        for (let s = 0; s < STEPS; s++) opt.step(grads[s & 1]!);
      };
      warmUp(fn, 0.05, 3);
      const stats = summarize(sampleSeconds(fn, budget));
      sink.value += opt.params[0]!;
      opt.dispose();
      out.push({ engine: name, d, nsPerStep: (stats.median / STEPS) * 1e9, rme: stats.rme });
    }
  }
  return out;
}
