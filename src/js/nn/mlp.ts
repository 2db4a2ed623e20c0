/**
 * JS mirror of assembly/nn/mlp.ts: the multilayer perceptron's data term, forward and backward over a mini-batch in
 * blocks of C_MLP_BLOCK rows, the layers from the segment table (W_l in × out row-major, then b_l). Each output
 * element's sum is sequential over the index the WASM vectors do not run along (so plain loops give its doubles);
 * δ of the layer below takes dot2's two lanes.
 */
import * as L from '../../abi/layout.js';
import type { Config, Segment } from '../config.js';
import { exp, tanh } from '../math.js';
import { logistic } from '../loss/logistic.js';
import { multinomial } from '../loss/multinomial.js';
import { penaltyTerm } from '../penalty.js';
import type { XArray } from '../reduce.js';

/** assembly/nn/mlp.ts: activate. */
export function activate(act: number, z: number): number {
  if (act === L.ACT_RELU) return z < 0.0 ? 0.0 : z;
  if (act === L.ACT_TANH) return tanh(z);
  if (act === L.ACT_SIGMOID) {
    const e = exp(-Math.abs(z));
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  }
  return z;
}

/** assembly/nn/mlp.ts: backAct. s·f'(z) from h = f(z). */
function backAct(act: number, h: number, s: number): number {
  if (act === L.ACT_RELU) return h > 0.0 ? s : 0.0;
  if (act === L.ACT_TANH) return s * (1.0 - h * h);
  if (act === L.ACT_SIGMOID) return s * (h * (1.0 - h));
  return s;
}

/**
 * assembly/nn/mlp.ts: mlpObjectiveAndGrad. J and ∇J of the network of config c at params over n rows of X (from row
 * offset xOff/yOff, or through rows from rOff), into grad; sw: the row weights cᵢ (indexed like y), or null (every
 * cᵢ = 1); the head multiplies its row loss and residuals by cᵢ. scratch: the fit's (C_MLP_BLOCK rows of every
 * layer + 2).
 */
export function mlpObjectiveAndGrad(
  c: Config, segments: readonly Segment[], X: XArray, xOff: number, y: Float64Array, yOff: number,
  sw: Float64Array | null, rows: Uint32Array | null, rOff: number, n: number, params: Float64Array, grad: Float64Array,
  scratch: Float64Array,
): number {
  const head = c.mlpHead, act = c.mlpActivation, block = c.mlpBlock;
  const d = c.cols, K = c.outputs, layers = segments.length >> 1;
  const p = c.paramCount;
  grad.fill(0, 0, p);
  let total = 0;
  for (let l = 0; l < layers; l++) total += segments[2 * l + 1]!.length;
  const slot = block * total;
  let sum = 0.0;
  for (let r0 = 0; r0 < n; r0 += block) {
    const R = Math.min(block, n - r0);
    // Forward.
    let hPrev = 0, nIn = d, hAt = 0;
    for (let l = 0; l < layers; l++) {
      const W = segments[2 * l]!, B = segments[2 * l + 1]!;
      const nOut = B.length, w = W.offset, b = B.offset;
      const last = l === layers - 1;
      for (let r = 0; r < R; r++) {
        const src = l === 0 ? X : scratch;
        const h = l === 0 ? (rows === null ? xOff + (r0 + r) * d : rows[rOff + r0 + r]! * d) : hPrev + r * nIn;
        const z = hAt + r * nOut;
        for (let o = 0; o < nOut; o++) {
          let s = 0.0;
          for (let i = 0; i < nIn; i++) s += src[h + i]! * params[w + i * nOut + o]!;
          const v = s + params[b + o]!;
          scratch[z + o] = last ? v : activate(act, v);
        }
      }
      hPrev = hAt;
      hAt += block * nOut;
      nIn = nOut;
    }
    // The head.
    const out = hPrev;
    for (let r = 0; r < R; r++) {
      const z = out + r * K;
      if (head === L.LOSS_SQUARED) {
        // m = K outputs, y row-major with K targets a row (yOff counts rows: assembly/fit.ts offsets by batchPos·K).
        const yr = (rows === null ? yOff + r0 + r : rows[rOff + r0 + r]!) * K;
        const cw = sw === null ? 1.0 : rows === null ? sw[yOff + r0 + r]! : sw[rows[rOff + r0 + r]!]!;
        for (let k = 0; k < K; k++) {
          const res = scratch[z + k]! - y[yr + k]!;
          if (sw === null) {
            scratch[z + k] = res;
            sum += res * res;
          } else {
            scratch[z + k] = res * cw;
            sum += (res * res) * cw;
          }
        }
        continue;
      }
      const yv = rows === null ? y[yOff + r0 + r]! : y[rows[rOff + r0 + r]!]!;
      if (sw === null) {
        if (head === L.LOSS_LOG) {
          const zv = scratch[z]!;
          const res = logistic.residual(zv, yv, scratch, slot);
          sum += logistic.value(zv, yv, res, scratch, slot);
          scratch[z] = res;
        } else {
          sum += multinomial.row(scratch, z, K, yv);
        }
      } else {
        const cw = rows === null ? sw[yOff + r0 + r]! : sw[rows[rOff + r0 + r]!]!;
        if (head === L.LOSS_LOG) {
          const zv = scratch[z]!;
          const res = logistic.residual(zv, yv, scratch, slot);
          sum += logistic.value(zv, yv, res, scratch, slot) * cw;
          scratch[z] = res * cw;
        } else {
          sum += multinomial.row(scratch, z, K, yv) * cw;
          for (let k = 0; k < K; k++) scratch[z + k] = scratch[z + k]! * cw;
        }
      }
    }
    // Backward.
    let dAt = out;
    for (let l = layers - 1; l >= 0; l--) {
      const W = segments[2 * l]!, B = segments[2 * l + 1]!;
      const nOut = B.length, nInL = W.length / nOut;
      const w = W.offset, gb = B.offset;
      const below = l === 0 ? 0 : dAt - block * nInL;
      for (let r = 0; r < R; r++) {
        const dr = dAt + r * nOut;
        const src = l === 0 ? X : scratch;
        const h = l === 0 ? (rows === null ? xOff + (r0 + r) * d : rows[rOff + r0 + r]! * d) : below + r * nInL;
        for (let i = 0; i < nInL; i++) {
          const a = src[h + i]!, g = w + i * nOut;
          for (let o = 0; o < nOut; o++) grad[g + o] = grad[g + o]! + a * scratch[dr + o]!;
        }
        for (let o = 0; o < nOut; o++) grad[gb + o] = grad[gb + o]! + 1.0 * scratch[dr + o]!;
        if (l > 0) {
          for (let i = 0; i < nInL; i++) {
            const wi = w + i * nOut;
            let s0 = 0.0, s1 = 0.0, o = 0;
            for (; o + 2 <= nOut; o += 2) {
              s0 += scratch[dr + o]! * params[wi + o]!;
              s1 += scratch[dr + o + 1]! * params[wi + o + 1]!;
            }
            let s = s0 + s1;
            if (o < nOut) s += scratch[dr + o]! * params[wi + o]!;
            scratch[h + i] = backAct(act, scratch[h + i]!, s);
          }
        }
      }
      dAt = below;
    }
  }
  for (let j = 0; j < p; j++) grad[j] = grad[j]! / n;
  const J = head === L.LOSS_SQUARED ? sum / (2.0 * n) : sum / n;
  return penaltyTerm(c, segments, params, grad, J);
}
