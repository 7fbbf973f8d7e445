"""scikit-learn's KMeans on the matrix bench/kmeansParity.bench.ts wrote, one fit per "fit" line on stdin.

Reads the points (n x d) and initial centres (k x d) as raw little-endian float64, loads them once, and answers
each "fit" with one JSON line: the fit's wall time, inertia and iterations. Same start (init=the given centres,
n_init=1), same stopping rule (tol, max_iter) and Lloyd's algorithm, on scikit-learn's default threads.
"""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

points_file, centres_file, n, d, k, tol, max_iter = sys.argv[1:8]
n, d, k, max_iter = int(n), int(d), int(k), int(max_iter)
X = np.fromfile(points_file, dtype="<f8").reshape(n, d)
C = np.fromfile(centres_file, dtype="<f8").reshape(k, d)
print(json.dumps({"ready": True, "sklearn": __import__("sklearn").__version__}), flush=True)
for line in sys.stdin:
    if line.strip() != "fit":
        break
    model = KMeans(n_clusters=k, init=C, n_init=1, tol=float(tol), max_iter=max_iter, algorithm="lloyd")
    start = time.perf_counter()
    model.fit(X)
    ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"ms": ms, "inertia": float(model.inertia_), "iterations": int(model.n_iter_)}), flush=True)
