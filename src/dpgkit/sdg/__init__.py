"""Offline classification of texts by Sustainable Development Goal (SDGs 1-17).

``load_classifier().classify(text)`` gives calibrated scores per goal, the predicted set,
the sentences that support each goal and the best matching UN targets.
"""

from dpgkit.sdg.classifier import Classification, GoalResult, SdgClassifier, load_classifier

__all__ = ["Classification", "GoalResult", "SdgClassifier", "load_classifier"]
