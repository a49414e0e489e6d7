"""Reading one listed file (inventory/read.py) gives what a plain buffered read gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dpgkit.inventory.classify import looks_binary
from dpgkit.inventory.read import SNIFF_BYTES, read_capped, read_text_file


def _plain(target: Path, limit: int) -> tuple[bytes, bool]:
    """The reference: sniff the first block, stop there for a binary file."""
    with open(target, "rb") as handle:
        first = min(SNIFF_BYTES, limit)
        data = handle.read(first)
        binary = looks_binary(data[:SNIFF_BYTES])
        if not binary and len(data) == first and first < limit:
            data += handle.read(limit - first)
    return data, binary


@pytest.mark.parametrize("size", [0, 1, 100, SNIFF_BYTES - 1, SNIFF_BYTES, SNIFF_BYTES + 1,
                                  65_535, 65_536, 65_537, 300_000])  # fmt: skip
@pytest.mark.parametrize("binary", [False, True])
@pytest.mark.parametrize("limit", [10, SNIFF_BYTES, 70_000, 2 * 1024 * 1024])
def test_read_capped_equals_a_plain_read(
    tmp_path: Path, size: int, binary: bool, limit: int
) -> None:
    rng = random.Random(size)
    data = bytearray(rng.choice(b"abcdef \n") for _ in range(size))
    if binary and size:
        data[rng.randrange(min(size, SNIFF_BYTES))] = 0
    target = tmp_path / "file"
    target.write_bytes(bytes(data))
    assert read_capped(str(target), limit) == _plain(target, limit)
    read = read_text_file(str(target), size, limit)
    expected, is_binary = _plain(target, limit)
    assert read.binary is is_binary
    assert read.bytes_read == len(expected)
    assert read.truncated is (not is_binary and size > limit)
