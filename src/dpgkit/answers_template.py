"""Write a commented answers template holding the questions an assessment left open.

``needed`` adds questions asked by someone else than the indicator rules: ``dpg answers init``
passes the facts ``dpg nominate`` would list as missing, so one filled-in template carries a
project from assessment to nomination.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from dpgkit.model import Assessment, Question
from dpgkit.standard import load_standard


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, 88 - len(indent))]


def _quoted(value: str) -> str:
    # JSON strings are valid YAML scalars and escape everything that needs it.
    return json.dumps(value, ensure_ascii=False)


def answers_template(assessment: Assessment, needed: Sequence[str] = ()) -> str:
    standard = load_standard(assessment.standard_version)
    specs = standard.all_questions()
    lines = [
        f"# Answers for {assessment.project.name}: what the scan could not tell.",
        "# Fill in the values, delete what does not apply, then run:",
        "#   dpg assess PATH --answers THIS-FILE",
        "# Reports show these as 'declared by the owner', apart from what was found in code.",
        f"# Schema: dpg schema answers (DPG Standard {standard.version}).",
        f'standard_version: "{standard.version}"',
        "general:",
    ]
    general = {
        "name": assessment.project.name,
        "description": assessment.project.description or "",
    }
    for general_question in standard.general_questions:
        lines += _comment(general_question.text, "  ")
        value = general.get(general_question.id)
        if general_question.kind == "list":
            lines.append(f"  {general_question.id}: []")
        else:
            lines.append(f"  {general_question.id}: {_quoted(value or '')}")
    lines.append("indicators:")
    for result in assessment.indicators:
        asked = {question.id for question in result.questions}
        extra = [
            Question(id=qid, text=specs[qid].text, screening_field=specs[qid].screening_field)
            for qid in dict.fromkeys(needed)
            if qid.split(".", 1)[0] == result.id and qid in specs and qid not in asked
        ]
        if not result.questions and not extra:
            continue
        lines.append(f'  "{result.id}":  # {result.title}: {result.verdict.value}')
        for question in [*result.questions, *extra]:
            spec = specs[question.id]
            local = question.id.split(".", 1)[1]
            lines += _comment(question.text, "    ")
            if question.id not in asked:
                lines.append("    # needed for the nomination (dpg nominate)")
            if question.screening_field:
                lines.append(f"    # registry field: {question.screening_field}")
            if question.suggestion:
                lines += _comment(f"Found by the scan: {question.suggestion}", "    ")
            if spec.kind == "yes_no":
                lines.append(f"    # {local}: Yes  # or No")
            elif spec.kind == "list":
                suggestion = (
                    f"  # e.g. [{_quoted(question.suggestion)}]" if question.suggestion else ""
                )
                lines.append(f"    # {local}: []{suggestion}")
            else:
                lines.append(f"    # {local}: {_quoted(question.suggestion or '')}")
    return "\n".join(lines) + "\n"
