"""Every mutating view: success, wrong method, read-only user, outsider (404)."""

import pytest

from coalition.models import Body
from members.models import Affiliation, Application, Invitation, Mandate, Organisation
from places.models import Place

ORG = "astefir-al-zour"


def _pending_code():
    return str(Application.objects.get(organisation__slug="furat-youth-initiative").code)


def _mandate_pk():
    return Mandate.objects.get(body__slug="local-board-deir-ez-zor", role="secretary").pk


def _signatory_affiliation_pk():
    return Affiliation.objects.get(organisation__slug=ORG, role="signatory").pk


# (url, valid POST data, who succeeds, a read-only insider (403) or None, how to check it happened)
CASES = {
    "edit profile": (
        lambda: f"/en/my/{ORG}/profile/",
        lambda: {
            "name_ar": "منظمة عصافير الزور",
            "name_en": "Astefir Al-Zour Organization",
            "original_language": "en",
            "sectors": [],
            "publish_website": "on",
            "description_en": "Changed by the test.",
        },
        "astefir_editor",
        "astefir_delegate",
        lambda: Organisation.objects.get(slug=ORG).description_en == "Changed by the test.",
    ),
    # Issue 10 (#11): a role is given by an invitation the person accepts (tests/test_security_members.py).
    "invite to a role": (
        lambda: f"/en/my/{ORG}/people/",
        lambda: {"email": "new.person@example.org", "role": "editor", "language": "en"},
        "astefir_admin",
        "astefir_editor",
        lambda: Invitation.objects.filter(email="new.person@example.org", role="editor").exists(),
    ),
    "remove a role": (
        lambda: f"/en/my/{ORG}/people/{_signatory_affiliation_pk()}/remove/",
        lambda: {},
        "astefir_admin",
        "astefir_editor",
        lambda: not Affiliation.objects.filter(organisation__slug=ORG, role="signatory").exists(),
    ),
    "decide an application": (
        lambda: f"/en/office/applications/{_pending_code()}/",
        lambda: {"decision": "accept"},
        "tech_officer",
        None,
        lambda: Organisation.objects.get(slug="furat-youth-initiative").status == "member",
    ),
    "change membership status": (
        lambda: "/en/office/organisations/bedaya/",
        lambda: {"status": "suspended", "reason": "Test."},
        "tech_officer",
        None,
        lambda: Organisation.objects.get(slug="bedaya").status == "suspended",
    ),
    "edit a region": (
        lambda: "/en/office/regions/raqqa/",
        lambda: {"name_ar": "الرقة", "name_en": "Raqqa city", "name_ku": "Reqa", "name_syr": "ܪܩܐ", "order": 1},
        "tech_officer",
        None,
        lambda: __import__("coalition.models").models.Region.objects.get(slug="raqqa").name_en == "Raqqa city",
    ),
    "create a body": (
        lambda: "/en/office/bodies/new/",
        lambda: {"slug": "election-committee", "kind": "operational_body", "name_en": "Election Committee", "order": 9},
        "tech_officer",
        None,
        lambda: Body.objects.filter(slug="election-committee").exists(),
    ),
    "edit a body": (
        lambda: "/en/office/bodies/general-board/edit/",
        lambda: {"slug": "general-board", "kind": "general_board", "name_en": "General Board (renamed)", "order": 1},
        "tech_officer",
        None,
        lambda: Body.objects.get(slug="general-board").name_en == "General Board (renamed)",
    ),
    "add a mandate": (
        lambda: "/en/office/bodies/general-board/",
        lambda: {
            "person": __import__("django.contrib.auth")
            .contrib.auth.get_user_model()
            .objects.get(email="admin@demo.civnet.invalid")
            .pk,
            "organisation": Organisation.objects.get(slug=ORG).pk,
            "role": "deputy",
            "starts_on": "2023-01-01",
        },
        "tech_officer",
        None,
        lambda: Mandate.objects.filter(body__slug="general-board", role="deputy").exists(),
    ),
    "end a mandate": (
        lambda: f"/en/office/mandates/{_mandate_pk()}/end/",
        lambda: {"ends_on": "2024-01-01", "reason": "Resigned."},
        "tech_officer",
        None,
        lambda: Mandate.objects.get(pk=_mandate_pk()).ends_on is not None,
    ),
    "add a community": (
        lambda: "/en/office/communities/",
        lambda: {"parent": Place.objects.get(pcode="SY090201").pk, "name_ar": "الشعفة", "name_en": "Al-Shafah"},
        "tech_officer",
        None,
        lambda: Place.objects.filter(level=4, name_en="Al-Shafah", parent__pcode="SY090201").exists(),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_success(client, people, case):
    url, data, who, _insider, happened = CASES[case]
    client.force_login(people[who])
    response = client.post(url(), data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert happened()


@pytest.mark.parametrize("case", CASES)
def test_wrong_method(client, people, case):
    url, data, who, _insider, happened = CASES[case]
    client.force_login(people[who])
    assert client.put(url(), data()).status_code == 405
    assert not happened()


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][3]])
def test_read_only_insider_is_refused(client, people, case):
    url, data, _who, insider, happened = CASES[case]
    client.force_login(people[insider])
    assert client.post(url(), data()).status_code == 403
    assert not happened()


@pytest.mark.parametrize("case", CASES)
def test_outsider_gets_not_found(client, people, case):
    url, data, _who, _insider, happened = CASES[case]
    # The admin of another organisation: neither a member of this one nor the technical team.
    client.force_login(people["deirna_admin"])
    assert client.post(url(), data()).status_code == 404
    assert not happened()


@pytest.mark.parametrize("case", CASES)
def test_anonymous_is_sent_to_sign_in_or_not_found(client, demo, case):
    url, data, _who, _insider, happened = CASES[case]
    response = client.post(url(), data())
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    assert not happened()


def test_backoffice_pages_are_hidden_from_everyone_but_the_technical_team(client, people):
    pages = [
        "/en/office/",
        "/en/office/applications/",
        f"/en/office/applications/{_pending_code()}/",
        "/en/office/organisations/",
        "/en/office/organisations/bedaya/",
        "/en/office/audit/",
        "/en/office/bodies/",
        "/en/office/bodies/new/",
        "/en/office/bodies/general-board/",
        "/en/office/bodies/general-board/edit/",
        "/en/office/regions/",
        "/en/office/regions/raqqa/",
        "/en/office/communities/",
    ]
    for key in ("astefir_admin", "astefir_editor", "astefir_delegate", "deirna_admin"):
        client.force_login(people[key])
        for page in pages:
            assert client.get(page).status_code == 404, (key, page)
    client.force_login(people["tech_officer"])
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_an_organisation_keeps_at_least_one_admin(client, people):
    client.force_login(people["astefir_admin"])
    own = Affiliation.objects.get(person=people["astefir_admin"], organisation__slug=ORG, role="admin")
    response = client.post(f"/en/my/{ORG}/people/{own.pk}/remove/", follow=True)
    assert "An organisation needs at least one admin." in response.content.decode()
    assert Affiliation.objects.filter(pk=own.pk).exists()


def test_editor_may_not_manage_people_but_sees_them(client, people):
    client.force_login(people["astefir_editor"])
    response = client.get(f"/en/my/{ORG}/people/")
    assert response.status_code == 200
    assert "Invite someone to a role" not in response.content.decode()  # was "Give a role" (issue 10, #11)


def test_profile_edit_refuses_bad_input_and_keeps_the_profile(client, people):
    client.force_login(people["astefir_editor"])
    before = Organisation.objects.get(slug=ORG)
    response = client.post(
        f"/ar/my/{ORG}/profile/",
        {
            "name_ar": "x" * 10_000,
            "name_en": "Deirna Organization for Development",
            "original_language": "en",
            "description_en": "<script>alert(1)</script>",
            "website": "not a url",
            "email": "nope",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    for message in (
        "اكتب نصاً عادياً",
        "أدخل عنوان بريد إلكتروني صحيحاً.",
        "أدخل رابطاً صحيحاً.",
        "تأكد أن هذه القيمة لا تتجاوز 200 حرفاً (فيها 10000)",
    ):
        assert message in html
    after = Organisation.objects.get(slug=ORG)
    assert (after.name_ar, after.description_en, after.updated_at) == (
        before.name_ar,
        before.description_en,
        before.updated_at,
    )


def test_profile_edit_refuses_another_organisations_name(client, people):
    client.force_login(people["astefir_editor"])
    response = client.post(
        f"/en/my/{ORG}/profile/",
        {"name_ar": "منظمة ديرنا للتنمية", "name_en": "Astefir", "original_language": "en"},
    )
    assert "Another organisation already has this name" in response.content.decode()
    assert Organisation.objects.get(slug=ORG).name_ar == "منظمة عصافير الزور"
