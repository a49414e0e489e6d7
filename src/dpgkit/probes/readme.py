"""README probes: present, substantial, with installation and usage sections."""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, passed
from dpgkit.evidence.readme import INSTALL, MIN_WORDS, USAGE, headings, word_count
from dpgkit.model import Location
from dpgkit.probes.registry import probe


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
