"""Every consequential write leaves an audit event: who, when, what, which record."""

import pytest
from django.forms.models import model_to_dict

from core.models import AuditEvent
from members.forms import OrganisationForm
from members.models import Application, Mandate, Organisation
from members.services import organisation_update


def _last(action):
    return AuditEvent.objects.filter(action=action).latest("at")


def test_acceptance_is_audited_with_its_actor(client, people):
    client.force_login(people["tech_officer"])
    application = Application.objects.get(organisation__slug="furat-youth-initiative")
    client.post(f"/en/office/applications/{application.code}/", {"decision": "accept"})
    event = _last("application.accepted")
    assert event.actor == people["tech_officer"]
    assert event.actor_label == "tech@demo.civnet.invalid"
    assert event.target_type == "members.organisation"
    assert event.target_id == str(application.organisation.pk)
    assert event.data == {"admin": "applicant@demo.civnet.invalid"}


def test_profile_edit_records_the_fields_changed(client, people):
    client.force_login(people["astefir_editor"])
    org = Organisation.objects.get(slug="astefir-al-zour")
    data = {k: v for k, v in model_to_dict(org, fields=OrganisationForm.Meta.fields).items() if v not in (None, False)}
    data["sectors"] = [s.pk for s in data["sectors"]]
    data.update(description_en="New text.", vision_ku="Dîtineke nû.")
    assert client.post("/en/my/astefir-al-zour/profile/", data).status_code == 302
    event = _last("organisation.updated")
    assert event.actor == people["astefir_editor"]
    assert event.data == {"fields": ["description_en", "vision_ku"]}


def test_saving_without_change_writes_no_event(client, people):
    org = Organisation.objects.get(slug="astefir-al-zour")
    before = AuditEvent.objects.count()
    organisation_update(actor=people["astefir_editor"], organisation=org, fields={"name_en": org.name_en})
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("post", "action"),
    [
        (("/en/office/organisations/bedaya/", {"status": "suspended", "reason": "r"}), "organisation.status_changed"),
        (
            ("/en/office/bodies/new/", {"slug": "new-body", "kind": "general_board", "name_en": "New", "order": 1}),
            "body.created",
        ),
        (("/en/office/mandates/{mandate}/end/", {"ends_on": "2024-05-01", "reason": "Resigned."}), "mandate.ended"),
        (
            ("/en/my/astefir-al-zour/people/", {"email": "p@example.org", "role": "delegate", "language": "en"}),
            "affiliation.invited",
        ),
    ],
)
def test_writes_are_audited(client, people, post, action):
    url, data = post
    url = url.format(mandate=Mandate.objects.filter(ends_on__isnull=True).first().pk)
    client.force_login(people["astefir_admin"] if "/my/" in url else people["tech_officer"])
    before = AuditEvent.objects.filter(action=action).count()
    assert client.post(url, data).status_code == 302
    assert AuditEvent.objects.filter(action=action).count() == before + 1


def test_audit_events_are_append_only(people):
    event = AuditEvent.objects.create(actor=people["tech_officer"], action="test", target_type="x", target_id="1")
    event.action = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_audit_trail_page_lists_and_filters(client, people):
    client.force_login(people["tech_officer"])
    client.post("/en/office/organisations/bedaya/", {"status": "suspended", "reason": "Dormant."})
    html = client.get("/en/office/audit/", {"action": "organisation."}).content.decode()
    assert "organisation.status_changed" in html
    assert "Bedaya Organization" in html
    assert "tech@demo.civnet.invalid" in html
