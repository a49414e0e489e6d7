"""Whether a secret sits in live configuration or in tests, examples and documentation."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath


class SecretContext(StrEnum):
    LIVE = "live"  # configuration or code that runs: a leaked credential
    EXAMPLE = "example"  # tests, fixtures, samples, documentation, templates


_EXAMPLE_DIRS = frozenset(
    {
        "test",
        "tests",
        "testing",
        "spec",
        "specs",
        "__tests__",
        "__mocks__",
        "mocks",
        "fixtures",
        "fixture",
        "testdata",
        "test-data",
        "test_data",
        "example",
        "examples",
        "sample",
        "samples",
        "demo",
        "docs",
        "doc",
        "documentation",
        "e2e",
        "cypress",
        "stubs",
    }
)
_EXAMPLE_NAME = re.compile(
    r"(^|[._-])(example|examples|sample|template|dist|tpl|tmpl|test|tests|spec|mock|fake|dummy|demo)([._-]|$)"
    r"|^readme|\.md$|\.rst$|\.txt$|\.ipynb$",
    re.IGNORECASE,
)
_EXAMPLE_VALUE = re.compile(
    r"example|sample|dummy|fake|test|placeholder|changeme|change[_-]?me|your[_-]|insecure|xxxx|1234|"
    r"not[_-]?(?:a[_-]?)?(?:real|secret)|dev[_-]?only|for[_-]?(?:dev|development|testing)|do[_-]?not[_-]?use",
    re.IGNORECASE,
)


def secret_context(path: str, value: str | None = None) -> SecretContext:
    """EXAMPLE for test/sample/doc locations or values that say they are fake; else LIVE."""
    parts = PurePosixPath(path.lower()).parts
    if any(part in _EXAMPLE_DIRS for part in parts[:-1]):
        return SecretContext.EXAMPLE
    name = parts[-1] if parts else ""
    if _EXAMPLE_NAME.search(name) or name.startswith("test_") or "_test." in name:
        return SecretContext.EXAMPLE
    if value is not None and _EXAMPLE_VALUE.search(value):
        return SecretContext.EXAMPLE
    return SecretContext.LIVE
