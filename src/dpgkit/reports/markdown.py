"""Markdown: for pull requests, issues and wikis."""

from __future__ import annotations

from dpgkit.model import Assessment, Location
from dpgkit.nomination.links import Repo, project_repository
from dpgkit.reports import renderer
from dpgkit.reports.labels import (
    DECLARED,
    OUTCOME_SYMBOLS,
    VERDICT_LABELS,
    VERDICT_SYMBOLS,
    answer_text,
)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _location(location: Location, repo: Repo | None) -> str:
    """The path (a link to the file at the assessed commit when the repository is public)."""
    label = f"`{location.path}`" + (f" line {location.line}" if location.line else "")
    url = repo.file_url(location.path, location.line) if repo else None
    where = f"[{label}]({url})" if url else label
    if location.excerpt:
        code = location.excerpt.replace("`", "'")
        where += f": `{code}`"
    return where


@renderer("markdown")
def render_markdown(assessment: Assessment) -> str:
    project = assessment.project
    repo = project_repository(project)
    out = [f"# DPG readiness: {project.name}", ""]
    if project.description:
        out += [f"> {project.description}", ""]
    overall = assessment.overall
    out += [
        f"**Overall: {overall.verdict.value.replace('_', ' ')}** — "
        f"{overall.met}/{overall.total} indicators met or not applicable "
        f"(DPG Standard {assessment.standard_version}).",
        "",
        "| Indicator | Verdict | Summary |",
        "| --- | --- | --- |",
    ]
    for result in assessment.indicators:
        out.append(
            f"| {result.id}. {_escape(result.title)} | {VERDICT_SYMBOLS[result.verdict]} "
            f"{VERDICT_LABELS[result.verdict]} | {_escape(result.summary)} |"
        )
    out.append("")
    for result in assessment.indicators:
        out += [f"## {result.id}. {result.title} — {VERDICT_LABELS[result.verdict]}", ""]
        for finding in result.findings:
            out.append(f"- {OUTCOME_SYMBOLS[finding.outcome]} {finding.message}")
            out += [f"  - {_location(location, repo)}" for location in finding.locations[:10]]
        if result.answers:
            out += ["", f"Answers {DECLARED}:", ""]
            out += [
                f"- `{answer.question}`: {answer_text(answer.value)}" for answer in result.answers
            ]
        if result.remediation:
            out += ["", "**What to do:**", ""]
            out += [f"- {text}" for text in result.remediation]
        if result.questions:
            out += ["", "**Questions for the owner:**", ""]
            for question in result.questions:
                line = f"- `{question.id}` {question.text}"
                if question.suggestion:
                    line += f" *(found: {question.suggestion})*"
                out.append(line)
        out.append("")
    if assessment.warnings:
        out += ["## Warnings", ""] + [f"- {_escape(w)}" for w in assessment.warnings] + [""]
    stats = assessment.stats
    out.append(
        f"*{stats.files} files, {stats.bytes_read:,} bytes read in {stats.seconds:.2f} s by "
        f"{assessment.tool.name} {assessment.tool.version}.*"
    )
    return "\n".join(out) + "\n"
