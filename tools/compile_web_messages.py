"""Compile the web app's translations (.po -> .mo) with Babel, so GNU gettext is not needed.

    python tools/compile_web_messages.py [--check]

Extract new strings first with `python -m dpgkit.web makemessages -l ru -l kk -l en
--no-obsolete --no-location` (run inside src/dpgkit/web; that step does need gettext).
--check fails when a .mo is missing or out of date, or a ru/kk message is untranslated.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "dpgkit" / "web" / "locale"
MUST_BE_COMPLETE = ("ru", "kk")


def compiled(po_path: Path) -> tuple[bytes, list[str]]:
    language = po_path.parents[1].name
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    untranslated = [
        str(message.id)
        for message in catalog
        if message.id and (not message.string or not all(message.string))
    ]
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue(), untranslated


def main() -> int:
    check = "--check" in sys.argv[1:]
    problems: list[str] = []
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        language = po_path.parents[1].name
        data, untranslated = compiled(po_path)
        mo_path = po_path.with_suffix(".mo")
        if language in MUST_BE_COMPLETE and untranslated:
            problems.append(
                f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[0]!r}"
            )
        if check:
            if not mo_path.is_file() or mo_path.read_bytes() != data:
                problems.append(f"{mo_path} is missing or out of date")
        else:
            mo_path.write_bytes(data)
            print(f"{mo_path.relative_to(LOCALE.parent)}: {len(data)} bytes")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
