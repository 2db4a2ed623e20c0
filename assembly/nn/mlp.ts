// The multilayer perceptron's data term (issue 16): forward and backward pass over a mini-batch, in blocks of
// C_MLP_BLOCK rows, as matrix products. The layers are the config's segment table (two rows per layer: W_l, in × out
// row-major, then b_l); the activations of a block live in the fit's scratch, X is read in place (through the row
// order of a shuffled batch). Mirror: src/js/nn/mlp.ts.
//
// Lockstep (WASM SIMD = WASM scalar = JS): every product that sums over an index the vectors do not run along is a
// sequential sum per element, so an f64x2 lane is one output element with exactly the scalar operations:
//   forward    zᵣₒ = (Σᵢ hᵣᵢ·Wᵢₒ, i = 0, 1, … in order, from 0) + bₒ, then the activation (not on the output layer);
//   weights    ∂Wᵢₒ = Σᵣ hᵣᵢ·δᵣₒ over the batch's rows in order (blocks in order), from 0;
//   biases     ∂bₒ  = Σᵣ δᵣₒ in row order, from 0;
// the one reduction along the vectors, δ of the layer below, Σₒ δᵣₒ·Wᵢₒ, takes two lanes (even o, odd o), s₀ + s₁,
// then the odd last o. The head's row losses are summed in row order.
import { exp, tanh } from '../math';
import { Logistic } from '../loss/logistic';
import { Multinomial } from '../loss/multinomial';
import { Config } from '../config';
import { penaltyTerm } from '../penalty';
import { xTile, promote } from '../reduce';
import {
  C_MLP_HEAD, C_MLP_ACTIVATION, C_MLP_BLOCK, ACT_RELU, ACT_TANH, ACT_SIGMOID, LOSS_SQUARED, LOSS_LOG, LOSS_MLP,
} from '../../src/abi/layout';

// @ts-ignore: decorator
@inline
function intSlot(cfg: usize, k: i32): i32 {
  return <i32>load<f64>(cfg + (<usize>k << 3));
}

/** The activation f(z): relu z < 0 ? 0 : z (NaN stays NaN), tanh (assembly/math.ts), σ as the logistic loss's, identity. */
// @ts-ignore: decorator
@inline
function activate(act: i32, z: f64): f64 {
  if (act == ACT_RELU) return z < 0.0 ? 0.0 : z;
  if (act == ACT_TANH) return tanh(z);
  if (act == ACT_SIGMOID) {
    const e = exp(-Math.abs(z));
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  }
  return z;
}

/** s·f'(z) from h = f(z): relu h > 0 ? s : 0, tanh s·(1 − h·h), σ s·(h·(1 − h)), identity s. */
// @ts-ignore: decorator
@inline
function backAct(act: i32, h: f64, s: f64): f64 {
  if (act == ACT_RELU) return h > 0.0 ? s : 0.0;
  if (act == ACT_TANH) return s * (1.0 - h * h);
  if (act == ACT_SIGMOID) return s * (h * (1.0 - h));
  return s;
}

/** The address of row r of the batch in X (through the row order when rowsPtr ≠ 0). */
// @ts-ignore: decorator
@inline
function xRow(xPtr: usize, rowsPtr: usize, r: i32, rowBytes: usize): usize {
  return rowsPtr == 0 ? xPtr + <usize>r * rowBytes : xPtr + <usize>load<u32>(rowsPtr + (<usize>r << 2)) * rowBytes;
}

/** The label of row r of the batch. */
// @ts-ignore: decorator
@inline
function yAt(yPtr: usize, rowsPtr: usize, r: i32): f64 {
  return rowsPtr == 0 ? load<f64>(yPtr + (<usize>r << 3)) : load<f64>(yPtr + (<usize>load<u32>(rowsPtr + (<usize>r << 2)) << 3));
}

/**
 * z_r[o] = Σᵢ h_r[i]·W[i·nOut + o] (i in order, from 0) for the block's R rows (row r's inputs at the address in the
 * u32 table hAt, its outputs at z + r·nOut) and o < nOut: the block's product with W. The tiles of outputs are the
 * outer loop, the rows the inner one, so a tile's columns of W stay in cache across the rows (each element's sum is
 * the same sequence as row by row). SIMD build: eight outputs (four f64x2) held across i, then pairs, then the odd
 * last one.
 */
// @ts-ignore: decorator
@inline
function blockTimesW(hAt: usize, R: i32, nIn: i32, w: usize, nOut: i32, z: usize): void {
  const stride = <usize>nOut << 3;
  let o = 0;
  if (ASC_FEATURE_SIMD) {
    for (; o + 8 <= nOut; o += 8) {
      for (let r = 0; r < R; r++) {
        const h = <usize>load<u32>(hAt + (<usize>r << 2));
        let A0 = f64x2.splat(0.0), A1 = A0, A2 = A0, A3 = A0;
        let wp = w + (<usize>o << 3);
        for (let i = 0; i < nIn; i++) {
          const H = f64x2.splat(load<f64>(h + (<usize>i << 3)));
          A0 = f64x2.add(A0, f64x2.mul(H, v128.load(wp)));
          A1 = f64x2.add(A1, f64x2.mul(H, v128.load(wp, 16)));
          A2 = f64x2.add(A2, f64x2.mul(H, v128.load(wp, 32)));
          A3 = f64x2.add(A3, f64x2.mul(H, v128.load(wp, 48)));
          wp += stride;
        }
        const op = z + <usize>r * stride + (<usize>o << 3);
        v128.store(op, A0);
        v128.store(op, A1, 16);
        v128.store(op, A2, 32);
        v128.store(op, A3, 48);
      }
    }
    for (; o + 2 <= nOut; o += 2) {
      for (let r = 0; r < R; r++) {
        const h = <usize>load<u32>(hAt + (<usize>r << 2));
        let A = f64x2.splat(0.0);
        let wp = w + (<usize>o << 3);
        for (let i = 0; i < nIn; i++) {
          A = f64x2.add(A, f64x2.mul(f64x2.splat(load<f64>(h + (<usize>i << 3))), v128.load(wp)));
          wp += stride;
        }
        v128.store(z + <usize>r * stride + (<usize>o << 3), A);
      }
    }
  }
  for (; o < nOut; o++) {
    for (let r = 0; r < R; r++) {
      const h = <usize>load<u32>(hAt + (<usize>r << 2));
      let s = 0.0;
      let wp = w + (<usize>o << 3);
      for (let i = 0; i < nIn; i++) {
        s += load<f64>(h + (<usize>i << 3)) * load<f64>(wp);
        wp += stride;
      }
      store<f64>(z + <usize>r * stride + (<usize>o << 3), s);
    }
  }
}

/** g[o] += a·v[o] for o < m (one element per lane: the scalar operations). */
// @ts-ignore: decorator
@inline
function axpyRow(a: f64, v: usize, g: usize, m: i32): void {
  let o = 0;
  if (ASC_FEATURE_SIMD) {
    const A = f64x2.splat(a);
    for (; o + 2 <= m; o += 2) {
      const at = <usize>o << 3;
      v128.store(g + at, f64x2.add(v128.load(g + at), f64x2.mul(A, v128.load(v + at))));
    }
  }
  for (; o < m; o++) {
    const at = <usize>o << 3;
    store<f64>(g + at, load<f64>(g + at) + a * load<f64>(v + at));
  }
}

/**
 * g[i·nOut + o] += Σᵣ h_r[i]·δ[r·nOut + o] over the block's R rows in order (each element's sum sequential in r, as
 * axpyRow row by row would make it), for i < nIn: the weights' gradient of a layer. Row r's inputs at the address in
 * the u32 table hAt (X's rows, or the layer below's activations); eight outputs (four f64x2) held across the rows, so
 * g is read and written once a block instead of once a row.
 */
// @ts-ignore: decorator
@inline
function gradW(hAt: usize, R: i32, nIn: i32, d: usize, nOut: i32, g: usize): void {
  const dStride = <usize>nOut << 3;
  for (let i = 0; i < nIn; i++) {
    const gi = g + (<usize>(i * nOut) << 3), ib = <usize>i << 3;
    let o = 0;
    if (ASC_FEATURE_SIMD) {
      for (; o + 8 <= nOut; o += 8) {
        const go = gi + (<usize>o << 3);
        let A0 = v128.load(go), A1 = v128.load(go, 16), A2 = v128.load(go, 32), A3 = v128.load(go, 48);
        let dp = d + (<usize>o << 3);
        for (let r = 0; r < R; r++) {
          const H = f64x2.splat(load<f64>(<usize>load<u32>(hAt + (<usize>r << 2)) + ib));
          A0 = f64x2.add(A0, f64x2.mul(H, v128.load(dp)));
          A1 = f64x2.add(A1, f64x2.mul(H, v128.load(dp, 16)));
          A2 = f64x2.add(A2, f64x2.mul(H, v128.load(dp, 32)));
          A3 = f64x2.add(A3, f64x2.mul(H, v128.load(dp, 48)));
          dp += dStride;
        }
        v128.store(go, A0);
        v128.store(go, A1, 16);
        v128.store(go, A2, 32);
        v128.store(go, A3, 48);
      }
      for (; o + 2 <= nOut; o += 2) {
        const go = gi + (<usize>o << 3);
        let A = v128.load(go);
        let dp = d + (<usize>o << 3);
        for (let r = 0; r < R; r++) {
          A = f64x2.add(A, f64x2.mul(f64x2.splat(load<f64>(<usize>load<u32>(hAt + (<usize>r << 2)) + ib)), v128.load(dp)));
          dp += dStride;
        }
        v128.store(go, A);
      }
    }
    for (; o < nOut; o++) {
      const go = gi + (<usize>o << 3);
      let s = load<f64>(go);
      let dp = d + (<usize>o << 3);
      for (let r = 0; r < R; r++) {
        s += load<f64>(<usize>load<u32>(hAt + (<usize>r << 2)) + ib) * load<f64>(dp);
        dp += dStride;
      }
      store<f64>(go, s);
    }
  }
}

/** Σₒ d[o]·w[o] over m: two lanes (even, odd o), s₀ + s₁, then the odd last one. */
// @ts-ignore: decorator
@inline
function dot2(d: usize, w: usize, m: i32): f64 {
  let s: f64;
  let o = 0;
  if (ASC_FEATURE_SIMD) {
    let S = f64x2.splat(0.0);
    for (; o + 2 <= m; o += 2) {
      const at = <usize>o << 3;
      S = f64x2.add(S, f64x2.mul(v128.load(d + at), v128.load(w + at)));
    }
    s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  } else {
    let s0 = 0.0, s1 = 0.0;
    for (; o + 2 <= m; o += 2) {
      const at = <usize>o << 3;
      s0 += load<f64>(d + at) * load<f64>(w + at);
      s1 += load<f64>(d + at + 8) * load<f64>(w + at + 8);
    }
    s = s0 + s1;
  }
  if (o < m) s += load<f64>(d + (<usize>o << 3)) * load<f64>(w + (<usize>o << 3));
  return s;
}

/** Targets per row of y for config c: K (the outputs) for a network's squared head, 1 for every other fit. */
export function targetsPerRow(c: Config): i32 {
  return c.loss == LOSS_MLP && intSlot(changetype<usize>(c), C_MLP_HEAD) == LOSS_SQUARED ? c.outputs : 1;
}

/**
 * The network's data term over n rows (x, y at xPtr, yPtr; through the row order at rowsPtr when it is not 0) at θ
 * (paramsPtr, the segment table's layout) and its gradient into gradPtr: J = (1/n)·Σᵢ cᵢ·ℓᵢ (squared head:
 * Σcᵢ·rᵢ²/(2n)), ∇ = (1/n)·Σᵢ cᵢ·∂ℓᵢ/∂θ, then the penalty (assembly/penalty.ts: the weights' segments are the decayed
 * ones). The row weights cᵢ are the f64 at swPtr (indexed like y; 0: every cᵢ = 1, the unweighted pass): as the linear
 * passes (assembly/loss/pass.ts), the head multiplies its row loss and its residuals by cᵢ after computing them
 * (ℓᵢ ← ℓᵢ·cᵢ, rᵢₖ ← rᵢₖ·cᵢ), so the δ the backward pass carries down is the weighted one; cᵢ = 1 gives the
 * unweighted doubles (x·1 = x). A branch per row of the head, not a compile-time instance: the head is O(K) a row
 * beside the O(d·h) products, so the branch does not show.
 * Heads: squared rₖ = zₖ − yₖ over the K = m outputs (y: m targets a row, row-major; Σₖ rₖ² per row); logistic (assembly/loss/logistic.ts) r = σ(z) − y; softmax (assembly/loss/multinomial.ts)
 * rₖ = pₖ − [k = y].
 */
export function mlpObjectiveAndGrad(
  c: Config, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, paramsPtr: usize, gradPtr: usize,
): f64 {
  const cfg = changetype<usize>(c);
  const head = intSlot(cfg, C_MLP_HEAD), act = intSlot(cfg, C_MLP_ACTIVATION), block = intSlot(cfg, C_MLP_BLOCK);
  const d = c.cols, K = c.outputs, layers = c.segmentCount >> 1;
  const p = c.paramCount;
  const rowBytes = <usize>d << 3;
  const scratch = c.scratchPtr;
  memory.fill(gradPtr, 0, <usize>p << 3);
  // The activations of layer l start at scratch + block·(width₁ + … + width_{l−1}); the head's slot after them.
  let total = 0;
  for (let l = 0; l < layers; l++) total += c.segment(2 * l + 1).length;
  const slot = scratch + (<usize>block * <usize>total << 3);
  // After the head's slot (two doubles): the block's row addresses (u32) for gradW.
  const addrs = slot + 16;
  const logistic = changetype<Logistic>(0), multinomial = changetype<Multinomial>(0);
  // Targets per row of y: K for the squared head (m outputs), 1 for the classifiers' class index.
  const yw = head == LOSS_SQUARED ? K : 1;
  let sum = 0.0;
  for (let r0 = 0; r0 < n; r0 += block) {
    const R = min(block, n - r0);
    const rows: usize = rowsPtr == 0 ? 0 : rowsPtr + (<usize>r0 << 2);
    let xb = rowsPtr == 0 ? xPtr + <usize>r0 * rowBytes : xPtr;
    const yb = rowsPtr == 0 ? yPtr + (<usize>(r0 * yw) << 3) : yPtr;
    const sb = rowsPtr == 0 ? swPtr + (<usize>r0 << 3) : swPtr;
    // float32 storage: the block's rows promoted into the f64 tile (C_X_TILE_PTR, block rows), read from there; y and
    // the row weights are still read through the row order (rows).
    let xRows = rows;
    if (xTile != 0) {
      for (let r = 0; r < R; r++) {
        const i = rows == 0 ? <usize>(r0 + r) : <usize>load<u32>(rows + (<usize>r << 2));
        promote(xTile + <usize>r * rowBytes, xPtr + i * (rowBytes >> 1), d);
      }
      xb = xTile;
      xRows = 0;
    }
    // Forward.
    let hPrev: usize = 0, nIn = d, hAt = scratch;
    for (let l = 0; l < layers; l++) {
      const W = c.segment(2 * l), B = c.segment(2 * l + 1);
      const nOut = B.length;
      const w = W.at(paramsPtr), b = B.at(paramsPtr);
      const last = l == layers - 1;
      for (let r = 0; r < R; r++) {
        store<u32>(addrs + (<usize>r << 2), <u32>(l == 0 ? xRow(xb, xRows, r, rowBytes) : hPrev + (<usize>(r * nIn) << 3)));
      }
      blockTimesW(addrs, R, nIn, w, nOut, hAt);
      for (let r = 0; r < R; r++) {
        const z = hAt + (<usize>(r * nOut) << 3);
        for (let o = 0; o < nOut; o++) {
          const at = <usize>o << 3;
          const v = load<f64>(z + at) + load<f64>(b + at);
          store<f64>(z + at, last ? v : activate(act, v));
        }
      }
      hPrev = hAt;
      hAt += <usize>(block * nOut) << 3;
      nIn = nOut;
    }
    // The head: scores → residuals in place, the row losses summed in order.
    const out = hPrev;
    for (let r = 0; r < R; r++) {
      const z = out + (<usize>(r * K) << 3);
      if (head == LOSS_SQUARED) {
        // m = K outputs: rₖ = zₖ − yₖ, the row's Σₖ rₖ² in k order (K = 1: the one-output head's operations).
        const yr = rows == 0 ? yb + (<usize>(r * K) << 3) : yPtr + (<usize>(<i32>load<u32>(rows + (<usize>r << 2)) * K) << 3);
        const cw = swPtr == 0 ? 1.0 : yAt(sb, rows, r);
        for (let k = 0; k < K; k++) {
          const at = <usize>k << 3;
          const res = load<f64>(z + at) - load<f64>(yr + at);
          if (swPtr == 0) {
            store<f64>(z + at, res);
            sum += res * res;
          } else {
            store<f64>(z + at, res * cw);
            sum += (res * res) * cw;
          }
        }
        continue;
      }
      const yv = yAt(yb, rows, r);
      if (swPtr == 0) {
        if (head == LOSS_LOG) {
          const zv = load<f64>(z);
          const res = logistic.residual(zv, yv, slot);
          sum += logistic.value(zv, yv, res, slot);
          store<f64>(z, res);
        } else {
          sum += multinomial.row(z, K, <i32>yv);
        }
      } else {
        // Weighted: the row's loss and residuals times cᵢ (assembly/loss/pass.ts's order).
        const cw = yAt(sb, rows, r);
        if (head == LOSS_LOG) {
          const zv = load<f64>(z);
          const res = logistic.residual(zv, yv, slot);
          sum += logistic.value(zv, yv, res, slot) * cw;
          store<f64>(z, res * cw);
        } else {
          sum += multinomial.row(z, K, <i32>yv) * cw;
          for (let k = 0; k < K; k++) {
            const at = z + (<usize>k << 3);
            store<f64>(at, load<f64>(at) * cw);
          }
        }
      }
    }
    // Backward: δ of layer l at its activations' place; ∂W_l, ∂b_l; then δ of layer l − 1 over its activations.
    let dAt = out;
    for (let l = layers - 1; l >= 0; l--) {
      const W = c.segment(2 * l), B = c.segment(2 * l + 1);
      const nOut = B.length, nInL = W.length / nOut;
      const w = W.at(paramsPtr), gw = W.at(gradPtr), gb = B.at(gradPtr);
      const below: usize = l == 0 ? 0 : dAt - (<usize>(block * nInL) << 3);
      // ∂W_l over the block (the inputs' addresses in the table after the activations), then per row ∂b_l and δ below.
      for (let r = 0; r < R; r++) {
        const h = l == 0 ? xRow(xb, xRows, r, rowBytes) : below + (<usize>(r * nInL) << 3);
        store<u32>(addrs + (<usize>r << 2), <u32>h);
      }
      gradW(addrs, R, nInL, dAt, nOut, gw);
      for (let r = 0; r < R; r++) {
        const dr = dAt + (<usize>(r * nOut) << 3);
        const h = l == 0 ? xRow(xb, xRows, r, rowBytes) : below + (<usize>(r * nInL) << 3);
        axpyRow(1.0, dr, gb, nOut);
        if (l > 0) {
          for (let i = 0; i < nInL; i++) {
            const at = h + (<usize>i << 3);
            store<f64>(at, backAct(act, load<f64>(at), dot2(dr, w + (<usize>(i * nOut) << 3), nOut)));
          }
        }
      }
      dAt = below;
    }
  }
  const nf = <f64>n;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    store<f64>(gradPtr + o, load<f64>(gradPtr + o) / nf);
  }
  const J = head == LOSS_SQUARED ? sum / (2.0 * nf) : sum / nf;
  return penaltyTerm(c, paramsPtr, gradPtr, J);
}
