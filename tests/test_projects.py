"""An organisation's editor records a project, the technical team publishes it, the public sees it."""

import pytest

from core.models import AuditEvent
from members.models import Organisation, Sector
from places.models import Place
from projects.models import Project
from tests.measure import BUDGET, first_load_bytes, queries

ORG = "astefir-al-zour"


def _form_data(**changes):
    data = {
        "title_en": "Water network of Hajin",
        "title_ar": "",
        "original_language": "en",
        "status": "completed",
        "actual_start": "2023-01-01",
        "actual_end": "2023-02-15",
        "sectors": [Sector.objects.get(slug="water").pk],
        "places": [Place.objects.get(pcode="SY090201").pk],
        "reached_total": "4500",
        "reached_women": "2000",
        "reached_men": "1500",
        "budget": "",
        "currency": "",
        "outputs-TOTAL_FORMS": "1",
        "outputs-INITIAL_FORMS": "0",
        "outputs-0-quantity": "2050",
        "outputs-0-unit": "metres",
        "outputs-0-description": "of 6-inch pipe",
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-0-name": "Example Foundation",
        "partners-0-role": "1",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-kind": "video",
        "links-0-url": "https://video.example/pipes",
        "links-0-title": "The new pipes",
    }
    data.update(changes)
    return data


def test_editor_records_submits_and_the_technical_team_publishes(client, people):
    client.force_login(people["astefir_editor"])
    response = client.post(f"/en/my/{ORG}/projects/new/", _form_data())
    assert response.status_code == 302
    project = Project.objects.get(title_en="Water network of Hajin")
    assert project.review_state == "draft"
    assert [str(o) for o in project.outputs.all()] == ["2050 metres of 6-inch pipe"]
    assert project.partners.get().get_role_display() == "Funding"
    assert project.links.get().url == "https://video.example/pipes"
    assert client.get(f"/en/projects/{project.code}/").status_code == 404  # not public yet

    assert client.post(f"/en/my/{ORG}/projects/{project.code}/submit/").status_code == 302
    project.refresh_from_db()
    assert project.review_state == "submitted"

    client.force_login(people["tech_officer"])
    client.post(f"/en/office/projects/{project.code}/", {"decision": "publish"})
    project.refresh_from_db()
    assert project.review_state == "published"
    html = client.get(f"/ar/projects/{project.code}/").content.decode()
    assert "Water network of Hajin" in html
    assert "4٬500" in html  # Arabic thousands separator
    profile = client.get(f"/en/members/{ORG}/").content.decode()
    assert "Achievements" in profile and "Water network of Hajin" in profile
    actions = set(
        AuditEvent.objects.filter(target_id=str(project.pk), target_type="projects.project").values_list(
            "action", flat=True
        )
    )
    assert {"project.created", "project.submitted", "project.published"} <= actions


def test_problems_are_listed_and_block_submission(client, people):
    client.force_login(people["astefir_editor"])
    data = _form_data(actual_start="2023-03-01", actual_end="2023-02-01", reached_total="100", sectors=[], places=[])
    client.post(f"/en/my/{ORG}/projects/new/", data)
    project = Project.objects.get(title_en="Water network of Hajin")
    html = client.get(f"/en/my/{ORG}/projects/{project.code}/").content.decode()
    for message in (
        "is before the start date",
        "Choose at least one sector.",
        "Choose at least one place",
        "is smaller than the sum of women, men, girls and boys",
    ):
        assert message in html
    client.post(f"/en/my/{ORG}/projects/{project.code}/submit/")
    project.refresh_from_db()
    assert project.review_state == "draft"


def test_a_published_project_must_stay_publishable(client, people):
    project = Project.objects.filter(organisation__slug=ORG, review_state="published").first()
    before = (project.actual_start, project.actual_end, project.updated_at)
    client.force_login(people["astefir_editor"])
    data = _form_data(title_en=str(project.title), actual_start="2024-01-01", actual_end="2023-01-01")
    response = client.post(f"/en/my/{ORG}/projects/{project.code}/", data)
    assert response.status_code == 200
    assert "is before the start date" in response.content.decode()
    project.refresh_from_db()
    assert (project.actual_start, project.actual_end, project.updated_at) == before
    assert project.review_state == "published"


def test_return_needs_a_comment(client, people):
    project = Project.objects.filter(review_state="published").first()
    client.force_login(people["tech_officer"])
    response = client.post(f"/en/office/projects/{project.code}/", {"decision": "return", "comment": ""})
    assert "Say what the organisation should change." in response.content.decode()
    client.post(f"/en/office/projects/{project.code}/", {"decision": "return", "comment": "Add the women reached."})
    project.refresh_from_db()
    assert (project.review_state, project.review_comment) == ("returned", "Add the women reached.")
    assert client.get(f"/en/projects/{project.code}/").status_code == 404


def test_paste_saves_nothing_until_a_proposal_is_confirmed(client, people):
    client.force_login(people["astefir_editor"])
    before = Project.objects.count()
    text = (
        "The project was implemented between 01/01/2023 and 15/02/2023 in Hajin. The project benefited "
        "4,500 people. It involved the installation of polyethylene pipes for drinking water.\n"
        "تم تنفيذ المشروع في الفترة ما بين 2021/00/19 و 2021/12/10 في قرية درنج."
    )
    response = client.post(f"/ar/my/{ORG}/projects/paste/", {"text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert Project.objects.count() == before
    assert html.count('class="card proposal"') == 2
    assert '<mark class="found"' in html
    assert "ليس تاريخاً صحيحاً" in html  # “2021/00/19” is not a valid date, in Arabic
    response = client.post(f"/ar/my/{ORG}/projects/paste/", {"text": text, "choose": "1"})
    assert response.status_code == 302
    project = Project.objects.latest("pk")
    assert Project.objects.count() == before + 1
    assert project.flags[0]["code"] == "invalid_date"
    assert project.actual_end.isoformat() == "2021-12-10" and project.actual_start is None
    assert AuditEvent.objects.filter(action="project.extracted", target_id=str(project.pk)).exists()


def test_paste_bad_input(client, people):
    client.force_login(people["astefir_editor"])
    before = Project.objects.count()
    response = client.post(f"/en/my/{ORG}/projects/paste/", {"text": "Our vision is peace."})
    assert "No project was found in this text" in response.content.decode()
    response = client.post(f"/ar/my/{ORG}/projects/paste/", {"text": "x" * (5 * 1024 * 1024)})
    assert "هذا النص طويل جداً" in response.content.decode()
    response = client.post(f"/en/my/{ORG}/projects/paste/", {"text": "x" * (7 * 1024 * 1024)})
    assert response.status_code == 413
    assert "This text is too long" in response.content.decode()
    assert Project.objects.count() == before


# Mutating views: success / wrong method / read-only insider (403) / outsider (404).
def _draft(people):
    from projects import services

    return services.project_save(
        actor=people["astefir_editor"],
        organisation=Organisation.objects.get(slug=ORG),
        fields={"title_en": "Draft", "status": "ongoing", "actual_start": __import__("datetime").date(2024, 1, 1)},
        sectors=[Sector.objects.get(slug="water")],
        places=[Place.objects.get(pcode="SY090201")],
    )


CASES = {
    "create": (lambda p: f"/en/my/{ORG}/projects/new/", lambda p: _form_data(), "astefir_editor", "astefir_delegate"),
    "edit": (
        lambda p: f"/en/my/{ORG}/projects/{_draft(p).code}/",
        lambda p: _form_data(),
        "astefir_editor",
        "astefir_delegate",
    ),
    "submit": (
        lambda p: f"/en/my/{ORG}/projects/{_draft(p).code}/submit/",
        lambda p: {},
        "astefir_editor",
        "astefir_delegate",
    ),
    "paste": (
        lambda p: f"/en/my/{ORG}/projects/paste/",
        lambda p: {"text": "The project was implemented between 01/01/2023 and 15/02/2023 in Hajin.", "choose": "0"},
        "astefir_editor",
        "astefir_delegate",
    ),
    "review": (
        lambda p: f"/en/office/projects/{Project.objects.filter(review_state='published').first().code}/",
        lambda p: {"decision": "return", "comment": "Check."},
        "tech_officer",
        None,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_project_views_permissions(client, people, case):
    url, data, who, insider = CASES[case]
    address = url(people)
    client.force_login(people[who])
    assert client.put(address, data(people)).status_code == 405
    if insider:
        client.force_login(people[insider])
        assert client.post(address, data(people)).status_code == 403
    client.force_login(people["deirna_admin"])
    assert client.post(address, data(people)).status_code == 404
    client.force_login(people[who])
    assert client.post(address, data(people)).status_code == 302


def test_registry_search_and_filters(client, demo):
    html = client.get("/en/projects/", {"q": "hawama"}).content.decode()
    assert "Hawama water station" in html
    response = client.get("/ar/projects/", {"sector": "water"})
    assert all(any(s.slug == "water" for s in p.sectors.all()) for p in response.context["page"].object_list)
    assert "Draft" not in client.get("/en/projects/").content.decode()


@pytest.mark.parametrize("url", ["/ar/projects/", f"/ar/members/{ORG}/", "/ar/projects/?q=water"])
def test_project_pages_make_constant_queries(client, people, url):
    from projects import services

    client.get(url)
    small = queries(client, url)
    org = Organisation.objects.get(slug=ORG)
    for i in range(25):
        project = services.project_save(
            actor=None,
            organisation=org,
            fields={
                "title_en": f"Water project {i}",
                "status": "ongoing",
                "actual_start": __import__("datetime").date(2024, 1, 1),
            },
            sectors=[Sector.objects.get(slug="water")],
            places=[Place.objects.get(pcode="SY090201")],
        )
        Project.objects.filter(pk=project.pk).update(review_state="published")
    assert queries(client, url) == small


def test_registry_first_load_within_budget(client, demo):
    assert first_load_bytes(client, "/ar/projects/") <= BUDGET
