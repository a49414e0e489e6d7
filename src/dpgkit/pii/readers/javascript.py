"""JavaScript and TypeScript data models: Prisma schemas, TypeORM entities, Sequelize and
Mongoose definitions.

Read by patterns with bounded repetition (no catastrophic backtracking on hostile input);
object literals are walked with a small brace counter that stops at a size cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dpgkit.inventory import FileEntry
from dpgkit.pii.fields import DataField, FileReader, ReadResult, line_of

_JS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")
_HINT = re.compile(r"@Entity|@Column|\.define\(|\.init\(|Schema\(|DataTypes\.")
_PRISMA_MODEL = re.compile(r"^\s*(?:model|type)\s+(?P<name>\w+)\s*\{", re.M)
_PRISMA_FIELD = re.compile(r"^\s*(?P<name>\w+)\s+(?P<type>[\w\[\]?]+)")
_TYPEORM_CLASS = re.compile(
    r"@Entity\b[^\n]{0,300}\n(?:\s*@\w+[^\n]{0,300}\n){0,5}\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+(?P<name>\w+)"
)
_TYPEORM_COLUMN = re.compile(
    r"@(?P<decorator>\w*Column)\s*\((?P<args>[^)]{0,500})\)\s*(?:@\w+\s*\([^)]{0,300}\)\s*){0,5}"
    r"(?:public\s+|private\s+|protected\s+|readonly\s+){0,3}(?P<name>\w+)\s*[?!]?\s*:\s*(?P<type>[\w.]+)"
)
_SEQUELIZE_DEFINE = re.compile(r"\.define\(\s*['\"`](?P<name>\w+)['\"`]\s*,\s*\{")
_SEQUELIZE_INIT = re.compile(r"\b(?P<name>[A-Z]\w*)\.init\(\s*\{")
_MONGOOSE = re.compile(
    r"(?:(?:const|let|var)\s+(?P<name>\w+?)(?:Schema)?\s*=\s*)?new\s+(?:mongoose\.)?Schema\s*(?:<[^>]{0,200}>)?\(\s*\{"
)
# The ends of _SEQUELIZE_INIT and _MONGOOSE, which begin with no literal: Python's re tries
# those at every position of a text (0.03-0.05 s each on one 2 MB bundle), but these start
# with one and are found by a fast literal search. Every match of the full pattern holds a
# match of its end, so the full pattern is tried only where one is (see _matches).
_SEQUELIZE_INIT_END = re.compile(r"\.init\(\s*\{")
_MONGOOSE_END = re.compile(r"new\s+(?:mongoose\.)?Schema\s*(?:<[^>]{0,200}>)?\(\s*\{")
_KEY = re.compile(r"(?P<quote>['\"]?)(?P<name>[A-Za-z_$][\w$]*)(?P=quote)\s*:")
_OBJECT_CAP = 100_000


def _top_level_keys(text: str, start: int) -> list[tuple[str, int]]:
    """Keys at depth 1 of the object literal whose ``{`` is at start: (name, offset)."""
    keys: list[tuple[str, int]] = []
    depth = 0
    index = start
    end = min(len(text), start + _OBJECT_CAP)
    segment_start = start + 1
    while index < end:
        char = text[index]
        if char in "{[(":
            if depth == 1:
                keys += _keys_in(text, segment_start, index)
            depth += 1
        elif char in "}])":
            depth -= 1
            if depth == 1:
                segment_start = index + 1
            if depth == 0:
                keys += _keys_in(text, segment_start, index)
                break
        elif char in "'\"`":
            closing = text.find(char, index + 1, end)
            if closing == -1:
                break
            # skip the string: braces inside it are text (a quoted key is found by _keys_in)
            index = closing
        index += 1
    return keys


def _keys_in(text: str, start: int, end: int) -> list[tuple[str, int]]:
    found = []
    for part in re.finditer(
        r"(?:^|[,{\n])\s*(?P<key>['\"]?[A-Za-z_$][\w$]*['\"]?\s*:)", text[start:end]
    ):
        match = _KEY.match(part.group("key"))
        if match:
            found.append((match.group("name"), start + part.start("key")))
    return found


def _parse_prisma(entry: FileEntry, text: str, result: ReadResult) -> None:
    for model in _PRISMA_MODEL.finditer(text):
        closing = text.find("}", model.end())
        body = text[model.end() : closing if closing != -1 else len(text)]
        offset = model.end()
        for line in body.splitlines(keepends=True):
            field = _PRISMA_FIELD.match(line)
            if field and not line.lstrip().startswith(("//", "@@")):
                result.fields.append(
                    DataField(
                        model.group("name"),
                        field.group("name"),
                        entry.path,
                        line_of(text, offset),
                        "Prisma model",
                        field.group("type"),
                    )
                )
            offset += len(line)


PRISMA = FileReader("prisma", frozenset({".prisma"}), _parse_prisma, None)


def _is_word(char: str) -> bool:
    r"""Python's re ``\w`` for one character of a str pattern."""
    return char.isalnum() or char == "_"


def _sequelize_inits(text: str) -> Iterator[re.Match[str]]:
    r"""What ``_SEQUELIZE_INIT.finditer(text)`` yields, trying it only where it can start.

    A match is ``\b[A-Z]\w*`` ending right at ``.init(``: it starts where the run of word
    characters before one begins (``\b`` allows no other start), so the pattern is tried
    there alone. Matches end at the ``{`` after their ``.init(``, so they come in order
    and never overlap, as finditer's do.
    """
    for end in _SEQUELIZE_INIT_END.finditer(text):
        start = end.start()
        while start > 0 and _is_word(text[start - 1]):
            start -= 1
        match = _SEQUELIZE_INIT.match(text, start)
        if match is not None:
            yield match


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    if pattern is _SEQUELIZE_INIT:
        return _sequelize_inits(text)
    if pattern is _MONGOOSE and _MONGOOSE_END.search(text) is None:
        return iter(())
    return pattern.finditer(text)


def _parse_javascript(entry: FileEntry, text: str, result: ReadResult) -> None:
    classes = [(m.start(), m.group("name")) for m in _TYPEORM_CLASS.finditer(text)]
    if classes:
        for column in _TYPEORM_COLUMN.finditer(text):
            owner = [name for start, name in classes if start < column.start()]
            if owner:
                result.fields.append(
                    DataField(
                        owner[-1],
                        column.group("name"),
                        entry.path,
                        line_of(text, column.start("name")),
                        "TypeORM entity",
                        column.group("type"),
                    )
                )
    for pattern, source in (
        (_SEQUELIZE_DEFINE, "Sequelize model"),
        (_SEQUELIZE_INIT, "Sequelize model"),
        (_MONGOOSE, "Mongoose schema"),
    ):
        for match in _matches(pattern, text):
            entity = match.group("name") or entry.name.split(".")[0]
            for key, offset in _top_level_keys(text, match.end() - 1):
                result.fields.append(
                    DataField(entity, key, entry.path, line_of(text, offset), source)
                )


JAVASCRIPT = FileReader("javascript", frozenset(_JS), _parse_javascript, _HINT)
