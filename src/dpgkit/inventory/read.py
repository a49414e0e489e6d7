"""Reading one listed file: capped, never through a link swapped in after listing, never
blocking. The Inventory and the scan pass's worker processes both read through here, so a
file is read the same way whichever process reads it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from dpgkit.inventory.classify import looks_binary
from dpgkit.inventory.decode import decode_bytes

SNIFF_BYTES = 8192
# O_NOFOLLOW: the listing resolved and checked every link; a path that became a link since
# is refused rather than followed. O_NONBLOCK: a file swapped for a FIFO cannot hang us.
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class NotRegularFile(OSError):
    """The path is no longer a regular file (a FIFO, a device, a folder)."""


def read_capped(target: str, limit: int, sniff: bool = True) -> tuple[bytes, bool]:
    """(bytes, binary) of the first ``limit`` bytes of target.

    With ``sniff``, the first block is read alone and a binary file stops there: deciding
    that a 50 MB archive is binary costs 8 KiB. Raises OSError when it cannot be read.
    """
    descriptor = os.open(target, _FLAGS)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(0, "not a regular file")
        first = min(SNIFF_BYTES, limit) if sniff else limit
        if sniff and status.st_size < _SMALL:
            # A small file is read whole in one call; a binary one still gives only its
            # first block, as if it had been read alone.
            data = _read_upto(descriptor, limit, status.st_size)
            binary = looks_binary(data[:SNIFF_BYTES])
            return (data[:first] if binary else data), binary
        data = _read_upto(descriptor, first, status.st_size)
        binary = looks_binary(data[:SNIFF_BYTES])
        if not binary and len(data) == first and first < limit:
            data += _read_upto(descriptor, limit - first, status.st_size - first)
    finally:
        os.close(descriptor)
    return data, binary


# Raw os.read on the descriptor, not a buffered file object: opening one costs more than
# reading a typical source file (tens of thousands of files per assessment).
_GROWTH = 64 * 1024
# Files smaller than this are read in one call whatever their kind.
_SMALL = 64 * 1024


def _read_upto(descriptor: int, wanted: int, expected: int) -> bytes:
    """Up to ``wanted`` bytes, to the end of the file.

    The first request is the size fstat gave plus one byte, not ``wanted``: a read asks
    for a buffer of the size requested, and most files are far smaller than the cap. A
    short read of a regular file is its end (the kernel returns fewer bytes than asked
    only there; os.read retries interrupted calls), so a file is usually read in one call.
    """
    parts: list[bytes] = []
    total = 0
    request = min(wanted, max(expected, 0) + 1)
    while total < wanted:
        chunk = os.read(descriptor, request)
        parts.append(chunk)
        total += len(chunk)
        if len(chunk) < request:
            break
        request = min(wanted - total, _GROWTH)
    return parts[0] if len(parts) == 1 else b"".join(parts)


@dataclass(frozen=True, slots=True)
class FileRead:
    """What reading one file gave: its text (None when binary or unreadable) and facts."""

    text: str | None
    binary: bool
    bytes_read: int
    truncated: bool = False
    error: str | None = None  # why it could not be read


def read_text_file(target: str, size: int, limit: int) -> FileRead:
    """Read and decode one listed file of ``size`` bytes, at most ``limit`` of them."""
    try:
        data, binary = read_capped(target, limit)
    except OSError as error:
        return FileRead(None, True, 0, error=error.strerror or str(error))
    if binary:
        return FileRead(None, True, len(data))
    text, _encoding = decode_bytes(data)
    return FileRead(text, False, len(data), truncated=size > limit)
