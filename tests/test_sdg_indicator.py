"""Indicator 1 on fixture READMEs: SDG projects, a developer tool, Russian and Kazakh."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Verdict

ACCESSIBLE_MAP = """# Accessible Kazakhstan

An open map of public places in Kazakhstan rated for how accessible they are to persons
with disabilities: ramps, lifts, accessible toilets, tactile paving and audio signals at
crossings.

Wheelchair users, people with low vision and parents with prams find the places they can
actually enter before they leave home. Volunteers survey schools, clinics, bus stops and
shops with a short checklist, and city administrations use the open data to plan
barrier-free streets, safe public transport and inclusive public spaces for everyone.

## Features

- Accessibility rating of every place for each disability group.
- Reports of broken ramps and lifts sent to the city's social services.
- Open data of all places for urban planners and researchers.

## Installation

    pip install -r requirements.txt
"""

DEV_TOOL = """# Quanta

Quanta is a fast, general-purpose machine learning library for Python: tensors with
autograd, GPU kernels, and a high-level API for building and training neural networks.

## Installation

    pip install quanta

## Usage

    import quanta
"""

RUSSIAN = """# Школа онлайн

Открытая платформа дистанционного обучения для сельских школ Казахстана. Учителя получают
готовые учебные материалы по математике и чтению, а дети из отдалённых сёл — бесплатный
доступ к качественному начальному и среднему образованию.

## Возможности

- Уроки и задания для начальной и средней школы.
- Учёт успеваемости учащихся и раннее выявление отстающих детей.
- Работа без интернета в школах с плохой связью.
"""

KAZAKH = """# Денсаулық картасы

Ауылдық жерлердегі тұрғындардың денсаулық сақтау қызметтеріне қолжетімділігін арттыруға
арналған ашық жүйе. Жоба ана мен бала денсаулығын қорғауға, балаларды вакцинациялауға
және медициналық көмекті жаппай қамтуға көмектеседі.

## Мүмкіндіктер

- Емханалар мен фельдшерлік пункттердің картасы.
- Жүкті әйелдер мен жас балаларға арналған еске салғыштар.
"""


def run(path: Path, answers: Path | None = None) -> Assessment:
    return assess(path, AssessOptions(answers_path=answers))


def test_clear_sdg_project_is_met_with_evidence(repo_factory: Callable[..., Path]) -> None:
    assessment = run(repo_factory({"README.md": ACCESSIBLE_MAP}))
    indicator = assessment.indicator("1")
    assert indicator.verdict is Verdict.MET, indicator.summary
    goals = {entry.sdg for entry in assessment.sdgs}
    assert goals & {10, 11}
    entry = next(entry for entry in assessment.sdgs if entry.sdg in {10, 11})
    assert entry.evidence and entry.targets
    assert entry.targets[0].split(".")[0] == str(entry.sdg)
    relevance = next(f for f in indicator.findings if f.probe == "sdg_relevance")
    assert relevance.locations and relevance.locations[0].path == "README.md"
    assert relevance.locations[0].line is not None


def test_developer_tool_is_flagged_with_the_reason(repo_factory: Callable[..., Path]) -> None:
    assessment = run(repo_factory({"README.md": DEV_TOOL}))
    indicator = assessment.indicator("1")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert "unlikely to qualify" in indicator.summary
    assert "machine-learning library" in indicator.summary
    flag = next(f for f in indicator.findings if f.probe == "sdg_general_purpose_tool")
    assert flag.locations[0].path == "README.md"
    assert {q.id for q in indicator.questions} == {"1.sdgs", "1.sdg_evidence"}


def test_owner_answers_settle_a_flagged_tool_but_keep_the_note(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "indicators:\n  '1':\n    sdgs: ['3']\n"
        "    sdg_evidence: Used by the health ministry to forecast malaria outbreaks.\n",
        encoding="utf-8",
    )
    indicator = run(repo_factory({"README.md": DEV_TOOL}), answers).indicator("1")
    assert indicator.verdict is Verdict.MET
    assert "Declared by the owner" in indicator.summary and "unlikely" in indicator.summary


def test_russian_readme_gets_suggestions_in_russian(repo_factory: Callable[..., Path]) -> None:
    assessment = run(repo_factory({"README.md": RUSSIAN}))
    indicator = assessment.indicator("1")
    assert 4 in {entry.sdg for entry in assessment.sdgs}
    if indicator.verdict is Verdict.NEEDS_ANSWER:
        suggestion = {q.id: q.suggestion for q in indicator.questions}
        assert "SDG 4" in (suggestion["1.sdgs"] or "")
        assert "образовани" in (suggestion["1.sdgs"] or "") + (suggestion["1.sdg_evidence"] or "")
    relevance = next(f for f in indicator.findings if f.probe == "sdg_relevance")
    assert relevance.data["language"] == "ru"
    assert relevance.data["suggestions"]["sdgs"].startswith("SDG 4")


def test_kazakh_readme_gets_suggestions_in_kazakh(repo_factory: Callable[..., Path]) -> None:
    assessment = run(repo_factory({"README.md": KAZAKH}))
    indicator = assessment.indicator("1")
    assert 3 in {entry.sdg for entry in assessment.sdgs}
    relevance = next(f for f in indicator.findings if f.probe == "sdg_relevance")
    assert relevance.data["language"] == "kk"
    suggestions = relevance.data["suggestions"]
    assert "SDG 3" in suggestions["sdgs"]
    assert "денсаулы" in suggestions["sdgs"].lower() + suggestions["sdg_evidence"].lower()


def test_project_without_words_needs_answers(repo_factory: Callable[..., Path]) -> None:
    assessment = run(repo_factory({"main.py": "print('hi')\n"}))
    indicator = assessment.indicator("1")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert assessment.sdgs == []


def test_binary_and_junk_readme_do_not_crash(repo_factory: Callable[..., Path]) -> None:
    junk = bytes(range(256)) * 400
    assessment = run(repo_factory({"README.md": junk, "package.json": '{"description": 5}'}))
    assert assessment.indicator("1").verdict is Verdict.NEEDS_ANSWER


def test_manifest_and_publiccode_descriptions_are_read(repo_factory: Callable[..., Path]) -> None:
    publiccode = (
        "publiccodeYmlVersion: '0.2'\nname: Clinic Queue\ndescription:\n  en:\n"
        "    shortDescription: Appointment booking for public health clinics.\n"
        "    longDescription: >-\n      Patients in rural districts book visits to primary health\n"
        "      care clinics by SMS, nurses see the day's list, and the health ministry tracks\n"
        "      waiting times and coverage of essential health services.\n"
    )
    assessment = run(repo_factory({"publiccode.yml": publiccode, "README.md": "# Clinic Queue\n"}))
    assert 3 in {entry.sdg for entry in assessment.sdgs}


def test_explicit_sdg_claim_backed_by_a_sentence_is_met(repo_factory: Callable[..., Path]) -> None:
    readme = (
        "# AquaTrack\n\nAquaTrack contributes to SDG 6.\n\n"
        "Water committees in rural villages record every borehole and hand pump, test "
        "drinking water quality and report broken water points so they are repaired.\n"
    )
    assessment = run(repo_factory({"README.md": readme}))
    assert assessment.indicator("1").verdict is Verdict.MET
    assert assessment.sdgs[0].sdg == 6
    assert assessment.sdgs[0].targets[0].startswith("6.")
