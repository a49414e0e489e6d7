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
