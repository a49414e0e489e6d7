"""Rebuild the web app's bundled data from ../shared: the registry snapshot and SDG names.

    python tools/build_web_data.py [SHARED_DIR]

Writes src/dpgkit/web/data/registry-snapshot.json.gz (every nominee and screening record, in
the same entry format as `dpg registry export --format json`) and sdg-goals.json (short names
and titles of the 17 goals in en/ru/kk). Output is deterministic (gzip mtime 0, sorted keys).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dpgkit" / "web" / "data"
LANGUAGES = ("en", "ru", "kk")
# Upstream typos fixed on the way in (source text, corrected text).
CORRECTIONS = {"сот әділдігі мен мен мықты": "сот әділдігі мен мықты"}


def registry_entries(registry: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for kind, folder in (("nominee", "nominees"), ("screening", "digitalpublicgoods")):
        for path in sorted((registry / folder).glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            entries.append({"kind": kind, "id": path.stem, "record": record})
    return entries


def corrected(text: str) -> str:
    for wrong, right in CORRECTIONS.items():
        text = text.replace(wrong, right)
    return " ".join(text.split())


def sdg_goals(sdg_text: Path) -> dict[str, dict[str, dict[str, str]]]:
    goals: dict[str, dict[str, dict[str, str]]] = {}
    for language in LANGUAGES:
        raw = yaml.safe_load((sdg_text / language / "global_goals.yml").read_text("utf-8"))
        for number in range(1, 18):
            goals.setdefault(str(number), {})[language] = {
                "short": corrected(str(raw[f"{number}-short"])),
                "title": corrected(str(raw[f"{number}-title"])),
            }
    return goals


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    entries = registry_entries(shared / "dpga" / "registry")
    payload = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with gzip.GzipFile(OUT / "registry-snapshot.json.gz", "wb", mtime=0, compresslevel=9) as out:
        out.write(payload.encode("utf-8"))
    goals = sdg_goals(shared / "sdg" / "un-sdg-text")
    (OUT / "sdg-goals.json").write_text(
        json.dumps(goals, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(entries)} registry records, {len(goals)} SDGs -> {OUT}")


if __name__ == "__main__":
    main()
