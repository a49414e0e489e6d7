"""The fast matching of the secret scan finds exactly what the plain Python scan finds.

The scan gates each pattern with RE2, tries look-behind patterns only where a match can
start, and looks for random values only on the lines the entropy gate points at. These
tests compare each shortcut with the straightforward scan on generated texts.
"""

from __future__ import annotations

import random

import pytest

from dpgkit.inventory import FileEntry
from dpgkit.redact import SECRET_PATTERNS
from dpgkit.secrets import scan as secret_scan

_PIECES = (
    *("password", "PassWord", "pwd", "secret", "client_secret", "api-key", "apiKey", "TOKEN"),
    *("APİ_KEY", "paſſword", "tokKen", "db_пароль_password", "my.app-token", "x" * 70),
    *(" ", "\t", "\n", "\u00a0", "=", ":", ":=", "=>", '"', "'", "`", "(", ")", ",", ";", "#"),
    *("https://", "postgres://", "1http://", "user", "@", "/", "host.example.org", "é"),
    *("app:hunter22@", "://", "Redis+TLS://", "a" * 35),
    *("s3cr3t-Pa55", "q8Zr4Kx1Vb7Nw2Tm9Lp3Hs6Jd0Fg5Ya", "aBcDeFabcdefABCDEFaBcDeFabcdefABCD"),
    *("8818ed97-f238-4a9c-be90-19621af7edd5", "abc", "0123456789", "AKIAIOSFODNN7EXAMPLE"),
)


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_PIECES, k=rng.randint(5, 120))) for _ in range(count)]


@pytest.mark.parametrize("kind", ["assigned password or secret", "credentials in a URL"])
def test_look_behind_patterns_find_what_finditer_finds(kind: str) -> None:
    index, pattern = next((i, p) for i, (k, p) in enumerate(SECRET_PATTERNS) if k == kind)
    fast = secret_scan._detectors().run_starts.get(index)
    assert fast is not None, "the fast path must apply to the shipped pattern"
    for text in _texts(800, seed=index):
        expected = [m.span() for m in pattern.finditer(text)]
        found = [m.span() for m in secret_scan._run_start_matches(fast, pattern, text)]
        assert found == expected, text


def test_every_pattern_gate_opens_where_the_pattern_matches() -> None:
    for text in _texts(800, seed=7):
        opened = secret_scan._open_detectors(text)
        for index, (kind, pattern) in enumerate(SECRET_PATTERNS):
            if pattern.search(text):
                assert index in opened, (kind, text)


def test_entropy_values_are_found_on_the_gated_lines_alone() -> None:
    entries = [
        FileEntry(
            path="app/settings.py", size=1, language="Python", vendored=False, generated=False
        ),
        FileEntry(path="config/app.env", size=1, language=None, vendored=False, generated=False),
    ]

    def everywhere(entry: FileEntry, text: str) -> list[tuple[str, int, int, str]]:
        original = secret_scan._separator_matches
        secret_scan._separator_matches = secret_scan._VALUE_AFTER_SEPARATOR.finditer  # type: ignore[assignment]
        try:
            return list(secret_scan._entropy_hits(entry, text))
        finally:
            secret_scan._separator_matches = original  # type: ignore[assignment]

    found_any = False
    for text in _texts(800, seed=11):
        for entry in entries:
            expected = everywhere(entry, text)
            assert list(secret_scan._entropy_hits(entry, text)) == expected, text
            if expected:
                assert list(secret_scan._gated_lines(text)), text  # the gate saw a line
                found_any = True
    assert found_any


def test_the_key_before_a_value_is_what_the_key_pattern_finds() -> None:
    rng = random.Random(5)
    alphabet = ("db_", "PASSWORD", "key", ".", "-", "_", "9", "é", '"', "'", " ", "\t", "\n", "=")
    for _ in range(4000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 60))) + "=" + "x" * 20
        end = text.rindex("=")
        found = secret_scan._KEY_BEFORE.search(text, max(0, end - 90), end)
        expected = found.group("key") if found else None
        assert secret_scan._key_before(text, end) == expected, repr(text)
    long_key = "a" + "b" * 100
    for text in (long_key + " = ", "1" * 95 + "_k = ", "x\n" + "k" * 85 + "'\t= "):
        end = text.rindex("=")
        found = secret_scan._KEY_BEFORE.search(text, max(0, end - 90), end)
        assert secret_scan._key_before(text, end) == (found.group("key") if found else None)


def test_gated_lines_are_the_lines_of_every_gate_match() -> None:
    """The lines _gated_lines gives (searching on from each line's end) are exactly the
    lines of the entropy gate's matches, ASCII or not, several matches to a line or one."""
    import re

    gate = re.compile(secret_scan._ENTROPY_GATE)
    rng = random.Random(15)
    pieces = ["=", ": ", '"', "a1b2c3d4e5f6a7b8c9d0e1", "f" * 32, "\n", " ", "é", "x", "9" * 25]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        expected: list[tuple[int, int]] = []
        for match in gate.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start())
            line = (start, end if end != -1 else len(text))
            if line not in expected:
                expected.append(line)
        assert list(secret_scan._gated_lines(text)) == expected, text
