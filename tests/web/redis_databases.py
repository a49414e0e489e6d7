"""A Redis database of its own for each test that needs one.

Tests run at once under pytest-xdist, and each flushes its database and starts workers on
it: two tests on one database would see (and run) each other's jobs. Putting them in one
xdist group does not work with pytest 9.2 (xdist 3.8 renames items to group them through
`Item._nodeid`, which pytest 9.2's `nodeid` no longer reads), so they are kept apart by
database instead, whatever the scheduling. ``DPGKIT_TEST_REDIS_URL`` names the server (and
a default database); each test takes its own number on that server.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

_SERVER = os.environ.get("DPGKIT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

REVIEW_WORKER = 15
REGISTRY_SCAN_WORKERS = 14
REGISTRY_SCAN_KILLED_WORKER = 13


def redis_url(database: int) -> str:
    """The test server's URL with ``database`` as its database number."""
    return urlunsplit(urlsplit(_SERVER)._replace(path=f"/{database}"))
