"""Count the redaction masks in the registry records `dpg nominate` writes (issue 21).

For every project of the calibration corpus (an INDEX.tsv: slug, repo, path, ...) it runs

    python -m dpgkit nominate PATH --allow-incomplete --out OUT/<slug>

with the given interpreter and source tree (--pythonpath, so two source trees can be
compared on the same clones), then counts ``[REDACTED]`` in the two registry records
(nominees/*.json and digitalpublicgoods/*.json; the provenance file is counted apart) and
prints each occurrence with its JSON path and the text around it, for checking by hand
that each one hides a real secret. The records never hold a secret: only masks are shown.
With --assessment it also runs ``dpg assess PATH --format json`` and counts the masks in
the assessment, which every report renders (only the count: reports quote many lines).

Usage:
  .venv/bin/python bench/redaction_count.py --pythonpath src --out /tmp/redact-after \\
      [--index /work/calib/INDEX.tsv] [--jobs 2] [--only slug,slug] [--timeout 900] \\
      [--assessment | --assessment-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MASK = "[REDACTED]"
_CONTEXT = 70


@dataclass
class Counted:
    slug: str
    status: str
    seconds: float
    records: int = 0  # masks in the nominee and screening records
    provenance: int = 0  # masks in the provenance file
    assessment: int | None = None  # masks in the assessment (--assessment)
    places: list[str] = field(default_factory=list)


def occurrences(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(JSON path, text around the mask) for every mask in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from occurrences(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from occurrences(item, f"{path}[{index}]")
    elif isinstance(value, str):
        start = value.find(MASK)
        while start != -1:
            around = value[max(0, start - _CONTEXT) : start + len(MASK) + _CONTEXT]
            yield path, around.replace("\n", " ")
            start = value.find(MASK, start + len(MASK))


def count(slug: str, folder: Path) -> tuple[int, int, list[str]]:
    records = 0
    places: list[str] = []
    for kind in ("nominees", "digitalpublicgoods"):
        for record in sorted((folder / kind).glob("*.json")):
            for path, around in occurrences(json.loads(record.read_text(encoding="utf-8"))):
                records += 1
                places.append(f"{slug}\t{kind}\t{path}\t{around}")
    provenance = sum(
        path.read_text(encoding="utf-8").count(MASK) for path in folder.glob("*.provenance.json")
    )
    return records, provenance, places


def _dpg(args: argparse.Namespace, *arguments: str) -> int | None:
    """Run dpg with the chosen interpreter and source tree; None on a timeout."""
    env = {**os.environ}
    if args.pythonpath:
        env["PYTHONPATH"] = str(Path(args.pythonpath).resolve())
    try:
        done = subprocess.run(
            [args.python, "-m", "dpgkit", *arguments],
            capture_output=True,
            env=env,
            timeout=args.timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    return done.returncode


def run(slug: str, checkout: Path, args: argparse.Namespace) -> Counted:
    out = Path(args.out) / slug
    shutil.rmtree(out, ignore_errors=True)
    start = time.monotonic()
    counted = Counted(slug, "ok", 0.0)
    if not args.assessment_only:
        code = _dpg(args, "nominate", str(checkout), "--allow-incomplete", "--out", str(out))
        if code not in (0, 1) or not out.is_dir():
            counted.status = "timeout" if code is None else f"exit {code}"
        else:
            counted.records, counted.provenance, counted.places = count(slug, out)
    if args.assessment or args.assessment_only:
        out.mkdir(parents=True, exist_ok=True)
        saved = out / "assessment.json"
        code = _dpg(args, "assess", str(checkout), "--format", "json", "-o", str(saved))
        if saved.is_file():
            counted.assessment = saved.read_text(encoding="utf-8").count(MASK)
        elif args.assessment_only:
            counted.status = "timeout" if code is None else f"exit {code}"
    counted.seconds = time.monotonic() - start
    return counted


def projects(index: Path, only: set[str]) -> dict[str, Path]:
    with index.open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if row and row[0] != "slug"]
    return {
        row[0]: Path(row[2])
        for row in rows
        if (not only or row[0] in only) and Path(row[2]).is_dir()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="/work/calib/INDEX.tsv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--pythonpath", default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--only", default="")
    parser.add_argument("--assessment", action="store_true")
    parser.add_argument("--assessment-only", action="store_true")
    args = parser.parse_args()
    chosen = projects(Path(args.index), {slug for slug in args.only.split(",") if slug})
    results: list[Counted] = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run, slug, path, args) for slug, path in chosen.items()]
        for number, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results.append(result)
            print(
                f"[{number}/{len(chosen)}] {result.slug}: {result.status} "
                f"{result.records} in records, {result.provenance} in provenance, "
                f"{result.assessment} in the assessment ({result.seconds:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
    results.sort(key=lambda item: item.slug)
    for result in results:
        for place in result.places:
            print(place)
    ok = [result for result in results if result.status == "ok"]
    with_masks = [result for result in ok if result.records]
    print(
        f"# {len(ok)}/{len(results)} projects nominated; {sum(r.records for r in ok)} masks "
        f"in the registry records of {len(with_masks)} projects; "
        f"{sum(r.provenance for r in ok)} in provenance files",
    )
    assessed = [result for result in ok if result.assessment is not None]
    if assessed:
        print(
            f"# {sum(r.assessment or 0 for r in assessed)} masks in {len(assessed)} assessments "
            f"({sum(1 for r in assessed if r.assessment)} with any)"
        )
        for result in assessed:
            print(f"# assessment\t{result.slug}\t{result.assessment}")
    for result in results:
        if result.status != "ok":
            print(f"# {result.slug}: {result.status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
