"""``dpg answers init PATH``: a commented template of the questions still open.

The template holds the questions the assessment asks and every fact ``dpg nominate`` would
list as missing, so filling it in once is enough for both commands.
"""

from __future__ import annotations

from pathlib import Path

import typer

from dpgkit.answers import Answers
from dpgkit.assess import AssessOptions, assess
from dpgkit.cli.common import write_output
from dpgkit.errors import BadInputError
from dpgkit.model import Assessment


def nomination_questions(assessment: Assessment) -> list[str]:
    """The questions ``dpg nominate`` lists as missing when nothing is answered yet."""
    # Imported here, not with every `dpg` command.
    from dpgkit.nomination import NominationInputError, build_nomination

    try:
        nomination = build_nomination(assessment, Answers())
    except NominationInputError:
        return []
    return [fact.question for fact in nomination.provenance.missing if fact.question]


answers_app = typer.Typer(help="Owner answers: what code cannot tell.", no_args_is_help=True)


@answers_app.command("init")
def init_command(
    path: Path = typer.Argument(..., help="The project's checkout."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Where to write the template (default: stdout)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented answers template: the questions the scan left open and the facts
    the registry nomination (dpg nominate) needs."""
    if output is not None and output.exists() and not force:
        raise BadInputError(f"{output} exists; use --force to overwrite it")
    from dpgkit.answers_template import answers_template

    assessment = assess(path, AssessOptions())
    write_output(answers_template(assessment, nomination_questions(assessment)), output)


def register(app: typer.Typer) -> None:
    app.add_typer(answers_app, name="answers")
