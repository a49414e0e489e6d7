"""Benchmark: `dpg assess` against simply reading every file, on a synthetic checkout and
on real projects, at one worker and at every core.

For each checkout, in the same run and alternating (the median of --rounds is reported):
  (a) the peer: `git ls-files -z | xargs -0 cat > /dev/null` (reading every tracked file),
  (b) `dpg assess PATH --format json --jobs 1`, and
  (c) `dpg assess PATH --format json --jobs N` (N: the cores available, or --jobs),
with the ratios to (a) and the peak memory of dpg's process tree: the largest process
(ru_maxrss of the waited process and its workers) and the tree's summed PSS, sampled.
The JSON of (b) and (c) must be identical apart from timings; the bench says so per project.

The synthetic checkout (about 20,000 files, mixed text and binary, committed with git) is
built under .bench/ (the same checkout as the first version of this bench, so figures compare). Real projects are clones of the calibration
corpus (--calib, default: a `calib` folder beside the checkout or above it), by folder name.

Usage: .venv/bin/python bench/assess_bench.py [--files 20000] [--rounds 3]
           [--projects iaso,kolibri,opencrvs] [--calib DIR] [--jobs N] [--no-synthetic]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "water",
    "health",
    "school",
    "clinic",
    "map",
    "data",
    "record",
    "survey",
    "user",
    "place",
    "access",
    "ramp",
    "city",
    "district",
    "community",
    "report",
    "export",
    "import",
    "api",
    "model",
    "view",
    "test",
    "config",
    "build",
    "deploy",
    "open",
    "license",
]
EXTENSIONS = [".py", ".js", ".ts", ".md", ".json", ".yaml", ".html", ".css", ".go", ".java"]
DEFAULT_PROJECTS = "iaso,kolibri,opencrvs"


def build_checkout(target: Path, files: int, seed: int = 7) -> None:
    marker = target / ".complete"
    if marker.exists() and marker.read_text() == str(files):
        return
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(seed)
    (target / "src").mkdir(parents=True)
    (target / "README.md").write_text(
        "# Synthetic\n\n" + " ".join(rng.choices(WORDS, k=400)) + "\n"
    )
    (target / "LICENSE").write_text(
        "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"
    )
    for index in range(files - 2):
        folder = target / f"pkg{index % 40}" / f"mod{index % 13}"
        folder.mkdir(parents=True, exist_ok=True)
        if index % 10 == 0:  # one file in ten is binary, larger
            data = rng.randbytes(rng.randint(20_000, 200_000))
            (folder / f"asset{index}.bin").write_bytes(data)
        else:
            lines = [" ".join(rng.choices(WORDS, k=12)) for _ in range(rng.randint(20, 200))]
            suffix = EXTENSIONS[index % len(EXTENSIONS)]
            (folder / f"file{index}{suffix}").write_text("\n".join(lines) + "\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.org",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.org",
    }
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True, env=env)
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True, env=env)
    subprocess.run(
        ["git", "-C", str(target), "commit", "-q", "-m", "synthetic"], check=True, env=env
    )
    marker.write_text(str(files))


# -- measuring ----------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            found += [
                int(child)
                for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()
            ]
        except OSError:
            continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants (shared pages counted once)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pids, frontier = [self.pid], [self.pid]
            while frontier:
                frontier = [child for pid in frontier for child in _children(pid)]
                pids += frontier
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in pids))
            self.done.wait(0.02)


@dataclass
class Run:
    seconds: float
    max_rss_kib: int  # the largest process of the tree
    tree_pss_kib: int  # the tree, shared pages divided among the processes sharing them
    cpu_seconds: float = 0.0  # user + system time of the process and the workers it waited for


def _child_environment() -> dict[str, str]:
    """The bench's environment, except that Python may use its bytecode cache.

    An installed dpgkit runs from compiled modules (pip byte-compiles on install); with
    PYTHONDONTWRITEBYTECODE set and no cache, every run would compile all of dpgkit's
    sources again (about 0.6 s of CPU), which is not what a user's run costs.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def compile_dpgkit() -> None:
    """Byte-compile the dpgkit the measured runs import (as an install does)."""
    located = subprocess.run(
        [sys.executable, "-c", "import dpgkit, os; print(os.path.dirname(dpgkit.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        env=_child_environment(),
    ).stdout.strip()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", located], check=True, env=_child_environment()
    )


def timed(command: list[str], cwd: Path, shell: bool = False, watch: bool = False) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        " ".join(command) if shell else command,
        cwd=cwd,
        shell=shell,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_child_environment(),
    )
    monitor = TreeMemory(process.pid) if watch else None
    if monitor is not None:
        monitor.start()
    # wait4's usage covers the process and the workers it waited for: ru_maxrss is the
    # largest of them.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if monitor is not None:
        monitor.done.set()
        monitor.join()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command[0]} failed with status {status}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(elapsed, usage.ru_maxrss, monitor.peak_kib if monitor else 0, cpu)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _comparable(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stats"].pop("seconds", None)
    return json.dumps(data, sort_keys=True)


@dataclass
class Result:
    name: str
    files: int
    megabytes: float
    read: list[float] = field(default_factory=list)
    serial: list[Run] = field(default_factory=list)
    parallel: list[Run] = field(default_factory=list)
    identical: bool = True


def bench(
    name: str, path: Path, rounds: int, jobs: int, scratch: Path, before: bool = False
) -> Result:
    listed = subprocess.run(
        ["git", "-C", str(path), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.split(b"\0")
    sizes = [
        (path / os.fsdecode(rel)).stat().st_size
        for rel in listed
        if rel and (path / os.fsdecode(rel)).is_file()
    ]
    result = Result(name, len(sizes), sum(sizes) / 1e6)
    # A snapshot may lack its largest files (a partial checkout): cat skips them and xargs
    # says so with status 123, which is still a full read of what is there.
    peer = ["git", "ls-files", "-z", "|", "xargs", "-0", "cat", ">", "/dev/null", "2>&1"]
    peer += ["||", "[", "$?", "-eq", "123", "]"]
    timed(peer, path, shell=True)  # warm the page cache for all
    outputs = {}
    for index in range(rounds):
        result.read.append(timed(peer, path, shell=True).seconds)
        for count, runs in ((1, result.serial), (jobs, result.parallel)):
            out = scratch / f"{name}-{count}-{index}.json"
            command = [sys.executable, "-m", "dpgkit", "assess", str(path), "--format", "json"]
            # --before: a dpgkit from before --jobs existed (one process), for comparison.
            option = [] if before else ["--jobs", str(count)]
            runs.append(timed([*command, *option, "-o", str(out)], path, watch=True))
            outputs.setdefault(count, []).append(_comparable(out))
    result.identical = len({*outputs[1], *outputs[jobs]}) == 1
    return result


def report(result: Result, jobs: int) -> None:
    read = statistics.median(result.read)
    serial = statistics.median(run.seconds for run in result.serial)
    parallel = statistics.median(run.seconds for run in result.parallel)
    runs = result.serial + result.parallel
    rss = max(run.max_rss_kib for run in runs) / 1024
    pss = max(run.tree_pss_kib for run in runs) / 1024
    print(f"{result.name}: {result.files:,} tracked files, {result.megabytes:.0f} MB")
    print(f"  read every tracked file: {read:6.2f} s")
    serial_cpu = statistics.median(run.cpu_seconds for run in result.serial)
    parallel_cpu = statistics.median(run.cpu_seconds for run in result.parallel)
    print(
        f"  dpg assess --jobs 1:     {serial:6.2f} s  ({serial / read:5.1f}x read)"
        f"  CPU {serial_cpu:.2f} s"
    )
    print(
        f"  dpg assess --jobs {jobs}:     {parallel:6.2f} s  ({parallel / read:5.1f}x read)"
        f"  CPU {parallel_cpu:.2f} s"
    )
    print(f"  peak memory: largest process {rss:.0f} MiB, process tree (PSS) {pss:.0f} MiB")
    print(f"  JSON identical at 1 and {jobs} jobs (timings aside): {result.identical}")


def _calib(given: str | None) -> Path | None:
    if given:
        return Path(given)
    for parent in ROOT.parents:
        if (parent / "calib").is_dir():
            return parent / "calib"
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--projects", default=DEFAULT_PROJECTS, help="calibration folder names")
    parser.add_argument("--calib", default=None, help="the folder holding the clones")
    parser.add_argument("--jobs", type=int, default=available_cores())
    parser.add_argument("--no-synthetic", action="store_true")
    parser.add_argument(
        "--before", action="store_true", help="the dpgkit on PYTHONPATH predates --jobs"
    )
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{available_cores()} cores; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    if load[0] > available_cores() * 0.75:
        print("  (the machine is busy: figures are taken under load)")
    compile_dpgkit()
    checkouts: list[tuple[str, Path]] = []
    if not args.no_synthetic:
        target = ROOT / ".bench" / f"synthetic-{args.files}"
        started = time.perf_counter()
        build_checkout(target, args.files)
        print(f"synthetic checkout ready in {time.perf_counter() - started:.1f} s")
        checkouts.append((f"synthetic-{args.files}", target))
    calib = _calib(args.calib)
    for name in filter(None, args.projects.split(",")):
        if calib is None or not (calib / name / ".git").exists():
            print(f"{name}: no clone found (--calib), skipped")
            continue
        checkouts.append((name, calib / name))
    with tempfile.TemporaryDirectory(prefix="dpg-bench-") as scratch:
        for name, path in checkouts:
            result = bench(name, path, args.rounds, args.jobs, Path(scratch), args.before)
            report(result, args.jobs)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
