# Reference losses for test/nn/mlp-sklearn.test.ts: scikit-learn 1.2.1 MLPClassifier, plain SGD (momentum 0), no
# shuffling, alpha 0, constant learning rate, from the same initial weights (exact binary fractions).
import warnings, numpy as np, sklearn
from sklearn.neural_network import MLPClassifier
warnings.filterwarnings('ignore')
print(sklearn.__version__)
n, d, H = 24, 4, 6
X = np.array([[((i * 7 + j * 13) % 17) / 8 - 1 for j in range(d)] for i in range(n)], dtype=float)
def run(K, act):
    y = np.array([(i * 5 + (i // 3)) % K for i in range(n)])
    out = 1 if K == 2 else K
    W1 = np.array([((k * 37) % 23 - 11) / 32 for k in range(d * H)]).reshape(d, H)
    b1 = np.array([((k * 11) % 7 - 3) / 16 for k in range(H)])
    W2 = np.array([((k * 29) % 19 - 9) / 32 for k in range(H * out)]).reshape(H, out)
    b2 = np.array([((k * 5) % 3 - 1) / 8 for k in range(out)])
    clf = MLPClassifier(hidden_layer_sizes=(H,), activation=act, solver='sgd', alpha=0.0, batch_size=8,
                        learning_rate='constant', learning_rate_init=0.1, momentum=0.0, nesterovs_momentum=False,
                        shuffle=False, max_iter=1, warm_start=True, tol=0, n_iter_no_change=10**9, random_state=0)
    clf.fit(X, y)  # initialises the layers; then the weights are replaced and the loss curve restarted
    clf.coefs_ = [W1.copy(), W2.copy()]
    clf.intercepts_ = [b1.copy(), b2.copy()]
    clf.loss_curve_ = []
    clf.max_iter = 5
    clf.fit(X, y)
    print(K, act, [repr(v) for v in clf.loss_curve_])
    print('W2[0]', repr(clf.coefs_[1].ravel()[0]), 'b1[0]', repr(clf.intercepts_[0][0]))
for K in (2, 3):
    for act in ('relu', 'tanh', 'logistic'):
        run(K, act)
