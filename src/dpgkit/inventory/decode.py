"""Bytes to text without ever failing: UTF-8 first, then a detected charset, then Latin-1."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Detection looks at a sample only: it is slow on large inputs, and the head of a file
# tells its encoding as well as the whole.
_DETECT_SAMPLE = 64 * 1024


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding used)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        # A file cut at our read cap may end inside a multibyte character.
        if error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8"), "utf-8"
    best = from_bytes(data[:_DETECT_SAMPLE]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace"), best.encoding
        except LookupError:
            pass
    return data.decode("latin-1"), "latin-1"
