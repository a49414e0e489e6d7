"""Offline classification of texts by Sustainable Development Goal (SDGs 1-17).

``load_classifier().classify(text)`` gives calibrated scores per goal, the predicted set,
the sentences that support each goal and the best matching UN targets.

The classifier (numpy, the model files) is imported on first use of these names, not with
the package: the assessment imports the package's numpy-free parts before its scan pass
forks worker processes that never classify.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dpgkit.sdg.classifier import Classification, GoalResult, SdgClassifier, load_classifier

__all__ = ["Classification", "GoalResult", "SdgClassifier", "load_classifier"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from dpgkit.sdg import classifier

        return getattr(classifier, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
