"""Build src/dpgkit/licenses/data/spdx-index.json.gz from the SPDX license texts.

Source: the npm package ``spdx-license-list`` (CC0-1.0, by Sindre Sorhus), which carries
the text of every SPDX license as ``licenses/<ID>.json``. To rebuild:

    cd /tmp && npm pack spdx-license-list && tar xzf spdx-license-list-*.tgz
    .venv/bin/python tools/build_license_index.py /tmp/package

(without an argument the script runs ``npm pack`` itself in a temporary folder). The output
is deterministic for a given package version; commit it with the version in the message.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from license_expression import ExpressionError, get_spdx_licensing

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dpgkit.licenses.index import FORMAT, INDEX_FILE, shingles  # noqa: E402
from dpgkit.licenses.normalize import normalize  # noqa: E402

OUTPUT = ROOT / "src" / "dpgkit" / "licenses" / "data" / INDEX_FILE
ANCHORS_PER_TEMPLATE = 32
# Where an optional tail starts (normalised words): the GNU and Apache "how to apply"
# appendices and the Creative Commons trailer. Texts holding one also get a template
# without it, since license files are found both with and without.
OPTIONAL_TAILS = (
    "end of terms and conditions",
    "appendix how to apply the apache license to your work",
    "how to apply these terms to your new programs",
    "how to apply these terms to your new libraries",
    "creative commons is not a party to this license",
    "creative commons is not a party to its public licenses",
)

# A license text that carries another one after it: the SPDX LGPL-3.0 text is followed by
# the whole GPL-3.0, while COPYING.LESSER files hold the LGPL part alone.
EMBEDDED_LICENSE_STARTS = ("gnu general public license version 3 29 june 2007",)
MIN_CORE_WORDS = 150


def fetch_package(workdir: Path) -> Path:
    subprocess.run(["npm", "pack", "spdx-license-list", "--silent"], cwd=workdir, check=True)
    archive = next(workdir.glob("spdx-license-list-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def current_form(spdx: str) -> str | None:
    """The current SPDX expression for a deprecated id (GPL-2.0+ -> GPL-2.0-or-later)."""
    try:
        rendered = str(get_spdx_licensing().parse(spdx).render())
    except ExpressionError:
        return None
    return rendered if rendered != spdx else None


def preference(spdx: str, deprecated: bool) -> tuple[bool, bool, int, str]:
    return (deprecated, spdx.endswith(("-or-later", "+")), len(spdx), spdx)


def cut_optional_tail(words: list[str]) -> list[str] | None:
    text = " ".join(words)
    cuts = [text.find(marker) for marker in OPTIONAL_TAILS]
    cut = min((position for position in cuts if position > len(text) // 2), default=-1)
    embedded = [text.find(marker) for marker in EMBEDDED_LICENSE_STARTS]
    cut = min((position for position in [cut, *embedded] if position > 0), default=-1)
    if cut <= 0 or len(text[:cut].split()) < MIN_CORE_WORDS:
        return None
    return text[:cut].split()


def build(package: Path) -> dict[str, object]:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    licenses: dict[str, dict[str, object]] = {}
    texts: dict[str, list[str]] = {}  # normalised text -> ids
    variants: dict[str, str] = {}
    for path in sorted((package / "licenses").glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        spdx = path.stem
        deprecated_for = current_form(spdx)
        entry: dict[str, object] = {"name": item["name"], "osi": bool(item.get("osiApproved"))}
        if deprecated_for:
            entry["deprecated_for"] = deprecated_for
        licenses[spdx] = entry
        words = normalize(item["licenseText"]).words
        if len(words) < 3:
            print(f"skipped {spdx}: text too short", file=sys.stderr)
            continue
        forms = [("full", words)]
        core = cut_optional_tail(words)
        if core is not None:
            forms.append(("core", core))
        for variant, form in forms:
            text = " ".join(form)
            texts.setdefault(text, []).append(spdx)
            variants.setdefault(text, variant)

    def is_deprecated(spdx: str) -> bool:
        return "deprecated_for" in licenses[spdx]

    ordered = sorted(texts.items(), key=lambda item: sorted(item[1])[0])
    frequency: Counter[tuple[str, ...]] = Counter()
    template_shingles = []
    for text, _ids in ordered:
        distinct = set(shingles(text.split()))
        template_shingles.append(distinct)
        frequency.update(distinct)
    templates = []
    for (text, ids), distinct in zip(ordered, template_shingles, strict=True):
        rarest = sorted(distinct, key=lambda shingle: (frequency[shingle], shingle))
        templates.append(
            {
                "ids": sorted(set(ids), key=lambda spdx: preference(spdx, is_deprecated(spdx))),
                "variant": variants[text],
                "anchors": [" ".join(shingle) for shingle in rarest[:ANCHORS_PER_TEMPLATE]],
                "text": text,
            }
        )
    return {
        "format": FORMAT,
        "source": {
            "package": meta["name"],
            "version": meta["version"],
            "license": meta.get("license", "CC0-1.0"),
            "url": "https://github.com/sindresorhus/spdx-license-list",
        },
        "licenses": licenses,
        "templates": templates,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", nargs="?", type=Path, help="unpacked spdx-license-list")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        package = args.package or fetch_package(Path(workdir))
        index = build(package)
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0))
    templates = index["templates"]
    assert isinstance(templates, list)
    print(
        f"{len(index['licenses'])} licenses, {len(templates)} templates, "  # type: ignore[arg-type]
        f"{args.output.stat().st_size / 1e6:.2f} MB -> {args.output.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
