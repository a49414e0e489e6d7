"""Evidence that is only a mention: comments that name a service without using it, test
settings, and samples shipped beside the product. (The false findings a newcomer saw in
dpgkit's own report: "uses Firebase" from a comment saying it does not, the test settings'
MD5 hasher as password hashing, a sample's owner taken as the project's.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.assess import assess
from dpgkit.evidence.mentions import first_use, in_comment, is_comment_line, negated
from dpgkit.inventory.classify import is_test_path
from dpgkit.model import Assessment, Finding
from tests import harm_fixtures as fixtures
from tests.license_helpers import license_text

RepoFactory = Callable[..., Path]
FIREBASE = re.compile(r"\bfirebase\b", re.I)


def _finding(assessment: Assessment, indicator: str, probe: str) -> Finding:
    return next(f for f in assessment.indicator(indicator).findings if f.probe == probe)


@pytest.mark.parametrize(
    ("line", "used"),
    [
        ('"firebase-admin>=6.0",', True),
        ("import firebase from 'firebase/app';", True),
        ("#import <Firebase/Firebase.h>", True),
        ("# detector data, not uses of Firebase or FHIR", False),
        ("// TODO: firebase config", False),
        (" * Firebase was removed in 2.0", False),
        ('analytics = "matomo"  # no firebase', False),
        ("<!-- firebase -->", False),
    ],
)
def test_a_comment_names_without_using(line: str, used: bool) -> None:
    assert (first_use(line, FIREBASE) is not None) is used


def test_negation_in_prose_only() -> None:
    assert negated("We do not use Firebase.", 14)
    assert negated("Runs without Firebase or any Google service", 13)
    assert not negated("Sync uses Firebase. It is not optional.", 10)
    # In code a negation is logic: the line still uses the thing.
    assert first_use("if not firebase_enabled: return", re.compile("firebase")) is not None
    assert first_use("We do not use Firebase.", FIREBASE, prose=True) is None
    assert is_comment_line("  -- a SQL comment") and not is_comment_line("*args,")
    assert in_comment("url = 'x'  # firebase", 15) and not in_comment("http://firebase.io", 7)


@pytest.mark.parametrize(
    ("path", "test"),
    [
        ("src/app/settings/test.py", True),
        ("config/environments/test.rb", True),
        ("config/test.exs", True),
        ("clinic/tests.py", True),
        ("config/settings/production.py", False),
        ("docs/testing.md", False),
        ("src/latest.py", False),
    ],
)
def test_settings_named_for_tests_are_tests(path: str, test: bool) -> None:
    assert is_test_path(path) is test


def test_test_settings_and_manifest_comments_are_not_9a_evidence(
    repo_factory: RepoFactory,
) -> None:
    files = {
        **fixtures.DJANGO_PII,
        "clinic/settings/test.py": (
            'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n'
        ),
        "pyproject.toml": (
            '[project]\nname = "clinic"\ndependencies = ["django>=5"]\n'
            "# Clinic data never goes to Firebase or Mixpanel.\n"
        ),
    }
    inventory = _finding(assess(repo_factory(files)), "9A", "personal_data_inventory")
    suggestions = inventory.data["suggestions"]
    assert "third_party_sharing" not in suggestions
    assert "settings/test.py" not in suggestions.get("privacy_security_steps", "")


def test_a_samples_owner_is_not_the_projects(repo_factory: RepoFactory) -> None:
    files = {
        "app.py": "print('hello')\n" * 40,
        "LICENSE": license_text("MIT").replace(
            "<year> <copyright holders>", "2024 Ministry of Health of Example"
        ),
        "samples/clinic-map/NOTICE": "Clinic Map\nCopyright 2026 Sample Map Foundation\n",
        "samples/clinic-map/app.py": "# Copyright 2026 Sample Map Foundation\nprint('map')\n",
    }
    owner = _finding(assess(repo_factory(files)), "3", "owner_identified")
    names = [candidate["name"] for candidate in owner.data["candidates"]]
    assert names[0] == "Ministry of Health of Example"
    assert "Sample Map Foundation" not in names
