// Every observable double of a fit as a hex bit pattern (so -0, NaN payloads and the last ulp all count).
import type { FitResult } from '../../src/index.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function hex(v: number): string {
  f64[0] = v;
  return u64[0]!.toString(16);
}

export function bitsOf(fit: FitResult): Record<string, string[]> {
  return {
    weights: Array.from(fit.weights, hex),
    intercepts: Array.from(fit.intercepts, hex),
    loss: Array.from(fit.loss, hex),
    epochLoss: Array.from(fit.epochLoss, hex),
    meta: [fit.status, String(fit.iterations), String(fit.epochs)],
  };
}
