// Regression (fixed in src/options.ts and src/optimizer.ts): optimizer.step accepts gradient elements that are not numbers when ToNumber makes them
// finite ('1' → 1, '' → 0, null → 0, true → 1, [2] → 2), and a Symbol or BigInt element escapes as V8's own
// TypeError ("Cannot convert a Symbol value to a number"), which names no argument. Inputs: step-grad-coercion.json.
// Cause: src/optimizer.ts step() checks only that grad is an array of the right length, then the store copies it
// with Float64Array#set (ToNumber on every element); elements are validated (toFloat64) only when the kernel
// reports a non-finite one. Fit inputs (X, y, initialWeights, params) are checked with typeof and are not affected.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import cases from './step-grad-coercion.json' with { type: 'json' };

describe.each(BACKENDS)('optimizer.step refuses non-number gradient elements [$name]', ({ create }) => {
  const all = [
    ...cases.cases.map((c) => ({ label: c.label, grad: c.grad as unknown[], index: c.index })),
    { label: 'Symbol', grad: [Symbol('g'), 0] as unknown[], index: 0 },
    { label: 'BigInt', grad: [0, 1n] as unknown[], index: 1 },
  ];
  it.each(all)('$label', async ({ grad, index }) => {
    const engine = await create();
    const opt = engine.sgd(cases.params, cases.options);
    const before = opt.state();
    expect(() => opt.step(grad as never)).toThrow(TypeError);
    expect(() => opt.step(grad as never)).toThrow(new RegExp(`grad\\[${index}\\]`));
    expect(opt.state()).toEqual(before);
    opt.dispose();
  });
});
