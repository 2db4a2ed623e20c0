// Properties of the per-step optimizers (engine.optimizer) over random lengths (across the SIMD build's pairs
// and its scalar tail), in-range options of every optimizer and random gradient sequences with bad steps mixed in
// (a non-finite element, or a gradient so large that θ would overflow): WASM (SIMD and scalar) and JS agree bit for
// bit after every step; a refused step throws the same error everywhere and leaves state() exactly as it was.
// Seed, run count and replay: see test/property/gen.ts.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, OptimizerName } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { OPTIMIZERS, RUNS, check } from './gen.js';

let engines: Engine[] = [];
/** Steps refused as diverged over all runs: the property must have met some (it is not vacuous). */
let refusedOverflows = 0;
beforeAll(async () => {
  engines = await Promise.all(BACKENDS.map((b) => b.create()));
});

/** One step: an ordinary gradient, one with a non-finite element, or one that overflows θ. */
const stepSpec = fc.record({
  kind: fc.constantFrom('ok', 'ok', 'ok', 'nonFinite', 'overflow'),
  at: fc.nat(),
  scale: fc.double({ min: -3, max: 3, noNaN: true }).map((e) => 10 ** e),
  bad: fc.constantFrom(Infinity, -Infinity, NaN),
});

const stepCase = fc.record({
  optimizer: fc.constantFrom<OptimizerName>(...OPTIMIZERS),
  n: fc.integer({ min: 1, max: 40 }),
  lr: fc.double({ min: -4, max: -0.5, noNaN: true }).map((e) => 10 ** e),
  momentum: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.99, noNaN: true })),
  dampening: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  nesterov: fc.boolean(),
  weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
  maximize: fc.constantFrom(false, false, true),
  seed: fc.nat(),
  steps: fc.array(stepSpec, { minLength: 1, maxLength: 12 }),
});

type StepCase = typeof stepCase extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(c: StepCase): Record<string, unknown> {
  const o: Record<string, unknown> = { optimizer: c.optimizer, lr: c.lr };
  if (c.optimizer === 'sgd' || c.optimizer === 'rmsprop') o['momentum'] = c.momentum;
  if (c.optimizer === 'sgd') {
    o['dampening'] = c.dampening;
    if (c.nesterov && c.momentum > 0 && c.dampening === 0) o['nesterov'] = true;
  }
  if (c.weightDecay > 0) o['weightDecay'] = c.weightDecay;
  if (c.maximize) o['maximize'] = true;
  return o;
}

describe('per-step optimizer properties (every optimizer)', () => {
  // Steps are cheap: five times the fit properties' runs, so that each optimizer meets refused steps in both the
  // SIMD build's lanes and its scalar tail.
  const runs = 5 * RUNS;
  it(`every backend gives the same doubles; a refused step changes nothing (${runs} runs)`, () => {
    check(fc.property(stepCase, (c) => {
      const theta0 = Array.from({ length: c.n }, (_, i) => Math.sin(c.seed + i) * 2);
      const options = optionsOf(c);
      const opts = engines.map((e) => e.optimizer(theta0, options as never));
      try {
        c.steps.forEach((s, k) => {
          const grad = Array.from({ length: c.n }, (_, i) => Math.cos(c.seed + 3 * i + k) * s.scale);
          const at = s.at % c.n;
          if (s.kind === 'nonFinite') grad[at] = s.bad;
          // η = 1e308 for this step: every optimizer's update is η times a factor of order 1 or more (SGD: v; Adam:
          // m̂/(√v̂ + ε); RMSprop, Adagrad: g/(√s + ε)), so θ overflows unless the factor is tiny everywhere.
          const lr = s.kind === 'overflow' ? 1e308 : c.lr;
          const before = opts.map((o) => JSON.stringify(o.state()));
          const outcomes = opts.map((o) => {
            o.lr = lr;
            try {
              o.step(grad);
              return 'ok';
            } catch (e) {
              return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
            } finally {
              o.lr = c.lr;
            }
          });
          if (outcomes[0]!.includes('step diverged')) refusedOverflows++;
          expect(new Set(outcomes).size, `step ${k}: ${outcomes.join(' | ')}`).toBe(1);
          if (outcomes[0] !== 'ok') {
            opts.forEach((o, b) => expect(JSON.stringify(o.state()), `backend ${b} after a refused step`).toBe(before[b]));
          }
          if (s.kind === 'nonFinite') expect(outcomes[0]).toMatch(/^RangeError: grad\[\d+\] must be finite/);
          const ref = opts[0]!;
          for (const o of opts.slice(1)) {
            expect(Array.from(o.params).every((x, i) => Object.is(x, ref.params[i]))).toBe(true);
            expect(JSON.stringify(o.state())).toBe(JSON.stringify(ref.state()));
          }
          expect(Array.from(ref.params).every(Number.isFinite)).toBe(true);
        });
      } finally {
        for (const o of opts) o.dispose();
      }
    }), runs);
    expect(refusedOverflows).toBeGreaterThan(0);
  });
});
