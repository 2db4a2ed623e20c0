/**
 * A multilayer perceptron as data (issue 16): its parameter segments (two per layer: W_l, in_l × out_l row-major,
 * decayed; b_l, out_l, not decayed), the size of its scratch, and its seeded initial parameters. θ's layout is
 * [W₁ | b₁ | W₂ | b₂ | … | W_L | b_L] with in₁ = d (features), out_l = hidden[l − 1] for l < L, out_L = K (outputs).
 */
import * as L from '../abi/layout.js';
import { mlpParamCount, mlpWidths, type MlpConfig } from '../options/mlp.js';
import { seedState, xoshiroUniform } from '../random.js';

export { mlpParamCount, mlpWidths };

/** Rows of [offset, length, decayed] of the segment table: W_l (decayed), b_l (not), layer by layer. */
export function mlpSegments(m: MlpConfig, d: number, K: number): [number, number, number][] {
  const w = mlpWidths(m, d, K);
  const table: [number, number, number][] = [];
  let at = 0;
  for (let l = 1; l < w.length; l++) {
    const nW = w[l - 1]! * w[l]!;
    table.push([at, nW, 1], [at + nW, w[l]!, 0]);
    at += nW + w[l]!;
  }
  return table;
}

/**
 * The scratch of the forward/backward pass: C_MLP_BLOCK rows of every layer's outputs, 2 doubles (the head's slot),
 * and C_MLP_BLOCK/2 doubles (the block's row addresses, u32, in WASM).
 */
export function mlpScratch(m: MlpConfig, K: number): number {
  let total = K;
  for (const h of m.hidden) total += h;
  return m.block * total + 2 + Math.ceil(m.block / 2);
}

/**
 * θ₀: `initial` when given (a copy, in θ's layout), else each W_l uniform in [−a, a) from the fit's seed (xoshiro128**
 * seeded by SplitMix32 from seed ^ 0x5bd1e995, W₁ first, row-major; the same doubles on every backend), biases 0:
 * relu He-uniform a = √(6/in) (He et al. 2015, Keras' he_uniform); tanh and identity Glorot-uniform a = √(6/(in + out))
 * (Glorot & Bengio 2010); sigmoid √(2/(in + out)) (scikit-learn's MLP for the logistic activation).
 */
export function mlpInitialParams(m: MlpConfig, d: number, K: number, seed: number, initial: Float64Array | null): Float64Array {
  const p = new Float64Array(mlpParamCount(m, d, K));
  if (initial) {
    p.set(initial);
    return p;
  }
  const w = mlpWidths(m, d, K);
  const s = seedState((seed ^ 0x5bd1e995) | 0);
  let at = 0;
  for (let l = 1; l < w.length; l++) {
    const nIn = w[l - 1]!, nOut = w[l]!;
    const a = m.activation === L.ACT_RELU ? Math.sqrt(6 / nIn)
      : m.activation === L.ACT_SIGMOID ? Math.sqrt(2 / (nIn + nOut)) : Math.sqrt(6 / (nIn + nOut));
    for (let k = 0; k < nIn * nOut; k++) p[at + k] = (2 * xoshiroUniform(s) - 1) * a;
    at += nIn * nOut + nOut;
  }
  return p;
}
