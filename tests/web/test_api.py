"""The JSON API, checked against its own OpenAPI document, and the registry-shaped endpoints."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from dpgkit.web.registry.models import Good, Screening
from dpgkit.web.registry.query import GoodsQuery, search_goods

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client: Any) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def response_validator(document: dict[str, Any], path: str) -> Draft202012Validator:
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    registry: Registry[Any] = Registry().with_resource(
        "urn:openapi", DRAFT202012.create_resource(document)
    )
    rebased = json.loads(json.dumps(schema).replace('"#/components', '"urn:openapi#/components'))
    return Draft202012Validator(rebased, registry=registry)


CALLS = [
    ("/api/goods", "/api/goods", {}),
    ("/api/goods", "/api/goods", {"q": "health", "sdg": 3, "page_size": 5, "page": 2}),
    ("/api/goods", "/api/goods", {"type": "data", "stage": "DPG", "sort": "-name"}),
    ("/api/goods", "/api/goods", {"country": "Kazakhstan", "license": "MIT"}),
    ("/api/goods/{slug}", "/api/goods/aam-digital", {}),
    ("/api/goods/{slug}", "/api/goods/african-storybook", {}),
    ("/api/facets", "/api/facets", {}),
    ("/api/dpgs", "/api/dpgs", {}),
    ("/api/nominees", "/api/nominees", {}),
    ("/api/dpg/{slug}", "/api/dpg/aam-digital", {}),
    ("/api/nominee/{slug}", "/api/nominee/commcare-android", {}),
]


def test_openapi_document_lists_every_endpoint(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.")
    assert {path for path, _, _ in CALLS} <= set(openapi["paths"])
    parameters = {p["name"] for p in openapi["paths"]["/api/goods"]["get"]["parameters"]}
    assert {
        "q",
        "sdg",
        "type",
        "license",
        "stage",
        "sector",
        "country",
        "sort",
        "page",
        "page_size",
    } <= parameters


@pytest.mark.parametrize(("template", "url", "params"), CALLS)
def test_responses_match_the_openapi_document(
    client: Any, openapi: dict[str, Any], template: str, url: str, params: dict[str, Any]
) -> None:
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    errors = list(response_validator(openapi, template).iter_errors(response.json()))
    assert not errors, errors[:3]


def test_api_filters_and_pages_like_the_list_page(client: Any) -> None:
    params = {"q": "data", "type": "software", "sort": "relevance"}
    expected = [g.slug for g in search_goods(GoodsQuery.from_params(params))]
    got: list[str] = []
    page = 1
    while True:
        body = client.get("/api/goods", {**params, "page": page, "page_size": 7}).json()
        got += [item["id"] for item in body["results"]]
        if page >= body["pages"]:
            break
        page += 1
    assert body["count"] == len(expected)
    assert got == expected


def test_invalid_parameters_are_422_not_500(client: Any) -> None:
    assert client.get("/api/goods", {"page_size": 1000}).status_code == 422
    assert client.get("/api/goods", {"page": 0}).status_code == 422
    assert client.get("/api/goods", {"sdg": "four"}).status_code == 422
    assert client.get("/api/goods", {"stage": "winner"}).status_code == 422
    assert client.get("/api/goods", {"q": "x" * 10_000}).status_code == 200
    assert client.get("/api/goods", {"page": 500}).json()["results"] == []


def test_registry_shaped_lists_hold_every_record_with_its_id(client: Any) -> None:
    dpgs = client.get("/api/dpgs").json()
    nominees = client.get("/api/nominees/").json()
    assert len(dpgs) == Good.objects.filter(stage="DPG").count() == 165
    assert len(nominees) == Good.objects.filter(stage="nominee").count() == 63
    by_id = {item["id"]: item for item in dpgs + nominees}
    for good in Good.objects.all():
        assert by_id[good.slug] == {"id": good.slug, **good.record}
    # The id comes first, as in the registry's static API.
    assert next(iter(dpgs[0])) == "id"


def test_registry_shaped_record_merges_its_screening(client: Any) -> None:
    merged = client.get("/api/dpg/aam-digital/").json()
    screening = Screening.objects.get(slug="aam-digital").record
    assert merged["id"] == "aam-digital"
    assert merged["stage"] == "DPG"
    assert merged["clearOwnership"] == screening["clearOwnership"]
    assert (
        merged["locations"]["deploymentCountries"] == screening["locations"]["deploymentCountries"]
    )
    # A DPG is not a nominee, and unknown ids are 404.
    assert client.get("/api/nominee/aam-digital").status_code == 404
    assert client.get("/api/dpg/no-such-thing").status_code == 404
    nominee = client.get("/api/nominee/commcare-android").json()
    assert nominee["stage"] == "nominee" and "doNoHarm" in nominee


def test_api_docs_page_is_served_offline(client: Any) -> None:
    html = client.get("/api/docs").content.decode()
    assert "swagger" in html.lower()
    assert "cdn.jsdelivr" not in html
