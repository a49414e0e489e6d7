"""The learned head: one logistic regression over (text, goal) pair features.

Trained with numpy alone (Newton's method on a few hundred rows and a dozen features
takes milliseconds), so the same code trains the shipped head at build time and the
per-fold heads of the cross-validated benchmark, with no ML framework at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]
GOALS = 17


def _sigmoid(values: Vector) -> Vector:
    result: Vector = 0.5 * (1.0 + np.tanh(0.5 * values))
    return result


@dataclass
class Head:
    mean: Vector  # feature standardisation
    scale: Vector
    weights: Vector  # (F,)
    bias: float
    thresholds: Vector  # (17,) a goal is predicted when its probability reaches this

    def probabilities(self, features: npt.NDArray[np.floating]) -> Vector:
        """(..., F) features -> (...) probabilities."""
        standard = (np.asarray(features, dtype=np.float64) - self.mean) / self.scale
        return _sigmoid(standard @ self.weights + self.bias)


def fit_logistic(
    features: npt.NDArray[np.floating],
    labels: npt.NDArray[np.bool_],
    l2: float = 1.0,
    iterations: int = 50,
) -> tuple[Vector, Vector, Vector, float]:
    """L2-regularised logistic regression by Newton's method: (mean, scale, weights, bias)."""
    data = np.asarray(features, dtype=np.float64)
    mean = data.mean(axis=0)
    scale = data.std(axis=0)
    scale[scale == 0] = 1.0
    x = np.hstack([(data - mean) / scale, np.ones((len(data), 1))])
    y = labels.astype(np.float64)
    theta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = _sigmoid(x @ theta)
        gradient = x.T @ (p - y) + penalty * theta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(theta))
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, theta[:-1], float(theta[-1])


def train_head(
    features: npt.NDArray[np.floating],
    labels: npt.NDArray[np.bool_],
    goals: npt.NDArray[np.int64],
    l2: float = 1.0,
    threshold: float = 0.5,
) -> Head:
    """Fit the head on labelled pairs; every goal starts with the same threshold."""
    mean, scale, weights, bias = fit_logistic(features, labels, l2)
    return Head(mean, scale, weights, bias, np.full(GOALS, threshold))
