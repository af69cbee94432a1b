"""An organisation applies to join, the technical team decides, the applicant hears by email."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from coalition.models import Region
from core.models import AuditEvent
from members import views
from members.models import Affiliation, Application, MembershipChange, Organisation, Sector

APPLICATION = {
    "name_ar": "جمعية نور الفرات",
    "name_en": "Nour Al-Furat Association",
    "acronym": "NFA",
    "region": None,  # set in the fixture
    "sectors": [],
    "founded_on": "2019-03-01",
    "description": "We run literacy classes for women in Tabqa.",
    "contact_name": "Layla Example",
    "contact_email": "Layla@Example.org",
    "contact_phone": "+963 900 000 000",
    "message": "",
    "consent": "on",
    "homepage": "",
}


@pytest.fixture
def form_data(demo):
    data = dict(APPLICATION)
    data["region"] = Region.objects.get(slug="euphrates").pk
    data["sectors"] = [Sector.objects.get(slug="education-protection").pk, Sector.objects.get(slug="women").pk]
    return data


def _apply(client, data, django_capture_on_commit_callbacks, lang="en"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/{lang}/members/apply/", data)


def test_application_from_form_to_acceptance_email(
    client, form_data, smtp, people, django_capture_on_commit_callbacks, settings
):
    settings.CIVNET_TECH_TEAM_EMAIL = "team@coalition.example"
    response = _apply(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    org = Organisation.objects.get(name_en="Nour Al-Furat Association")
    assert org.status == Organisation.Status.APPLICANT
    assert org.slug == "nour-al-furat-association"
    assert client.get("/en/members/nour-al-furat-association/").status_code == 404
    application = org.application
    assert application.contact_email == "layla@example.org"
    # The applicant and the technical team are told, through the real SMTP server.
    assert "We received the application" in smtp.to("layla@example.org")[0]["Subject"]
    assert "/office/applications/" in smtp.body(smtp.to("team@coalition.example")[0])

    client.force_login(people["tech_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/office/applications/{application.code}/", {"decision": "accept", "reason": ""})
    assert response.status_code == 302

    org.refresh_from_db()
    assert org.status == Organisation.Status.MEMBER
    assert [c.status for c in org.membership_changes.all()] == ["applicant", "member"]
    person = Affiliation.objects.get(organisation=org, role="admin").person
    assert person.email == "layla@example.org"
    assert not person.has_usable_password()

    accepted = smtp.to("layla@example.org")[-1]
    assert "is now a member of the coalition" in accepted["Subject"]
    body = smtp.body(accepted)
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", body).group(0)

    # The applicant follows the link, chooses a password, and signs in as the organisation's admin.
    client.logout()
    path = link.split("127.0.0.1:8000")[1]
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_path, {"password1": "a new strong password 7", "password2": "a new strong password 7"})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=person).verified
    assert client.login(email="layla@example.org", password="a new strong password 7")
    # An organisation admin must set up two-factor before anything else.
    assert client.get("/en/my/")["Location"] == "/en/accounts/2fa/totp/activate/"
    assert client.get("/en/members/nour-al-furat-association/").status_code == 302
    actions = list(AuditEvent.objects.filter(target_id=str(org.pk)).values_list("action", flat=True))
    assert "application.submitted" in actions and "application.accepted" in actions


def test_application_email_in_the_applicant_language(client, form_data, smtp, django_capture_on_commit_callbacks):
    _apply(client, form_data, django_capture_on_commit_callbacks, lang="ar")
    message = smtp.to("layla@example.org")[0]
    assert "استلمنا طلب" in message["Subject"]
    assert "مرحباً Layla Example" in smtp.body(message)


def test_rejection_needs_a_reason_and_is_sent(client, form_data, smtp, people, django_capture_on_commit_callbacks):
    _apply(client, form_data, django_capture_on_commit_callbacks)
    application = Application.objects.get(contact_email="layla@example.org")
    client.force_login(people["tech_officer"])
    response = client.post(f"/en/office/applications/{application.code}/", {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert "Give the reason for rejecting the application." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/office/applications/{application.code}/",
            {"decision": "reject", "reason": "We could not verify the registration."},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert application.organisation.status == Organisation.Status.REJECTED
    assert "We could not verify the registration." in smtp.body(smtp.to("layla@example.org")[-1])
    # A decided application cannot be decided again.
    client.post(f"/en/office/applications/{application.code}/", {"decision": "accept"})
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED


def test_duplicate_name_in_another_spelling_is_refused(client, form_data, django_capture_on_commit_callbacks):
    before = Organisation.objects.count()
    data = dict(form_data, name_ar="منظمه ديرنا للتنميه", name_en="Deirna Development Org")
    response = _apply(client, data, django_capture_on_commit_callbacks, lang="ar")
    assert response.status_code == 200
    assert "توجد منظمة مسجلة بهذا الاسم" in response.content.decode()
    assert Organisation.objects.count() == before


def test_similar_name_is_flagged_to_the_technical_team(client, form_data, people, django_capture_on_commit_callbacks):
    data = dict(form_data, name_ar="جمعية ديرنا الجديدة", name_en="New Deirna Association")
    _apply(client, data, django_capture_on_commit_callbacks)
    application = Application.objects.get(organisation__name_en="New Deirna Association")
    assert [o.slug for o in application.possible_duplicates.all()] == ["deirna"]
    client.force_login(people["tech_officer"])
    assert "Possible duplicates" in client.get(f"/en/office/applications/{application.code}/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name_ar", "", "This field is required."),
        ("name_ar", "ن" * 10_000, "Ensure this value has at most 200 characters"),
        ("name_ar", "Latin letters", "Please write this name in Arabic letters."),
        ("name_en", "اسم عربي", "Please write this name in Latin letters."),
        ("name_syr", "Not Syriac", "Please write this name in Syriac letters."),
        ("description", "<script>alert(1)</script>", "HTML tags and scripts are not allowed."),
        ("description", '<img src=x onerror="alert(1)">', "HTML tags and scripts are not allowed."),
        ("contact_email", "not-an-email", "Enter a valid email address."),
        ("consent", "", "This field is required."),
        ("homepage", "http://spam.example", "Please leave this field empty."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_written(
    client, form_data, field, value, message, django_capture_on_commit_callbacks
):
    before = (Organisation.objects.count(), Application.objects.count(), MembershipChange.objects.count())
    data = dict(form_data, **{field: value})
    if value == "":
        data.pop(field)
    response = _apply(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Organisation.objects.count(), Application.objects.count(), MembershipChange.objects.count()) == before


def test_bad_input_message_in_kurmanji(client, form_data, django_capture_on_commit_callbacks):
    response = _apply(client, dict(form_data, contact_email="nope"), django_capture_on_commit_callbacks, lang="ku")
    assert "Navnîşaneke e-nameyê ya derbasdar binivîse." in response.content.decode()


def test_apply_refuses_other_methods(client, demo):
    assert client.put("/en/members/apply/").status_code == 405


def test_suspension_and_withdrawal_are_history(client, people):
    org = Organisation.objects.get(slug="bedaya")
    client.force_login(people["tech_officer"])
    client.post("/en/office/organisations/bedaya/", {"status": "suspended", "reason": "Dormant for a year."})
    org.refresh_from_db()
    assert org.status == "suspended"
    assert "membership suspended" in client.get("/en/members/").content.decode()
    client.post("/en/office/organisations/bedaya/", {"status": "member", "reason": "Active again."})
    client.post("/en/office/organisations/bedaya/", {"status": "withdrawn", "reason": "Left the coalition."})
    history = [(c.status, c.reason) for c in org.membership_changes.all()]
    assert history[-3:] == [
        ("suspended", "Dormant for a year."),
        ("member", "Active again."),
        ("withdrawn", "Left the coalition."),
    ]
    assert client.get("/en/members/bedaya/").status_code == 404


def test_applications_are_rate_limited_per_connection(client, form_data, django_capture_on_commit_callbacks):
    cache.clear()
    for i in range(views.APPLY_LIMIT):
        data = dict(form_data, name_ar=f"جمعية رقم {'ا' * (i + 1)}", name_en=f"Association {'x' * (i + 1)}")
        assert _apply(client, data, django_capture_on_commit_callbacks).status_code == 302
    before = Organisation.objects.count()
    response = _apply(client, dict(form_data, name_en="One Too Many"), django_capture_on_commit_callbacks)
    assert "Too many applications were sent from this connection." in response.content.decode()
    assert Organisation.objects.count() == before
    cache.clear()
