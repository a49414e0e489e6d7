"""Indicator 1 from all of a project's own words: fixture checkouts where the purpose is said
only in a locale file, only in a manifest, only in a docs page, or only in Kazakh; the
wording follows the confidence; the owner's SDGs win and are shown beside the scan's;
technology words alone do not make SDG 9 or 17; the nomination's SDG list."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.answers import load_answers
from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Finding, Verdict
from dpgkit.nomination.builder import build_nomination
from dpgkit.nomination.provenance import Source
from dpgkit.nomination.records import record_data
from dpgkit.sdg.project import unread_language
from dpgkit.standard import load_standard
from tests.conftest import run_dpg

SHORT_README = "# Qadam\n\nRun it with `npm start`.\n"

SHELTER_EN = {
    "app": {
        "title": "Qadam",
        "description": (
            "Qadam helps women and girls who survive domestic violence find shelters, "
            "legal aid and emergency contacts near them, and report abuse safely."
        ),
    },
    "about": {
        "text": (
            "We work with crisis centres to end violence against women and to protect "
            "survivors of gender-based violence."
        )
    },
    "buttons": {"save": "Save", "cancel": "Cancel"},
}
SHELTER_RU = {
    "app": {
        "title": "Qadam",
        "description": (
            "Qadam помогает женщинам и девочкам, пострадавшим от домашнего насилия, найти "
            "убежище, юридическую помощь и экстренные контакты рядом с ними."
        ),
    }
}

KAZAKH_HEALTH = {
    "app": {
        "title": "Денсаулық картасы",
        "description": (
            "Ауылдық жерлердегі тұрғындардың денсаулық сақтау қызметтеріне "
            "қолжетімділігін арттыруға арналған ашық жүйе. Жоба ана мен бала денсаулығын "
            "қорғауға, балаларды вакцинациялауға және медициналық көмекті жаппай қамтуға "
            "көмектеседі."
        ),
        "about": "Жүкті әйелдер мен жас балаларға арналған еске салғыштар және емханалар картасы.",
    },
    "menu": {"save": "Сақтау"},
}

FARMING = (
    "Smallholder farmers test their soil with a phone and get fertiliser and seed advice "
    "that raises crop yields, so rural families grow enough food and no one goes hungry."
)

MALARIA_PAGE = """# About Fieldbook

Fieldbook is used by community health workers in malaria-endemic districts. They record
fever cases, run rapid diagnostic tests, and refer severe cases of malaria to the nearest
health facility.

District health teams see where malaria transmission rises week by week and send bed nets,
medicines and health workers before outbreaks spread.
"""


def run(path: Path, answers: Path | None = None) -> Assessment:
    return assess(path, AssessOptions(answers_path=answers))


def relevance_of(assessment: Assessment) -> Finding:
    indicator = assessment.indicator("1")
    return next(f for f in indicator.findings if f.probe == "sdg_relevance")


def test_purpose_only_in_locale_files(repo_factory: Callable[..., Path]) -> None:
    files = {
        "README.md": SHORT_README,
        "package.json": json.dumps({"name": "qadam", "version": "1.0.0"}),
        "src/locales/en.json": json.dumps(SHELTER_EN, indent=2, ensure_ascii=False),
        "src/locales/ru.json": json.dumps(SHELTER_RU, indent=2, ensure_ascii=False),
    }
    assessment = run(repo_factory(files))
    assert assessment.sdgs and assessment.sdgs[0].sdg == 5
    relevance = relevance_of(assessment)
    first = relevance.data["sdgs"][0]
    evidence = first["evidence"][0]
    assert evidence["path"].startswith("src/locales/")
    assert evidence["line"] is not None and evidence["language"] in {"en", "ru"}
    assert relevance.data["sources"].get("locale") == 2


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pom.xml", f"<project><name>soil</name><description>{FARMING}</description></project>"),
        ("DESCRIPTION", f"Package: soil\nTitle: Soil Advice for Farmers\nDescription: {FARMING}\n"),
        ("setup.cfg", f"[metadata]\nname = soil\ndescription = {FARMING}\n"),
        ("soil.gemspec", f'Gem::Specification.new do |s|\n  s.summary = "{FARMING}"\nend\n'),
        (
            "mix.exs",
            f'defmodule Soil.MixProject do\n  def project, do: [description: "{FARMING}"]\nend\n',
        ),
    ],
)
def test_purpose_only_in_a_manifest(
    repo_factory: Callable[..., Path], name: str, text: str
) -> None:
    assessment = run(repo_factory({"README.md": "# soil\n", name: text}))
    assert assessment.sdgs and assessment.sdgs[0].sdg == 2, assessment.sdgs
    evidence = relevance_of(assessment).data["sdgs"][0]["evidence"][0]
    assert evidence["path"] == name and evidence["line"] is not None


def test_purpose_only_in_a_docs_page(repo_factory: Callable[..., Path]) -> None:
    files = {"README.md": "# Fieldbook\n\nSee the docs.\n", "docs/about.md": MALARIA_PAGE}
    assessment = run(repo_factory(files))
    assert assessment.sdgs and assessment.sdgs[0].sdg == 3
    relevance = relevance_of(assessment)
    evidence = relevance.data["sdgs"][0]["evidence"][0]
    assert evidence["path"] == "docs/about.md" and evidence["line"] is not None
    assert assessment.sdgs[0].targets and assessment.sdgs[0].targets[0].startswith("3.")


def test_purpose_only_in_kazakh(repo_factory: Callable[..., Path]) -> None:
    files = {
        "README.md": "# densaulyq\n",
        "web/index.html": "<html><head><title>Денсаулық картасы</title></head></html>\n",
        "web/i18n/kk.json": json.dumps(KAZAKH_HEALTH, indent=2, ensure_ascii=False),
    }
    assessment = run(repo_factory(files))
    assert assessment.sdgs and assessment.sdgs[0].sdg == 3
    relevance = relevance_of(assessment)
    assert relevance.data["language"] == "kk"
    evidence = relevance.data["sdgs"][0]["evidence"][0]
    assert evidence["path"] == "web/i18n/kk.json" and evidence["language"] == "kk"
    suggestions = relevance.data["suggestions"]
    assert "SDG 3" in suggestions["sdgs"]
    assert "денсаулы" in (suggestions["sdgs"] + suggestions["sdg_evidence"]).lower()


def test_html_title_and_web_manifest_are_read(repo_factory: Callable[..., Path]) -> None:
    html = (
        "<!doctype html><html><head><title>Clean Water Map</title>\n"
        '<meta name="description" content="Village water committees map every borehole and '
        'hand pump, test drinking water quality and get broken water points repaired.">\n'
        "</head><body><div id=root></div></body></html>\n"
    )
    manifest = {
        "name": "Clean Water Map",
        "start_url": "/",
        "description": "Safe drinking water for every village.",
    }
    files = {
        "README.md": "# cwm\n",
        "public/index.html": html,
        "public/manifest.json": json.dumps(manifest),
    }
    assessment = run(repo_factory(files))
    assert assessment.sdgs and assessment.sdgs[0].sdg == 6
    assert relevance_of(assessment).data["sources"].get("app") == 2


def test_technology_words_alone_do_not_make_sdg_9_or_17(repo_factory: Callable[..., Path]) -> None:
    readme = (
        "# Stackly\n\nStackly is a cloud platform with a REST API, a PostgreSQL database, "
        "Kubernetes infrastructure, microservices, dashboards and integrations with other "
        "systems. Deploy the backend and the frontend with Docker.\n"
    )
    assessment = run(repo_factory({"README.md": readme}))
    assert not assessment.sdgs or assessment.sdgs[0].sdg not in {9, 17}
    relevance = relevance_of(assessment)
    assert relevance.data["confidence"] != "high"


def test_wording_follows_confidence(repo_factory: Callable[..., Path]) -> None:
    """A goal with a medium or high score is never called weak; a strong one is met."""
    for files in (
        {"README.md": "# Fieldbook\n\nSee the docs.\n", "docs/about.md": MALARIA_PAGE},
        {"README.md": "# soil\n", "setup.cfg": f"[metadata]\ndescription = {FARMING}\n"},
        {"README.md": MALARIA_PAGE},
    ):
        assessment = run(repo_factory(files))
        relevance = relevance_of(assessment)
        confidence = relevance.data["confidence"]
        if confidence in {"high", "medium"}:
            assert "weak" not in relevance.message
        if confidence == "high":
            assert assessment.indicator("1").verdict is Verdict.MET
            assert "Strong, specific evidence" in relevance.message


def test_owner_declared_sdgs_win_and_are_shown_beside_the_scan(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "indicators:\n  '1':\n    sdgs: ['10']\n"
        "    sdg_evidence: Community health workers in poor districts reach people no clinic serves.\n",
        encoding="utf-8",
    )
    assessment = run(repo_factory({"README.md": MALARIA_PAGE}), answers)
    indicator = assessment.indicator("1")
    assert indicator.verdict is Verdict.MET
    assert "Declared by the owner" in indicator.summary
    assert "SDG 10" in indicator.summary and "the scan proposes SDG 3" in indicator.summary
    assert relevance_of(assessment).data["declared"] == [10]
    standard = load_standard()
    nomination = build_nomination(assessment, load_answers(answers, standard), standard)
    assert [s["SDGNumber"] for s in record_data(nomination.nominee)["SDGs"]] == [10]


def test_nomination_takes_the_scan_proposal_only_with_allow_incomplete(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    checkout = repo_factory({"README.md": MALARIA_PAGE, "LICENSE": "MIT License\n"})
    stopped = run_dpg("nominate", str(checkout), "--out", str(tmp_path / "a"))
    assert stopped.returncode == 1
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())
    out = tmp_path / "b"
    result = run_dpg("nominate", str(checkout), "--out", str(out), "--allow-incomplete")
    assert "Written from the scan's proposal" in result.stdout
    written = [json.loads(path.read_text("utf-8")) for path in sorted(out.rglob("*.json"))]
    nominee = next(record for record in written if "SDGs" in record)
    assert nominee["SDGs"] and nominee["SDGs"][0]["SDGNumber"] == 3
    provenance = json.loads(next(out.rglob("*.provenance.json")).read_text("utf-8"))
    field = provenance["fields"]["nominee"]["/SDGs/0/SDGNumber"]
    assert field["source"] == Source.EVIDENCE.value
    assert "not confirmed by the owner" in field["note"]
    missing = {fact["question"] for fact in provenance["missing"] if fact["required"]}
    assert "1.sdgs" in missing


def test_technical_sections_and_third_party_locale_bundles_are_not_the_purpose(
    repo_factory: Callable[..., Path],
) -> None:
    readme = (
        "# Clean Water Map\n\nVillage water committees map every borehole and hand pump, test "
        "drinking water quality and get broken water points repaired.\n\n"
        "## Architecture\n\nA Django backend with PostgreSQL, a React frontend and a REST API.\n\n"
        "## Environment variables\n\nSet DATABASE_URL and SECRET_KEY before you start.\n"
    )
    widget = {"title": "Drag and drop fields to arrange", "description": "No data to display here"}
    files = {
        "README.md": readme,
        "src/assets/i18n/pivotgrid-localization-en.json": json.dumps(widget),
        "docs/about.md": "# About\n\nThis page is still under construction.\n",
    }
    assessment = run(repo_factory(files))
    sources = relevance_of(assessment).data["sources"]
    assert sources == {"readme-intro": 1}
    assert assessment.sdgs[0].sdg == 6


def test_a_library_with_sdg_words_still_gets_the_not_sdg_specific_question(
    repo_factory: Callable[..., Path],
) -> None:
    setup_cfg = (
        "[metadata]\nname = epiforecast\n"
        "description = A general-purpose time-series library for building forecasting models\n"
    )
    files = {"README.md": MALARIA_PAGE, "setup.cfg": setup_cfg}
    assessment = run(repo_factory(files))
    indicator = assessment.indicator("1")
    assert assessment.sdgs[0].sdg == 3
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert indicator.summary.startswith("Unlikely to qualify")
    flag = next(f for f in indicator.findings if f.probe == "sdg_general_purpose_tool")
    assert flag.locations[0].path == "setup.cfg"


def test_template_titles_built_docs_pages_and_repeated_locale_files_are_not_the_purpose(
    repo_factory: Callable[..., Path],
) -> None:
    page = "<html><head><title>{}</title></head></html>\n"
    readme = (
        "# Clean Water Map\n\nVillage water committees map every borehole and hand pump, test "
        "drinking water quality and get broken water points repaired.\n\n"
        "## Licensing\n\nLicensed under the Apache License, Version 2.0.\n\n"
        "## Community Support\n\nPost your questions on the forum.\n"
    )
    water = {"app": {"description": "Report a broken hand pump and see when it is repaired."}}
    files = {
        "README.md": readme,
        "frontend/public/index.html": page.format("React App"),
        "frontend/public/manifest.json": json.dumps({"name": "Create React App Sample"}),
        "site/index.html": page.format("Clean Water Map"),
        "site/dev/configuration/index.html": page.format("Configuration - Technical docs"),
        "client/i18n/en.json": json.dumps(water),
        "client/l10n/en.json": json.dumps(water),
    }
    assessment = run(repo_factory(files))
    sources = relevance_of(assessment).data["sources"]
    assert sources == {"readme-intro": 1, "app": 1, "locale": 1}
    assert assessment.sdgs[0].sdg == 6


def test_rails_locale_file_with_the_language_as_top_key(repo_factory: Callable[..., Path]) -> None:
    rails = (
        'en:\n  spp:\n    about_us: "We publish openly licensed picture books in many '
        'languages so that every child can learn to read in their mother tongue."\n'
        '    save: "Save"\n'
    )
    files = {"README.md": "# spp\n\nRequirements\n", "config/locales/en.yml": rails}
    assessment = run(repo_factory(files))
    assert relevance_of(assessment).data["sources"].get("locale") == 1
    assert assessment.sdgs and assessment.sdgs[0].sdg == 4


def test_a_language_the_classifier_does_not_read_counts_little() -> None:
    italian = (
        "GlobaLeaks è software di whistleblowing libero e open-source che permette a tutti "
        "di creare e mantenere una piattaforma di segnalazione sicura"
    )
    assert unread_language(italian)
    assert not unread_language(FARMING)
    assert not unread_language("Денсаулық сақтау қызметтеріне қолжетімділігін арттыру " * 3)
    assert not unread_language("Open Foris Collect survey design and data management")


def test_what_a_project_generator_wrote_is_not_the_purpose(
    repo_factory: Callable[..., Path],
) -> None:
    # A Create React App README above the project's own sentence, a Maven archetype's
    # description left in the pom, and a README heading pasted into package.json.
    readme = (
        "# Getting Started with Create React App\n\n"
        "This project was bootstrapped with [Create React App](https://github.com/facebook/"
        "create-react-app).\n\n"
        "## Available Scripts\n\nIn the project directory, you can run `npm start`.\n\n"
        "## Clinic queue\n\nPatients at rural health clinics book a visit by SMS, see their "
        "place in the queue and get reminders for antenatal care and vaccinations.\n"
    )
    pom = (
        "<project><name>queue</name><description>Toolkit archetype - quick and easy way to "
        "start new projects through a working template</description></project>"
    )
    files = {
        "README.md": readme,
        "package.json": json.dumps({"name": "queue", "description": "## Usage"}),
        "pom.xml": pom,
    }
    assessment = run(repo_factory(files))
    relevance = relevance_of(assessment)
    assert relevance.data["sources"] == {"readme": 1}
    assert assessment.sdgs and assessment.sdgs[0].sdg == 3
    quoted = [e["sentence"] for goal in relevance.data["sdgs"] for e in goal["evidence"]]
    assert not any("bootstrapped" in sentence or "archetype" in sentence for sentence in quoted)
