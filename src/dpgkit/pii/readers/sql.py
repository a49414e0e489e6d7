"""SQL DDL: CREATE TABLE and ALTER TABLE ... ADD COLUMN, parsed with sqlglot.

Only the table statements are handed to the parser (dumps full of INSERTs cost nothing);
a statement no dialect parses is noted as a problem and read by a simple column pattern,
so invalid SQL never stops the scan. Parser messages are not passed on: they quote the SQL,
which may hold data.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from dpgkit.inventory import FileEntry
from dpgkit.pii.fields import (
    DataField,
    FileReader,
    ReadProblem,
    ReadResult,
    line_of,
)

_CREATE = re.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMPORARY|TEMP)\s+|UNLOGGED\s+)?TABLE\s",
    re.I,
)
_ALTER_ADD = re.compile(
    r"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(?P<table>[\w.\"`\[\]]+)\s+ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?[\"`\[]?(?P<name>\w+)[\"`\]]?\s+(?P<type>\w+)",
    re.I,
)
_TABLE_NAME = re.compile(r"TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>[\w.\"`\[\]]+)", re.I)
_COLUMN_LINE = re.compile(
    r"^\s*[\"`\[]?(?P<name>[A-Za-z_]\w*)[\"`\]]?\s+(?P<type>[A-Za-z]\w*)", re.M
)
_NOT_COLUMNS = {
    "primary",
    "foreign",
    "constraint",
    "unique",
    "key",
    "index",
    "check",
    "create",
    "table",
}
# sqlglot warns about unsupported syntax by quoting the SQL: keep project text out of logs.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

if TYPE_CHECKING:
    from sqlglot import exp
_MAX_STATEMENT = 200_000
_MAX_TABLES = 1000
_DIALECTS = (None, "postgres", "mysql", "tsql", "sqlite")


def _statement_end(text: str, start: int) -> int:
    """End of the CREATE TABLE statement at start: the ';' after its balanced parentheses."""
    depth = 0
    limit = min(len(text), start + _MAX_STATEMENT)
    for index in range(start, limit):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == ";" and depth <= 0:
            return index + 1
    return limit


def _bare(name: str) -> str:
    return name.strip('"`[]').split(".")[-1].strip('"`[]')


def _parse(statement: str) -> exp.Create | None:
    # Imported here: sqlglot takes longer to import than most checkouts take to scan,
    # and only projects with SQL files need it.
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import SqlglotError

    for dialect in _DIALECTS:
        try:
            parsed = sqlglot.parse_one(statement, read=dialect)
        except (SqlglotError, RecursionError, ValueError):
            continue
        if isinstance(parsed, exp.Create):
            return parsed
    return None


def _parse_sql(entry: FileEntry, text: str, result: ReadResult) -> None:
    for tables, create in enumerate(_CREATE.finditer(text), 1):
        if tables > _MAX_TABLES:
            break
        end = _statement_end(text, create.start())
        statement = text[create.start() : end]
        base_line = line_of(text, create.start())
        name_match = _TABLE_NAME.search(statement)
        table = _bare(name_match.group("name")) if name_match else "?"
        parsed = _parse(statement)
        columns: list[tuple[str, str | None]] = []
        if parsed is not None:
            from sqlglot import exp

            columns = [
                (column.name, column.args["kind"].sql() if column.args.get("kind") else None)
                for column in parsed.find_all(exp.ColumnDef)
            ]
        else:
            result.problems.append(
                ReadProblem(
                    entry.path,
                    f"invalid SQL at line {base_line}: table {table} read by pattern",
                )
            )
            body = statement[statement.find("(") + 1 :]
            columns = [
                (m.group("name"), m.group("type"))
                for m in _COLUMN_LINE.finditer(body)
                if m.group("name").lower() not in _NOT_COLUMNS
            ]
        for name, kind in columns:
            where = re.search(rf"[\s(\"`\[,]{re.escape(name)}[\"`\]]?\s", statement)
            line = base_line + statement.count("\n", 0, where.start() + 1) if where else base_line
            result.fields.append(DataField(table, name, entry.path, line, "SQL table", kind))
    for alter in _ALTER_ADD.finditer(text):
        result.fields.append(
            DataField(
                _bare(alter.group("table")),
                alter.group("name"),
                entry.path,
                line_of(text, alter.start()),
                "SQL table",
                alter.group("type"),
            )
        )


SQL = FileReader("sql", frozenset({".sql"}), _parse_sql, None)
