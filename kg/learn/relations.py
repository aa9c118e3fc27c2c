"""A relation classifier over pairs of mentions in one sentence: multinomial logistic regression.

Each pair of mentions of a sentence (the first before the second in the text) gets one label:
``none``, or a relation of the review vocabulary with its direction (``lead-unit>``: the first is the
subject; ``lead-unit<``: the second is). The features are :func:`kg.learn.features.pair_features`
(cue words between the two, order, distance, their classes, the words around them, what the rules
say of the pair). The weights are fitted with SciPy's L-BFGS from zeros (no random start) and kept as
plain JSON: no pickle, nothing in the model file can run.

>>> model = RelationModel.fit([["cue=牵头", "bias"], ["cue=与", "bias"], ["cue=牵头", "bias"]],
...                           ["lead-unit>", "none", "lead-unit>"], min_count=1)
>>> model.predict(["cue=牵头", "bias"])[0]
'lead-unit>'
>>> RelationModel.from_json(model.to_json()).predict(["cue=与", "bias"])[0]
'none'
"""

from collections import Counter

import numpy as np

__all__ = ["RelationModel", "NONE"]

NONE = "none"
#: weights smaller than this are stored as zero (a feature's weight of 0.005 changes no decision)
PRUNE_BELOW = 0.005


class RelationModel:
    """Weights of a multinomial logistic regression over binary features (names -> columns)."""

    def __init__(self, labels, features, weights):
        self.labels = list(labels)
        self.features = list(features)
        self.index = {name: i for i, name in enumerate(self.features)}
        self.weights = np.asarray(weights, dtype=float).reshape(len(self.features), len(self.labels))

    @classmethod
    def fit(cls, rows, labels, *, l2=1.0, min_count=2, max_iterations=300):
        """Fit to ``rows`` (lists of feature names) and their ``labels``; features seen fewer than
        ``min_count`` times are dropped (``bias`` and ``rule=…`` always kept)."""
        from scipy.optimize import minimize
        from scipy.sparse import csr_matrix

        counts = Counter(name for row in rows for name in set(row))
        features = sorted(name for name, count in counts.items()
                          if count >= min_count or name == "bias" or name.startswith("rule="))
        label_names = sorted(set(labels) | {NONE})
        index = {name: i for i, name in enumerate(features)}
        data, cols, indptr = [], [], [0]
        for row in rows:
            columns = sorted({index[name] for name in row if name in index})
            cols.extend(columns)
            data.extend([1.0] * len(columns))
            indptr.append(len(cols))
        X = csr_matrix((np.array(data), np.array(cols, dtype=np.int64), np.array(indptr, dtype=np.int64)),
                       shape=(len(rows), len(features)))
        y = np.array([label_names.index(label) for label in labels])
        Y = np.zeros((len(rows), len(label_names)))
        Y[np.arange(len(rows)), y] = 1.0
        shape = (len(features), len(label_names))

        def loss(flat):
            W = flat.reshape(shape)
            scores = X @ W
            scores -= scores.max(axis=1, keepdims=True)
            exp = np.exp(scores)
            probs = exp / exp.sum(axis=1, keepdims=True)
            log_likelihood = (scores * Y).sum() - np.log(exp.sum(axis=1)).sum()
            gradient = X.T @ (probs - Y) + l2 * W
            return -log_likelihood + 0.5 * l2 * (W * W).sum(), np.asarray(gradient).ravel()

        result = minimize(loss, np.zeros(shape[0] * shape[1]), jac=True, method="L-BFGS-B",
                          options={"maxiter": max_iterations})
        # rounded, so the JSON (and what it predicts) is the same on every machine that fits it; weights
        # too small to move a probability are dropped, which keeps the file small
        weights = np.round(result.x.reshape(shape), 4)
        weights[np.abs(weights) < PRUNE_BELOW] = 0.0
        return cls(label_names, features, weights)

    def probabilities(self, row):
        """``{label: probability}`` for one row of feature names."""
        columns = sorted({self.index[name] for name in row if name in self.index})
        scores = self.weights[columns].sum(axis=0) if columns else np.zeros(len(self.labels))
        scores = scores - scores.max()
        exp = np.exp(scores)
        return dict(zip(self.labels, (exp / exp.sum()).tolist()))

    def predict(self, row):
        """``(label, probability)`` of the likeliest label for one row."""
        probs = self.probabilities(row)
        label = max(self.labels, key=lambda name: (probs[name], name))
        return label, probs[label]

    def best_relation(self, row):
        """``(label, probability)`` of the likeliest label other than ``none`` for one row."""
        probs = self.probabilities(row)
        label = max((name for name in self.labels if name != NONE), key=lambda name: (probs[name], name),
                    default=NONE)
        return label, probs[label]

    def to_json(self):
        """The model as JSON-ready data: labels, features, and each feature's non-zero weights."""
        weights = {}
        for name, row in zip(self.features, self.weights.tolist()):
            kept = {label: value for label, value in zip(self.labels, row) if value != 0}
            if kept:
                weights[name] = kept
        return {"kind": "kg.learn relation classifier", "labels": self.labels, "weights": weights}

    @classmethod
    def from_json(cls, data):
        """A model from :meth:`to_json`'s data; ``ValueError`` when it is not one."""
        if not isinstance(data, dict) or data.get("kind") != "kg.learn relation classifier":
            raise ValueError("not a kg.learn relation classifier")
        labels = data["labels"]
        if not isinstance(labels, list) or NONE not in labels or not isinstance(data["weights"], dict):
            raise ValueError("a relation classifier needs its labels (with 'none') and weights")
        features = sorted(data["weights"])
        matrix = np.zeros((len(features), len(labels)))
        position = {label: j for j, label in enumerate(labels)}
        for i, name in enumerate(features):
            for label, value in data["weights"][name].items():
                matrix[i, position[label]] = float(value)
        return cls(labels, features, matrix)
