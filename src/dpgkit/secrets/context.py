"""Whether a secret sits in live configuration or in tests, examples and documentation."""

from __future__ import annotations

import re
from enum import StrEnum

from dpgkit.inventory.classify import is_docs_path, is_example_path, is_test_path


class SecretContext(StrEnum):
    LIVE = "live"  # configuration or code that runs: a leaked credential
    EXAMPLE = "example"  # tests, fixtures, samples, documentation, templates


# Beyond tests, examples and docs (dpgkit.inventory.classify): prose and notebooks show
# values to readers; a "template" or "dist" file is a copy to fill in.
_SHOWN_NAME = re.compile(
    r"(^|[._-])(test|tests|spec)([._-]|$)|^readme|\.md$|\.rst$|\.txt$|\.ipynb$", re.IGNORECASE
)
_EXAMPLE_VALUE = re.compile(
    r"example|sample|dummy|fake|test|placeholder|changeme|change[_-]?me|your[_-]|insecure|xxxx|1234|"
    r"not[_-]?(?:a[_-]?)?(?:real|secret)|dev[_-]?only|for[_-]?(?:dev|development|testing)|do[_-]?not[_-]?use",
    re.IGNORECASE,
)
# Words of folder and file names that mark tests, samples and API collections beyond the
# inventory's folder names: Gradle's intTest, system-test, e2e-test, sample-certificates,
# example-certs, postman/, seeds/, perf/ (load tests). Names are split into words so that
# words inside longer words (attestation, contest, exemplary) never count.
_TEST_WORDS = frozenset(
    {
        *("test", "tests", "testing", "inttest", "e2e", "spec", "specs", "fixture"),
        *("fixtures", "mock", "mocks", "stub", "stubs", "sample", "samples", "example"),
        *("examples", "demo", "demos", "tutorial", "tutorials", "seed", "seeds", "seeders"),
        *("postman", "insomnia", "jmeter", "perf", "loadtest", "cypress", "playwright"),
        *("testdata", "qa", "simulation", "dummy", "fake", "template", "templates"),
    }
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(name: str) -> list[str]:
    """Lower-case words of a name: ``intTest`` -> [int, test]; ``testca-dev`` -> [testca, dev]."""
    return [word.lower() for word in _WORD.findall(name)]


def path_words(path: str) -> set[str]:
    """Every word of every folder and of the file name, and each whole name."""
    found: set[str] = set()
    for part in path.split("/"):
        found.update(words(part))
        found.add(part.lower().lstrip("."))
    return found


def is_test_place(path: str) -> bool:
    """Tests, fixtures, samples, demos, API collections: values there are shown, not used."""
    return bool(path_words(path) & _TEST_WORDS)


def secret_context(path: str, value: str | None = None) -> SecretContext:
    """EXAMPLE for test/sample/doc locations or values that say they are fake; else LIVE."""
    name = path.rpartition("/")[2]
    if (
        is_test_path(path)
        or is_example_path(path)
        or is_docs_path(path)
        or _SHOWN_NAME.search(name)
        or is_test_place(path)
    ):
        return SecretContext.EXAMPLE
    if value is not None and _EXAMPLE_VALUE.search(value):
        return SecretContext.EXAMPLE
    return SecretContext.LIVE


# The author says, beside the value, that it is a test or sample credential ("The above are
# test keys and need to be replaced before going to production"). Such a value is kept for
# review, never called a live leak: the words are the author's own, a reviewer reads them.
_DECLARED_EXAMPLE = re.compile(
    r"\b(?:test|testing|sample|dummy|demo|example|fake)\s+(?:keys?|credentials?|secrets?|"
    r"tokens?|passwords?|certificates?)\b|\breplaced?\b[^\n]{0,60}\bbefore\b[^\n]{0,40}"
    r"\bproduction\b|\bnot\s+(?:for|in)\s+production\b|\bfor\s+testing\s+(?:purposes\s+)?only\b|"
    r"\bdo\s+not\s+use\s+(?:it\s+|this\s+|these\s+)?in\s+production\b",
    re.IGNORECASE,
)
_NEARBY_LINES = 3
_NEARBY_CHARS = 400


def declared_example(text: str, start: int, end: int) -> bool:
    """Whether the lines around ``text[start:end]`` (three on each side) call it a test or
    sample credential."""
    lines = _NEARBY_LINES + 1  # the value's own line and three more
    before = text[max(0, start - _NEARBY_CHARS) : start].split("\n")[-lines:]
    after = text[end : end + _NEARBY_CHARS].split("\n")[:lines]
    window = "\n".join(before) + " " + "\n".join(after)
    return _DECLARED_EXAMPLE.search(window) is not None
