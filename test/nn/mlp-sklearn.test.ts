// The network fit against scikit-learn 1.2.1's MLPClassifier: the same data, the same initial weights (exact binary
// fractions), plain SGD (momentum 0), batches of 8 without shuffling, alpha 0, η = 0.1; the five epochs' losses
// (loss_curve_: the mean of the batch losses, each measured before its update, as epochLoss here) and two parameters
// after them. The numbers were produced by `/usr/bin/python3 test/nn/mlp_sklearn_ref.py` (scikit-learn 1.2.1) and
// written here by hand; they are not this code's output.
import { describe, expect, it } from 'vitest';
import { BACKENDS, relErr } from '../backends.js';

const REF: Record<string, { loss: number[]; w2: number; b1: number }> = {
  '2 relu': { loss: [0.6712662095539105, 0.6657542260435702, 0.6611374781589442, 0.6572661675352238, 0.6540141242880366], w2: -0.2894772805975148, b1: -0.16500283138809516 },
  '2 tanh': { loss: [0.6881243457247059, 0.6791355626549344, 0.6717358651248212, 0.6656094703087948, 0.6605103938046604], w2: -0.2508794231654025, b1: -0.1406031601781849 },
  '2 sigmoid': { loss: [0.6469310263614275, 0.6437751799136443, 0.641591450799509, 0.6400727899958563, 0.6390110490847558], w2: -0.314637611380333, b1: -0.18223283249041558 },
  '3 relu': { loss: [1.10653590812459, 1.1016399848942104, 1.0970784378907836, 1.0927046056073506, 1.08848998371271], w2: -0.28337109250771836, b1: -0.2075332974428851 },
  '3 tanh': { loss: [1.1259702743399922, 1.1180537921376967, 1.1109167533429984, 1.1044068931378017, 1.098403652050213], w2: -0.26242484780700076, b1: -0.1947950905539452 },
  '3 sigmoid': { loss: [1.1110943243404992, 1.108305372056047, 1.1064541428237709, 1.1051784610532447, 1.1042511170271723], w2: -0.25321102465987577, b1: -0.18979117573559617 },
};

const n = 24, d = 4, H = 6;
const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => ((i * 7 + j * 13) % 17) / 8 - 1));

describe.each(BACKENDS)('MLPClassifier agreement, $name', ({ create }) => {
  it.each(Object.keys(REF))('%s: five epochs of plain SGD give scikit-learn\'s losses and weights to 1e-12', async (key) => {
    const [Ks, act] = key.split(' ') as [string, 'relu' | 'tanh' | 'sigmoid'];
    const K = Number(Ks), out = K === 2 ? 1 : K;
    const y = Array.from({ length: n }, (_, i) => (i * 5 + Math.floor(i / 3)) % K);
    // θ₀ = [W₁ (d×H) | b₁ | W₂ (H×out) | b₂], as the script's coefs_/intercepts_.
    const theta = [
      ...Array.from({ length: d * H }, (_, k) => (((k * 37) % 23) - 11) / 32),
      ...Array.from({ length: H }, (_, k) => (((k * 11) % 7) - 3) / 16),
      ...Array.from({ length: H * out }, (_, k) => (((k * 29) % 19) - 9) / 32),
      ...Array.from({ length: out }, (_, k) => (((k * 5) % 3) - 1) / 8),
    ];
    const e = await create();
    const r = e.fit(e.dataset(X, y), {
      model: 'mlpClassifier', hidden: [H], activation: act, alpha: 0, lr: 0.1, batchSize: 8, shuffle: false,
      maxEpochs: 5, maxIterations: 1000, initialWeights: theta,
    });
    const ref = REF[key]!;
    expect(r.epochs).toBe(5);
    for (let k = 0; k < 5; k++) expect(relErr(r.epochLoss[k]!, ref.loss[k]!)).toBeLessThan(1e-12);
    expect(relErr(r.coefs[1]![0]!, ref.w2)).toBeLessThan(1e-12);
    expect(relErr(r.intercepts[0]![0]!, ref.b1)).toBeLessThan(1e-12);
  });
});
