"""Data-collection forms: ODK XForms (XML), XLSForm sheets saved as CSV, and HTML inputs.

A form collects; it does not by itself store or publish, so its fields are marked so.
XML goes through defusedxml (dpgkit.parsing): entity bombs are refused.
"""

from __future__ import annotations

import csv
import io
import re

from dpgkit.inventory import FileEntry
from dpgkit.parsing import ParseError, load_xml
from dpgkit.pii.fields import (
    DataField,
    FileReader,
    ReadProblem,
    ReadResult,
    line_of,
)

_XFORM_HINT = re.compile(r"<h:html|w3\.org/2002/xforms|<bind\b", re.I)
_BIND = re.compile(r"<bind\b[^>]{0,500}?nodeset=[\"'](?P<node>[^\"']{1,300})[\"']", re.I)
_XLSFORM_HINT = re.compile(r"^\s*\"?type\"?\s*[,;]\s*\"?name\"?\s*[,;]", re.I | re.M)
_HTML_INPUT = re.compile(r"<(?:input|textarea|select)\b(?P<attrs>[^>]{0,600})>", re.I)
_ATTR = re.compile(
    r"\b(?P<key>name|type|autocomplete|v-model|formControlName)\s*=\s*[\"'{](?P<value>[\w.\[\]-]{1,80})",
    re.I,
)
_TEMPLATES = (
    ".html",
    ".htm",
    ".jinja",
    ".jinja2",
    ".j2",
    ".erb",
    ".ejs",
    ".hbs",
    ".twig",
    ".vue",
    ".svelte",
    ".jsx",
    ".tsx",
)
_NON_DATA_INPUTS = {"submit", "button", "hidden", "reset", "image", "checkbox", "radio", "search"}


def _parse_xforms(entry: FileEntry, text: str, result: ReadResult) -> None:
    try:
        load_xml(text)
    except ParseError as error:
        result.problems.append(ReadProblem(entry.path, f"form not read: {error}"))
        return
    for bind in _BIND.finditer(text):
        name = bind.group("node").rstrip("/").split("/")[-1]
        if name and name not in {"instanceID", "deprecatedID"}:
            result.fields.append(
                DataField(
                    entry.name,
                    name,
                    entry.path,
                    line_of(text, bind.start()),
                    "ODK XForm",
                    stored=False,
                )
            )


XFORMS = FileReader("xforms", frozenset({".xml"}), _parse_xforms, _XFORM_HINT)


def _parse_xlsform(entry: FileEntry, text: str, result: ReadResult) -> None:
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error:
        result.problems.append(ReadProblem(entry.path, "form sheet is not valid CSV"))
        return
    for number, row in enumerate(rows, 2):
        name = (row.get("name") or "").strip()
        kind = (row.get("type") or "").strip()
        if name and kind and not kind.startswith(("begin", "end", "note", "calculate")):
            result.fields.append(
                DataField(entry.name, name, entry.path, number, "XLSForm", kind, stored=False)
            )


XLSFORMS = FileReader(
    "xlsform", frozenset({".csv"}), _parse_xlsform, _XLSFORM_HINT, skip_over=2 * 1024 * 1024
)


def _parse_html_forms(entry: FileEntry, text: str, result: ReadResult) -> None:
    for tag in _HTML_INPUT.finditer(text):
        attrs = {
            m.group("key").lower(): m.group("value") for m in _ATTR.finditer(tag.group("attrs"))
        }
        kind = attrs.get("type", "").lower()
        name = attrs.get("name") or attrs.get("v-model") or attrs.get("formcontrolname")
        if not name or kind in _NON_DATA_INPUTS:
            continue
        name = name.split(".")[-1].strip("[]")
        result.fields.append(
            DataField(
                f"form in {entry.name}",
                name,
                entry.path,
                line_of(text, tag.start()),
                "HTML form",
                kind or attrs.get("autocomplete"),
                stored=False,
            )
        )


HTML_FORMS = FileReader("html forms", frozenset(_TEMPLATES), _parse_html_forms, _HTML_INPUT)

# Read in this order: XForms, then XLSForm sheets, then HTML forms.
FORMS = (XFORMS, XLSFORMS, HTML_FORMS)
