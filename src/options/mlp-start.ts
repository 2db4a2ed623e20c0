/**
 * Where a network fit starts (issue 16): `initialWeights` (θ₀ as one array in the kernels' layout, or per layer as
 * `{ coefs, intercepts }`) or `warmStart` (a previous network: a fit's result, an MlpModel or its JSON), checked
 * against the network this fit builds and flattened into θ₀ = [W₁ | b₁ | W₂ | b₂ | … | W_L | b_L].
 */
import { checkKeys, describe, toFloat64 } from '../check/args.js';
import { ACTIVATIONS, mlpParamCount, mlpWidths, type MlpConfig } from './mlp.js';

/** The network a fit builds, as the checks compare it. */
export interface MlpShape {
  model: 'mlpClassifier' | 'mlpRegressor';
  cols: number;
  classes: number;
  outputs: number;
  mlp: MlpConfig;
}

const LAYER_KEYS = ['coefs', 'intercepts'];

/** The activation's public name from its ACT_* id ('sigmoid', never its alias 'logistic'). */
function activationName(id: number): string {
  return Object.keys(ACTIVATIONS).find((k) => ACTIVATIONS[k] === id)!;
}

/** Per-layer arrays (W_l: in_l·out_l, b_l: out_l) checked against the widths and written into θ's layout. */
function flatten(name: string, coefs: unknown, intercepts: unknown, s: MlpShape): Float64Array {
  const w = mlpWidths(s.mlp, s.cols, s.outputs), L = w.length - 1;
  for (const [key, v] of [['coefs', coefs], ['intercepts', intercepts]] as const) {
    if (!Array.isArray(v)) throw new TypeError(`${name}.${key} must be an array of ${L} per-layer arrays, got ${describe(v)}`);
    if (v.length !== L) {
      throw new RangeError(`${name}.${key} must have ${L} layers (widths [${w.join(', ')}]), got ${v.length}`);
    }
  }
  const theta = new Float64Array(mlpParamCount(s.mlp, s.cols, s.outputs));
  let at = 0;
  for (let l = 0; l < L; l++) {
    const W = toFloat64(`${name}.coefs[${l}]`, (coefs as unknown[])[l], w[l]! * w[l + 1]!);
    const b = toFloat64(`${name}.intercepts[${l}]`, (intercepts as unknown[])[l], w[l + 1]!);
    theta.set(W, at);
    theta.set(b, at + W.length);
    at += W.length + b.length;
  }
  return theta;
}

/**
 * `initialWeights` of a network: one array of θ's length in the layout [W₁ | b₁ | … | W_L | b_L], or
 * `{ coefs, intercepts }` with one array per layer (the shapes of Network.coefs and Network.intercepts).
 */
export function checkMlpInitialWeights(value: unknown, s: MlpShape): Float64Array {
  // An object without a length is the per-layer form: its keys are checked (a misspelt one gets "did you mean").
  if (typeof value === 'object' && value !== null && !('length' in value)) {
    checkKeys(value, LAYER_KEYS, 'initialWeights');
    const v = value as { coefs?: unknown; intercepts?: unknown };
    return flatten('initialWeights', v.coefs, v.intercepts, s);
  }
  return toFloat64('initialWeights', value, mlpParamCount(s.mlp, s.cols, s.outputs));
}

/**
 * `warmStart` of a network (a fit's result, an MlpModel or its JSON): the same model, columns, hidden layers,
 * activation, classes and outputs as this fit (RangeError naming what differs), then its coefs and intercepts as θ₀.
 */
export function checkMlpWarmStart(value: unknown, s: MlpShape): Float64Array {
  const w = value as { model?: unknown; cols?: unknown; classes?: unknown; hidden?: unknown; activation?: unknown; coefs?: unknown; intercepts?: unknown };
  if (typeof w !== 'object' || w === null || !('model' in w)) {
    throw new TypeError(`warmStart must be a network (a fit's result, an MlpModel or its toJSON()), got ${describe(value)}`);
  }
  if (w.model !== s.model) throw new RangeError(`warmStart is a '${String(w.model)}' model, but this fit's model is '${s.model}'`);
  if (!('cols' in w) || !('hidden' in w) || !('activation' in w) || !('coefs' in w) || !('intercepts' in w)) {
    throw new TypeError(`warmStart must be a network (model, cols, classes, hidden, activation, coefs, intercepts), got ${describe(value)}`);
  }
  if (w.cols !== s.cols) throw new RangeError(`warmStart has ${describe(w.cols)} columns, but the data have ${s.cols}`);
  const hidden = s.mlp.hidden;
  if (!Array.isArray(w.hidden) || w.hidden.length !== hidden.length || w.hidden.some((u, k) => u !== hidden[k])) {
    throw new RangeError(`warmStart has hidden ${Array.isArray(w.hidden) ? `[${w.hidden.join(', ')}]` : describe(w.hidden)}, but this fit has hidden [${hidden.join(', ')}]`);
  }
  const act = typeof w.activation === 'string' && Object.hasOwn(ACTIVATIONS, w.activation) ? ACTIVATIONS[w.activation] : undefined;
  if (act !== s.mlp.activation) {
    throw new RangeError(`warmStart has activation ${describe(w.activation)}, but this fit has activation '${activationName(s.mlp.activation)}'`);
  }
  if (s.model === 'mlpClassifier' && w.classes !== s.classes) {
    throw new RangeError(`warmStart has ${describe(w.classes)} classes, but this fit has ${s.classes}`);
  }
  const last = Array.isArray(w.intercepts) ? (w.intercepts as unknown[])[w.intercepts.length - 1] : undefined;
  const outputs = typeof last === 'object' && last !== null && 'length' in last ? (last as ArrayLike<unknown>).length : undefined;
  if (outputs !== undefined && outputs !== s.outputs) {
    throw new RangeError(`warmStart has ${outputs} outputs, but this fit has ${s.outputs}`);
  }
  return flatten('warmStart', w.coefs, w.intercepts, s);
}

/** θ₀ of a network fit from `initialWeights` or `warmStart` (not both), or null for the seeded initialisation. */
export function mlpStart(initialWeights: unknown, warmStart: unknown, s: MlpShape): Float64Array | null {
  if (warmStart !== undefined) {
    if (initialWeights !== undefined) {
      throw new RangeError('warmStart gives the starting weights and intercepts: pass it without initialWeights');
    }
    return checkMlpWarmStart(warmStart, s);
  }
  return initialWeights === undefined ? null : checkMlpInitialWeights(initialWeights, s);
}
