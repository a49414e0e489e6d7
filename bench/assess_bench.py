"""Benchmark: `dpg assess` on a large synthetic checkout against simply reading every file.

Builds a deterministic checkout (about 20,000 files, a few hundred MB, mixed text and
binary, committed with git) under .bench/, then in the same run times
  (a) the peer: `git ls-files -z | xargs -0 cat > /dev/null` (reading every tracked file), and
  (b) `dpg assess PATH --format json`,
alternating them and reporting the median of each, their ratio, and dpg's peak memory.

Usage: .venv/bin/python bench/assess_bench.py [--files 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
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


def timed(command: list[str], cwd: Path, shell: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        " ".join(command) if shell else command,
        cwd=cwd,
        shell=shell,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    target = ROOT / ".bench" / f"synthetic-{args.files}"
    started = time.perf_counter()
    build_checkout(target, args.files)
    total = sum(
        p.stat().st_size for p in target.rglob("*") if p.is_file() and ".git" not in p.parts
    )
    print(
        f"checkout: {args.files:,} files, {total / 1e6:.0f} MB (built in {time.perf_counter() - started:.1f} s)"
    )
    dpg = [sys.executable, "-m", "dpgkit", "assess", str(target), "--format", "json"]
    peer = ["git", "ls-files", "-z", "|", "xargs", "-0", "cat", ">", "/dev/null"]
    timed(peer, target, shell=True)  # warm the page cache for both
    peer_times, dpg_times, peaks = [], [], []
    for _ in range(args.rounds):
        peer_times.append(timed(peer, target, shell=True)[0])
        seconds, peak = timed(dpg, target)
        dpg_times.append(seconds)
        peaks.append(peak)
    peer_median, dpg_median = statistics.median(peer_times), statistics.median(dpg_times)
    print(
        f"read every tracked file (git ls-files | xargs cat): {peer_median:.2f} s (median of {args.rounds})"
    )
    print(
        f"dpg assess --format json:                          {dpg_median:.2f} s (median of {args.rounds})"
    )
    print(f"ratio dpg / read-all: {dpg_median / peer_median:.2f}")
    print(f"dpg peak memory: {max(peaks) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
