/**
 * The prediction half of one-vs-rest (src/ovr.ts fits it): a 0/1-label model with K > 2 classes has K rows of W and
 * K intercepts, one binary problem [y = k] each, and its scores z (n·K, row-major) become predictions and
 * probabilities by scikit-learn's OvR rules (sklearn/linear_model/_base.py, LinearClassifierMixin.predict and
 * _predict_proba_lr; sklearn/linear_model/_stochastic_gradient.py, SGDClassifier.predict_proba).
 */
import type { Link, ModelSpec } from './registry.js';

/** argmaxₖ zₖ per row, the first on ties (numpy's argmax, which scikit-learn's OvR predict takes). */
function argmax(z: Float64Array, K: number): Float64Array {
  const n = z.length / K, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (z[i * K + k]! > z[i * K + best]!) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * The one-vs-rest link of a binary model's link: the label argmaxₖ zₖ (the first on ties); probabilities, when the
 * binary link has them, pₖ = P₁(zₖ)/Σⱼ P₁(zⱼ) with P₁ the binary model's P(y = 1) (logistic: σ(zₖ)/Σⱼσ(zⱼ), scikit-learn's
 * "OvR normalization, like LibLinear's predict_probability"; modifiedHuber: (clip(zₖ, −1, 1) + 1)/2 normalised the same
 * way). A row whose P₁ are all 0 gets 1/K for every class: scikit-learn's rule for modified_huber (its logistic gives
 * NaN there; here that needs every score below −745, where σ underflows).
 */
export function oneVsRestLink(binary: Link): Link {
  const proba = binary.proba;
  return {
    predict: argmax,
    proba: proba && ((z, K) => {
      const p = proba(z, 1), n = p.length / K;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += p[i * K + k]!;
        for (let k = 0; k < K; k++) p[i * K + k] = s === 0 ? 1 / K : p[i * K + k]! / s;
      }
      return p;
    }),
  };
}

/** The link of a model with K outputs: the table's, or its one-vs-rest form for a 0/1-label model with K > 2. */
export function linkOf(spec: ModelSpec, K: number): Link {
  return spec.labels === 'binary' && K > 2 ? oneVsRestLink(spec.link) : spec.link;
}
