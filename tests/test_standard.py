"""The Standard as data stays consistent with the registry's own schemas and our probes."""

from __future__ import annotations

from typing import Any

import pytest

from dpgkit.probes.registry import all_probes
from dpgkit.registry import RecordKind, load_schema
from dpgkit.standard import INDICATOR_IDS, load_standard, normalise_spdx_id


def _schema_has_path(schema: dict[str, Any], dotted: str) -> bool:
    node: Any = schema
    for part in dotted.split("."):
        array = part.endswith("[]")
        name = part.removesuffix("[]")
        properties = node.get("properties", {})
        if name not in properties:
            return False
        node = properties[name]
        if array:
            node = node.get("items", {})
    return True


def test_every_indicator_is_present_in_order_with_questions() -> None:
    standard = load_standard()
    assert standard.version == "1.1.7"
    assert tuple(spec.id for spec in standard.indicators) == INDICATOR_IDS
    for spec in standard.indicators:
        assert spec.requirement and spec.questions, spec.id
        assert len({q.id for q in spec.questions}) == len(spec.questions)


def test_every_screening_field_exists_in_a_registry_schema() -> None:
    standard = load_standard()
    nominee, screening = load_schema(RecordKind.NOMINEE), load_schema(RecordKind.SCREENING)
    for question_id, question in standard.all_questions().items():
        if question.screening_field is None:
            continue
        assert _schema_has_path(screening, question.screening_field) or _schema_has_path(
            nominee, question.screening_field
        ), f"{question_id}: {question.screening_field} is in neither schema"


def test_conditional_questions_refer_to_yes_no_questions_of_their_indicator() -> None:
    for spec in load_standard().indicators:
        kinds = {q.id: q.kind for q in spec.questions}
        for question in spec.questions:
            for trigger in question.required_when or {}:
                assert kinds.get(trigger) == "yes_no", f"{spec.id}.{question.id} -> {trigger}"


def test_approved_licenses_cover_the_registry_schema_enum() -> None:
    standard = load_standard()
    enum = load_schema(RecordKind.NOMINEE)["properties"]["license"]["items"]["properties"]["spdx"][
        "enum"
    ]
    missing = [spdx for spdx in enum if standard.approved(spdx) is None]
    assert missing == []
    assert standard.approved("CC-BY-4.0").categories == ["content", "data"]  # type: ignore[union-attr]
    assert standard.approved("EUPL-1.1") is None
    assert standard.approved("BSD-4-Clause") is None
    assert standard.approved("CC-BY-ND-4.0") is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("GPL-3.0-only", "GPL-3.0"),
        ("GPL-3.0-or-later", "GPL-3.0"),
        ("LGPL-2.1+", "LGPL-2.1"),
        ("agpl-3.0-only", "AGPL-3.0"),
        ("MIT", "MIT"),
        ("Apache-2.0", "Apache-2.0"),
    ],
)
def test_gnu_ids_are_normalised_to_registry_forms(given: str, expected: str) -> None:
    assert normalise_spdx_id(given) == expected
    assert load_standard().approved(given) is not None


def test_every_probe_has_a_complete_definition_for_a_real_indicator() -> None:
    probes = all_probes()
    assert {"readme_present", "license_file_identified", "security_policy_present"} <= set(probes)
    for probe_id, (definition, function) in probes.items():
        assert definition.indicator in INDICATOR_IDS, probe_id
        assert definition.role in {"required", "blocking", "supporting"}, probe_id
        assert definition.motivation and definition.implementation and definition.remediation
        assert callable(function)
