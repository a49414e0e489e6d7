"""Rebuild the web app's bundled data from ../shared: the registry snapshot.

    python tools/build_web_data.py [SHARED_DIR]

Writes src/dpgkit/web/data/registry-snapshot.json.gz (every nominee and screening record, in
the same entry format as `dpg registry export --format json`). Output is deterministic (gzip
mtime 0, sorted keys). The SDG names the web app shows are the classifier's one copy
(dpgkit.sdg.names, built by tools/build_sdg_model.py --goals-only).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dpgkit" / "web" / "data"


def registry_entries(registry: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for kind, folder in (("nominee", "nominees"), ("screening", "digitalpublicgoods")):
        for path in sorted((registry / folder).glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            entries.append({"kind": kind, "id": path.stem, "record": record})
    return entries


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    entries = registry_entries(shared / "dpga" / "registry")
    payload = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with gzip.GzipFile(OUT / "registry-snapshot.json.gz", "wb", mtime=0, compresslevel=9) as out:
        out.write(payload.encode("utf-8"))
    print(f"{len(entries)} registry records -> {OUT}")


if __name__ == "__main__":
    main()
