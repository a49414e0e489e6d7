"""README probes: present, substantial, with installation and usage sections."""

from __future__ import annotations

import re

from dpgkit.model import Location
from dpgkit.probes.base import ProbeContext, Result, failed, passed
from dpgkit.probes.registry import probe

MIN_WORDS = 150
_MARKUP = re.compile(r"```.*?```|<[^>]+>|!\[[^\]]*\]\([^)]*\)|\[!\[.*?\)\]\(.*?\)", re.DOTALL)
_WORD = re.compile(r"\w+")
# Markdown ATX headings, setext headings (a line underlined by = or -), AsciiDoc headings
# and reStructuredText titles (a line underlined by punctuation).
_HEADING = re.compile(r"^(?:#{1,6}\s+(?P<atx>.+?)\s*#*|=+\s+(?P<adoc>.+))$")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")

INSTALL = re.compile(
    r"install|setup|set up|set-up|getting started|get started|quick ?start|deploy|build"
    r"|requirements|prerequisites|установк|развертыван|развёртыван|начало работы|орнат|іске қосу",
    re.IGNORECASE,
)
USAGE = re.compile(
    r"usage|using|how to use|run|running|start|example|configur|tutorial|guide"
    r"|использован|запуск|пайдалан|қолдан",
    re.IGNORECASE,
)


def headings(text: str) -> list[tuple[int, str]]:
    """(line number, heading text) for the headings of a Markdown, RST or AsciiDoc text."""
    found: list[tuple[int, str]] = []
    lines = text.splitlines()
    in_code = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        match = _HEADING.match(line.strip())
        if match:
            found.append((index + 1, (match.group("atx") or match.group("adoc") or "").strip()))
        elif (
            index + 1 < len(lines)
            and line.strip()
            and _UNDERLINE.match(lines[index + 1])
            and len(lines[index + 1].strip()) >= min(len(line.strip()), 3)
        ):
            found.append((index + 1, line.strip()))
    return found


def word_count(text: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


@probe("readme_present")
def readme_present(ctx: ProbeContext) -> Result:
    if ctx.facts.readme is None:
        return failed("No README was found at the top level.")
    entry = ctx.inventory.get(ctx.facts.readme)
    text = ctx.inventory.text(entry) if entry else None
    location = Location(path=ctx.facts.readme, line=1)
    if not text:
        return failed(f"{ctx.facts.readme} is empty or not text.", [location])
    words = word_count(text)
    if words < MIN_WORDS:
        return failed(
            f"{ctx.facts.readme} has only {words} words; {MIN_WORDS} or more is expected.",
            [location],
            words=words,
        )
    return passed(f"{ctx.facts.readme} has {words} words.", [location], words=words)


@probe("readme_install_usage")
def readme_install_usage(ctx: ProbeContext) -> Result:
    sources = []
    if ctx.facts.readme:
        sources.append(ctx.facts.readme)
    sources += [
        entry.path
        for entry in ctx.inventory.own_files()
        if entry.parent in {"docs", "doc", "documentation"}
        and entry.suffix in {".md", ".rst", ".adoc", ".txt"}
    ][:50]
    install: Location | None = None
    usage: Location | None = None
    for path in sources:
        text = ctx.inventory.text(path)
        if not text:
            continue
        for line_no, heading in headings(text):
            if install is None and INSTALL.search(heading):
                install = Location(path=path, line=line_no, excerpt=heading)
            elif usage is None and USAGE.search(heading):
                usage = Location(path=path, line=line_no, excerpt=heading)
        if install and usage:
            break
    found = [location for location in (install, usage) if location]
    if install and usage:
        return passed("Installation and usage instructions were found.", found)
    missing = " and ".join(
        name for name, hit in (("installation", install), ("usage", usage)) if hit is None
    )
    return failed(f"No {missing} section was found in the README or docs/.", found)
