"""One pass over the file contents for every analysis that reads all files.

Each analysis declares a :class:`Scanner` (which files, a gate, a pure per-file function)
and registers it; :func:`run_scan` reads each wanted file once, feeds every interested
scanner, spreads the work over processes and merges results in inventory order.
"""

from dpgkit.scan.engine import (
    PendingScan,
    Scanned,
    ScanProgress,
    available_cores,
    run_scan,
    start_scan,
)
from dpgkit.scan.registry import register, registered
from dpgkit.scan.scanner import Scanner, anchors

__all__ = [
    "PendingScan",
    "ScanProgress",
    "Scanned",
    "Scanner",
    "anchors",
    "available_cores",
    "register",
    "registered",
    "run_scan",
    "start_scan",
]
