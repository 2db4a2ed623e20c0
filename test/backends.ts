// The backends every contract test runs on: the WASM core (SIMD build where available, and the scalar build
// forced) and the pure-JS fallback. One list, used by describe.each; never a copy of a test file per backend.
import { createEngine } from '../src/index.js';
import type { Engine } from '../src/index.js';
import { hasSimd } from '../src/wasm/load.js';

export interface BackendCase {
  name: string;
  create: () => Promise<Engine>;
}

export const BACKENDS: BackendCase[] = [
  ...(hasSimd() ? [{ name: 'wasm-simd', create: () => createEngine({ backend: 'wasm', simd: true }) }] : []),
  { name: 'wasm-scalar', create: () => createEngine({ backend: 'wasm', simd: false }) },
  { name: 'js', create: () => createEngine({ backend: 'js' }) },
];

/** |a − e| ≤ k·ε·max(|e|, floor): a tolerance in units of f64 rounding, with k stated at each use. */
export function expectNear(actual: number, expected: number, k: number, floor = 0): void {
  const bound = k * Number.EPSILON * Math.max(Math.abs(expected), floor);
  if (!(Math.abs(actual - expected) <= bound)) {
    throw new Error(`expected ${actual} to be within ${k}·ε·${Math.max(Math.abs(expected), floor)} of ${expected} (diff ${actual - expected})`);
  }
}

/** Relative difference |a − e| / |e| (or absolute when e = 0). */
export function relErr(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
