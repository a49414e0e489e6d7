"""The project license dpgkit finds in licensee's fixture projects, against licensee's answers.

    .venv/bin/python bench/licensee_fixtures.py /path/to/licensee/spec/fixtures

licensee (MIT, https://github.com/licensee/licensee) keeps small fixture projects under
``spec/fixtures`` with the license each holds in ``fixtures.yml``; the fixtures are not copied
here (clone licensee and pass the folder). Scored: every fixture whose key is a license (the
first license of dpgkit's project expression must be that license, ``-only``/``-or-later``
aside: licensee does not tell them apart), and the three license texts edited into other
licenses (licensee's ``other``), which must not be reported as the original. Fixtures keyed
``other``, ``no-license`` or nothing are listed, not scored.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dpgkit.assess import AssessOptions, assess  # noqa: E402

# licensee's "other" fixtures that hold an edited license text, and the license they edit.
MODIFIED = {
    "fcpl-modified-mpl": "mpl-2.0",
    "wrk-modified-apache": "apache-2.0",
    "pixar-modified-apache": "apache-2.0",
}


def family(spdx: str) -> str:
    return re.sub(r"(?:-only|-or-later|\+)$", "", spdx).lower()


def project_expression(folder: Path) -> tuple[str | None, str]:
    indicator = assess(folder, AssessOptions(types=[])).indicator("2")
    expression = next(
        (f.data["expression"] for f in indicator.findings if f.data.get("expression")), None
    )
    return expression, indicator.verdict.value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fixtures", type=Path, help="licensee's spec/fixtures folder")
    args = parser.parse_args()
    expected = yaml.safe_load((args.fixtures / "fixtures.yml").read_text(encoding="utf-8"))
    right = scored = 0
    for name in sorted(expected):
        key = (expected[name] or {}).get("key")
        expression, verdict = project_expression(args.fixtures / name)
        first = family(re.split(r"\s+(?:AND|OR|WITH)\s+", expression)[0]) if expression else None
        if name in MODIFIED:
            ok: bool | None = first != MODIFIED[name]
        elif key in (None, "other", "no-license"):
            ok = None
        else:
            ok = first == key
        if ok is not None:
            scored += 1
            right += ok
        mark = {True: "ok  ", False: "MISS", None: "    "}[ok]
        print(f"{mark} {name:<42} licensee: {key!s:<14} dpgkit: {expression} ({verdict})")
    print(f"\n{right}/{scored} fixtures right")


if __name__ == "__main__":
    main()
