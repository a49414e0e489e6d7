"""Benchmark: dpgkit's committed-secret scan against detect-secrets, on real checkouts.

For each calibration project (clones listed in an INDEX.tsv: slug, repo, path, ...) it runs,
in the same run, dpgkit's scan (dpgkit.secrets.scan_secrets on the inventory, which is what
the committed_secrets probe and the 9A rule read) and ``detect-secrets scan`` (PyPI, run
in the checkout, git-tracked files), and prints per project:

  dpgkit: blocking findings (9A not_met when > 0), findings for review, matches dismissed
          as not secrets, seconds;  detect-secrets: findings, seconds.

With --labels it reads hand labels (TSV: slug, path, line, label real|not, why) and prints
each tool's precision on the labelled findings: the share a reviewer would call a real
secret. With --sample N it prints N findings of each tool to label (seeded, spread over
projects). Values are never printed by dpgkit (excerpts are masked); to label, read the
line in the checkout.

Usage:
  .venv/bin/python bench/secrets_bench.py [--index /work/calib/INDEX.tsv] [--only a,b]
      [--no-detect-secrets] [--labels bench/secrets_labels.tsv] [--sample 30 --seed 1]
      [--out findings.json] [--detect-secrets-cache DIR]
Timings are wall-clock on whatever else the machine is doing: compare within one run.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dpgkit.inventory import build_inventory
from dpgkit.secrets import scan_secrets

DEFAULT_INDEX = Path("/work/calib/INDEX.tsv")
DETECT_SECRETS = Path(sys.executable).with_name("detect-secrets")


@dataclass
class Found:
    tool: str
    slug: str
    path: str
    line: int
    kind: str
    blocking: bool = False
    excerpt: str = ""  # dpgkit's masked excerpt; empty for detect-secrets (it keeps no line)


@dataclass
class ProjectRun:
    slug: str
    dpgkit: list[Found] = field(default_factory=list)
    dpgkit_seconds: float = 0.0
    dismissed: Counter[str] = field(default_factory=Counter)
    detect: list[Found] | None = None
    detect_seconds: float = 0.0
    error: str = ""

    @property
    def blocking(self) -> int:
        return sum(found.blocking for found in self.dpgkit)


def projects(index: Path, only: set[str]) -> list[tuple[str, Path]]:
    with index.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (row["slug"], Path(row["path"]))
        for row in rows
        if (not only or row["slug"] in only) and Path(row["path"]).is_dir()
    ]


def run_dpgkit(slug: str, path: Path, run: ProjectRun) -> None:
    started = time.perf_counter()
    scan = scan_secrets(build_inventory(path))
    run.dpgkit_seconds = time.perf_counter() - started
    run.dismissed = Counter(scan.dismissed)
    run.dpgkit = [
        Found("dpgkit", slug, hit.path, hit.line, hit.kind, hit.blocking, hit.excerpt)
        for hit in scan.hits
    ]


def run_detect_secrets(
    slug: str, path: Path, run: ProjectRun, timeout: float, cache: Path | None
) -> None:
    cached = cache / f"{slug}.json" if cache else None
    started = time.perf_counter()
    try:
        if cached is not None and cached.exists():
            saved = json.loads(cached.read_text(encoding="utf-8"))
            results, seconds = saved["results"], saved["seconds"]
        else:
            completed = subprocess.run(
                [str(DETECT_SECRETS), "scan"],
                cwd=path,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
            results = json.loads(completed.stdout).get("results", {})
            seconds = time.perf_counter() - started
            if cached is not None:
                cached.write_text(json.dumps({"results": results, "seconds": seconds}))
    except (subprocess.TimeoutExpired, json.JSONDecodeError, OSError, KeyError) as error:
        run.error = f"detect-secrets: {type(error).__name__}"
        return
    run.detect_seconds = seconds
    run.detect = [
        Found("detect-secrets", slug, item["filename"], item["line_number"], item["type"])
        for items in results.values()
        for item in items
    ]


def load_labels(path: Path) -> dict[tuple[str, str, int], tuple[str, str]]:
    labels: dict[tuple[str, str, int], tuple[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            labels[(row["slug"], row["path"], int(row["line"]))] = (row["label"], row["why"])
    return labels


def precision(runs: list[ProjectRun], labels: dict[tuple[str, str, int], tuple[str, str]]) -> None:
    print("\nprecision on labelled findings (real / labelled):")
    for tool in ("dpgkit", "detect-secrets"):
        found = [
            item
            for run in runs
            for item in (run.dpgkit if tool == "dpgkit" else run.detect or [])
            if (item.slug, item.path, item.line) in labels
        ]
        real = [item for item in found if labels[(item.slug, item.path, item.line)][0] == "real"]
        share = f"{len(real) / len(found):.0%}" if found else "n/a"
        projects_seen = len({item.slug for item in found})
        print(f"  {tool:15} {len(real)}/{len(found)} = {share} ({projects_seen} projects)")
        if tool == "dpgkit":
            blocking = [item for item in found if item.blocking]
            real_blocking = [item for item in blocking if item in real]
            print(f"  {'  blocking only':15} {len(real_blocking)}/{len(blocking)}")


def sample(runs: list[ProjectRun], size: int, seed: int) -> None:
    """size findings of each tool, at most a few per project so that many projects count."""
    rng = random.Random(seed)
    for tool in ("dpgkit", "detect-secrets"):
        pools = [
            list(run.dpgkit if tool == "dpgkit" else run.detect or [])
            for run in runs
            if (run.dpgkit if tool == "dpgkit" else run.detect)
        ]
        for pool in pools:
            rng.shuffle(pool)
        picked: list[Found] = []
        while len(picked) < size and any(pools):
            for pool in pools:
                if pool and len(picked) < size:
                    picked.append(pool.pop())
        print(f"\nsample of {tool} findings to label:")
        for item in sorted(picked, key=lambda found: (found.slug, found.path, found.line)):
            print(f"  {item.slug}\t{item.path}\t{item.line}\t{item.kind}\t{item.excerpt[:80]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    parser.add_argument("--only", default="", help="comma-separated slugs")
    parser.add_argument("--no-detect-secrets", action="store_true")
    parser.add_argument("--detect-secrets-timeout", type=float, default=1800)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write every finding (no values) as JSON")
    parser.add_argument(
        "--detect-secrets-cache",
        type=Path,
        help="reuse (or save) detect-secrets results and times per project in this folder",
    )
    args = parser.parse_args()
    only = {slug for slug in args.only.split(",") if slug}
    use_detect = not args.no_detect_secrets and DETECT_SECRETS.exists()
    if not args.no_detect_secrets and not use_detect:
        print(f"detect-secrets not found at {DETECT_SECRETS}; pip install detect-secrets")
    runs: list[ProjectRun] = []
    print(f"{'project':40} {'block':>5} {'review':>6} {'dismiss':>7} {'dpg s':>6}", end="")
    print(f" {'d-s':>5} {'d-s s':>6}" if use_detect else "")
    for slug, path in projects(args.index, only):
        run = ProjectRun(slug)
        try:
            run_dpgkit(slug, path, run)
        except Exception as error:  # a bench keeps going; the error is reported
            run.error = f"dpgkit: {type(error).__name__}: {error}"
        if use_detect:
            run_detect_secrets(
                slug, path, run, args.detect_secrets_timeout, args.detect_secrets_cache
            )
        runs.append(run)
        review = len(run.dpgkit) - run.blocking
        line = f"{slug[:40]:40} {run.blocking:5} {review:6} {sum(run.dismissed.values()):7}"
        line += f" {run.dpgkit_seconds:6.1f}"
        if use_detect:
            count = "-" if run.detect is None else str(len(run.detect))
            line += f" {count:>5} {run.detect_seconds:6.1f}"
        print(line + (f"  ({run.error})" if run.error else ""), flush=True)
    not_met = sum(1 for run in runs if run.blocking)
    print(f"\n9A not_met from committed secrets: {not_met} of {len(runs)} projects")
    dismissed: Counter[str] = Counter()
    for run in runs:
        dismissed.update(run.dismissed)
    print("dismissed as not secrets:", ", ".join(f"{k} {v}" for k, v in dismissed.most_common()))
    dpg_total = sum(run.dpgkit_seconds for run in runs)
    print(f"dpgkit: {sum(len(run.dpgkit) for run in runs)} findings, {dpg_total:.0f} s")
    if use_detect:
        ds = [run for run in runs if run.detect is not None]
        ds_total = sum(run.detect_seconds for run in ds)
        ds_count = sum(len(run.detect or []) for run in ds)
        print(f"detect-secrets: {ds_count} findings on {len(ds)} projects, {ds_total:.0f} s")
    if args.labels:
        precision(runs, load_labels(args.labels))
    if args.sample:
        sample(runs, args.sample, args.seed)
    if args.out:
        rows = [asdict(item) for run in runs for item in [*run.dpgkit, *(run.detect or [])]]
        args.out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
