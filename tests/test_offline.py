"""The offline outbox on the server: records sealed for the server's key are opened, handed to the very view the
form posts to (same sign-in, two-factor, permissions, validation and services), recorded once per person and
record, refused with the reason in the sender's language; the key rotates without stranding records."""

import json
import uuid

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from appeals.models import StockEntry
from governance.models import Assembly, Attendance
from members.models import Affiliation, Organisation
from newsletters.models import Activity
from offline import crypto, keys, services
from offline.models import OutboxReceipt
from projects.models import Project
from tests.conftest import PASSWORD
from tests.offline_helpers import intake_record, open_point, record, submit_url
from trainings.models import Workshop


@pytest.fixture
def editor(people):
    return people["astefir_editor"]


def _send(client, data, lang="en"):
    response = client.post(submit_url(lang), data)
    return response, response.json()


# --- sealing ----------------------------------------------------------------------------------------------------


def test_a_sealed_record_opens_only_under_its_own_id_and_kind(db):
    payload = {"v": 1, "id": "a", "kind": "intake", "user": 1, "url": "/en/", "fields": [["quantity", "3"]]}
    envelope = crypto.seal(payload, client_id="a", kind="intake")
    assert "quantity" not in envelope and '"3"' not in envelope
    assert crypto.open_envelope(envelope, client_id="a", kind="intake")["fields"] == [["quantity", "3"]]
    for client_id, kind in (("b", "intake"), ("a", "cash")):
        with pytest.raises(crypto.Unreadable):
            crypto.open_envelope(envelope, client_id=client_id, kind=kind)
    sealed = json.loads(envelope)
    sealed["ct"] = sealed["ct"][:-4] + ("AAAA" if sealed["ct"][-4:] != "AAAA" else "BBBB")
    with pytest.raises(crypto.Unreadable):
        crypto.open_envelope(json.dumps(sealed), client_id="a", kind="intake")
    with pytest.raises(crypto.Unreadable):
        crypto.open_envelope("not json", client_id="a", kind="intake")


def test_rotation_keeps_old_records_readable_until_their_key_is_retired(db, settings, tmp_path):
    settings.CIVNET_OFFLINE_KEY_DIR = str(tmp_path / "keys")
    old = keys.current_public()
    payload = {"v": 1, "id": "a", "kind": "intake", "user": 1, "url": "/en/", "fields": []}
    envelope = crypto.seal(payload, client_id="a", kind="intake", public=old)
    new_kid = keys.rotate()
    assert new_kid != old.kid and keys.current_kid() == new_kid
    assert sorted(keys.all_kids()) == sorted([old.kid, new_kid])
    assert crypto.open_envelope(envelope, client_id="a", kind="intake")["id"] == "a"
    with pytest.raises(ValueError):
        keys.retire(new_kid)  # the current key cannot go
    keys.retire(old.kid)
    with pytest.raises(crypto.Unreadable) as refused:
        crypto.open_envelope(envelope, client_id="a", kind="intake")
    assert refused.value.reason == "key"
    # The private key files are the owner's only.
    assert oct((tmp_path / "keys" / f"{new_kid}.pem").stat().st_mode & 0o777) == "0o600"


def test_the_key_is_published_with_its_id_and_embedded_in_every_page(client, demo):
    published = client.get("/offline-key.json").json()
    assert published["kid"] == keys.current_kid() and published["crv"] == "P-256"
    page = client.get("/en/").content.decode()
    assert f'"kid": "{published["kid"]}"' in page and published["x"] in page
    assert 'id="offline-config" type="application/json"' in page


# --- dispatch to the form's own view ------------------------------------------------------------------------------


def test_an_intake_record_reaches_the_intake_view_once(client, editor):
    point = open_point()
    client.force_login(editor)
    data = intake_record(editor, point, receipt="OFF-42")
    response, answer = _send(client, data)
    assert response.status_code == 200, answer
    assert answer["status"] == "accepted" and not answer["already"]
    assert "Recorded: 3" in answer["message"]
    entry = StockEntry.objects.get(receipt="OFF-42")
    # The form's own identifier is the record's: the appeals service's exactly-once holds too.
    assert str(entry.client_uuid) == data["client_id"] and entry.created_by == editor
    receipt = OutboxReceipt.objects.get(user=editor, client_id=data["client_id"])
    assert receipt.status == "accepted" and receipt.object_url.endswith(f"/appeals/points/{point.code}/")
    # The view's messages were for the receipt, not for the person's next page.
    assert "Recorded" not in client.get(reverse("members:dashboard")).content.decode()
    # Replayed, twice: "already recorded", nothing added.
    for _ in range(2):
        response, answer = _send(client, data)
        assert answer["status"] == "accepted" and answer["already"]
        assert "Already recorded" in answer["message"]
    assert StockEntry.objects.filter(receipt="OFF-42").count() == 1
    assert OutboxReceipt.objects.filter(user=editor).count() == 1


def test_a_record_made_in_arabic_is_answered_in_the_language_it_is_sent_from(client, editor):
    point = open_point()
    client.force_login(editor)
    data = intake_record(editor, point, lang="ar", quantity="")
    response, answer = _send(client, data, lang="en")
    assert response.status_code == 422 and answer["status"] == "refused"
    assert "Quantity: This field is required." in answer["message"]
    data = intake_record(editor, point, lang="en", quantity="")
    response, answer = _send(client, data, lang="ar")
    assert answer["status"] == "refused" and "This field is required." not in answer["message"]
    assert not StockEntry.objects.filter(receipt="OFF-1").exists()


def test_a_refused_record_keeps_its_reason_and_a_replay_answers_the_same(client, editor):
    point = open_point()
    client.force_login(editor)
    data = intake_record(editor, point, quantity="-5")
    _response, first = _send(client, data)
    _response, again = _send(client, data)
    assert first["status"] == again["status"] == "refused"
    assert first["message"] == again["message"] and first["message"]
    receipt = OutboxReceipt.objects.get(client_id=data["client_id"])
    assert receipt.status == "refused" and receipt.message == first["message"]


def test_a_closed_appeal_refuses_the_record_with_its_reason(client, editor):
    point = open_point()
    point.appeal.__class__.objects.filter(pk=point.appeal.pk).update(status="closed")
    client.force_login(editor)
    _response, answer = _send(client, intake_record(editor, point))
    assert answer["status"] == "refused" and answer["message"]
    assert not StockEntry.objects.filter(receipt="OFF-1").exists()


def test_a_person_who_lost_the_role_is_refused_with_a_clear_reason(client, editor):
    point = open_point()
    data = intake_record(editor, point)
    Affiliation.objects.filter(person=editor, organisation=point.organisation).delete()
    client.force_login(editor)
    response, answer = _send(client, data)
    assert response.status_code == 404 and answer["status"] == "refused"
    assert "lost the role" in answer["message"]
    assert not StockEntry.objects.filter(receipt="OFF-1").exists()


def test_a_read_only_insider_is_refused_as_online(client, people):
    point = open_point()
    delegate = people["astefir_delegate"]  # a signatory and delegate: may view the point, not record at it
    client.force_login(delegate)
    response, answer = _send(client, intake_record(delegate, point))
    assert response.status_code == 403 and answer["status"] == "refused"
    assert "no longer have the role" in answer["message"]


def test_an_activity_and_a_project_draft_reach_their_views(client, editor):
    org = Organisation.objects.get(slug="astefir-al-zour")
    client.force_login(editor)
    url = reverse("newsletters:activity_new", kwargs={"slug": org.slug})
    fields = [
        ["title", "Offline activity (test)"],
        ["summary", "Thirty people discussed water."],
        ["language", "en"],
        ["happened_on", "2023-02-20"],
        ["kind", "video"],
        ["url", "https://video.example/hajin"],
    ]
    response, answer = _send(client, record(editor, "activity", url, fields))
    if answer["status"] != "accepted":
        pytest.fail(answer["message"])
    assert Activity.objects.filter(title="Offline activity (test)").count() == 1

    paste = reverse("projects:paste", kwargs={"slug": org.slug})
    text = "Winter kits for 300 families in Hajin, from 1 December 2025 to 28 February 2026."
    response, answer = _send(client, record(editor, "project-paste", paste, [["text", text], ["choose", "0"]]))
    assert answer["status"] == "accepted", answer
    assert Project.objects.filter(organisation=org, source_text=text).count() == 1


def test_a_record_is_dispatched_only_to_the_view_of_its_kind(client, editor):
    org = Organisation.objects.get(slug="astefir-al-zour")
    client.force_login(editor)
    # An "intake" record that points at the members' profile form is refused unread.
    url = reverse("members:dashboard")
    _response, answer = _send(client, record(editor, "intake", url, []))
    assert answer["status"] == "refused" and "does not match" in answer["message"]
    # A URL on another site.
    _response, answer = _send(client, record(editor, "activity", "https://evil.example/en/", []))
    assert answer["status"] == "refused"
    assert org.activities.count() == Activity.objects.filter(organisation=org).count()


def test_a_record_of_another_person_waits_for_them(client, editor, people):
    point = open_point()
    data = intake_record(editor, point)
    client.force_login(people["astefir_admin"])
    response, answer = _send(client, data)
    assert response.status_code == 409 and answer["status"] == "other_person"
    assert not OutboxReceipt.objects.filter(client_id=data["client_id"]).exists()


def test_sign_in_two_factor_and_csrf_are_those_of_an_online_submit(editor, people):
    point = open_point()
    data = intake_record(editor, point)
    anonymous = Client()
    response = anonymous.post(submit_url(), data)
    assert response.status_code == 401 and response.json()["status"] == "sign_in"

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(submit_url(), data).status_code == 403
    token = strict.get(reverse("offline:status")).json()["csrf"]
    response = strict.post(submit_url(), data, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.json()["status"] == "accepted"

    # An organisation admin without two-factor is sent to set it up, as on every page; nothing is recorded.
    admin = get_user_model().objects.create_user("new-admin@example.org", PASSWORD, full_name="New admin")
    Affiliation.objects.create(person=admin, organisation=point.organisation, role="admin")
    assert not Authenticator.objects.filter(user=admin).exists()
    client = Client()
    client.force_login(admin)
    response = client.post(submit_url(), intake_record(admin, point, receipt="NO-2FA"))
    assert response.status_code == 302 and "2fa" in response["Location"]
    assert not StockEntry.objects.filter(receipt="NO-2FA").exists()


def test_damaged_records_and_bad_requests_are_refused_without_a_crash(client, editor):
    client.force_login(editor)
    assert client.post(submit_url(), {"client_id": "x", "kind": "intake", "ciphertext": "{}"}).status_code == 400
    assert (
        client.post(submit_url(), {"client_id": str(uuid.uuid4()), "kind": "nope", "ciphertext": "{}"}).status_code
        == 400
    )
    response, answer = _send(client, {"client_id": str(uuid.uuid4()), "kind": "intake", "ciphertext": "{]"})
    assert response.status_code == 422 and answer["status"] == "refused" and "damaged" in answer["message"]
    assert client.get(submit_url()).status_code == 405


def test_the_errors_of_a_form_sent_back_are_read_from_its_page():
    html = (
        '<div class="error-summary"><h2>There are 2 problems</h2><ul><li><a href="#q">Quantity: required</a></li>'
        '<li>Item: <b>pick</b> one</li></ul></div><ul class="errorlist"><li>ignored when a summary exists</li></ul>'
    )
    assert services.page_errors(html) == ["Quantity: required", "Item: pick one"]
    assert services.page_errors('<ul class="errorlist"><li>Too long</li><li>Too long</li></ul>') == ["Too long"]
    assert services.page_errors("<p>nothing</p>") == []


# --- the outbox page and opening a refused record again -------------------------------------------------------------


def test_the_outbox_lists_answers_and_reopens_only_ones_own_refused_records(
    client, editor, people, django_assert_max_num_queries
):
    point = open_point()
    client.force_login(editor)
    refused = intake_record(editor, point, quantity="")
    _send(client, refused)
    for i in range(5):
        _send(client, intake_record(editor, point, receipt=f"LIST-{i}"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("offline:outbox")).content.decode()
    assert page.count("data-receipt=") == 6 and "This field is required." in page
    assert f'data-outbox-reopen="{refused["client_id"]}"' in page

    response = client.post(reverse("offline:reopen"), refused)
    assert response.status_code == 200
    answer = response.json()
    assert answer["url"] == reverse("appeals:point", kwargs={"code": point.code})
    names = [name for name, _value in answer["fields"]]
    assert "item" in names and "client_uuid" not in names and "csrfmiddlewaretoken" not in names
    assert OutboxReceipt.objects.get(client_id=refused["client_id"]).reopened_at is not None

    accepted = intake_record(editor, point, receipt="ACC")
    _send(client, accepted)
    assert client.post(reverse("offline:reopen"), accepted).status_code == 404
    other = Client()
    other.force_login(people["deirna_admin"])
    assert other.post(reverse("offline:reopen"), refused).status_code == 404


def test_the_key_command_rotates_and_retires(db, settings, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    settings.CIVNET_OFFLINE_KEY_DIR = str(tmp_path / "keys")
    first = keys.current_kid()
    out = StringIO()
    call_command("offline_key", "rotate", stdout=out)
    second = keys.current_kid()
    assert second != first and f"{second}  (current)" in out.getvalue() and first in out.getvalue()
    with pytest.raises(CommandError):
        call_command("offline_key", "retire", second, stdout=StringIO())
    call_command("offline_key", "retire", first, stdout=StringIO())
    assert keys.all_kids() == [second]


# --- the forms wired after the merge: a workshop day's attendance and an assembly's roll call -------------------


def _day_record(user, workshop, day, present, lang="en"):
    with translation.override(lang):
        url = reverse("trainings:attendance_day", kwargs={"slug": workshop.slug, "date": day})
    fields = [["csrfmiddlewaretoken", "stale"], *(["present", str(pk)] for pk in present)]
    return record(user, "attendance", url, fields)


def test_a_workshop_days_attendance_recorded_offline_arrives_once_and_a_wrong_day_is_refused(client, editor):
    workshop = Workshop.objects.get(slug="aso-advocacy-hajin")
    day = workshop.days.order_by("date").first()
    trainees = list(workshop.trainees.order_by("pk").values_list("pk", flat=True))[:4]
    client.force_login(editor)  # the demo's assistant trainer of the Hajin workshop
    data = _day_record(editor, workshop, day.date.isoformat(), trainees)
    for already in (False, True):
        _response, answer = _send(client, data)
        assert answer["status"] == "accepted" and answer["already"] is already, answer
    assert sorted(day.attendances.values_list("trainee_id", flat=True)) == trainees
    _response, answer = _send(client, _day_record(editor, workshop, "2021-12-25", trainees))
    assert answer["status"] == "refused" and answer["message"]


def test_an_assemblys_roll_call_recorded_offline_arrives_and_after_the_session_is_refused(client, people):
    officer = people["tech_officer"]
    assembly = Assembly.objects.filter(status=Assembly.Status.PREPARING).first()
    invited = assembly.invited.select_related("organisation").first().organisation
    Assembly.objects.filter(pk=assembly.pk).update(status=Assembly.Status.IN_SESSION)
    client.force_login(officer)
    url = reverse("governance:office_attendance", kwargs={"slug": assembly.slug})
    fields = [["organisation", str(invited.pk)], ["representative_name", "Rep (demo)"], ["present", "on"]]
    _response, answer = _send(client, record(officer, "roll-call", url, fields))
    assert answer["status"] == "accepted", answer
    assert Attendance.objects.filter(assembly=assembly, organisation=invited).exists()
    Assembly.objects.filter(pk=assembly.pk).update(status=Assembly.Status.CLOSED)
    other = assembly.invited.exclude(organisation=invited).first().organisation
    fields = [["organisation", str(other.pk)], ["representative_name", "Late (demo)"], ["present", "on"]]
    _response, answer = _send(client, record(officer, "roll-call", url, fields))
    assert answer["status"] == "refused" and "in session" in answer["message"]
    assert not Attendance.objects.filter(assembly=assembly, organisation=other).exists()
