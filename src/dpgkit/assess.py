"""The pipeline: checkout -> inventory -> scan pass -> probes -> rules -> Assessment.

Consumers (reports, nomination, web) start from the Assessment this returns and never
scan again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dpgkit import TOOL_NAME, __version__
from dpgkit.analysis.context import ProbeContext
from dpgkit.answers import Answers, load_answers
from dpgkit.config import Config, load_config
from dpgkit.deps import dependency_report
from dpgkit.errors import BadInputError
from dpgkit.facts import gather_facts
from dpgkit.inventory import Inventory, build_inventory
from dpgkit.inventory.git import parse_remote, strip_credentials
from dpgkit.licenses.analysis import stated_licenses
from dpgkit.model import Assessment, IndicatorResult, LicenseEntry, Project, SdgEntry, Stats, Tool
from dpgkit.probes.registry import all_probes
from dpgkit.probes.runner import run_probes
from dpgkit.redact import redact_assessment_model
from dpgkit.rules import evaluate, overall_verdict
from dpgkit.sdg.passages import relevance
from dpgkit.sections import collect_sections
from dpgkit.standard import CURRENT_VERSION, load_standard


@dataclass
class AssessOptions:
    answers_path: Path | None = None
    types: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    standard_version: str = CURRENT_VERSION
    # Processes for the pass over the file contents (dpgkit.scan); 1 runs it in this
    # process. The CLI defaults to every core available; library callers opt in.
    jobs: int = 1
    # The public repository when the checkout's remote is not it (or there is none).
    repository_url: str | None = None


ProgressHook = Callable[[str, int, int], None]
# Analyses that need no scanner: computed while the scan pass's workers read the files.
_WHILE_SCANNING = (relevance, dependency_report, stated_licenses)


def assess(
    path: Path,
    options: AssessOptions | None = None,
    progress: ProgressHook | None = None,
) -> Assessment:
    options = options or AssessOptions()
    started = time.perf_counter()
    standard = load_standard(options.standard_version)
    early_warnings: list[str] = []
    config = load_config(path, early_warnings) if path.is_dir() else Config()
    inventory = build_inventory(path, exclude=[*config.exclude, *options.exclude])
    if not inventory.files:
        # Nothing read proves nothing: an empty report would call personal data, user
        # content and harassment "not applicable" with no evidence behind the words.
        raise BadInputError(
            f"{path}: nothing to assess: it holds no files"
            " (an empty folder, or every file excluded or ignored)"
        )
    inventory.warnings[:0] = early_warnings

    answers_path = options.answers_path
    if answers_path is None and config.answers:
        answers_path = inventory.root / config.answers
    answers = load_answers(answers_path, standard) if answers_path else Answers()

    types = options.types or config.types
    facts = gather_facts(inventory, types or None)

    def on_files(done_files: int, total_files: int) -> None:
        if progress is not None:
            progress("reading files", done_files, total_files)

    given = options.repository_url or answers.get("general.repository_url")
    repository_url = (
        strip_credentials(given.strip()) if isinstance(given, str) and given.strip() else None
    )
    context = ProbeContext(
        inventory,
        facts,
        answers,
        config,
        standard,
        jobs=options.jobs,
        scan_progress=on_files,
        repository_url=repository_url,
    )
    probes = all_probes()  # imports every analysis, so every scanner is registered
    # One pass over the file contents for all of them; this process meanwhile computes
    # the analyses that read no scanner's results (the cores stay busy).
    context.scan_files(meanwhile=_WHILE_SCANNING)
    total = len(probes)
    done = 0

    def on_probe(probe_id: str) -> None:
        nonlocal done
        if progress is not None:
            progress(probe_id, done, total)
        done += 1

    findings = run_probes(context, inventory.warnings, on_probe)
    definitions = {probe_id: definition for probe_id, (definition, _) in probes.items()}
    indicators = evaluate(standard, findings, definitions, answers, facts.types)
    licenses, sdgs = collect_sections(context)
    project = facts_project(context)
    if repository_url:
        project.repository_url = repository_url
    assessment = _build(inventory, project, standard.version, indicators, licenses, sdgs, started)
    return redact_assessment_model(assessment, context.sensitive)


def facts_project(context: ProbeContext) -> Project:
    facts, inventory = context.facts, context.inventory
    git = inventory.git
    return Project(
        name=facts.name,
        description=facts.description,
        types=facts.types,
        # A remote that is a folder on this machine (a local clone's origin) is no address
        # to publish: it would only show the owner's disk layout in shared reports.
        repository_url=git.remote_url if git and parse_remote(git.remote_url) else None,
        commit=git.commit if git else None,
        default_branch=git.default_branch if git else None,
        path_in_repository=_inside(inventory.root, git.toplevel) if git else None,
        path=str(inventory.root),
        languages=facts.languages,
    )


def _inside(root: Path, toplevel: Path) -> str | None:
    """root's path inside the repository at toplevel ("samples/app"); None at the top."""
    try:
        inside = root.resolve().relative_to(toplevel.resolve()).as_posix()
    except ValueError:
        return None
    return None if inside in ("", ".") else inside


def _build(
    inventory: Inventory,
    project: Project,
    standard_version: str,
    indicators: list[IndicatorResult],
    licenses: list[LicenseEntry],
    sdgs: list[SdgEntry],
    started: float,
) -> Assessment:
    return Assessment(
        tool=Tool(name=TOOL_NAME, version=__version__),
        standard_version=standard_version,
        project=project,
        indicators=indicators,
        overall=overall_verdict(indicators),
        licenses=licenses,
        sdgs=sdgs,
        warnings=list(dict.fromkeys(inventory.warnings)),
        stats=Stats(
            files=len(inventory.files),
            bytes_read=inventory.bytes_read,
            seconds=round(time.perf_counter() - started, 3),
        ),
    )
