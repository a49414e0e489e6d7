"""Every ecosystem end to end: a closed component declared in its manifest is found with
its location, and the four indicators of this area give a verdict backed by findings."""

from __future__ import annotations

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Verdict

README = (
    "# Project\n\n"
    + "Plain words about the project for newcomers. " * 40
    + "\n## Install\n\nx\n\n## Usage\n\ny\n"
)

# Components that only observe the product (analytics, monitoring): found and named with
# their open alternative, but never a question about whether the product runs without them.
AUXILIARY = {"google-analytics"}

# ecosystem -> (manifest path, manifest text, expected closed component, expected line)
CASES = {
    "python": ("requirements.txt", "django==5.2\nfirebase-admin==6.5.0\n", "firebase", 2),
    "javascript": (
        "package.json",
        '{\n  "dependencies": {\n    "react-ga4": "^2.1.0"\n  }\n}\n',
        "google-analytics",
        3,
    ),
    "maven": (
        "pom.xml",
        "<project><dependencies><dependency>\n<groupId>com.microsoft.sqlserver</groupId>\n"
        "<artifactId>mssql-jdbc</artifactId><version>12.6.1.jre11</version>\n</dependency></dependencies></project>\n",
        "sql-server",
        3,
    ),
    "gradle": (
        "app/build.gradle.kts",
        'dependencies {\n    implementation("com.google.android.gms:play-services-location:21.0.1")\n}\n',
        "google-play-services",
        2,
    ),
    "go": (
        "go.mod",
        "module x\n\ngo 1.22\n\nrequire github.com/twilio/twilio-go v1.20.0\n",
        "twilio",
        5,
    ),
    "rust": (
        "Cargo.toml",
        "[package]\nname='x'\n[dependencies]\nmongodb = '2'\nsentry = '0.32'\n[dependencies.algoliasearch]\nversion='0.1'\n",
        None,
        None,
    ),
    "php": (
        "composer.json",
        '{\n  "require": {\n    "sendgrid/sendgrid": "^8.1"\n  }\n}\n',
        "sendgrid-mailgun",
        3,
    ),
    "ruby": (
        "Gemfile",
        "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'algoliasearch-rails'\n",
        "algolia",
        3,
    ),
    "elixir": (
        "mix.exs",
        'defmodule X.MixProject do\n  defp deps do\n    [\n      {:phoenix, "~> 1.7"}\n    ]\n  end\nend\n',
        None,
        None,
    ),
    "dotnet": (
        "Api/Api.csproj",
        '<Project>\n<ItemGroup>\n<PackageReference Include="Auth0.AspNetCore.Authentication" Version="1.4.1" />\n</ItemGroup>\n</Project>\n',
        "auth0-okta",
        3,
    ),
    "r": (
        "DESCRIPTION",
        "Package: x\nVersion: 1.0\nImports:\n    dplyr,\n    googleway\n",
        None,
        None,
    ),
    "dart": (
        "pubspec.yaml",
        "name: app\ndependencies:\n  google_maps_flutter: ^2.5.0\n",
        "google-maps",
        3,
    ),
    "docker": (
        "Dockerfile",
        "FROM container-registry.oracle.com/database/free:latest\n",
        "oracle-database",
        1,
    ),
}


@pytest.mark.parametrize("ecosystem", sorted(CASES))
def test_each_ecosystem_gives_evidence_backed_verdicts(repo_factory, ecosystem):
    path, text, component, line = CASES[ecosystem]
    result = assess(repo_factory({"README.md": README, path: text}), AssessOptions())
    inventory = next(f for f in result.indicator("4").findings if f.probe == "dependency_inventory")
    assert inventory.data["dependencies"], ecosystem
    assert path in inventory.data["manifests"]
    closed = next(f for f in result.indicator("4").findings if f.probe == "closed_components")
    if component is None:
        assert result.indicator("4").verdict is Verdict.MET
    else:
        expected = Verdict.MET if component in AUXILIARY else Verdict.NEEDS_ANSWER
        assert result.indicator("4").verdict is expected, ecosystem
        assert component in {c["id"] for c in closed.data["components"]}
        assert (path, line) in {(loc.path, loc.line) for loc in closed.locations}
    for indicator_id in ("4", "5", "6", "8"):
        indicator = result.indicator(indicator_id)
        assert indicator.findings
        if indicator.verdict in (Verdict.NOT_MET, Verdict.NEEDS_ANSWER):
            assert indicator.remediation or indicator.questions
