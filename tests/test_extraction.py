"""Indicator 6: export paths, APIs, open versus proprietary data formats."""

from __future__ import annotations

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Outcome, Verdict

README = "# App\n\n" + "Plain words about the app for newcomers. " * 40 + "\n"


def finding(result, probe):
    return next(f for i in result.indicators for f in i.findings if f.probe == probe)


def test_django_app_with_csv_export_command_is_met(repo_factory):
    root = repo_factory(
        {
            "README.md": README,
            "requirements.txt": "Django==5.2\n",
            "clinics/models.py": "from django.db import models\nclass Clinic(models.Model):\n    name = models.CharField()\n",
            "clinics/migrations/0001_initial.py": "# migration\n",
            "clinics/management/commands/export_clinics.py": (
                "import csv\nfrom django.core.management.base import BaseCommand\n"
                "class Command(BaseCommand):\n    def handle(self, *a, **k):\n        w = csv.writer(self.stdout)\n"
            ),
        }
    )
    result = assess(root, AssessOptions())
    indicator = result.indicator("6")
    assert indicator.verdict is Verdict.MET, indicator.summary
    export = finding(result, "extraction_export_features")
    paths = {loc.path for loc in export.locations}
    assert "clinics/management/commands/export_clinics.py" in paths
    assert finding(result, "stores_data").data["suggestions"]["collects_non_pii"] == "Yes"


def test_stored_data_without_extraction_path_needs_an_answer(repo_factory):
    root = repo_factory(
        {
            "README.md": README,
            "package.json": '{"dependencies": {"express": "^4.19.0", "mongoose": "^8.0.0"}}',
            "server.js": "const express = require('express');\nconst app = express();\napp.get('/', (q, r) => r.send('hi'));\n",
        }
    )
    result = assess(root, AssessOptions())
    indicator = result.indicator("6")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert "no way to extract" in indicator.summary
    assert finding(result, "extraction_api").outcome is Outcome.UNKNOWN
    assert {q.id for q in indicator.questions} >= {"6.collects_non_pii", "6.extraction_mechanism"}


def test_openapi_spec_is_an_extraction_path(repo_factory):
    root = repo_factory(
        {
            "README.md": README,
            "requirements.txt": "fastapi==0.110.0\nsqlalchemy==2.0.0\n",
            "api/spec/openapi.json": '{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}',
        }
    )
    result = assess(root, AssessOptions())
    assert result.indicator("6").verdict is Verdict.MET
    api = finding(result, "extraction_api")
    assert api.outcome is Outcome.PASS
    assert "api/spec/openapi.json" in {loc.path for loc in api.locations}


def test_data_only_in_proprietary_formats_is_not_met(repo_factory):
    xlsx = b"PK\x03\x04" + b"\x00" * 200_000
    result = assess(
        repo_factory(
            {
                "README.md": README,
                "data/survey.xlsx": xlsx,
                "data/survey.sav": b"$FL2" + b"\x00" * 100_000,
            }
        ),
        AssessOptions(types=["data"]),
    )
    assert result.indicator("6").verdict is Verdict.NOT_MET
    formats = finding(result, "extraction_data_formats")
    assert {loc.path for loc in formats.locations} == {"data/survey.xlsx", "data/survey.sav"}
    assert "CSV" in formats.remediation


def test_open_data_beside_proprietary_is_met_for_data(repo_factory):
    result = assess(
        repo_factory(
            {
                "README.md": README,
                "data/survey.csv": "a,b\n" + "1,2\n" * 20000,
                "data/survey.xlsx": b"PK\x03\x04" + b"\x00" * 1000,
            }
        ),
        AssessOptions(),
    )
    assert result.indicator("6").verdict is Verdict.MET
    assert "CSV" in finding(result, "extraction_data_formats").message


def test_a_library_that_holds_no_data_is_not_applicable(repo_factory):
    result = assess(
        repo_factory(
            {
                "README.md": README,
                "pyproject.toml": "[project]\nname='lib'\ndependencies=['attrs']\n",
                "lib/core.py": "def f():\n    return 1\n",
            }
        ),
        AssessOptions(),
    )
    assert result.indicator("6").verdict is Verdict.NOT_APPLICABLE
