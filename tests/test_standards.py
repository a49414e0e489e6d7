"""Indicator 8: open standards and best practices with their evidence."""

from __future__ import annotations

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Outcome, Verdict
from tests.conftest import git

README = (
    "# Health\n\n"
    + "Plain words about the project for newcomers. " * 40
    + "\nBuilt on the Principles for Digital Development and WCAG 2.1 AA.\n"
)


def finding(result, probe):
    return next(f for i in result.indicators for f in i.findings if f.probe == probe)


def test_standards_and_practices_fill_the_screening_lists(repo_factory):
    root = repo_factory(
        {
            "README.md": README,
            "CHANGELOG.md": "# Changelog\n\n## [1.2.0] - 2025-01-01\n",
            "SECURITY.md": "Report to security@example.org\n",
            "CONTRIBUTING.md": "How to contribute.\n",
            ".github/workflows/ci.yml": "on: push\n",
            ".github/dependabot.yml": "version: 2\n",
            ".github/CODEOWNERS": "* @team\n",
            "Dockerfile": "FROM python:3.12-slim\n",
            "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Health\n",
            "pyproject.toml": "[project]\nname='h'\ndependencies=['fhir.resources>=7', 'mozilla-django-oidc']\n[tool.ruff]\nline-length=100\n",
            "poetry.lock": "# lock\n",
            "app/api.py": "FHIR = 'http://hl7.org/fhir/StructureDefinition/Patient'\n",
            "tests/test_api.py": "def test_x():\n    assert True\n",
            "locale/fr/LC_MESSAGES/django.po": 'msgid "Hi"\nmsgstr "Salut"\n',
        }
    )
    git(root, "tag", "v1.2.0")
    result = assess(root, AssessOptions())
    indicator = result.indicator("8")
    assert indicator.verdict is Verdict.MET, indicator.summary
    standards = finding(result, "open_standards_detected")
    names = {item["id"] for item in standards.data["standards"]}
    assert {
        "fhir",
        "openid-connect",
        "wcag",
        "publiccode",
        "i18n",
        "semver",
        "oci-containers",
    } <= names
    assert "HL7 FHIR" in standards.data["suggestions"]["open_standards"]
    practices = finding(result, "best_practices_detected")
    ids = {item["id"] for item in practices.data["practices"]}
    assert {
        "ci",
        "automated-tests",
        "linters",
        "dependency-updates",
        "lock-files",
        "security-policy",
        "contributing",
        "changelog",
        "release-tags",
        "code-review",
        "containers",
        "digital-principles",
    } <= ids
    tags = next(item for item in practices.data["practices"] if item["id"] == "release-tags")
    assert tags["note"] == "1 release tag"
    fhir = next(loc for loc in standards.locations if loc.path == "pyproject.toml")
    assert fhir.line == 3


def test_bare_project_needs_answers_and_names_missing_practices(repo_factory):
    result = assess(
        repo_factory({"README.md": "# x\n\nsmall\n", "main.go": "package main\n"}), AssessOptions()
    )
    assert result.indicator("8").verdict is Verdict.NEEDS_ANSWER
    practices = finding(result, "best_practices_detected")
    assert practices.outcome is Outcome.UNKNOWN
    assert "Continuous integration" in practices.remediation
    assert "Automated tests" in practices.data["missing"]
