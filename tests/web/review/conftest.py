"""Fixtures of the review workflow: one user per role, a real project checkout to scan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

README = """# Water Watch

Water Watch helps rural communities monitor the safety of their drinking water wells.
Volunteers record test results with a phone, and district health offices see which wells
need treatment. It is free software built with and for the communities that use it.

## Installation

Install Python 3.11, then run `pip install -r requirements.txt` and `python manage.py migrate`.

## Usage

Run `python manage.py runserver` and open the map in a browser. Every well has a page with
its history of test results; the export button downloads them as CSV for analysis.
"""

MIT = """MIT License

Copyright (c) 2026 Water Watch Trust

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.
"""

WATER_FILES = {
    "README.md": README,
    "LICENSE": MIT,
    "docs/privacy.md": "# Privacy\nWe keep phone numbers encrypted.\n",
    "app/main.py": "print('water')\n",
}

# Owner answers by question id, as the answers form takes them (lists one item per line).
ANSWERS: dict[str, str] = {
    "general.name": "Water Watch",
    "general.description": "Rural communities monitor the safety of their drinking water wells.",
    "general.website": "https://water.example.org",
    # The scanned clone's remote is a local file:// address: evidence links need the real one.
    "general.repository_url": "https://github.com/waterwatch/water-watch",
    "general.development_countries": "Kenya",
    "general.deployment_countries": "Kenya\nUganda",
    "1.sdgs": "SDG 6\n3",
    "1.sdg_evidence": "Target 6.1: safe drinking water for rural communities.",
    "2.license_evidence": "https://water.example.org/LICENSE",
    "3.owner": "Water Watch Trust",
    "3.ownership_evidence": "https://water.example.org/about",
    "4.closed_components": "No",
    "6.collects_non_pii": "Yes",
    "6.extraction_mechanism": "CSV export on every well page and a JSON API.",
    "7.privacy_laws": "Kenya Data Protection Act 2019",
    "7.privacy_evidence": "docs/privacy.md",
    "8.open_standards": "OpenAPI",
    "8.best_practices": "Principles for Digital Development",
    "9A.collects_pii": "Yes",
    "9A.pii_types": "volunteer name\nphone number",
    "9A.third_party_sharing": "Yes, with the district health office for follow-up visits.",
    "9A.privacy_security_steps": "Phone numbers are encrypted at rest.",
    "9B.collects_content": "No",
    "9C.user_interaction": "No",
}

PASSWORD = "correct-horse-battery-9"


def answers_post(version: int, answers: dict[str, str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"version": version}
    for key, value in (answers or ANSWERS).items():
        data["q_" + key.replace(".", "__")] = value
    return data


@pytest.fixture
def water_repo(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory(WATER_FILES, name="water-watch")


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    from django.contrib.auth.models import User

    from dpgkit.web.accounts.models import Profile
    from dpgkit.web.accounts.roles import Role, add_role

    def make(username: str, *roles: Role, active: bool = True) -> Any:
        user = User.objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_active=active
        )
        Profile.objects.create(user=user)
        for role in roles:
            add_role(user, role)
        return user

    return make


@pytest.fixture
def people(make_user: Callable[..., Any]) -> dict[str, Any]:
    from django.utils import timezone

    from dpgkit.web.accounts.roles import Role

    suspended = make_user("suspended", Role.APPLICANT, Role.REVIEWER, active=False)
    suspended.profile.suspended_at = timezone.now()
    suspended.profile.save()
    return {
        "applicant": make_user("applicant", Role.APPLICANT),
        "other": make_user("other", Role.APPLICANT),
        "reviewer": make_user("reviewer", Role.REVIEWER),
        "reviewer2": make_user("reviewer2", Role.REVIEWER),
        "admin": make_user("admin", Role.ADMINISTRATOR),
        "suspended": suspended,
    }


@pytest.fixture
def client_for(db: None) -> Callable[..., Any]:
    from django.test import Client

    def build(user: Any = None, csrf: bool = False) -> Any:
        client = Client(enforce_csrf_checks=csrf)
        if user is not None:
            client.force_login(user)
        return client

    return build
