"""scikit-learn's reference figure for the MLP section of `npm run bench` (issue 16), measured once, not in the bench's
process: milliseconds an epoch of MLPClassifier(hidden_layer_sizes=(h,), activation='relu', solver='sgd',
momentum=0.9, nesterovs_momentum=True, batch_size=32, learning_rate_init=0.01, alpha=0) on
- digits: the 8x8 digits (sklearn's bundled copy of the data in data/digits.csv), a stratified 80/20 split
  (1 437 training rows x 64, standardised), hidden 64;
- MNIST size: a synthetic problem of MNIST's shape, 60 000 x 784 in [0, 1), labels the argmax of a random linear
  teacher (10 classes), hidden 128 (the same shape and distribution as bench/mlp.ts's, not the same doubles).
Each fit runs E epochs (max_iter=E, tol=0, n_iter_no_change=E so that it never stops early) and is timed as a whole
(the input checks and initialisation included, as TF.js's model.fit includes its own) in this process's CPU time
(time.process_time: the machine is shared, as the bench's figures are) and by the wall clock (time.perf_counter);
ms/epoch = time / E. Median of R fits, with OpenBLAS/OpenMP at 1 thread (the other contenders use one core; CPU
time = core time) and at the library default (2 threads here: its CPU time sums both). Writes bench/mlp-sklearn.json, which the bench prints as a reference.

  /usr/bin/python3 bench/mlp_sklearn.py [--quick]
"""
import json
import os
import platform
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

warnings.filterwarnings('ignore', category=ConvergenceWarning)
QUICK = '--quick' in sys.argv


def digits():
    X, y = load_digits(return_X_y=True)
    Xtr, _, ytr, _ = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
    return StandardScaler().fit_transform(Xtr), ytr


def mnist_sized(n=60_000, d=784, k=10, seed=20240607):
    rng = np.random.default_rng(seed)
    X = rng.random((n, d))
    teacher = rng.uniform(-1, 1, (d, k))
    y = np.argmax((X - 0.5) @ teacher, axis=1)
    return X, y


def ms_per_epoch(X, y, hidden, epochs, repeats):
    def fit():
        m = MLPClassifier(hidden_layer_sizes=(hidden,), activation='relu', solver='sgd', momentum=0.9,
                          nesterovs_momentum=True, batch_size=32, learning_rate_init=0.01, alpha=0.0,
                          max_iter=epochs, tol=0.0, n_iter_no_change=epochs, shuffle=True, random_state=0)
        w0, c0 = time.perf_counter(), time.process_time()
        m.fit(X, y)
        c, w = time.process_time() - c0, time.perf_counter() - w0
        assert m.n_iter_ == epochs, m.n_iter_
        return 1000 * c / epochs, 1000 * w / epochs
    fit()  # warm-up (imports, first allocations)
    runs = [fit() for _ in range(repeats)]
    ts = sorted(c for c, _ in runs)
    walls = sorted(w for _, w in runs)
    return {'median': ts[len(ts) // 2], 'min': ts[0], 'max': ts[-1], 'wall': walls[len(walls) // 2],
            'epochs': epochs, 'fits': repeats}


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


problems = [('digits', digits(), 64, 5 if QUICK else 20, 3 if QUICK else 5),
            ('mnist', mnist_sized(6_000 if QUICK else 60_000), 128, 1, 1 if QUICK else 3)]
out = {
    'what': 'MLPClassifier relu, sgd, momentum 0.9 nesterov, batch 32, lr 0.01, alpha 0; ms per epoch, median of fits '
            '(median/min/max: CPU time; wall: wall clock)',
    'date': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()),
    'machine': f'{cpu_model()} x {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}',
    'python': platform.python_version(), 'sklearn': sklearn.__version__, 'numpy': np.__version__,
    'blas': [f"{i.get('internal_api')} {i.get('version')} ({i.get('num_threads')} threads by default)" for i in threadpool_info()],
    'quick': QUICK,
}
for threads in (1, None):
    key = 'threads1' if threads == 1 else 'default'
    out[key] = {}
    with threadpool_limits(limits=threads):
        for name, (X, y), hidden, epochs, repeats in problems:
            r = ms_per_epoch(X, y, hidden, epochs, repeats)
            r['rows'], r['cols'], r['hidden'] = int(X.shape[0]), int(X.shape[1]), hidden
            out[key][name] = r
            print(key, name, r, flush=True)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'mlp-sklearn.json')
if not QUICK:
    with open(path, 'w') as f:
        json.dump(out, f, indent=2)
        f.write('\n')
    print('wrote', path)
