"""The project's name and one-line description (shown in every report and pre-filled in the
nomination) are the project's own words: never a project generator's README title or first
paragraph, nor a README heading pasted into a manifest's description."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.facts import ProjectFacts, gather_facts
from dpgkit.inventory import build_inventory

Factory = Callable[..., Path]

CRA_README = (
    "# Getting Started with Create React App\n\n"
    "This project was bootstrapped with [Create React App](https://github.com/facebook/"
    "create-react-app).\n\n"
    "## Available Scripts\n\nIn the project directory, you can run:\n"
)
ANGULAR_README = (
    "# ClinicUi\n\n"
    "This project was generated with [Angular CLI](https://github.com/angular/angular-cli) "
    "version 7.2.2.\n\n"
    "## Getting Started\n\nThese instructions will get you a copy of the project up and running.\n"
)


def facts_of(repo_factory: Factory, files: dict[str, str]) -> ProjectFacts:
    return gather_facts(build_inventory(repo_factory(files)))


def test_a_create_react_app_readme_names_and_describes_nothing(repo_factory: Factory) -> None:
    facts = facts_of(
        repo_factory,
        {"README.md": CRA_README, "package.json": json.dumps({"name": "clinic-queue"})},
    )
    assert facts.name == "clinic-queue"
    assert facts.description is None


def test_an_angular_cli_readme_keeps_its_title_but_gives_no_description(
    repo_factory: Factory,
) -> None:
    facts = facts_of(repo_factory, {"README.md": ANGULAR_README})
    assert facts.name == "ClinicUi"
    assert facts.description is None


def test_a_readme_heading_in_package_json_is_not_the_description(repo_factory: Factory) -> None:
    readme = (
        "# Queue\n\nPatients book a clinic visit by SMS and get reminders for antenatal care.\n"
    )
    facts = facts_of(
        repo_factory,
        {"README.md": readme, "package.json": json.dumps({"description": "## Usage"})},
    )
    assert facts.description == (
        "Patients book a clinic visit by SMS and get reminders for antenatal care."
    )


def test_the_projects_own_words_beside_a_generator_line_are_kept(repo_factory: Factory) -> None:
    readme = (
        "# Clinic Queue\n\n"
        "This project was bootstrapped with Create React App.\n"
        "Patients book a clinic visit by SMS and see their place in the queue.\n"
    )
    facts = facts_of(repo_factory, {"README.md": readme})
    assert facts.name == "Clinic Queue"
    assert (
        facts.description == "Patients book a clinic visit by SMS and see their place in the queue."
    )


@pytest.mark.parametrize("heading", ["Overview", "Sample data", "Installation", "Getting started"])
def test_a_section_heading_first_is_not_the_projects_name(
    repo_factory: Factory, heading: str
) -> None:
    readme = f"# {heading}\n\nTelerehabilitation for patients after a stroke, at home.\n"
    facts = facts_of(
        repo_factory, {"README.md": readme, "package.json": json.dumps({"name": "rehab-app"})}
    )
    assert facts.name == "rehab-app"
    assert facts.description == "Telerehabilitation for patients after a stroke, at home."


def test_the_name_falls_back_to_the_remotes_repository_not_a_local_mirror_folder(
    repo_factory: Factory, tmp_path: Path
) -> None:
    readme = "# Introduction\n\nMaps every borehole and hand pump of a district.\n"
    repo = repo_factory({"README.md": readme})
    run = ["git", "-C", str(repo), "remote", "add", "origin"]
    subprocess.run([*run, str(tmp_path / "mirror" / "repo")], check=True)
    assert gather_facts(build_inventory(repo)).name == repo.name
    subprocess.run(["git", "-C", str(repo), "remote", "remove", "origin"], check=True)
    subprocess.run([*run, "git@github.com:waterorg/borehole-map.git"], check=True)
    assert gather_facts(build_inventory(repo)).name == "borehole-map"


def test_html_headers_badges_and_a_table_of_contents_are_not_the_summary(
    repo_factory: Factory,
) -> None:
    readme = (
        '<p align="center">\n  <a href="https://example.org/">\n    <img\n'
        '      alt="Outbreak - a surveillance system"\n      src="logo.png"\n    />\n'
        "  </a>\n</p>\n\n"
        "# Outbreak\n\n"
        "[![Build](https://ci.example.org/badge.svg)](https://ci.example.org) "
        "![License](https://img.shields.io/badge/license-MIT-blue)\n\n"
        "- [Overview](#overview)\n- [Installation](#installation)\n\n"
        "> Verified as a **Digital Public Good** by the Digital Public Goods Alliance.\n\n"
        "## Overview\n\n"
        "**Outbreak** is an open <b>surveillance</b> system for [district health teams]"
        "(https://example.org/teams) to detect disease outbreaks early.\n"
    )
    facts = facts_of(repo_factory, {"README.md": readme})
    assert facts.name == "Outbreak"
    assert facts.description == (
        "Outbreak is an open surveillance system for district health teams to detect "
        "disease outbreaks early."
    )


def test_a_setext_title_is_read_as_the_title(repo_factory: Factory) -> None:
    readme = "Borehole Map\n============\n\nMaps every borehole and hand pump of a district.\n"
    facts = facts_of(repo_factory, {"README.md": readme})
    assert (facts.name, facts.description) == (
        "Borehole Map",
        "Maps every borehole and hand pump of a district.",
    )


def test_a_row_of_labelled_badges_is_not_the_summary(repo_factory: Factory) -> None:
    badge = "[![{0}](https://ci.example.org/{0}/badge.svg)](https://ci.example.org/{0})"
    readme = (
        "# Records\n\n"
        + "\n".join(f"{part}: {badge.format(part)}" for part in ("api", "web", "tools"))
        + "\n\nRecords is a patient-based medical record system for clinics.\n"
    )
    facts = facts_of(repo_factory, {"README.md": readme})
    assert facts.description == "Records is a patient-based medical record system for clinics."


def test_a_workspace_roots_description_of_its_tooling_is_not_the_projects(
    repo_factory: Factory,
) -> None:
    """kolibri's root package.json ("kolibri-root", "Development utilities for Kolibri",
    with workspaces) describes the tools that build its packages: taken as the project's
    description, it made the SDG rule call an education app a developer utility."""
    from dpgkit.assess import assess

    readme = (
        "# Kolibri\n\nKolibri is an offline learning platform that brings quality education to "
        "children in schools and communities without internet access.\n"
    )
    root = repo_factory(
        {
            "README.md": readme,
            "package.json": json.dumps(
                {
                    "name": "kolibri-root",
                    "description": "Development utilities for Kolibri",
                    "workspaces": ["packages/*"],
                }
            ),
            "packages/tools/package.json": json.dumps(
                {"name": "kolibri-tools", "description": "Build tools for Kolibri plugins"}
            ),
        }
    )
    facts = gather_facts(build_inventory(root))
    assert facts.description is not None and facts.description.startswith("Kolibri is an")
    indicator = assess(root).indicators[0]
    assert "Unlikely to qualify" not in indicator.summary
    assert "Development utilities" not in indicator.model_dump_json()
