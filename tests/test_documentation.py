"""Indicator 5 by project type: software, data and content documentation."""

from __future__ import annotations

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Outcome, Verdict

PROSE = "This paragraph explains the project for a newcomer in plain words. " * 20


def finding(result, probe):
    return next(f for i in result.indicators for f in i.findings if f.probe == probe)


def test_software_documentation_with_site_api_architecture_and_links(repo_factory):
    root = repo_factory(
        {
            "README.md": (
                f"# Clinic\n\n{PROSE}\n\n## Installation\n\nRun pip install.\n\n## Configuration\n\nSet .env.\n\n"
                "## Usage\n\nStart it.\n\n## Deployment\n\nUse docker.\n\n"
                "See [the guide](docs/guide.md), [arch](docs/architecture.md) and [gone](docs/missing.md).\n"
                "Docs online: https://clinic.readthedocs.io/en/latest/\n"
            ),
            "mkdocs.yml": "site_name: Clinic\n",
            "docs/guide.md": "# Guide\n\n[back](../README.md) [img](img/x.png)\n",
            "docs/architecture.md": "# Architecture\n\nComponents.\n",
            "docs/api.md": "# API\n",
            "openapi.yaml": "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n",
            "requirements.txt": "flask==3.0.0\n",
            "app.py": "import flask\n",
        }
    )
    result = assess(root, AssessOptions())
    assert result.indicator("5").verdict is Verdict.MET
    assert finding(result, "docs_setup_topics").outcome is Outcome.PASS
    assert finding(result, "docs_site").outcome is Outcome.PASS
    available = finding(result, "docs_available")
    assert available.outcome is Outcome.PASS
    assert (
        "https://clinic.readthedocs.io/en/latest/"
        in available.data["suggestions"]["documentation_links"]
    )
    assert finding(result, "docs_api_reference").outcome is Outcome.PASS
    assert finding(result, "docs_architecture").outcome is Outcome.PASS
    links = finding(result, "docs_links")
    assert links.outcome is Outcome.FAIL
    broken = {(loc.path, loc.excerpt) for loc in links.locations}
    assert broken == {("README.md", "docs/missing.md"), ("docs/guide.md", "img/x.png")}
    assert "docs/missing.md" in links.remediation


def test_missing_setup_topics_are_named_in_remediation(repo_factory):
    root = repo_factory(
        {
            "README.md": f"# Tool\n\n{PROSE}\n\n## Install\n\nx\n\n## Usage\n\ny\n",
            "main.py": "print(1)\n" * 50,
        }
    )
    result = assess(root, AssessOptions())
    topics = finding(result, "docs_setup_topics")
    assert topics.outcome is Outcome.UNKNOWN
    assert topics.data["missing"] == ["configure", "deploy"]
    assert "configure, deploy" in topics.remediation
    assert result.indicator("5").verdict is Verdict.MET  # README install/usage are the requirement


def test_data_project_needs_a_dictionary_and_collection_method(repo_factory):
    rows = "region,year,value\n" + "north,2020,1\n" * 3000
    bare = assess(
        repo_factory({"README.md": f"# Rainfall\n\n{PROSE}\n", "data/rain.csv": rows}),
        AssessOptions(),
    )
    assert "data" in bare.project.types
    assert bare.indicator("5").verdict is Verdict.NEEDS_ANSWER
    assert finding(bare, "data_dictionary").outcome is Outcome.UNKNOWN
    documented = assess(
        repo_factory(
            {
                "README.md": f"# Rainfall\n\n{PROSE}\n\n## Methodology\n\nGauges read daily.\n",
                "data/rain.csv": rows,
                "datapackage.json": '{"resources": [{"path": "data/rain.csv", "schema": {"fields": '
                '[{"name": "region", "description": "Admin region"}]}}]}',
            }
        ),
        AssessOptions(),
    )
    assert documented.indicator("5").verdict is Verdict.MET, documented.indicator("5").summary
    assert finding(documented, "data_dictionary").locations[0].path == "datapackage.json"
    assert finding(documented, "data_collection_method").outcome is Outcome.PASS


def test_content_project_needs_access_instructions(repo_factory):
    pdf = b"%PDF-1.4\n" + b"\x00\x01" * 60000
    root = repo_factory(
        {
            "README.md": f"# Lessons\n\n{PROSE}\n\n## How to use these lessons\n\nOpen the PDFs.\n",
            "lessons/a.pdf": pdf,
        }
    )
    result = assess(root, AssessOptions(types=["content"]))
    assert finding(result, "content_access").outcome is Outcome.PASS
    assert result.indicator("5").verdict is Verdict.MET


# -- documentation as reviewers see it (issue 13 item 3) -----------------------------------
CODE = {"app.py": "def main() -> None:\n    print('hello')\n" * 40}


def docs_verdict(repo_factory, files, **options):
    result = assess(repo_factory({**CODE, **files}), AssessOptions(**options))
    return result.indicator("5"), finding(result, "docs_available")


def test_a_title_alone_is_no_documentation(repo_factory):
    indicator, available = docs_verdict(repo_factory, {"README.md": "# Clinic tool\n"})
    assert indicator.verdict is Verdict.NOT_MET
    assert available.outcome is Outcome.FAIL and "No documentation" in available.message
    indicator, _ = docs_verdict(repo_factory, {})
    assert indicator.verdict is Verdict.NOT_MET


def test_a_short_readme_linking_a_docs_site_asks_with_the_links(repo_factory):
    readme = (
        "# Clinic tool\n\nA tool for clinics.\n\n"
        "[![Docs](https://readthedocs.org/projects/clinic/badge/)](https://clinic.readthedocs.io)\n"
        "Read the [user manual](https://example.org/clinic/manual) and the "
        "[API reference](https://api.example.org/reference).\n"
    )
    indicator, available = docs_verdict(repo_factory, {"README.md": readme})
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert available.outcome is Outcome.UNKNOWN
    question = next(q for q in indicator.questions if q.id == "5.documentation_links")
    for url in (
        "https://clinic.readthedocs.io",
        "https://example.org/clinic/manual",
        "https://api.example.org/reference",
    ):
        assert url in question.suggestion
    assert "badge" not in question.suggestion


def test_manifest_documentation_link_is_asked_about(repo_factory):
    manifest = '[project]\nname = "clinic"\n[project.urls]\nDocumentation = "https://clinic.example.org/handbook"\n'
    indicator, available = docs_verdict(
        repo_factory, {"README.md": "# Clinic\n", "pyproject.toml": manifest}
    )
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert available.locations[0].path == "pyproject.toml"


def test_guides_in_the_repository_document_the_project(repo_factory):
    pdf = b"%PDF-1.4\n" + b"\x00\x01" * 500
    short = "# Clinic tool\n\nSee the guides.\n"
    for files in (
        {"README.md": short, "manuals/Installation Manual.pdf": pdf},
        {"README.md": short, "User Guide.odt": b"PK\x03\x04" + b"\x00" * 300},
        {"user_guide/index.html": "<html><body>" + f"<p>{PROSE}</p>" * 3 + "</body></html>"},
        {"README.md": short, "website/docs/intro.md": f"# Intro\n\n{PROSE}\n"},
        {
            "README.md": short + "\n[Setting it up](setup/GUIDE.md)\n",
            "setup/GUIDE.md": f"# Set up\n\n{PROSE}\n",
        },
    ):
        indicator, available = docs_verdict(repo_factory, files)
        assert available.outcome is Outcome.PASS, (files.keys(), available.message)
        assert indicator.verdict is Verdict.MET


def test_a_readme_with_install_steps_is_documentation(repo_factory):
    readme = (
        "# Clinic tool\n\nA tool for clinics.\n\n## Build\n\nRun ./mvnw clean install and copy the omod.\n"
        * 2
    )
    indicator, available = docs_verdict(repo_factory, {"README.md": readme})
    assert available.outcome is Outcome.PASS
    assert indicator.verdict is Verdict.MET
    assert finding_of(indicator, "readme_present").outcome is Outcome.FAIL  # short: a note only


def test_a_readme_that_only_describes_is_a_question(repo_factory):
    readme = "# Clinic tool\n\n" + "It helps clinics keep records of visits and referrals. " * 5
    indicator, available = docs_verdict(repo_factory, {"README.md": readme})
    assert available.outcome is Outcome.UNKNOWN
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert "Where is the documentation" in indicator.summary


def finding_of(indicator, probe):
    return next(f for f in indicator.findings if f.probe == probe)


def test_an_api_that_describes_itself_is_a_question_not_a_failure(repo_factory):
    """A title-only README beside an API whose code generates its OpenAPI reference: the
    developers' reference exists, so the guides are asked about, not called missing."""
    controller = (
        "package org.clinic.api\n\n"
        "import org.scalatra.swagger.{Swagger, SwaggerSupport}\n\n"
        "class BooksController(implicit val swagger: Swagger) extends SwaggerSupport {\n"
        '  val getBooks = apiOperation[List[String]]("getBooks") summary "All books"\n'
        "}\n"
    )
    files = {"README.md": "# book-api\n\nAPI for fetching books\n"}
    indicator, available = docs_verdict(
        repo_factory, {**files, "src/main/scala/org/clinic/api/BooksController.scala": controller}
    )
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert available.outcome is Outcome.UNKNOWN and "OpenAPI" in available.message
    assert available.locations[0].path.endswith("BooksController.scala")
    indicator, _ = docs_verdict(repo_factory, files)  # the same README alone: no documentation
    assert indicator.verdict is Verdict.NOT_MET
