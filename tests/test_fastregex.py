"""Scans over every file use linear-time RE2; the shipped detectors must all compile in it."""

from __future__ import annotations

import re

from dpgkit.fastregex import compile_scanner, is_linear
from dpgkit.pii.signals import _combined, _data
from dpgkit.redact import _ALWAYS, _GATED, _PREFILTER, SECRET_PATTERNS, patterns_for


def test_shipped_detectors_run_on_re2() -> None:
    assert is_linear(_PREFILTER)
    for section in ("code", "documents"):
        assert is_linear(_combined(section)[0]), section
    # Credential formats run on RE2 behind the prefilter; the few with look-arounds always run.
    assert len(_GATED) >= 20 and len(_ALWAYS) <= 3
    assert set(_GATED) | set(_ALWAYS) == set(SECRET_PATTERNS)


def test_unsupported_syntax_falls_back_to_re() -> None:
    lookahead = compile_scanner(r"foo(?=bar)")
    assert isinstance(lookahead, re.Pattern)
    assert lookahead.search("xx foobar") is not None


def test_combined_signals_find_what_python_re_finds() -> None:
    text = "class Upload(models.Model):\n    photo = models.ImageField(upload_to='x')\n# consent given\n"
    fast, _labels = _combined("code")
    groups = [f"(?P<{n}>{'|'.join(b['patterns'])})" for n, b in _data()["code"].items()]
    slow = re.compile("|".join(groups), re.IGNORECASE)
    assert [(m.lastgroup, m.start()) for m in fast.finditer(text)] == [
        (m.lastgroup, m.start()) for m in slow.finditer(text)
    ]


def test_prefilter_never_misses_a_secret_a_pattern_finds() -> None:
    samples = [
        "AKIA" + "IOSFODNN7EXAMPLE",
        "token = 'ghp_" + "a" * 36 + "'",
        'DB_PASSWORD = "s3cr3t-Pa55"',
        "postgres://app:hunter22@db.example.org/app",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
        "пароль_password: 'тайна-секрет'",
    ]
    for sample in samples:
        matching = {name for name, p in SECRET_PATTERNS if p.search(sample)}
        assert matching, sample
        assert matching <= {name for name, _ in patterns_for(sample)}, sample
    assert patterns_for("def add(a, b):\n    return a + b\n") == _ALWAYS


def test_gates_open_wherever_python_matches_unicode_included() -> None:
    from dpgkit.fastregex import compile_gate, gate_source, literal_source

    cases = [
        (
            r"(?i)(?<![\w.-])[\w.-]{0,60}api[_-]?key\s*=\s*'(?P<s>\w{4,})",
            "clé_API_KEY\u00a0= 'ünï4'",
        ),
        (r"(?i)(?<![\w.-])[\w.-]{0,60}api[_-]?key\s*=\s*'(?P<s>\w{4,})", "APİ_KEY = 'abcd'"),
        (r"café\b", "un café noir"),  # a boundary after é: RE2 alone would not see it
        (r"(?m)^\d{3}$", "١٢٣"),  # Arabic-Indic digits are \d to Python
        (r"foo(?=bar)", "foobar"),
    ]
    for pattern, text in cases:
        assert re.search(pattern, text), pattern
        gate = compile_gate(pattern)
        assert gate is not None and is_linear(gate), gate_source(pattern)
        assert gate.search(text), (gate_source(pattern), text)
    assert compile_gate(r"(a)\1") is None  # a back-reference has no gate: always run
    word = compile_scanner(literal_source("private_key"))
    assert (
        word.search("PRİVATE_KEY") and word.search("private_Key") and not word.search("privatekey")
    )
