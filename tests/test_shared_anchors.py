"""SharedAnchors: one search for every code scanner's anchors answers what each family's
own AnchorIndex answers on the lower-cased text (the shortcut the code scanners rely on)."""

from __future__ import annotations

import random

from dpgkit.deps.closed import _code_detectors as closed_detectors
from dpgkit.deps.signals import _export_detector
from dpgkit.deps.sources import SHARED_ANCHORS, AnchorIndex, Detector, SharedAnchors
from dpgkit.fastregex import lowered
from dpgkit.standards.evidence import _code_detectors as standards_detectors


def _families() -> dict[str, dict[str, Detector]]:
    components, _, switches, _ = closed_detectors()
    return {
        "closed components": components,
        "provider switches": switches,
        "standards in code": standards_detectors()[0],
        "export code": {"export": _export_detector()},
    }


def _texts() -> list[str]:
    rng = random.Random(15)
    words: list[str] = []
    for detectors in _families().values():
        for detector in detectors.values():
            words += list(detector.anchors)
    # Letters whose lower-casing or case folding is not ASCII's: Turkish dotted I, Kelvin
    # sign, long s, German sharp s, and a few plain words.
    extra = ["İ", "K", "ſ", "ß", "ǅ", "import", "from", "é", "\n", " ", "Ω"]
    texts = []
    for _ in range(400):
        parts = [rng.choice(words + extra) for _ in range(rng.randint(0, 12))]
        text = " ".join(part.upper() if rng.random() < 0.3 else part for part in parts)
        texts.append(text)
    return texts


def test_shared_candidates_equal_each_family_index_on_lower_text() -> None:
    families = _families()
    indexes = {name: AnchorIndex(detectors) for name, detectors in families.items()}
    for text in _texts():
        for name, index in indexes.items():
            assert SHARED_ANCHORS.candidates(name, text) == index.candidates(text.lower()), (
                name,
                text,
            )
        assert lowered(text) == text.lower()  # the lower-cased text the detectors share


def test_a_family_added_later_is_searched_too() -> None:
    shared = SharedAnchors()
    shared.family("a", lambda: {"x": Detector([r"alpha\s+beta"])})
    assert shared.candidates("a", "ALPHA  beta") == {"x"}
    shared.family("b", lambda: {"y": Detector([r"gamma"])})
    assert shared.candidates("b", "a Gamma ray") == {"y"}
    assert shared.candidates("a", "a Gamma ray") == set()
