"""The personal-data classifier: names in several languages and scripts, person context,
declared types, and words that cancel a match."""

from __future__ import annotations

import pytest

from dpgkit.pii import DataField, classify, normalise


def _category(
    name: str, entity: str = "Record", type_: str | None = None, source: str = "SQL table"
) -> str | None:
    found = classify(DataField(entity, name, "x.sql", 1, source, type_))
    return found.id if found else None


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("dateOfBirth", "date_of_birth"),
        ("DATE-OF-BIRTH", "date_of_birth"),
        ("fecha_nacimiento", "date_of_birth"),
        ("дата_рождения", "date_of_birth"),
        ("iin", "national_id"),
        ("ИИН", "national_id"),
        ("aadhaar_number", "national_id"),
        ("cpf", "national_id"),
        ("passportNo", "passport"),
        ("ssn", "ssn"),
        ("snils", "ssn"),
        ("mobile_number", "phone"),
        ("телефон", "phone"),
        ("contact_email", "email"),
        ("correo", "email"),
        ("last_login_ip", "ip_address"),
        ("hiv_status", "health"),
        ("face_embedding", "biometrics"),
        ("profile_picture", "photo"),
        ("ethnic_group", "ethnicity"),
        ("religion", "religion"),
        ("sexual_orientation", "sexual_orientation"),
        ("disability", "disability"),
        ("мүгедектік", "disability"),
        ("фамилия", "name"),
        ("apellidos", "name"),
        ("gps_coordinates", "precise_location"),
        ("iban", "financial"),
    ],
)
def test_field_names(name: str, category: str) -> None:
    assert _category(name) == category


@pytest.mark.parametrize(
    "name",
    [
        "file_name",
        "email_verified",
        "server_ip",
        "created_at",
        "color",
        "category_name",
        "image_url_template",
    ],
)
def test_not_personal(name: str) -> None:
    assert _category(name, entity="User") is None


def test_person_context_decides_ambiguous_words() -> None:
    assert _category("name", entity="Patient") == "name"
    assert _category("name", entity="Product") is None
    assert _category("latitude", entity="HealthFacility") is None
    assert _category("latitude", entity="UserLocationPing") == "precise_location"
    assert _category("photo", entity="Category") is None
    assert _category("photo", entity="Member") == "photo"
    assert _category("bin", entity="Company") is None
    assert _category("bin", entity="Client") == "national_id"


def test_declared_types() -> None:
    assert _category("contact", type_="EmailField") == "email"
    assert _category("origin", type_="inet") == "ip_address"
    assert _category("where", type_="geopoint") == "precise_location"
    assert _category("picture", entity="Profile", type_="ImageField") == "photo"


def test_normalise() -> None:
    assert normalise("dateOfBirth") == "date_of_birth"
    assert normalise("HTTPServerIP") == "http_server_ip"
    assert normalise("Дата Рождения") == "дата_рождения"
