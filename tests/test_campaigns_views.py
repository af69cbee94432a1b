"""Who acts in advocacy, beyond what the table of every mutating view (tests/test_views_table.py) says: the
campaign team is every role of the campaign's organisations and the technical team, who signs for no
organisation; a second withdrawal is told so; fingerprints keep their language order."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors, services
from campaigns.models import (
    Campaign,
    Meeting,
    Signature,
    Statement,
    canonical,
)
from members.models import Affiliation, Organisation
from tests.conftest import PASSWORD

STATEMENT = "deir-ez-zor-electricity-statement"
CAMPAIGN = "deir-ez-zor-electricity"
ORG = "astefir-al-zour"
CHANGED = "Changed by the test"


@pytest.fixture
def everyone(people):
    """The demo personas, and three more: an editor in another region (Al-Jazira), a signatory of Astefir who
    holds no other role, and a person with no role in any organisation."""
    User = get_user_model()
    extra = {
        "aljazira": ("aso-center", Affiliation.Role.EDITOR),
        "signer_only": (ORG, Affiliation.Role.SIGNATORY),
        "nobody": (None, None),
    }
    for key, (slug, role) in extra.items():
        person = User.objects.create_user(f"{key}@example.org", PASSWORD, full_name=f"Test {key}")
        if slug:
            Affiliation.objects.create(person=person, organisation=Organisation.objects.get(slug=slug), role=role)
        people = {**people, key: person}
    return people


# --- what the rows act on --------------------------------------------------------------------------------


def _statement():
    return Statement.objects.get(slug=STATEMENT)


def _astefir_signature():
    return Signature.objects.get(organisation__slug=ORG, version=_statement().current_version())


# --- what the table of every mutating view (tests/test_views_table.py) cannot say ------------------------


def test_the_technical_team_is_on_every_campaign_team(client, everyone):
    client.force_login(everyone["tech_officer"])
    assert client.get(reverse("campaigns:meeting_new", kwargs={"slug": CAMPAIGN})).status_code == 200


def test_every_role_of_a_campaign_organisation_is_on_its_team(client, everyone):
    client.force_login(everyone["signer_only"])
    assert client.get(reverse("campaigns:meeting_new", kwargs={"slug": CAMPAIGN})).status_code == 200


def test_the_technical_team_signs_for_no_organisation(client, everyone):
    client.force_login(everyone["tech_officer"])
    assert client.get(reverse("campaigns:sign", kwargs={"slug": STATEMENT})).status_code == 403


def test_a_second_withdrawal_is_refused_with_a_message(client, everyone):
    signature = _astefir_signature()
    services.statement_publish(actor=everyone["tech_officer"], statement=_statement())
    client.force_login(everyone["astefir_delegate"])
    url = f"/en/statements/{STATEMENT}/signatures/{signature.code}/withdraw/"
    client.post(url, {"reason": ""})
    response = client.post(url, {"reason": ""}, follow=True)
    assert "This signature was already withdrawn." in response.content.decode()


def test_fingerprints_keep_their_language_order():
    """Published fingerprints depend on it: ar, ku, syr, en, whatever order the site lists its languages in."""
    assert canonical({"en": "b", "ar": "a"}) == "[ar]\na\n[ku]\n\n[syr]\n\n[en]\nb\n"


def test_a_campaign_figures_for_the_newsletter(demo):
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    today = timezone.now().date()
    signed, meetings = selectors.campaign_period_figures(campaign, datetime.date(2000, 1, 1), today)
    assert signed == Signature.objects.filter(version__statement__campaign=campaign).count() > 0
    assert meetings == Meeting.objects.filter(campaign=campaign, is_public=True).count() > 0
    assert selectors.campaign_period_figures(campaign, datetime.date(2000, 1, 1), datetime.date(2000, 1, 31)) == (0, 0)
