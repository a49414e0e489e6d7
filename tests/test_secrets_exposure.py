"""Which found secrets are masked beyond their own place (dpgkit.secrets.exposure)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.inventory import build_inventory
from dpgkit.secrets.exposure import Candidate, ProjectWords, masked_everywhere, project_words

RANDOM = "q7Fz2Lk9Xw4Rb8Tn1Mv6Pc3Hd5Js0Ga"
WORDS = ProjectWords(names=frozenset({"ferrywatch", "ferrycorp"}))


@pytest.mark.parametrize(
    "value",
    [
        "password",  # a word
        "admin",
        "Keycloak",  # a library's name
        "ferrywatch",  # the project's name
        "FerryWatch2024!",  # the project's name with a little added
        "watch",  # a part of the project's name
        "correct-horse-battery-staple",  # words only, however long
        "hunter2-QwErTy",  # too short to be random
    ],
)
def test_words_and_names_are_masked_at_their_place_only(value: str) -> None:
    assert not masked_everywhere(Candidate(value, provider=False), WORDS)


def test_random_values_are_masked_everywhere() -> None:
    assert masked_everywhere(Candidate(RANDOM, provider=False), WORDS)
    # A random value holding the project's name is random without it.
    assert masked_everywhere(Candidate(RANDOM[:12] + "ferrywatch" + RANDOM[12:], False), WORDS)


def test_provider_keys_are_masked_everywhere_whatever_they_spell() -> None:
    # A provider's format is never weakened by names or prose.
    printed = ProjectWords(names=WORDS.names, read_prose=lambda: f"the key ferrywatch {RANDOM}")
    for value in ("ferrywatch", "ghp_ferrywatch" + "A" * 26, RANDOM):
        assert masked_everywhere(Candidate(value, provider=True), printed)


def test_a_value_the_project_prints_in_prose_is_no_secret_to_hide_elsewhere(
    repo_factory: Callable[..., Path],
) -> None:
    root = repo_factory(
        {
            "README.md": f"# Tides\n\nThe public demo instance answers to {RANDOM}.\n",
            "docs/setup.md": f"Set the key:\n\n    SIGNING_KEY={RANDOM[::-1]}\n",
        },
        name="tides",
        remote="git@github.com:harbours/tides-app.git",
    )
    inventory = build_inventory(root)
    # The secret's own line (docs/setup.md:3) is not prose: there it is a secret.
    words = project_words(inventory, [("docs/setup.md", 3)])
    assert {"tides", "harbours", "tides-app"} <= words.names
    assert not masked_everywhere(Candidate(RANDOM, provider=False), words)
    assert masked_everywhere(Candidate(RANDOM[::-1], provider=False), words)


def test_project_names_come_from_manifests_remote_and_folder(
    repo_factory: Callable[..., Path],
) -> None:
    root = repo_factory(
        {"README.md": "# x\n"}, name="ferry-app", remote="https://gitlab.com/ports/ferry"
    )
    manifests = {"package.json": {"homepage": "https://docs.ferrywatch.org/guide"}}
    words = project_words(build_inventory(root), name="@ports/ferrywatch-web", manifests=manifests)
    assert {"ferry-app", "ports", "ferry", "ferrywatch", "ferrywatch-web"} <= words.names
    assert not {"docs", "gitlab", "https", "org"} & words.names
