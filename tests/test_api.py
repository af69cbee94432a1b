"""The read-only JSON API and its OpenAPI description."""

import pytest

from members.models import Organisation
from projects.models import Project


def test_projects_are_paginated_and_published_only(client, demo):
    data = client.get("/api/projects/", {"page_size": 2}).json()
    assert data["count"] == Project.objects.published().count()
    assert len(data["results"]) == 2 and data["pages"] == -(-data["count"] // 2)
    codes = {
        p["code"]
        for page in range(1, data["pages"] + 1)
        for p in client.get("/api/projects/", {"page_size": 2, "page": page}).json()["results"]
    }
    assert codes == set(Project.objects.published().values_list("code", flat=True))


def test_project_filters_match_the_4w_view(client, demo):
    data = client.get("/api/projects/", {"region": "deir-ez-zor", "sector": "water"}).json()
    assert data["results"]
    for project in data["results"]:
        assert any(s["slug"] == "water" for s in project["sectors"])
        assert all(p["pcode"].startswith("SY09") for p in project["places"])
    assert client.get("/api/projects/", {"q": "hawama"}).json()["count"] == 1


def test_project_detail_and_unpublished(client, demo):
    published = Project.objects.published().first()
    data = client.get(f"/api/projects/{published.code}/").json()
    assert data["organisation"] == published.organisation.slug
    assert client.get("/api/projects/", {}).headers["Access-Control-Allow-Origin"] == "*"
    draft = Project.objects.exclude(review_state="published").first()
    assert client.get(f"/api/projects/{draft.code}/").status_code == 404


def test_organisations(client, demo):
    data = client.get("/api/organisations/", {"region": "raqqa", "page_size": 100}).json()
    assert {o["slug"] for o in data["results"]} == set(
        Organisation.objects.public().filter(region__slug="raqqa").values_list("slug", flat=True)
    )
    astefir = client.get("/api/organisations/astefir-al-zour/").json()
    assert astefir["name"]["ar"] == "منظمة عصافير الزور"
    assert astefir["contacts"] == {"email": "contact@astefir.example"}  # only what it chose to publish
    assert client.get("/api/organisations/furat-youth-initiative/").status_code == 404  # an applicant


def test_openapi_describes_every_path_and_they_answer(client, demo):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in spec["paths"]:
        url = path.replace("{code}", Project.objects.published().first().code).replace("{slug}", "deirna")
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_read_only(client, demo, method):
    assert getattr(client, method)("/api/projects/").status_code == 405


def test_bad_paging_values_are_harmless(client, demo):
    for params in ({"page": "x"}, {"page_size": "-5"}, {"page_size": "100000"}, {"page": "9999"}):
        assert client.get("/api/projects/", params).status_code == 200
    assert len(client.get("/api/projects/", {"page_size": "100000"}).json()["results"]) <= 100


def test_unpublished_projects_stay_hidden_from_the_api(client, demo):
    data = client.get("/api/projects/", {"unpublished": "1"}).json()
    assert data["count"] == Project.objects.published().count()
