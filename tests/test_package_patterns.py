"""Catalog package patterns (plain names and globs) against dependencies, as fnmatchcase reads them."""

from __future__ import annotations

import fnmatch

import pytest

from dpgkit.deps.closed import package_matches
from dpgkit.deps.model import Dependency, Scope, make_purl, normalise_name

PATTERNS = {
    "npm": ("@firebase/*", "firebase", "mapbox-gl", "@googlemaps/js-api-loader", "[ab]ws-sdk"),
    "pypi": ("google-cloud-*", "Firebase_Admin", "boto3", "twilio?"),
    "maven": ("com.google.firebase:*", "com.mapbox.mapboxsdk:mapbox-android-sdk"),
}
NAMES = [
    ("npm", "@firebase/app"),
    ("npm", "firebase"),
    ("npm", "firebase-tools"),
    ("npm", "Mapbox-GL"),
    ("npm", "aws-sdk"),
    ("npm", "cws-sdk"),
    ("npm", "@googlemaps/js-api-loader"),
    ("pypi", "google_cloud.storage"),
    ("pypi", "firebase-admin"),
    ("pypi", "FIREBASE.ADMIN"),
    ("pypi", "boto3"),
    ("pypi", "boto"),
    ("pypi", "twilio2"),
    ("pypi", "twilio"),
    ("maven", "com.google.firebase:firebase-messaging"),
    ("maven", "com.mapbox.mapboxsdk:mapbox-android-sdk"),
    ("maven", "com.mapbox.mapboxsdk:mapbox-sdk-services"),
    ("cargo", "firebase"),
]


@pytest.mark.parametrize(("ecosystem", "name"), NAMES)
def test_plain_names_and_globs_match_as_fnmatchcase_does(ecosystem: str, name: str) -> None:
    dependency = Dependency(ecosystem, name, make_purl(ecosystem, name), Scope.RUNTIME, "manifest")
    expected = any(
        fnmatch.fnmatchcase(normalise_name(ecosystem, name), normalise_name(ecosystem, pattern))
        for pattern in PATTERNS.get(ecosystem, ())
    )
    assert package_matches(PATTERNS, dependency) is expected


def test_the_cases_that_matter() -> None:
    def matches(ecosystem: str, name: str) -> bool:
        dependency = Dependency(ecosystem, name, make_purl(ecosystem, name), Scope.RUNTIME, "m")
        return package_matches(PATTERNS, dependency)

    assert matches("pypi", "FIREBASE.ADMIN")  # PEP 503: one name however it is spelled
    assert matches("npm", "@firebase/app") and not matches("npm", "firebase-tools")
    assert matches("pypi", "twilio2") and not matches("pypi", "twilio")
    assert not matches("cargo", "firebase")  # no patterns for the ecosystem
