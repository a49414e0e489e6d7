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


def secret_context(path: str, value: str | None = None) -> SecretContext:
    """EXAMPLE for test/sample/doc locations or values that say they are fake; else LIVE."""
    name = path.rpartition("/")[2]
    if (
        is_test_path(path)
        or is_example_path(path)
        or is_docs_path(path)
        or _SHOWN_NAME.search(name)
    ):
        return SecretContext.EXAMPLE
    if value is not None and _EXAMPLE_VALUE.search(value):
        return SecretContext.EXAMPLE
    return SecretContext.LIVE
