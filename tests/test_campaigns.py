"""Campaign pages: the public timeline, meetings restricted to the campaign's team, promises followed up."""

import datetime

import pytest

from campaigns.models import Campaign, FollowUp, Meeting, Signature, Statement, TimelineEvent
from coalition.models import Region
from core.models import AuditEvent
from members.models import Organisation
from tests.measure import BUDGET, first_load_bytes, queries

SLUG = "deir-ez-zor-electricity"


def test_public_timeline_in_order_without_names(client, demo):
    html = client.get(f"/en/campaigns/{SLUG}/").content.decode()
    assert "#DeirEzzor_DrownsInDarkness" in html
    hashtag = html.index("Hashtag launch")
    statement = html.index("Joint statement shared for signatures")
    meeting = html.index("Energy Committee")
    assert hashtag < statement < meeting
    assert "technical office (demo)" not in html  # who went is never public
    assert "A written answer to the campaign" in html  # the follow-up of the promise


def test_meeting_records_are_for_the_campaign_team(client, people):
    campaign = Campaign.objects.get(slug=SLUG)
    Meeting.objects.filter(campaign=campaign).update(is_public=False)
    assert "Energy Committee" not in client.get(f"/en/campaigns/{SLUG}/").content.decode()
    client.force_login(people["astefir_admin"])  # Astefir Al-Zour takes part in the campaign
    html = client.get(f"/en/campaigns/{SLUG}/").content.decode()
    assert "Energy Committee" in html and "technical office (demo)" in html
    client.force_login(people["deirna_admin"])  # Deirna's admin: Deirna is a Deir ez-Zor member too
    assert client.get(f"/en/campaigns/{SLUG}/meetings/new/").status_code == 200


def test_campaign_team_records_a_meeting_and_follows_up(client, people):
    campaign = Campaign.objects.get(slug=SLUG)
    client.force_login(people["astefir_admin"])
    response = client.post(
        f"/en/campaigns/{SLUG}/meetings/new/",
        {
            "held_on": "2023-03-01",
            "authority": "Finance Committee",
            "office": "Deir ez-Zor Civil Council",
            "attendees": "Two demo persons",
            "asked": "A budget line",
            "answered": "Under study",
            "promised": "An answer",
            "promise_1": "Answer on the budget line",
            "owner_1": "Finance Committee",
            "due_1": "2023-04-01",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(promise="Answer on the budget line")
    client.post(f"/en/campaigns/{SLUG}/follow-ups/{follow_up.code}/", {"status": "kept"})
    follow_up.refresh_from_db()
    assert follow_up.status == "kept"
    assert AuditEvent.objects.filter(action="campaign.meeting_recorded", target_id=str(campaign.pk)).exists()
    assert AuditEvent.objects.filter(action="campaign.follow_up_status", data__to="kept").exists()
    client.force_login(people["astefir_editor"])
    client.logout()
    assert (
        client.post(f"/en/campaigns/{SLUG}/meetings/new/", {"held_on": "2023-03-01"}).status_code == 302
    )  # to sign in


def test_outsiders_cannot_record_meetings(client, people):
    Campaign.objects.get(slug=SLUG).organisations.set([Organisation.objects.get(slug="astefir-al-zour")])
    client.force_login(people["deirna_admin"])
    assert client.get(f"/en/campaigns/{SLUG}/meetings/new/").status_code == 404
    follow_up = FollowUp.objects.filter(meeting__campaign__slug=SLUG).first()
    assert client.post(f"/en/campaigns/{SLUG}/follow-ups/{follow_up.code}/", {"status": "broken"}).status_code == 404


@pytest.mark.parametrize(
    "url", [f"/ar/campaigns/{SLUG}/", "/ar/statements/deir-ez-zor-electricity-statement/", "/ar/campaigns/"]
)
def test_constant_queries(client, people, url):
    campaign = Campaign.objects.get(slug=SLUG)
    small = queries(client, url)
    version = Statement.objects.get(slug="deir-ez-zor-electricity-statement").current_version()
    region = Region.objects.get(slug="deir-ez-zor")
    for i in range(20):
        org = Organisation.objects.create(slug=f"signer-{i}", name_en=f"Signer {i}", status="member", region=region)
        Signature.objects.create(version=version, organisation=org)
        TimelineEvent.objects.create(
            campaign=campaign, kind="evidence", happened_on=datetime.date(2023, 2, i + 1), title_en=f"Video {i}"
        )
        meeting = Meeting.objects.create(
            campaign=campaign, held_on=datetime.date(2023, 3, i + 1), authority=f"Committee {i}", is_public=True
        )
        FollowUp.objects.create(meeting=meeting, promise=f"Promise {i}", owner="x")
    assert queries(client, url) == small


@pytest.mark.parametrize("url", [f"/ar/campaigns/{SLUG}/", "/ar/statements/deir-ez-zor-electricity-statement/"])
def test_first_load_within_budget(client, demo, url):
    assert first_load_bytes(client, url) <= BUDGET
