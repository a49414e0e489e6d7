"""Where the CPU time of one `dpg assess` goes, phase by phase and scanner by scanner.

CPU time (this process's user + system) is less sensitive to other work on the machine
than wall time, so these figures compare across runs taken under different loads. The
assessment runs in this process with one job (the scan pass in-process), through the
same `dpgkit.assess.assess`; each phase is timed by wrapping the function the pipeline
calls for it, and each scanner by wrapping its per-file function. The imports are timed
in a fresh interpreter (`import dpgkit.cli`, what `dpg` loads before any command runs).
Median of --rounds runs (each in a fresh process, so every cache starts cold).

Usage: .venv/bin/python bench/assess_phases.py PATH [PATH ...] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PHASES = (
    "imports",
    "inventory",
    "facts",
    "plan",
    "meanwhile",
    "scan",
    "probes",
    "rules",
    "sections",
    "redact",
    "total",
)


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: byte-compiled
    environment.setdefault("OPENBLAS_NUM_THREADS", "1")  # what `dpg` sets
    return environment


def _import_seconds() -> float:
    code = "import os; import dpgkit.cli; t = os.times(); print(t.user + t.system)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_environment()
    )
    return float(out.stdout.split()[-1])


def measure(path: Path) -> dict[str, Any]:
    """One assessment in this process: CPU seconds by phase and by scanner."""
    import dpgkit.cli  # noqa: F401 - what `dpg` imports first (the import phase is timed apart)
    from dpgkit import assess as pipeline
    from dpgkit.analysis import context as context_module
    from dpgkit.scan import engine
    from dpgkit.scan.scanner import Scanner, WorkerScanner

    phases: Counter[str] = Counter()
    scanners: Counter[str] = Counter()

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = _cpu()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] += _cpu() - started

        return wrapper

    def worker_part(scanner: Scanner[Any]) -> WorkerScanner:
        function = scanner.scan

        def scan(entry: Any, text: str) -> Any:
            started = _cpu()
            try:
                return function(entry, text)
            finally:
                scanners[scanner.name] += _cpu() - started

        return WorkerScanner(scanner.name, scan, scanner.gate, scanner.on_binary)

    patches = [
        (pipeline, "build_inventory", "inventory"),
        (pipeline, "gather_facts", "facts"),
        (pipeline, "run_probes", "probes"),
        (pipeline, "evaluate", "rules"),
        (pipeline, "collect_sections", "sections"),
        (pipeline, "redact_assessment_model", "redact"),
        (context_module, "start_scan", "plan"),
    ]
    for module, attribute, phase in patches:
        setattr(module, attribute, timed(phase, getattr(module, attribute)))
    engine.PendingScan.result = timed("scan", engine.PendingScan.result)  # type: ignore[method-assign]
    scan_files = context_module.ProbeContext.scan_files
    context_module.ProbeContext.scan_files = timed("scan_files", scan_files)  # type: ignore[method-assign]
    Scanner.worker_part = worker_part  # type: ignore[method-assign]

    started = _cpu()
    pipeline.assess(path, pipeline.AssessOptions(jobs=1))
    phases["total"] = _cpu() - started
    # What scan_files spent besides planning and the pass: the analyses derived meanwhile.
    phases["meanwhile"] = phases.pop("scan_files") - phases["plan"] - phases["scan"]
    return {"phases": dict(phases), "scanners": dict(scanners)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child: measure and print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(Path(args.one))))
        return
    load = os.getloadavg()
    print(
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; CPU seconds, median of {args.rounds}"
    )
    for path in args.paths:
        runs = []
        for _ in range(args.rounds):
            out = subprocess.run(
                [sys.executable, __file__, "--one", path],
                capture_output=True,
                text=True,
                check=True,
                env=_environment(),
            )
            runs.append(json.loads(out.stdout.splitlines()[-1]))
            runs[-1]["phases"]["imports"] = _import_seconds()
        print(f"{Path(path).name}:")
        for phase in _PHASES:
            value = statistics.median(run["phases"].get(phase, 0.0) for run in runs)
            if phase == "total":
                value += statistics.median(run["phases"]["imports"] for run in runs)
            print(f"  {phase:<10} {value:6.2f} s")
        names = sorted({name for run in runs for name in run["scanners"]})
        medians = {
            name: statistics.median(run["scanners"].get(name, 0.0) for run in runs)
            for name in names
        }
        for name, value in sorted(medians.items(), key=lambda item: -item[1]):
            print(f"    scanner {name:<20} {value:6.2f} s")
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
