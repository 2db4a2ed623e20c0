// createEngine's choice of backend and build.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../src/index.js';
import { hasSimd } from '../src/wasm/load.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createEngine', () => {
  it("'auto' picks WASM, with the SIMD build where WebAssembly.validate accepts SIMD", async () => {
    const engine = await createEngine();
    expect(engine.backend).toBe('wasm');
    expect(engine.simd).toBe(hasSimd());
    expect((await createEngine({ simd: false })).simd).toBe(false);
  });

  it("'auto' falls back to the JS engine where WebAssembly is unavailable, and 'wasm' then says why it cannot", async () => {
    vi.stubGlobal('WebAssembly', undefined);
    const engine = await createEngine();
    expect(engine.backend).toBe('js');
    expect(engine.simd).toBe(false);
    // and it works: y = 2x fitted through the origin, w → 2 (contraction 1 − η·mean(x²) = 0.5 per step on 1 … 2)
    const fit = engine.fit(engine.dataset([[1], [2]], [2, 4]), { lr: 0.2, fitIntercept: false, maxIterations: 200 });
    expect(Math.abs(fit.weights[0]! - 2)).toBeLessThan(1e-12);
    await expect(createEngine({ backend: 'wasm' })).rejects.toThrow("backend 'wasm' was requested but WebAssembly is not available here");
  });

  it('two engines do not share memory', async () => {
    const a = await createEngine({ backend: 'wasm' });
    const b = await createEngine({ backend: 'wasm' });
    const ma = (a as unknown as { internals: { mem: { memory: WebAssembly.Memory } } }).internals.mem.memory;
    const mb = (b as unknown as { internals: { mem: { memory: WebAssembly.Memory } } }).internals.mem.memory;
    expect(ma).not.toBe(mb);
  });
});
