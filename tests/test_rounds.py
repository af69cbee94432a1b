"""Choosing a region's issue: proposals, one approval ballot per organisation by its delegate, the
result, and the winning issue becoming the campaign."""

import datetime

import pytest
from django.utils import timezone

from campaigns import selectors, services
from campaigns.models import Ballot, Campaign, IssueProposal, IssueRound
from coalition.models import Region
from core.models import AuditEvent
from members.models import Affiliation, Organisation


def _round(region, phase):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    times = {
        "proposing": (now - day, now + day, now + 2 * day),
        "voting": (now - 2 * day, now - day, now + day),
        "closed": (now - 3 * day, now - 2 * day, now - day),
    }[phase]
    return IssueRound.objects.create(
        slug=f"test-{phase}",
        region=region,
        title_en=f"Test {phase}",
        proposals_open_at=times[0],
        voting_opens_at=times[1],
        closes_at=times[2],
    )


@pytest.fixture
def deir(demo):
    return Region.objects.get(slug="deir-ez-zor")


def test_propose_during_the_proposal_phase(client, people, deir):
    issue_round = _round(deir, "proposing")
    client.force_login(people["astefir_editor"])  # an editor of Astefir Al-Zour, a Deir ez-Zor member
    astefir = Organisation.objects.get(slug="astefir-al-zour")
    response = client.post(
        f"/ar/rounds/{issue_round.slug}/propose/",
        {"organisation": astefir.pk, "title": "الكهرباء", "problem": "انقطاع الكهرباء", "effects": "", "solutions": ""},
    )
    assert response.status_code == 302
    assert IssueProposal.objects.get(round=issue_round).organisation == astefir


def test_proposal_of_100000_characters_is_refused(client, people, deir):
    issue_round = _round(deir, "proposing")
    client.force_login(people["astefir_editor"])
    astefir = Organisation.objects.get(slug="astefir-al-zour")
    response = client.post(
        f"/en/rounds/{issue_round.slug}/propose/", {"organisation": astefir.pk, "title": "x", "problem": "x" * 100_000}
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert not IssueProposal.objects.filter(round=issue_round).exists()


def test_one_ballot_per_organisation_by_its_delegate(client, people, deir):
    issue_round = _round(deir, "voting")
    a = IssueProposal.objects.create(
        round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="A", problem="a"
    )
    b = IssueProposal.objects.create(
        round=issue_round, organisation=Organisation.objects.get(slug="bedaya"), title="B", problem="b"
    )
    astefir = Organisation.objects.get(slug="astefir-al-zour")
    client.force_login(people["astefir_editor"])  # not a delegate: refused before any form (403)
    response = client.post(f"/en/rounds/{issue_round.slug}/vote/", {"organisation": astefir.pk, "approvals": [a.pk]})
    assert response.status_code == 403 and not Ballot.objects.filter(round=issue_round).exists()
    client.force_login(people["astefir_delegate"])  # Astefir's delegate
    assert (
        client.post(
            f"/en/rounds/{issue_round.slug}/vote/", {"organisation": astefir.pk, "approvals": [a.pk, b.pk]}
        ).status_code
        == 302
    )
    response = client.post(f"/en/rounds/{issue_round.slug}/vote/", {"organisation": astefir.pk, "approvals": [b.pk]})
    assert "already voted in this round" in response.content.decode()
    assert Ballot.objects.filter(round=issue_round).count() == 1
    assert AuditEvent.objects.filter(action="round.ballot_cast").count() == 1


def test_delegate_of_another_region_cannot_vote(people, deir):
    issue_round = _round(deir, "voting")
    proposal = IssueProposal.objects.create(
        round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="A", problem="a"
    )
    aso = Organisation.objects.get(slug="aso-center")  # Al-Jazira
    Affiliation.objects.create(person=people["deirna_admin"], organisation=aso, role="delegate")
    with pytest.raises(services.Refused, match="Only member organisations of the region"):
        services.ballot_cast(
            actor=people["deirna_admin"], issue_round=issue_round, organisation=aso, approvals=[proposal]
        )


def test_result_and_conclusion_make_the_campaign(client, people, deir):
    issue_round = _round(deir, "closed")
    a = IssueProposal.objects.create(
        round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="Electricity", problem="Darkness"
    )
    b = IssueProposal.objects.create(
        round=issue_round, organisation=Organisation.objects.get(slug="bedaya"), title="Roads", problem="Mud"
    )
    for slug, approvals in (("deirna", [a]), ("bedaya", [a, b]), ("insaaf", [b]), ("astefir-al-zour", [a])):
        Ballot.objects.create(round=issue_round, organisation=Organisation.objects.get(slug=slug)).approvals.set(
            approvals
        )
    html = client.get(f"/en/rounds/{issue_round.slug}/").content.decode()
    assert "4 organisations voted" in html
    assert selectors.round_results(issue_round) == [(a, 3), (b, 2)]
    client.force_login(people["tech_officer"])
    response = client.post(f"/en/office/advocacy/rounds/{issue_round.slug}/conclude/")
    assert response.status_code == 302
    campaign = Campaign.objects.get(issue_round=issue_round)
    assert campaign.title_en == "Electricity" and list(campaign.regions.all()) == [deir]
    issue_round.refresh_from_db()
    assert issue_round.winner == a


def test_a_round_cannot_change_once_voting_started(client, people, deir):
    issue_round = _round(deir, "voting")
    client.force_login(people["tech_officer"])
    response = client.post(
        f"/en/office/advocacy/rounds/{issue_round.slug}/",
        {
            "slug": issue_round.slug,
            "region": deir.pk,
            "title_en": "Changed",
            "proposals_open_at": "2020-01-01T00:00",
            "voting_opens_at": "2020-01-02T00:00",
            "closes_at": "2099-01-01T00:00",
        },
    )
    assert "cannot be changed once voting has started" in response.content.decode()
    issue_round.refresh_from_db()
    assert issue_round.title_en == "Test voting"


def test_office_pages_are_for_the_technical_team_only(client, people, deir):
    for key in ("astefir_editor", "astefir_delegate", "deirna_admin"):
        client.force_login(people[key])
        assert client.get("/en/office/advocacy/").status_code == 404
        assert (
            client.post("/en/office/advocacy/statements/deir-ez-zor-electricity-statement/freeze/").status_code == 404
        )
    client.force_login(people["tech_officer"])
    assert client.get("/en/office/advocacy/").status_code == 200
    assert client.put("/en/office/advocacy/statements/deir-ez-zor-electricity-statement/freeze/").status_code == 405
