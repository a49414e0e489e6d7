"""HTML: one self-contained page to share with funders, reviewers and the public.

The page fetches nothing (inline CSS, no scripts, fonts or images, and a Content Security
Policy that forbids loading anything), works from a phone screen to paper, and every
value from the checkout or the answers is escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup

from dpgkit.model import Assessment, Outcome
from dpgkit.nomination.links import Repo, project_repository
from dpgkit.reports import renderer
from dpgkit.reports.labels import OUTCOME_SYMBOLS, VERDICT_LABELS, VERDICT_SYMBOLS, answer_text
from dpgkit.standard import load_standard

if TYPE_CHECKING:
    from jinja2 import Template

OUTCOME_LABELS = {
    Outcome.PASS: "passed",
    Outcome.FAIL: "failed",
    Outcome.UNKNOWN: "unknown",
    Outcome.NOT_APPLICABLE: "not applicable",
}
MAX_LOCATIONS = 10


@cache
def _template() -> Template:
    # Imported here: every command lists this format, few render it (Jinja2 costs ~20 ms).
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=PackageLoader("dpgkit.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html")


@cache
def _css() -> Markup:
    # Our own stylesheet, shipped with the package: trusted, inlined as is.
    text = (resources.files("dpgkit.reports") / "templates" / "report.css").read_text("utf-8")
    return Markup(text)  # noqa: S704 - packaged constant, not user input


def _location_link(repo: Repo | None, path: str, line: int | None) -> Markup:
    label = f"{path}:{line}" if line else path
    url = repo.file_url(path, line) if repo else None
    if url:
        return Markup('<a href="{}"><code>{}</code></a>').format(url, label)
    return Markup("<code>{}</code>").format(label)


@renderer("html")
def render_html(assessment: Assessment) -> str:
    project = assessment.project
    repo = project_repository(project)
    try:
        standard = load_standard(assessment.standard_version)
        requirements = {spec.id: spec.requirement for spec in standard.indicators}
        questions = {key: spec.text for key, spec in standard.all_questions().items()}
    except FileNotFoundError:  # an assessment made against a Standard we do not ship
        requirements, questions = {}, {}
    return _template().render(
        a=assessment,
        css=_css(),
        repo=repo,
        requirements=requirements,
        question_texts=questions,
        verdict_labels=VERDICT_LABELS,
        verdict_symbols=VERDICT_SYMBOLS,
        outcome_labels=OUTCOME_LABELS,
        outcome_symbols=OUTCOME_SYMBOLS,
        max_locations=MAX_LOCATIONS,
        location_link=lambda path, line: _location_link(repo, path, line),
        answer_text=answer_text,
    )
