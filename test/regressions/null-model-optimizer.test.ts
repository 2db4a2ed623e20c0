// Regression (fixed in src/options.ts and src/optimizer.ts): `model: null` and `optimizer: null` in fit options (and `optimizer: null` in
// engine.optimizer) silently mean the default, while every other option rejects null naming the argument.
// Cause: src/options.ts reads them with `??` (null and undefined alike) instead of `=== undefined`.
// Inputs: null-model-optimizer.json.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import input from './null-model-optimizer.json' with { type: 'json' };

describe.each(BACKENDS)('null is not a default for model/optimizer [$name]', ({ create }) => {
  it.each(input.cases)('$name: null', async ({ options, name }) => {
    const engine = await create();
    const data = engine.dataset(input.X, input.y);
    expect(() => engine.fit(data, options as never)).toThrow(new RegExp(`\\b${name}\\b`));
    expect(() => engine.fit(data, options as never)).toThrow(RangeError);
  });
  it('engine.optimizer with optimizer: null', async () => {
    const engine = await create();
    expect(() => engine.optimizer([1, 2], { lr: 0.1, optimizer: null } as never)).toThrow(/\boptimizer\b/);
  });
});
