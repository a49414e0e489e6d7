"""Shannon entropy of a candidate value: random keys score high, words and paths low."""

from __future__ import annotations

import math
import re
from collections import Counter

_HEX = re.compile(r"^[0-9a-fA-F]+$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/=_-]+$")


def shannon_entropy(value: str) -> float:
    """Bits per character of value's own character distribution."""
    if not value:
        return 0.0
    counts = Counter(value)
    length = len(value)
    return -sum(count / length * math.log2(count / length) for count in counts.values())


def looks_random(value: str, min_length: int = 20) -> bool:
    """A long token with no spaces whose characters are spread like a random key's.

    Thresholds differ by alphabet: hex digits carry at most 4 bits a character, base64
    about 6, and short samples never reach the maximum. Values mixing letters and digits
    only: identifiers such as ``getUserProfileSettings`` are long but not random.
    """
    if len(value) < min_length or " " in value:
        return False
    if _HEX.match(value):
        return len(value) >= 32 and shannon_entropy(value) >= 3.0
    if not _BASE64.match(value):
        return False
    has_digit = any(char.isdigit() for char in value)
    has_upper = any(char.isupper() for char in value)
    has_lower = any(char.islower() for char in value)
    if not (has_digit and (has_upper or has_lower)):
        return False
    return shannon_entropy(value) >= (4.0 if len(value) < 40 else 4.3)
