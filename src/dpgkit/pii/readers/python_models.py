"""Django and SQLAlchemy (and SQLModel, Flask-SQLAlchemy, Alembic) models, read with ``ast``.

The source is parsed, never imported or executed: a model module may run anything at
import time.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections import deque
from collections.abc import Iterator

from dpgkit.inventory import FileEntry
from dpgkit.pii.fields import DataField, FileReader, ReadProblem, ReadResult

# Only modules that use an ORM are read: a pydantic or dataclass "Model" is not storage.
_HINT = re.compile(
    r"^\s*(?:from|import)\s+(?:django\.db|sqlalchemy|flask_sqlalchemy|sqlmodel|alembic|"
    r"mongoengine|peewee|tortoise|ormar)\b",
    re.M,
)
# Fields Django's user models bring without declaring them.
_DJANGO_INHERITED = {
    "AbstractUser": ("username", "first_name", "last_name", "email", "password", "last_login"),
    "AbstractBaseUser": ("password", "last_login"),
}
# Django's own user model (django.contrib.auth) is never declared in the project, but a
# relation to it means the product stores its fields.
_DJANGO_USER_FIELDS = ("username", "first_name", "last_name", "email", "password", "last_login")
_DJANGO_USER_TARGETS = {"AUTH_USER_MODEL", "User", "get_user_model", "auth.User"}
_SQLALCHEMY_CALLS = {"Column", "mapped_column"}
_RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField", "relationship", "backref"}


def _name(node: ast.expr) -> str:
    """The last part of a dotted name or call target: models.EmailField -> EmailField."""
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        return _name(node.value)
    return ""


def _string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _column_type(call: ast.Call) -> str:
    """SQLAlchemy: Column(String(255)) or Column("email", String) -> String."""
    for arg in call.args:
        if _string(arg) is None and _name(arg):
            return _name(arg)
    return _name(call)


def _is_model_class(node: ast.ClassDef) -> bool:
    return _model_bases({_name(base) for base in node.bases})


def _model_bases(bases: set[str]) -> bool:
    """Whether a class with these bases (last parts of their names) declares a model."""
    return bool(
        bases & {"Model", "AbstractUser", "AbstractBaseUser", "Base", "DeclarativeBase", "SQLModel"}
        or any(base.endswith(("Model", "Base", "Document")) for base in bases)
    )


def _class_fields(node: ast.ClassDef, entry: FileEntry) -> list[DataField]:
    found: list[DataField] = []
    bases = {_name(base) for base in node.bases}
    sqlmodel = "SQLModel" in bases
    for base, names in _DJANGO_INHERITED.items():
        if base in bases:
            found += [
                DataField(node.name, name, entry.path, node.lineno, "Django model", "inherited")
                for name in names
            ]
    for statement in node.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        annotation: ast.expr | None = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value, annotation = statement.target, statement.value, statement.annotation
        if not isinstance(target, ast.Name) or target.id.startswith("__"):
            continue
        if isinstance(value, ast.Call):
            called = _name(value)
            if called in _RELATIONS:
                continue
            if called in _SQLALCHEMY_CALLS:
                source = "SQLAlchemy model"
                found.append(
                    DataField(
                        node.name,
                        target.id,
                        entry.path,
                        statement.lineno,
                        source,
                        _column_type(value),
                    )
                )
            elif called.endswith("Field") or sqlmodel:
                source = "SQLModel model" if sqlmodel else "Django model"
                found.append(
                    DataField(node.name, target.id, entry.path, statement.lineno, source, called)
                )
        elif annotation is not None and (_name(annotation) == "Mapped" or sqlmodel):
            found.append(
                DataField(
                    node.name,
                    target.id,
                    entry.path,
                    statement.lineno,
                    "SQLModel model" if sqlmodel else "SQLAlchemy model",
                    ast.unparse(annotation)[:60],
                )
            )
    return found


def _table_fields(call: ast.Call, entry: FileEntry) -> list[DataField]:
    """Table("users", meta, Column("email", ...)), op.create_table / op.add_column."""
    called = _name(call)
    table = _string(call.args[0]) if call.args else None
    if table is None:
        return []
    found = []
    for arg in call.args[1:]:
        if isinstance(arg, ast.Call) and _name(arg) == "Column" and arg.args:
            column = _string(arg.args[0])
            if column:
                source = "Alembic migration" if called != "Table" else "SQLAlchemy table"
                found.append(
                    DataField(table, column, entry.path, arg.lineno, source, _column_type(arg))
                )
    return found


def _django_migration_fields(call: ast.Call, entry: FileEntry) -> list[DataField]:
    keywords = {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg}
    called = _name(call)
    found = []
    if called == "CreateModel":
        model = _string(keywords.get("name"))
        fields = keywords.get("fields")
        if model and isinstance(fields, ast.List | ast.Tuple):
            for item in fields.elts:
                if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                    name = _string(item.elts[0])
                    kind = _name(item.elts[1])
                    if name and kind not in _RELATIONS:
                        found.append(
                            DataField(
                                model, name, entry.path, item.lineno, "Django migration", kind
                            )
                        )
    elif called == "AddField":
        model = _string(keywords.get("model_name"))
        name = _string(keywords.get("name"))
        field_type = _name(keywords["field"]) if "field" in keywords else None
        if model and name and field_type not in _RELATIONS:
            found.append(
                DataField(model, name, entry.path, call.lineno, "Django migration", field_type)
            )
    return found


def _relates_to_django_user(call: ast.Call) -> bool:
    if _name(call) not in {"ForeignKey", "OneToOneField", "ManyToManyField"} or not call.args:
        return False
    target = call.args[0]
    return (_string(target) or _name(target)) in _DJANGO_USER_TARGETS


def _django_user_fields(call: ast.Call, entry: FileEntry) -> list[DataField]:
    return [
        DataField("User (django.contrib.auth)", name, entry.path, call.lineno, "Django model")
        for name in _DJANGO_USER_FIELDS
    ]


# Nodes that are never a class or a call and hold none: names, constants, operators,
# load/store markers and import aliases. Most of a tree is made of them.
_LEAVES: tuple[type[ast.AST], ...] = (ast.expr_context, ast.Name, ast.Constant, ast.operator)
_LEAVES += (ast.cmpop, ast.unaryop, ast.boolop, ast.alias)


def _classes_and_calls(tree: ast.AST) -> Iterator[ast.ClassDef | ast.Call]:
    """The ClassDef and Call nodes of tree in ``ast.walk``'s order (breadth first),
    without visiting the leaves that make up most of a tree."""
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        if isinstance(node, ast.ClassDef | ast.Call):
            yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                todo.extend(
                    item
                    for item in value
                    if isinstance(item, ast.AST) and not isinstance(item, _LEAVES)
                )
            elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                todo.append(value)


# The names a Call must have to be read (_parse below). A name is written as an identifier
# in the source, so a file without any of these words holds no such call. Python reads
# identifiers NFKC-normalised (a fullwidth "Ｔａｂｌｅ" is Table), so a non-ASCII file is
# searched in that form (_identifier_form).
_CALL_NAMES = (
    "Table",
    "create_table",
    "add_column",
    "CreateModel",
    "AddField",
    "ForeignKey",
    "OneToOneField",
    "ManyToManyField",
)
# The nodes that hold statements (a ClassDef is one): bodies, except handlers, match cases.
_STATEMENT_HOLDERS = (ast.stmt, ast.excepthandler, ast.match_case)


def _classes(tree: ast.AST) -> Iterator[ast.ClassDef]:
    """The ClassDef nodes of tree in ``ast.walk``'s order, visiting statements only.

    Expressions never hold a statement, so leaving them out drops no class and keeps
    the breadth-first order of the others. (Hand-written: walking every expression of
    the 1,000 Django modules of a large project cost ~0.1 s, for the classes alone.)
    """
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        if isinstance(node, ast.ClassDef):
            yield node
        for name in node._fields:
            value = getattr(node, name, None)
            # Lists of statements (or handlers, or cases) hold nothing else.
            if isinstance(value, list) and value and isinstance(value[0], _STATEMENT_HOLDERS):
                todo.extend(value)


def _identifier_form(text: str) -> str:
    """text as Python reads its identifiers: NFKC-normalised. Normalising the strings and
    comments too can only add words, so a word absent here is absent from the tree."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _may_call(text: str) -> bool:
    """Whether text (in its identifier form) can hold a call _parse reads."""
    return any(name in text for name in _CALL_NAMES)


# Every word "class" of a file, and the class statements whose bases are plain dotted
# names ("class Migration(migrations.Migration):"), read without parsing.
_CLASS_WORD = re.compile(r"\bclass\b")
_PLAIN_CLASS = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*(?:\(([\w.,\s]*)\))?[ \t]*:", re.M)


def _may_declare_model(text: str) -> bool:
    """Whether text may hold a model class; False only when that is certain.

    Parsing is most of what reading a Django project's models costs, and most files it
    is asked about are migrations that only alter or move data: no call _parse reads, and
    one class, ``Migration``. When every "class" word of an ASCII file starts a class
    statement with plain bases, none a model's, the tree holds no model class. Any other
    "class" (in a string, a comment, a statement with keywords or subscripts) means maybe.
    ``text`` is in its identifier form (_identifier_form): the tree's names are.
    """
    plain = _PLAIN_CLASS.findall(text)
    if len(plain) != len(_CLASS_WORD.findall(text)):
        return True
    return any(
        _model_bases({base.strip().rsplit(".", 1)[-1] for base in bases.split(",") if base.strip()})
        for bases in plain
    )


def _parse(entry: FileEntry, text: str, result: ReadResult) -> None:
    names = _identifier_form(text)
    may_call = _may_call(names)
    if not may_call and not _may_declare_model(names):
        return  # nothing _parse reads could be in the tree
    try:
        tree = ast.parse(text, filename=entry.path)
    except (SyntaxError, ValueError):
        result.problems.append(ReadProblem(entry.path, "not valid Python: models not read"))
        return
    except (RecursionError, MemoryError):
        result.problems.append(ReadProblem(entry.path, "nested too deeply: models not read"))
        return
    user_related = False
    nodes = _classes_and_calls(tree) if may_call else _classes(tree)
    for node in nodes:
        if isinstance(node, ast.ClassDef) and _is_model_class(node):
            result.fields += _class_fields(node, entry)
        elif isinstance(node, ast.Call):
            called = _name(node)
            if called in {"Table", "create_table", "add_column"}:
                result.fields += _table_fields(node, entry)
            elif called in {"CreateModel", "AddField"}:
                result.fields += _django_migration_fields(node, entry)
            elif not user_related and _relates_to_django_user(node):
                user_related = True  # once per file is evidence enough
                result.fields += _django_user_fields(node, entry)


PYTHON_MODELS = FileReader("python", frozenset({".py"}), _parse, _HINT)
