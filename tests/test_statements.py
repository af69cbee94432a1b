"""Joint statements: frozen, fingerprinted versions; signing by signatories only, after re-entering a
password; one signature per organisation; withdrawal, takedown and the public record."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.models import Signature, Statement, StatementVersion, canonical, fingerprint
from core.models import AuditEvent
from members.models import Affiliation, Organisation
from tests.conftest import PASSWORD

SLUG = "deir-ez-zor-electricity-statement"


@pytest.fixture
def statement(demo):
    return Statement.objects.get(slug=SLUG)


def _sign_data(statement, organisation, **changes):
    version = statement.current_version()
    data = {
        "organisation": organisation.pk,
        "visibility": "named",
        "password": PASSWORD,
        "version": version.pk,
        "fingerprint": version.fingerprint,
    }
    data.update(changes)
    return data


@pytest.fixture
def fresh(statement, people):
    """Astefir's demo signature removed, so the signatory persona can sign anew."""
    Signature.objects.filter(organisation__slug="astefir-al-zour").delete()
    return Organisation.objects.get(slug="astefir-al-zour")


def test_fingerprint_is_sha256_of_the_canonical_text():
    texts = {"ar": "نص\r\nالبيان  ", "en": "The text"}
    assert fingerprint(texts) == hashlib.sha256(canonical(texts).encode()).hexdigest()
    assert fingerprint(texts) == fingerprint({"ar": "نص\nالبيان", "en": "The text\n"})
    assert fingerprint(texts) != fingerprint({"ar": "نص البيان", "en": "The text"})


def test_a_frozen_version_is_immutable(statement):
    version = statement.current_version()
    version.text_en = "Something else"
    with pytest.raises(ValueError):
        version.save()


def test_signatory_signs_after_reentering_the_password(
    client, people, statement, fresh, smtp, django_capture_on_commit_callbacks
):
    client.force_login(people["astefir_delegate"])
    page = client.get(f"/ar/statements/{SLUG}/sign/").content.decode()
    version = statement.current_version()
    assert version.fingerprint in page and "أزمة الكهرباء" in page
    before = client.get(f"/en/statements/{SLUG}/").context["count"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/statements/{SLUG}/sign/", _sign_data(statement, fresh))
    assert response.status_code == 302
    signature = Signature.objects.get(version=version, organisation=fresh)
    assert signature.signed_by == people["astefir_delegate"]
    assert client.get(f"/en/statements/{SLUG}/").context["count"] == before + 1
    receipt = smtp.to(people["astefir_admin"].email)[0]  # the organisation's admin gets the receipt
    assert version.fingerprint in smtp.body(receipt)
    assert AuditEvent.objects.filter(action="statement.signed", data__organisation="astefir-al-zour").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "wrong"}, "neither your password nor a valid authenticator code"),
        ({"fingerprint": "0" * 64}, "fingerprint does not match"),
        ({"version": 999999}, "not the one open for signatures"),
    ],
)
def test_forged_or_wrong_fields_are_refused(client, people, statement, fresh, changes, message):
    client.force_login(people["astefir_delegate"])
    response = client.post(f"/en/statements/{SLUG}/sign/", _sign_data(statement, fresh, **changes))
    assert message in response.content.decode()
    assert not Signature.objects.filter(organisation=fresh).exists()


def test_cannot_sign_for_another_organisation(client, people, statement, fresh):
    client.force_login(people["astefir_delegate"])
    other = Organisation.objects.get(slug="deirna")
    Signature.objects.filter(organisation=other).delete()
    response = client.post(f"/en/statements/{SLUG}/sign/", _sign_data(statement, other))
    assert "Select a valid choice" in response.content.decode()
    assert not Signature.objects.filter(organisation=other).exists()


def test_editor_without_the_role_sees_no_button_and_cannot_post(client, people, statement, fresh):
    client.force_login(people["astefir_editor"])
    assert "Sign for your organisation" not in client.get(f"/en/statements/{SLUG}/").content.decode()
    assert client.post(f"/en/statements/{SLUG}/sign/", _sign_data(statement, fresh)).status_code == 403
    assert not Signature.objects.filter(organisation=fresh).exists()


def test_losing_the_role_or_good_standing_stops_signing(people, statement, fresh):
    version = statement.current_version()
    Affiliation.objects.filter(person=people["astefir_delegate"], role="signatory").delete()
    with pytest.raises(services.Refused, match="Only a signatory"):
        services.statement_sign(
            actor=people["astefir_delegate"],
            statement=statement,
            version_id=version.pk,
            fingerprint_seen=version.fingerprint,
            organisation=fresh,
            visibility="named",
        )
    Affiliation.objects.create(person=people["astefir_delegate"], organisation=fresh, role="signatory")
    Organisation.objects.filter(pk=fresh.pk).update(status="suspended")
    fresh.refresh_from_db()
    with pytest.raises(services.Refused, match="good standing"):
        services.statement_sign(
            actor=people["astefir_delegate"],
            statement=statement,
            version_id=version.pk,
            fingerprint_seen=version.fingerprint,
            organisation=fresh,
            visibility="named",
        )


def test_replay_changes_nothing(client, people, statement, fresh):
    client.force_login(people["astefir_delegate"])
    data = _sign_data(statement, fresh)
    client.post(f"/en/statements/{SLUG}/sign/", data)
    first = Signature.objects.get(organisation=fresh)
    response = client.post(f"/en/statements/{SLUG}/sign/", data, follow=True)
    assert "had already signed this version" in response.content.decode()
    assert list(Signature.objects.filter(organisation=fresh)) == [first]


def test_deadline_and_publication(client, people, statement, fresh):
    Statement.objects.filter(pk=statement.pk).update(deadline=timezone.now() - timedelta(hours=1))
    client.force_login(people["astefir_delegate"])
    response = client.post(f"/en/statements/{SLUG}/sign/", _sign_data(statement, fresh))
    assert "deadline for signing this statement has passed" in response.content.decode()


def test_new_version_asks_earlier_signers_to_sign_again(people, statement, smtp, django_capture_on_commit_callbacks):
    old = statement.current_version()
    signed_before = old.signatures.count()
    assert signed_before
    services.statement_draft(
        actor=people["tech_officer"], statement=statement, texts={"ar": old.text_ar + "\nتعديل.", "en": old.text_en}
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = services.statement_freeze(actor=people["tech_officer"], statement=statement)
    assert new.number == old.number + 1 and new.fingerprint != old.fingerprint
    assert new.signatures.count() == 0  # signatures never carry over
    assert any(
        "يرجى التوقيع من جديد" in m["Subject"] for m in smtp.messages
    )  # sent in Arabic, the coalition's language
    assert AuditEvent.objects.filter(action="statement.version_frozen", data__version=new.number).exists()
    with pytest.raises(services.Refused, match="not the one open"):
        services.statement_sign(
            actor=people["astefir_delegate"],
            statement=statement,
            version_id=old.pk,
            fingerprint_seen=old.fingerprint,
            organisation=Organisation.objects.get(slug="astefir-al-zour"),
            visibility="named",
        )


def test_withdrawal_before_and_after_publication(client, people, statement):
    astefir = Organisation.objects.get(slug="astefir-al-zour")
    signature = Signature.objects.get(organisation=astefir, version=statement.current_version())
    client.force_login(people["astefir_delegate"])
    client.post(f"/en/statements/{SLUG}/signatures/{signature.code}/withdraw/", {"reason": ""})
    assert not Signature.objects.filter(pk=signature.pk).exists()  # free before publication
    assert AuditEvent.objects.filter(action="statement.signature_removed").exists()
    deirna_signature = Signature.objects.get(organisation__slug="deirna", version=statement.current_version())
    services.statement_publish(actor=people["tech_officer"], statement=statement)
    client.force_login(people["deirna_admin"])  # Deirna's admin
    client.post(f"/en/statements/{SLUG}/signatures/{deirna_signature.code}/withdraw/", {"reason": "Changed position."})
    deirna_signature.refresh_from_db()
    assert deirna_signature.withdrawn_at is not None  # kept, dated, never erased
    assert deirna_signature.withdrawal_reason == "Changed position."


def test_safety_takedown_hides_the_name_and_is_audited(client, people, statement):
    signature = Signature.objects.filter(version=statement.current_version(), visibility="named").first()
    name = signature.organisation.name_en
    count = client.get(f"/en/statements/{SLUG}/").context["count"]
    client.force_login(people["tech_officer"])
    client.post(f"/en/office/advocacy/signatures/{signature.code}/takedown/", {"reason": "Safety of its staff."})
    client.logout()
    response = client.get(f"/en/statements/{SLUG}/")
    assert name not in [s.organisation.name_en for s in response.context["listed"]]
    assert response.context["count"] == count  # still counted, no longer named
    assert AuditEvent.objects.filter(
        action="statement.signature_taken_down", data__reason="Safety of its staff."
    ).exists()


def test_downloads_carry_the_fingerprint_and_match_the_text(client, statement):
    data = json.loads(client.get(f"/en/statements/{SLUG}/signatures.json").content)
    version = statement.current_version()
    assert data["fingerprint"] == version.fingerprint == fingerprint(data["texts"])
    listed = [s for s in version.signatures.all() if s.listed]
    assert len(data["signatories"]) == len(listed)
    assert data["count"] == len([s for s in version.signatures.all() if s.counts])
    csv_text = client.get(f"/en/statements/{SLUG}/signatures.csv").content.decode()
    assert f"fingerprint_sha256,{version.fingerprint}" in csv_text
    assert version.fingerprint in client.get(f"/ar/statements/{SLUG}/signed/").content.decode()


def test_private_signatures_are_neither_counted_nor_listed(client, statement):
    version = statement.current_version()
    signature = version.signatures.filter(visibility="named").first()
    before = client.get(f"/en/statements/{SLUG}/").context["count"]
    Signature.objects.filter(pk=signature.pk).update(visibility="private")
    response = client.get(f"/en/statements/{SLUG}/")
    assert response.context["count"] == before - 1
    assert signature.organisation not in [s.organisation for s in response.context["listed"]]


def test_a_draft_statement_is_not_public(client, people):
    draft = services.statement_save(
        actor=people["tech_officer"], statement=Statement(), fields={"slug": "draft-one", "title_en": "Draft"}
    )
    services.statement_draft(actor=people["tech_officer"], statement=draft, texts={"en": "Not yet."})
    assert client.get("/en/statements/draft-one/").status_code == 404
    assert StatementVersion.objects.get(statement=draft).frozen_at is None
