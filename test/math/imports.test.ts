// The WASM core imports nothing: exp, log and log1p are compiled in (assembly/math.ts), so the module needs no host
// function (no Math.*, no abort) and runs the same in every engine.
import { describe, expect, it } from 'vitest';
import { compileBuild } from './wasm.js';

describe('WASM imports', () => {
  it.each([false, true])('build with simd = %s imports nothing', (simd) => {
    expect(WebAssembly.Module.imports(compileBuild(simd))).toEqual([]);
  });
});
