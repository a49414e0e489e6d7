"""Indicator 4 end to end: closed components, their alternatives, and the verdict."""

from __future__ import annotations

from pathlib import Path

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Outcome, Verdict

README = "# Atlas\n\nA tool for health workers to map clinics. " + "Words about the project. " * 40


def run(root: Path, answers: Path | None = None) -> Assessment:
    return assess(root, AssessOptions(answers_path=answers))


def finding(assessment: Assessment, probe: str):
    for indicator in assessment.indicators:
        for item in indicator.findings:
            if item.probe == probe:
                return item
    raise AssertionError(probe)


GOOGLE_MAPS_APP = {
    "README.md": README,
    "package.json": '{\n  "name": "atlas",\n  "dependencies": {\n    "@googlemaps/js-api-loader": "^1.16.6",\n    "react": "^18.2.0"\n  }\n}\n',
    "src/map.js": (
        'import { Loader } from "@googlemaps/js-api-loader";\n'
        "export function draw(el) {\n  return new google.maps.Map(el, { zoom: 8 });\n}\n"
    ),
    "public/index.html": '<script src="https://maps.googleapis.com/maps/api/js?key=KEY"></script>\n',
}


def test_closed_map_sdk_needs_an_answer_with_prefilled_alternatives(repo_factory):
    result = run(repo_factory(GOOGLE_MAPS_APP))
    indicator = result.indicator("4")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    closed = finding(result, "closed_components")
    assert closed.outcome is Outcome.UNKNOWN
    assert "Google Maps" in closed.message
    paths = {(loc.path, loc.line) for loc in closed.locations}
    assert ("package.json", 4) in paths and ("src/map.js", 3) in paths
    # Used in two files with no alternative wired in: its role is a question, not a "Yes".
    assert closed.data["mandatory"] is None
    component = closed.data["components"][0]
    assert component["mandatory"] is None and "unclear" in component["mandatory_reason"]
    questions = {q.id: q for q in indicator.questions}
    assert questions["4.closed_components"].suggestion.startswith("Unclear")
    assert "Leaflet" in questions["4.open_alternatives"].suggestion
    assert any("Leaflet" in text for text in indicator.remediation)
    alternatives = finding(result, "closed_component_alternatives")
    assert alternatives.outcome is Outcome.UNKNOWN


def test_open_alternative_through_a_provider_setting_is_met(repo_factory):
    files = dict(GOOGLE_MAPS_APP)
    files["package.json"] = (
        '{"name": "atlas", "dependencies": {"@googlemaps/js-api-loader": "^1.16.6", "leaflet": "^1.9.4"}}'
    )
    files[".env.example"] = (
        "MAP_PROVIDER=osm\nOSM_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png\n"
    )
    files["src/provider.js"] = (
        "export const provider = process.env.MAP_PROVIDER || 'osm';\n"
        "export const tiles = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';\n"
    )
    result = run(repo_factory(files))
    indicator = result.indicator("4")
    assert indicator.verdict is Verdict.MET, indicator.summary
    alternatives = finding(result, "closed_component_alternatives")
    assert alternatives.outcome is Outcome.PASS
    evidence_paths = {loc.path for loc in alternatives.locations}
    assert {".env.example", "package.json"} <= evidence_paths
    closed = finding(result, "closed_components")
    assert closed.data["mandatory"] is False
    assert closed.data["components"][0]["alternatives_wired"]
    assert closed.data["suggestions"]["closed_components"].startswith("No — ")


def test_core_client_of_a_closed_platform_is_not_met(repo_factory):
    files: dict[str, str] = {
        "README.md": README,
        "pubspec.yaml": "name: app\ndependencies:\n  firebase_core: ^2.0.0\n  cloud_firestore: ^4.0.0\n",
    }
    for index in range(5):
        files[f"lib/screen{index}.dart"] = (
            "import 'package:cloud_firestore/cloud_firestore.dart';\n"
            f"final col{index} = FirebaseFirestore.instance.collection('items');\n"
        )
    result = run(repo_factory(files))
    indicator = result.indicator("4")
    assert indicator.verdict is Verdict.NOT_MET
    assert "client of a closed platform" in indicator.summary
    assert "Firebase" in indicator.summary
    closed = finding(result, "closed_components")
    assert closed.data["mandatory"] is True
    assert "used in 5 of 5 source files" in closed.data["components"][0]["mandatory_reason"]
    assert closed.data["suggestions"]["closed_components"].startswith("Yes — ")


def test_mapbox_gl_1_is_open_and_2_is_closed(repo_factory):
    old = run(
        repo_factory(
            {"README.md": README, "package.json": '{"dependencies": {"mapbox-gl": "^1.13.3"}}'}
        )
    )
    assert old.indicator("4").verdict is Verdict.MET
    new = run(
        repo_factory(
            {"README.md": README, "package.json": '{"dependencies": {"mapbox-gl": "^3.1.0"}}'}
        )
    )
    assert new.indicator("4").verdict is Verdict.NEEDS_ANSWER
    assert "Mapbox GL JS 2" in finding(new, "closed_components").message


def test_development_only_closed_tools_do_not_count(repo_factory):
    result = run(
        repo_factory(
            {
                "README.md": README,
                "requirements.txt": "django==5.2\n",
                "requirements-dev.txt": "twilio==9.0\n",
            }
        )
    )
    assert result.indicator("4").verdict is Verdict.MET
    assert "development only" in finding(result, "closed_components").message


def test_closed_database_image_in_compose_and_owner_answer(repo_factory, tmp_path):
    root = repo_factory(
        {
            "README.md": README,
            "docker-compose.yml": "services:\n  db:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n",
        }
    )
    result = run(root)
    assert result.indicator("4").verdict is Verdict.NEEDS_ANSWER
    closed = finding(result, "closed_components")
    assert closed.locations[0].path == "docker-compose.yml" and closed.locations[0].line == 3
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "indicators:\n  '4':\n    closed_components: 'Yes'\n"
        "    open_alternatives: PostgreSQL through the DB_ENGINE setting.\n",
        encoding="utf-8",
    )
    declared = run(root, answers)
    assert declared.indicator("4").verdict is Verdict.MET
    assert "owner" in declared.indicator("4").summary


def test_unreadable_manifest_keeps_the_verdict_honest(repo_factory):
    result = run(repo_factory({"README.md": README, "package.json": "{broken"}))
    inventory = finding(result, "dependency_inventory")
    assert inventory.outcome is Outcome.UNKNOWN
    assert inventory.locations[0].path == "package.json"
    assert result.indicator("4").verdict is Verdict.NEEDS_ANSWER


def test_proprietary_font_files_are_found(repo_factory):
    result = run(
        repo_factory(
            {"README.md": README, "static/fonts/HelveticaNeue-Bold.otf": b"OTTO\x00\x01fake"}
        )
    )
    closed = finding(result, "closed_components")
    assert closed.outcome is Outcome.UNKNOWN
    assert closed.locations[0].path == "static/fonts/HelveticaNeue-Bold.otf"


def test_analytics_is_never_mandatory(repo_factory):
    """Telemetry observes the product; the code runs without it."""
    result = run(
        repo_factory(
            {
                "README.md": README,
                "templates/base.html": (
                    "<html><head>\n<script async "
                    'src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>\n'
                    "</head></html>\n"
                ),
            }
        )
    )
    closed = finding(result, "closed_components")
    assert closed.outcome is Outcome.PASS
    assert closed.data["mandatory"] is False
    assert "not needed to run" in closed.data["components"][0]["mandatory_reason"]
    assert result.indicator("4").verdict is Verdict.MET


def test_comments_naming_a_closed_component_are_not_uses(repo_factory):
    """'# no Firebase: CouchDB instead' in code or a manifest names Firebase without using it."""
    result = run(
        repo_factory(
            {
                "README.md": README,
                "pyproject.toml": (
                    '[project]\nname = "atlas"\ndependencies = ["couchdb>=1.2"]\n'
                    "# We do not use Firebase: sync goes through CouchDB.\n"
                ),
                "atlas/sync.py": (
                    "# FIREBASE_CONFIG is gone: replication goes through CouchDB.\n"
                    "import couchdb\n\n\ndef server():  # not firebaseConfig any more\n"
                    "    return couchdb.Server()\n"
                ),
            }
        )
    )
    closed = finding(result, "closed_components")
    assert closed.data["components"] == [], closed.data["components"]
    assert closed.data["mandatory"] is False
    # Nor is it a third party that receives personal data (9A).
    inventory = finding(result, "personal_data_inventory")
    assert "third_party_sharing" not in inventory.data.get("suggestions", {})


def test_a_samples_closed_dependency_is_not_the_products(repo_factory):
    result = run(
        repo_factory(
            {
                "README.md": README,
                "requirements.txt": "django==5.2\n",
                "samples/demo/requirements.txt": "twilio==9.0\n",
            }
        )
    )
    assert finding(result, "closed_components").data["components"] == []
