"""Build src/dpgkit/licenses/data/rules-index.json.gz from ScanCode's license rules.

Source: ScanCode's ``licensedcode/data`` (the PyPI package ``licensedcode-data``, or the copy
inside scancode-toolkit), CC-BY-4.0, nexB Inc. and others. Kept: the rules flagged license
notice, reference or tag whose expression is one license with an SPDX id, outside the bench's
test split (``scancode_rules.in_test_split``), normalised as ``licenses/rules.py`` reads
files, of MIN_WORDS to MAX_WORDS words; a text two rules give different licenses is dropped.

    .venv/bin/python tools/build_license_rules.py /path/to/licensedcode/data --version 32.5.0

The output is deterministic for a given rules release; commit it with the version.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from dpgkit.licenses.rules import FORMAT, MAX_WORDS, MIN_WORDS, RULES_FILE, rule_words  # noqa: E402
from scancode_rules import rules_corpus  # noqa: E402

OUTPUT = ROOT / "src" / "dpgkit" / "licenses" / "data" / RULES_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="ScanCode's licensedcode/data folder")
    parser.add_argument("--release", default="", help="the release the rules come from")
    args = parser.parse_args()
    version = args.release
    by_text: dict[str, set[tuple[str, str]]] = {}
    for kind, spdx, text, _name in rules_corpus(args.data, test=False):
        words = rule_words(text)
        if MIN_WORDS <= len(words) <= MAX_WORDS:
            by_text.setdefault(" ".join(words), set()).add((spdx, kind))
    rules = sorted(
        [text, *next(iter(found))]
        for text, found in by_text.items()
        if len({spdx for spdx, _kind in found}) == 1
    )
    payload = {
        "format": FORMAT,
        "source": {
            "name": "ScanCode licensedcode data",
            "version": version,
            "license": "CC-BY-4.0",
        },
        "rules": rules,
    }
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    OUTPUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{len(rules)} rules, {OUTPUT.stat().st_size / 1e6:.2f} MB -> {OUTPUT}")


if __name__ == "__main__":
    main()
