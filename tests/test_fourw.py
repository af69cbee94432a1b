"""The 4W view: its selection, matrix and gaps, and exports that humanitarian tools read (libhxl)."""

import hxl
import pytest

from projects.models import Project
from tests.conftest import SHARED
from tests.measure import BUDGET, first_load_bytes, queries

OPTIONS = hxl.InputOptions(allow_local=True)
SCHEMA = SHARED / "data" / "hxl" / "4w_schema_hxl.csv"


def _validate(path):
    errors = []
    schema = hxl.schema(hxl.data(str(SCHEMA), OPTIONS), callback=errors.append)
    valid = schema.validate(hxl.data(str(path), OPTIONS))
    return valid, [(e.message, e.value) for e in errors]


def _download(client, tmp_path, fmt, **params):
    response = client.get("/ar/4w/", {**params, "format": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    path = tmp_path / f"4w.{fmt}"
    path.write_bytes(body)
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_valid_hxl(client, demo, tmp_path, fmt):
    path = _download(client, tmp_path, fmt)
    valid, errors = _validate(path)
    assert valid, errors
    rows = list(hxl.data(str(path), OPTIONS))
    published = Project.objects.published()
    assert {r.get("#activity+code") for r in rows} == set(published.values_list("code", flat=True))
    hajin = [r for r in rows if r.get("#adm3+code") == "SY090201"]
    assert hajin and all(r.get("#adm1+code") == "SY09" and r.get("#adm2+code") == "SY0902" for r in hajin)
    # People are counted once per project, so the column adds up to the coalition's total.
    total = sum(int(r.get("#reached+ind") or 0) for r in rows)
    assert total == sum(p.reached_total or 0 for p in published)


def test_the_schema_catches_the_sample_errors():
    valid, errors = _validate(SHARED / "data" / "hxl" / "4w_sample_hxl.csv")
    assert not valid
    assert {value for _message, value in errors} == {"Educaton", "2024-13-01", "abc"}


def test_exports_follow_the_selection(client, demo, tmp_path):
    path = _download(client, tmp_path, "csv", region="raqqa")
    rows = list(hxl.data(str(path), OPTIONS))
    assert rows and {r.get("#adm1+code") for r in rows} == {"SY11"}
    path = _download(client, tmp_path, "csv", sector="water")
    organisations = {r.get("#org+lead") for r in hxl.data(str(path), OPTIONS)}
    assert {"Insaaf for Development", "Bedaya Organization"} <= organisations
    assert "Deirna Organization for Development" not in organisations


def test_matrix_shows_work_and_gaps(client, demo):
    response = client.get("/en/4w/", {"region": "deir-ez-zor"})
    html = response.content.decode()
    matrix = response.context["matrix"]
    names = [node.pcode for node, _cells in matrix["rows"]]
    assert "SY090201" in names and "SY090101" in names  # Hajin (work) and Kisreh (nobody)
    hajin = dict(matrix["rows"])[next(n for n, _c in matrix["rows"] if n.pcode == "SY090201")]
    assert any(cell and cell["reached"] == 50000 for cell in hajin)
    assert matrix["empty_places"] > 0
    assert 'class="gap"' in html and '<svg class="map"' in html and '<svg class="chart"' in html


def test_unpublished_only_for_the_technical_team(client, people):
    draft_reached = Project.objects.exclude(review_state="published").count()
    assert draft_reached
    client.force_login(people["astefir_editor"])
    everyone = client.get("/en/4w/", {"unpublished": "1"}).context["matrix"]["totals"]["projects"]
    assert everyone == Project.objects.published().count()
    client.force_login(people["tech_officer"])
    fuller = client.get("/en/4w/", {"unpublished": "1"}).context["matrix"]["totals"]["projects"]
    assert fuller == Project.objects.count()


def test_fourw_queries_do_not_grow_with_projects(client, people):
    import datetime

    from members.models import Organisation, Sector
    from places.models import Place
    from projects import services

    url = "/ar/4w/"
    client.get(url)
    small = queries(client, url, clear_cache=True)
    for i in range(30):
        project = services.project_save(
            actor=None,
            organisation=Organisation.objects.get(slug="deirna"),
            fields={
                "title_en": f"Dialogue {i}",
                "status": "ongoing",
                "actual_start": datetime.date(2022, 1, 1),
                "reached_total": 10,
            },
            sectors=[Sector.objects.get(slug="community-security")],
            places=[Place.objects.get(pcode="SY090101")],
        )
        Project.objects.filter(pk=project.pk).update(review_state="published")
    assert queries(client, url, clear_cache=True) == small


def test_fourw_page_within_budget(client, demo):
    assert first_load_bytes(client, "/ar/4w/") <= BUDGET


def test_cached_figures_follow_every_write(client, people):
    import datetime

    from members.models import Organisation, Sector
    from places.models import Place
    from projects import services

    first = client.get("/en/4w/").context["matrix"]["totals"]["projects"]
    project = services.project_save(
        actor=people["astefir_editor"],
        organisation=Organisation.objects.get(slug="astefir-al-zour"),
        fields={"title_en": "New work", "status": "ongoing", "actual_start": datetime.date(2024, 1, 1)},
        sectors=[Sector.objects.get(slug="water")],
        places=[Place.objects.get(pcode="SY090201")],
    )
    assert client.get("/en/4w/").context["matrix"]["totals"]["projects"] == first  # a draft is not public
    services.project_submit(actor=people["astefir_editor"], project=project)
    services.project_publish(actor=people["tech_officer"], project=project)
    assert client.get("/en/4w/").context["matrix"]["totals"]["projects"] == first + 1


def test_filter_by_district(client, demo):
    response = client.get("/en/4w/", {"place": "SY0902"})  # Abu Kamal district: Hajin is in it
    codes = [node.pcode for node, _cells in response.context["matrix"]["rows"]]
    # Its sub-districts, and the governorate-wide projects that cover them (a row of their own).
    assert codes and all(code.startswith("SY0902") or code == "SY09" for code in codes)
    assert "SY090201" in codes
    assert '<option value="SY0902" selected>' in response.content.decode()
