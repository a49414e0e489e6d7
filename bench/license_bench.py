"""License identification benchmark: accuracy on every SPDX text and variants, speed vs ScanCode.

    .venv/bin/python bench/license_bench.py                 # whole corpus, ScanCode on a sample
    .venv/bin/python bench/license_bench.py --scancode-sample 0   # skip ScanCode

Corpus: the SPDX texts of the npm package ``spdx-license-list`` (CC0), taken from
``--spdx DIR`` (an unpacked package) or fetched with ``npm pack`` into .bench/. Expected
answer for each text: its own id, or a twin this script declares: ids whose texts are equal
once normalised (GPL-3.0-only / GPL-3.0-or-later, OFL-1.1 / OFL-1.1-RFN ...) and deprecated
ids with their current form (GPL-3.0 -> GPL-3.0-only).

Groups: ``plain`` (the text as published) and variants: ``copyright`` (placeholders filled
and a copyright line added), ``reflow-60`` / ``reflow-100`` (paragraphs re-wrapped),
``markdown`` (heading, emphasis, links, bullets), ``preamble`` (a project sentence first).
Top-1 = the match covering most of the file.

Notices and references (``--rules DIR``, ScanCode's ``licensedcode/data`` folder: the PyPI
package ``licensedcode-data`` or the one inside scancode-toolkit; rules under CC-BY-4.0 by
nexB and others): every rule flagged ``is_license_notice``, ``is_license_reference`` or
``is_license_tag`` whose expression is one license with an SPDX id (from its license file's
``spdx_license_key``), not deprecated, false positive, required phrase, intro or clue. Rules
are split by a hash of their file name (``in_test_split``, one in five): only the test split
is scored here, and anything built from the rules must use the other four. Each rule's text
(``{{ }}`` markers removed) is read as ``dpg license identify`` reads a file; top-1 = the
first license of its answer, deprecated ids in their current form, equal to the rule's.
ScanCode has these very rules in its index, so its accuracy on them is by construction; the
comparison is of speed.

ScanCode toolkit is installed from PyPI into .bench/scancode-venv (``pluggy<1.6``) and run
single-process on a deterministic sample of the same files (it manages a few files per
second, so the whole corpus would take an hour); both tools are timed end to end as command
lines on the same files, and in-process for ours.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "tools"))

from dpgkit.cli.license import identify_license  # noqa: E402
from dpgkit.licenses.expressions import parse_expression  # noqa: E402
from dpgkit.licenses.index import LicenseIndex, load_index  # noqa: E402
from dpgkit.licenses.matcher import LicenseMatch, identify_text  # noqa: E402
from scancode_rules import RULE_KINDS, find_rules, rules_corpus  # noqa: E402

BENCH = ROOT / ".bench"
SCANCODE_VENV = BENCH / "scancode-venv"
DPG = ROOT / ".venv" / "bin" / "dpg"

_PLACEHOLDER_YEAR = re.compile(r"<\s*year\s*>|\[yyyy\]|\[year\]|\byyyy\b|\bYEAR\b", re.IGNORECASE)
_PLACEHOLDER_NAME = re.compile(
    r"<\s*(?:copyright holders?|owner|author|name of author|organization)\s*>|"
    r"\[(?:fullname|name of copyright owner|copyright holders?)\]|\bAUTHOR\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>)\"]+")


def spdx_package(given: Path | None) -> Path:
    if given:
        return given
    for candidate in (Path("/tmp/spdx/package"), BENCH / "spdx" / "package"):
        if (candidate / "licenses").is_dir():
            return candidate
    target = BENCH / "spdx"
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "pack", "spdx-license-list", "--silent"], cwd=target, check=True)
    with tarfile.open(next(target.glob("spdx-license-list-*.tgz"))) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


# -- variants -----------------------------------------------------------------
def with_copyright(text: str) -> str:
    text = _PLACEHOLDER_YEAR.sub("2024", text)
    text = _PLACEHOLDER_NAME.sub("Example Org", text)
    if "copyright" not in text[:300].lower():
        text = "Copyright (c) 2019-2024 Example Org and contributors\n\n" + text
    return text


def paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def reflow(width: int) -> Callable[[str], str]:
    def apply(text: str) -> str:
        return "\n\n".join(
            textwrap.fill(" ".join(block.split()), width=width, break_on_hyphens=False)
            for block in paragraphs(text)
        )

    return apply


def markdown(text: str) -> str:
    blocks = paragraphs(text)
    out = []
    for number, block in enumerate(blocks):
        block = _URL.sub(lambda match: f"[{match.group(0)}]({match.group(0)})", block)
        lines = block.strip().split("\n")
        if number == 0 and len(lines) == 1 and len(block) < 80:
            out.append(f"# {block.strip()}")
            continue
        first, _, rest = lines[0].strip().partition(" ")
        if re.fullmatch(r"\d+\.|\([a-z0-9]+\)|[a-z]\.", first):
            out.append("- " + " ".join([first, rest, *lines[1:]]).strip())
        elif len(lines) == 1 and len(block) < 70:
            out.append(f"## {block.strip()}")
        else:
            head = block.split(" ", 3)
            out.append(
                f"**{' '.join(head[:3])}** {head[3]}" if len(head) == 4 else f"*{block.strip()}*"
            )
    return "\n\n".join(out) + "\n"


def with_preamble(text: str) -> str:
    return (
        "Example Project\n\nThis project is distributed under the terms below. "
        "Please read them before you use it.\n\n" + text
    )


VARIANTS: dict[str, Callable[[str], str]] = {
    "copyright": with_copyright,
    "reflow-60": reflow(60),
    "reflow-100": reflow(100),
    "markdown": markdown,
    "preamble": with_preamble,
}


# -- scoring ------------------------------------------------------------------
def accepted(index: LicenseIndex, spdx: str) -> set[str]:
    found = index.twins(spdx)
    current = index.licenses[spdx].deprecated_for if spdx in index.licenses else None
    if current and current in index.licenses:
        found |= index.twins(current)
    return found


def top1(matches: list[LicenseMatch]) -> str | None:
    if not matches:
        return None
    return max(matches, key=lambda match: (match.end_line - match.start_line, match.score)).spdx


def run_ours(files: list[tuple[str, str, str]]) -> tuple[list[str | None], float]:
    predictions = []
    started = time.perf_counter()
    for _group, _spdx, text in files:
        predictions.append(top1(identify_text(text)))
    return predictions, time.perf_counter() - started


# -- ScanCode -----------------------------------------------------------------
def ensure_scancode(venv: Path = SCANCODE_VENV) -> Path:
    scancode = venv / "bin" / "scancode"
    if not scancode.exists():
        print(f"installing scancode-toolkit into {venv} (a few minutes)...")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "scancode-toolkit", "pluggy<1.6"],
            check=True,
        )
    return scancode


def scancode_predictions(scancode: Path, folder: Path) -> tuple[dict[str, list[str]], float]:
    output = folder.parent / f"{folder.name}-scancode.json"
    started = time.perf_counter()
    subprocess.run(
        [
            str(scancode),
            "-l",
            "-n",
            "1",
            "--quiet",
            "--timeout",
            "300",
            "--json",
            str(output),
            str(folder),
        ],
        check=True,
    )
    seconds = time.perf_counter() - started
    found: dict[str, list[str]] = {}
    for item in json.loads(output.read_text(encoding="utf-8"))["files"]:
        if item.get("type") != "file":
            continue
        # Order by matched length: the top-1 is the detection covering most of the file.
        detections = sorted(
            item.get("license_detections") or [],
            key=lambda d: -sum(m.get("matched_length", 0) for m in d.get("matches", [])),
        )
        found[Path(item["path"]).name] = [
            d.get("license_expression_spdx") or "" for d in detections
        ]
    return found, seconds


# -- notices and references: ScanCode's rules (tools/scancode_rules.py) -----------------
def current(expression: str) -> str:
    parsed = parse_expression(expression)
    return parsed.keys[0] if parsed.valid and parsed.keys else expression


def bench_rules(args: argparse.Namespace) -> None:
    data = find_rules(args.rules, args.scancode_venv)
    if data is None:
        print("\nnotices and references: no ScanCode rules (--rules DIR); skipped")
        return
    corpus = rules_corpus(data)
    started = time.perf_counter()
    answers = [identify_license(text)["spdx"] for _kind, _spdx, text, _name in corpus]
    seconds = time.perf_counter() - started
    print(f"\nnotices and references: ScanCode rules, test split ({data})")
    print(f"{'kind':<12}{'files':>7}{'top-1':>9}{'answered':>10}")
    misses = []
    total_right = 0
    for kind in (*RULE_KINDS, "all"):
        rows = [
            (item, answer)
            for item, answer in zip(corpus, answers, strict=True)
            if kind in {"all", item[0]}
        ]
        right = sum(1 for item, a in rows if a and current(str(a)) == current(item[1]))
        answered = sum(1 for _item, a in rows if a)
        if kind == "all":
            total_right = right
        else:
            misses += [
                (item, a) for item, a in rows if not (a and current(str(a)) == current(item[1]))
            ]
        if rows:
            print(f"{kind:<12}{len(rows):>7}{right / len(rows):>9.2%}{answered / len(rows):>10.2%}")
    print(
        f"in-process: {len(corpus) / seconds:,.0f} files/s ({len(corpus)} files, {seconds:.1f} s)"
    )
    for (kind, spdx, text, name), answer in random.Random(3).sample(
        misses, min(args.show_errors, len(misses))
    ):
        print(f"  miss [{kind}] {name} {spdx} -> {answer}: {' '.join(text.split())[:90]}")
    if args.scancode_sample <= 0 or not corpus:
        return
    scancode = ensure_scancode(args.scancode_venv)
    sample = random.Random(11).sample(corpus, min(args.scancode_sample, len(corpus)))
    folder = BENCH / "rules-sample"
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for number, (_kind, _spdx, text, _name) in enumerate(sample):
        (folder / f"{number:04d}.txt").write_text(text, encoding="utf-8")
    theirs, sc_seconds = scancode_predictions(scancode, folder)
    started = time.perf_counter()
    ours = [identify_license(text)["spdx"] for _kind, _spdx, text, _name in sample]
    our_seconds = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dpgkit", "license", "identify", "--format", "json"]
        + [str(folder / f"{number:04d}.txt") for number in range(len(sample))],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    our_cli_seconds = time.perf_counter() - started
    sc_right = sum(
        1
        for number, (_kind, spdx, _text, _name) in enumerate(sample)
        if (found := theirs.get(f"{number:04d}.txt")) and current(found[0]) == current(spdx)
    )
    our_right = sum(
        1
        for a, (_k, spdx, _t, _n) in zip(ours, sample, strict=True)
        if a and current(str(a)) == current(spdx)
    )
    n = len(sample)
    print(f"\nScanCode on {n} rules of the test split (seed 11; its index holds them):")
    print(f"{'tool':<22}{'files/s':>10}{'top-1':>9}")
    print(f"{'dpgkit (in-process)':<22}{n / our_seconds:>10.1f}{our_right / n:>9.2%}")
    print(f"{'dpgkit (CLI)':<22}{n / our_cli_seconds:>10.1f}{our_right / n:>9.2%}")
    print(f"{'ScanCode -n 1 (CLI)':<22}{n / sc_seconds:>10.2f}{sc_right / n:>9.2%}")
    print(f"speed ratio (CLI, end to end): {sc_seconds / our_cli_seconds:.1f}x")
    print(f"overall top-1 on the split: dpgkit {total_right}/{len(corpus)}")


def spdx_keys(expression: str) -> set[str]:
    return set(re.findall(r"[A-Za-z0-9.+-]+", expression)) - {"AND", "OR", "WITH"}


def main() -> None:
    parser = argparse.ArgumentParser(description="License identification benchmark")
    parser.add_argument("--spdx", type=Path, help="unpacked spdx-license-list package")
    parser.add_argument(
        "--scancode-sample", type=int, default=120, help="files for ScanCode (0: skip)"
    )
    parser.add_argument("--show-errors", type=int, default=10)
    parser.add_argument(
        "--rules", type=Path, help="ScanCode's licensedcode/data (default: the ScanCode venv's)"
    )
    parser.add_argument(
        "--scancode-venv", type=Path, default=SCANCODE_VENV, help="venv with scancode-toolkit"
    )
    parser.add_argument("--only", choices=["texts", "rules"], help="run one corpus (default: both)")
    args = parser.parse_args()
    if args.only == "rules":
        bench_rules(args)
        return

    package = spdx_package(args.spdx)
    started = time.perf_counter()
    index = load_index()
    load_seconds = time.perf_counter() - started
    corpus = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))["licenseText"]
        for path in sorted((package / "licenses").glob("*.json"))
    }
    files: list[tuple[str, str, str]] = [("plain", spdx, text) for spdx, text in corpus.items()]
    for group, make in VARIANTS.items():
        files.extend((group, spdx, make(text)) for spdx, text in corpus.items())

    predictions, seconds = run_ours(files)
    print(
        f"dpgkit license matcher: {len(index.templates)} templates, index loaded in {load_seconds * 1000:.0f} ms"
    )
    print(f"{'group':<12}{'files':>7}{'top-1':>9}")
    errors: list[tuple[str, str, str | None]] = []
    groups = ["plain", *VARIANTS]
    totals = {"variants": [0, 0]}
    for group in groups:
        rows = [(f, p) for f, p in zip(files, predictions, strict=True) if f[0] == group]
        right = sum(1 for (_, spdx, _), p in rows if p in accepted(index, spdx))
        errors.extend(
            (group, spdx, p) for (_, spdx, _), p in rows if p not in accepted(index, spdx)
        )
        print(f"{group:<12}{len(rows):>7}{right / len(rows):>9.2%}")
        if group != "plain":
            totals["variants"][0] += right
            totals["variants"][1] += len(rows)
    right, count = totals["variants"]
    print(f"{'variants':<12}{count:>7}{right / count:>9.2%}")
    print(f"in-process: {len(files) / seconds:,.0f} files/s ({len(files)} files, {seconds:.1f} s)")
    for group, spdx, predicted in errors[: args.show_errors]:
        print(f"  miss [{group}] {spdx} -> {predicted}")

    if args.only != "texts":
        bench_rules(args)
    if args.scancode_sample <= 0:
        return
    scancode = ensure_scancode(args.scancode_venv)
    sample = random.Random(7).sample(files, min(args.scancode_sample, len(files)))
    folder = BENCH / "sample"
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, (group, spdx, text) in enumerate(sample):
        name = f"{number:04d}-{group}-{spdx}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    print(f"\nScanCode comparison on {len(sample)} files sampled from all groups (seed 7):")
    warm = folder.parent / "warm"
    warm.mkdir(exist_ok=True)
    (warm / "LICENSE").write_text(corpus["MIT"], encoding="utf-8")
    scancode_predictions(scancode, warm)  # builds ScanCode's license cache, not timed
    theirs, sc_seconds = scancode_predictions(scancode, folder)
    started = time.perf_counter()
    completed = subprocess.run(
        [str(DPG), "license", "identify", "--format", "json", *[str(folder / n) for n in names]],
        check=True,
        capture_output=True,
        text=True,
    )
    our_cli_seconds = time.perf_counter() - started
    our_cli = {Path(item["path"]).name: item for item in json.loads(completed.stdout)}
    ours_right = sc_right = agree = 0
    sc_misses: list[str] = []
    for name, (_group, spdx, _text) in zip(names, sample, strict=True):
        expected = accepted(index, spdx)
        our_expression = our_cli[name]["spdx"] or ""
        our_ok = bool(spdx_keys(our_expression) & expected)
        detections = theirs.get(name, [])
        sc_ok = bool(detections) and bool(spdx_keys(detections[0]) & expected)
        ours_right += our_ok
        sc_right += sc_ok
        agree += our_ok == sc_ok
        if not sc_ok and len(sc_misses) < args.show_errors:
            sc_misses.append(f"  ScanCode miss {name} -> {detections[:2]}")
        if not our_ok:
            sc_misses.append(f"  dpgkit miss {name} -> {our_expression or None}")
    n = len(sample)
    print(f"{'tool':<22}{'files/s':>10}{'top-1':>9}")
    print(f"{'dpgkit (CLI)':<22}{n / our_cli_seconds:>10.1f}{ours_right / n:>9.2%}")
    print(f"{'ScanCode -n 1':<22}{n / sc_seconds:>10.2f}{sc_right / n:>9.2%}")
    print(f"speed ratio (CLI, end to end): {sc_seconds / our_cli_seconds:.1f}x")
    in_process = len(files) / seconds
    print(f"speed ratio (in-process):      {in_process / (n / sc_seconds):.1f}x")
    print(f"agreement (both right or both wrong): {agree / n:.2%}")
    print("\n".join(sc_misses))


if __name__ == "__main__":
    main()
