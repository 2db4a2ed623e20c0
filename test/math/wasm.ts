/**
 * The two compiled builds of the core, instantiated directly (no imports: the core has none), and their mathMap
 * export run over a batch of points: the scalar functions, or the f64x2 forms on pairs (SIMD build).
 */
import { readFileSync } from 'node:fs';
import type { MathName } from './reference.js';

export const MATH_IDS: Record<MathName, number> = { exp: 0, expm1: 1, log: 2, log1p: 3, tanh: 4 };

interface MathExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  mathMap(fn: number, xPtr: number, outPtr: number, n: number, vectors: number): void;
}

export function buildPath(simd: boolean): URL {
  return new URL(simd ? '../../build/momentum-simd.wasm' : '../../build/momentum.wasm', import.meta.url);
}

export function compileBuild(simd: boolean): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(buildPath(simd)));
}

/** f over xs in a build: the scalar functions, or (vectors) the f64x2 forms on pairs. */
export function wasmMap(simd: boolean, fn: MathName, xs: Float64Array, vectors: boolean): Float64Array {
  return wasmMapId(simd, MATH_IDS[fn], xs, vectors);
}

/** The same by the kernel's function id (mathMap's first argument), for functions outside MATH_IDS. */
export function wasmMapId(simd: boolean, id: number, xs: Float64Array, vectors: boolean): Float64Array {
  const ex = new WebAssembly.Instance(compileBuild(simd), {}).exports as unknown as MathExports;
  const base = (ex.heapBase() + 15) & ~15;
  const need = base + xs.length * 16;
  const have = ex.memory.buffer.byteLength;
  if (need > have) ex.memory.grow(Math.ceil((need - have) / 65536));
  new Float64Array(ex.memory.buffer, base, xs.length).set(xs);
  const out = base + xs.length * 8;
  ex.mathMap(id, base, out, xs.length, vectors ? 1 : 0);
  return new Float64Array(ex.memory.buffer, out, xs.length).slice();
}
