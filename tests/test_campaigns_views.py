"""Every mutating view of advocacy: success, wrong method, read-only insider, outsider, anonymous visitor.

One row per view: the URL name and its arguments, valid POST data, who may, a read-only insider, an outsider, the
audit action and how to check it happened. The technical team's pages answer 404 to everyone else, read-only
insiders included: the office does not announce itself. A campaign's team pages answer 404 to outsiders, an
organisation's signature to anyone who may not withdraw it (issue 10, #17). Statements and rounds are public:
whoever has no organisation to act for gets 403, and 404 comes only where the thing itself is not public (a draft
statement, a round that does not exist)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors, services
from campaigns import urls as campaign_urls
from campaigns.models import (
    Ballot,
    Campaign,
    FollowUp,
    IssueProposal,
    IssueRound,
    Meeting,
    Signature,
    Statement,
    TimelineEvent,
    canonical,
)
from coalition.models import Region
from core.models import AuditEvent
from members.models import Affiliation, Organisation
from tests.conftest import PASSWORD, PERSONAS

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


def _tech():
    return get_user_model().objects.get(email=PERSONAS["tech"])


def _deir():
    return Region.objects.get(slug="deir-ez-zor")


def _astefir():
    return Organisation.objects.get(slug=ORG)


def _round(slug, phase):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    times = {
        "scheduled": (now + day, now + 2 * day, now + 3 * day),
        "proposing": (now - day, now + day, now + 2 * day),
        "voting": (now - 2 * day, now - day, now + day),
        "closed": (now - 3 * day, now - 2 * day, now - day),
    }[phase]
    issue_round, _created = IssueRound.objects.get_or_create(
        slug=slug,
        defaults={
            "region": _deir(),
            "title_en": f"Test {phase}",
            "proposals_open_at": times[0],
            "voting_opens_at": times[1],
            "closes_at": times[2],
        },
    )
    return issue_round


def _closed_round_with_a_vote():
    issue_round = _round("test-closed", "closed")
    if not issue_round.proposals.exists():
        proposal = IssueProposal.objects.create(
            round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="Water", problem="Dry"
        )
        Ballot.objects.create(round=issue_round, organisation=_astefir()).approvals.set([proposal])
    return issue_round


def _voting_round_with_a_proposal():
    issue_round = _round("test-voting", "voting")
    if not issue_round.proposals.exists():
        IssueProposal.objects.create(
            round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="Water", problem="Dry"
        )
    return issue_round


def _statement():
    return Statement.objects.get(slug=STATEMENT)


def _with_a_draft():
    statement = _statement()
    if not statement.versions.filter(frozen_at__isnull=True).exists():
        services.statement_draft(actor=_tech(), statement=statement, texts={"en": "A second version of the text."})
    return {"slug": STATEMENT}


def _named_signature():
    return _statement().current_version().signatures.filter(visibility=Signature.Visibility.NAMED).order_by("pk")[0]


def _astefir_signature():
    return Signature.objects.get(organisation__slug=ORG, version=_statement().current_version())


def _without_astefir_signature():
    Signature.objects.filter(organisation__slug=ORG).delete()
    return {"slug": STATEMENT}


def _sign_data():
    version = _statement().current_version()
    return {
        "organisation": _astefir().pk,
        "visibility": Signature.Visibility.NAMED,
        "password": PASSWORD,
        "version": version.pk,
        "fingerprint": version.fingerprint,
    }


def _follow_up():
    return FollowUp.objects.filter(meeting__campaign__slug=CAMPAIGN).order_by("pk")[0]


def _draft_statement():
    statement = services.statement_save(
        actor=_tech(), statement=Statement(), fields={"slug": "test-draft", "title_en": "Draft"}
    )
    services.statement_draft(actor=_tech(), statement=statement, texts={"en": "Not yet."})
    return {"slug": statement.slug}


# --- the table -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    url_name: str
    kwargs: Callable[[], dict]  # called first: it may prepare what the view acts on
    data: Callable[[], dict]
    may: str
    read_only: str | None  # an insider without the role; None where every role may (the campaign's team)
    outsider: str
    action: AuditEvent.Action
    happened: Callable[[], bool]
    office: bool = False  # the technical team's page: 404 to everyone else
    shows_a_form: bool = False  # GET is allowed, so the wrong method is PUT
    outsider_status: int = 404  # 403 on acting on a public thing
    read_only_status: int = 403  # 404 where even the thing's existence is not the insider's to know
    hidden: Callable[[], dict] | None = None  # arguments naming something not public: 404 even to who may


CASES = [
    # The technical team's office.
    Case(
        "statement_new",
        dict,
        lambda: {"slug": "test-statement", "title_en": "A statement of the test", "original_language": "en"},
        "tech",
        "admin",
        "other",
        AuditEvent.Action.STATEMENT_CREATED,
        lambda: Statement.objects.filter(slug="test-statement").exists(),
        office=True,
        shows_a_form=True,
    ),
    Case(
        "statement_edit",
        lambda: {"slug": STATEMENT},
        lambda: {
            "slug": STATEMENT,
            "campaign": Campaign.objects.get(slug=CAMPAIGN).pk,
            "title_ar": _statement().title_ar,
            "title_en": CHANGED,
            "original_language": "ar",
        },
        "tech",
        "admin",
        "other",
        AuditEvent.Action.STATEMENT_UPDATED,
        lambda: _statement().title_en == CHANGED,
        office=True,
        shows_a_form=True,
    ),
    Case(
        "statement_text",
        lambda: {"slug": STATEMENT},
        lambda: {"text_en": "A draft by the test."},
        "tech",
        "admin",
        "other",
        AuditEvent.Action.STATEMENT_DRAFTED,
        lambda: _statement().versions.filter(frozen_at__isnull=True, text_en="A draft by the test.").exists(),
        office=True,
    ),
    Case(
        "statement_freeze",
        _with_a_draft,
        dict,
        "tech",
        "admin",
        "other",
        AuditEvent.Action.STATEMENT_VERSION_FROZEN,
        lambda: _statement().current_version().number == 2,
        office=True,
    ),
    Case(
        "statement_publish",
        lambda: {"slug": STATEMENT},
        lambda: {"confirm": "on"},
        "tech",
        "admin",
        "other",
        AuditEvent.Action.STATEMENT_PUBLISHED,
        lambda: _statement().status == Statement.Status.PUBLISHED,
        office=True,
    ),
    Case(
        "takedown",
        lambda: {"code": _named_signature().code},
        lambda: {"reason": "Safety of its staff."},
        "tech",
        "admin",
        "other",
        AuditEvent.Action.STATEMENT_SIGNATURE_TAKEN_DOWN,
        lambda: Signature.objects.filter(takedown_reason="Safety of its staff.", taken_down_at__isnull=False).exists(),
        office=True,
    ),
    Case(
        "round_new",
        dict,
        lambda: {
            "slug": "test-new-round",
            "region": _deir().pk,
            "title_en": "A round of the test",
            "proposals_open_at": "2030-01-01T00:00",
            "voting_opens_at": "2030-01-02T00:00",
            "closes_at": "2030-01-03T00:00",
        },
        "tech",
        "admin",
        "other",
        AuditEvent.Action.ROUND_CREATED,
        lambda: IssueRound.objects.filter(slug="test-new-round").exists(),
        office=True,
        shows_a_form=True,
    ),
    Case(
        "round_edit",
        lambda: {"slug": _round("test-scheduled", "scheduled").slug},
        lambda: {
            "slug": "test-scheduled",
            "region": _deir().pk,
            "title_en": CHANGED,
            "proposals_open_at": "2030-01-01T00:00",
            "voting_opens_at": "2030-01-02T00:00",
            "closes_at": "2030-01-03T00:00",
        },
        "tech",
        "admin",
        "other",
        AuditEvent.Action.ROUND_UPDATED,
        lambda: IssueRound.objects.get(slug="test-scheduled").title_en == CHANGED,
        office=True,
        shows_a_form=True,
    ),
    Case(
        "round_conclude",
        lambda: {"slug": _closed_round_with_a_vote().slug},
        dict,
        "tech",
        "admin",
        "other",
        AuditEvent.Action.ROUND_CONCLUDED,
        lambda: IssueRound.objects.get(slug="test-closed").concluded_at is not None,
        office=True,
    ),
    Case(
        "campaign_new",
        dict,
        lambda: {
            "slug": "test-campaign",
            "title_en": "A campaign of the test",
            "original_language": "en",
            "regions": [_deir().pk],
            "status": Campaign.Status.PREPARING,
        },
        "tech",
        "admin",
        "other",
        AuditEvent.Action.CAMPAIGN_CREATED,
        lambda: Campaign.objects.filter(slug="test-campaign").exists(),
        office=True,
        shows_a_form=True,
    ),
    Case(
        "campaign_edit",
        lambda: {"slug": CAMPAIGN},
        lambda: {
            "slug": CAMPAIGN,
            "title_en": CHANGED,
            "original_language": "en",
            "regions": [_deir().pk],
            "organisations": list(Campaign.objects.get(slug=CAMPAIGN).organisations.values_list("pk", flat=True)),
            "status": Campaign.Status.ACTIVE,
        },
        "tech",
        "admin",
        "other",
        AuditEvent.Action.CAMPAIGN_UPDATED,
        lambda: Campaign.objects.get(slug=CAMPAIGN).title_en == CHANGED,
        office=True,
        shows_a_form=True,
    ),
    Case(
        "event_new",
        lambda: {"slug": CAMPAIGN},
        lambda: {
            "kind": TimelineEvent.Kind.EVIDENCE,
            "happened_on": "2023-05-01",
            "title_en": "Evidence added by the test",
            "original_language": "en",
        },
        "tech",
        "admin",
        "other",
        AuditEvent.Action.CAMPAIGN_EVENT_ADDED,
        lambda: TimelineEvent.objects.filter(title_en="Evidence added by the test").exists(),
        office=True,
        shows_a_form=True,
    ),
    # The campaign's team: any role in one of its organisations, and the technical team.
    Case(
        "meeting_new",
        lambda: {"slug": CAMPAIGN},
        lambda: {"held_on": "2023-03-01", "authority": "Committee of the test"},
        "admin",
        None,
        "aljazira",
        AuditEvent.Action.CAMPAIGN_MEETING_RECORDED,
        lambda: Meeting.objects.filter(authority="Committee of the test").exists(),
        shows_a_form=True,
    ),
    Case(
        "follow_up_status",
        lambda: {"slug": CAMPAIGN, "code": _follow_up().code},
        lambda: {"status": FollowUp.Status.KEPT},
        "admin",
        None,
        "aljazira",
        AuditEvent.Action.CAMPAIGN_FOLLOW_UP_STATUS,
        lambda: _follow_up().status == FollowUp.Status.KEPT,
    ),
    # An organisation's people.
    Case(
        "sign",
        _without_astefir_signature,
        _sign_data,
        "signatory",
        "editor",
        "nobody",
        AuditEvent.Action.STATEMENT_SIGNED,
        lambda: Signature.objects.filter(organisation__slug=ORG, version=_statement().current_version()).exists(),
        shows_a_form=True,
        outsider_status=403,
        hidden=_draft_statement,
    ),
    Case(
        "withdraw",
        lambda: {"slug": STATEMENT, "code": _astefir_signature().code},
        lambda: {"reason": "Changed position."},
        "signatory",
        "editor",
        "other",
        AuditEvent.Action.STATEMENT_SIGNATURE_REMOVED,
        lambda: not Signature.objects.filter(organisation__slug=ORG, version=_statement().current_version()).exists(),
        read_only_status=404,
    ),
    Case(
        "propose",
        lambda: {"slug": _round("test-proposing", "proposing").slug},
        lambda: {"organisation": _astefir().pk, "title": "An issue of the test", "problem": "A problem."},
        "editor",
        "signer_only",
        "aljazira",
        AuditEvent.Action.ROUND_PROPOSAL_SUBMITTED,
        lambda: IssueProposal.objects.filter(title="An issue of the test").exists(),
        outsider_status=403,
        hidden=lambda: {"slug": "no-such-round"},
    ),
    Case(
        "vote",
        lambda: {"slug": _voting_round_with_a_proposal().slug},
        lambda: {
            "organisation": _astefir().pk,
            "approvals": list(IssueProposal.objects.filter(round__slug="test-voting").values_list("pk", flat=True)),
        },
        "signatory",
        "editor",
        "aljazira",
        AuditEvent.Action.ROUND_BALLOT_CAST,
        lambda: Ballot.objects.filter(round__slug="test-voting", organisation__slug=ORG).exists(),
        outsider_status=403,
        hidden=lambda: {"slug": "no-such-round"},
    ),
]
BY_NAME = {case.url_name: case for case in CASES}


def _url(case, kwargs=None):
    return reverse(f"campaigns:{case.url_name}", kwargs=kwargs if kwargs is not None else case.kwargs())


def _post(client, case, who=None, kwargs=None):
    """POST the row's data as `who`; returns the response and whether the write happened (audited and done)."""
    url = _url(case, kwargs)
    data = case.data()
    before = AuditEvent.objects.filter(action=case.action).count()
    response = client.post(url, data)
    audited = AuditEvent.objects.filter(action=case.action).count() > before
    return response, audited and case.happened()


@pytest.mark.parametrize("name", BY_NAME)
def test_success(client, everyone, name):
    case = BY_NAME[name]
    client.force_login(everyone[case.may])
    response, happened = _post(client, case)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert happened
    event = AuditEvent.objects.filter(action=case.action).latest("at")
    assert event.actor == everyone[case.may]


@pytest.mark.parametrize("name", BY_NAME)
def test_wrong_method(client, everyone, name):
    case = BY_NAME[name]
    client.force_login(everyone[case.may])
    url = _url(case)
    response = client.put(url, case.data()) if case.shows_a_form else client.get(url)
    assert response.status_code == 405
    assert not case.happened()


@pytest.mark.parametrize("name", [name for name, case in BY_NAME.items() if case.read_only])
def test_read_only_insider_is_refused(client, everyone, name):
    case = BY_NAME[name]
    client.force_login(everyone[case.read_only])
    response, happened = _post(client, case)
    assert response.status_code == (404 if case.office else case.read_only_status)
    assert not happened


@pytest.mark.parametrize("name", BY_NAME)
def test_outsider(client, everyone, name):
    case = BY_NAME[name]
    client.force_login(everyone[case.outsider])
    response, happened = _post(client, case)
    assert response.status_code == case.outsider_status
    assert not happened


@pytest.mark.parametrize("name", [name for name, case in BY_NAME.items() if case.hidden])
def test_what_is_not_public_is_not_found(client, everyone, name):
    case = BY_NAME[name]
    client.force_login(everyone[case.may])
    case.kwargs()  # prepares what a success would need, so only the hidden target refuses
    response, happened = _post(client, case, kwargs=case.hidden())
    assert response.status_code == 404
    assert not happened


@pytest.mark.parametrize("name", BY_NAME)
def test_anonymous_is_sent_to_sign_in_or_not_found(client, demo, name):
    case = BY_NAME[name]
    response, happened = _post(client, case)
    if case.office:
        assert response.status_code == 404
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not happened


# --- what the table cannot say -------------------------------------------------------------------------


def test_every_mutating_view_is_in_the_table():
    public_reads = {"list", "detail", "statement", "signatures_csv", "signatures_json", "signed_print", "round"}
    names = {p.name for p in campaign_urls.urlpatterns}
    assert names - public_reads - {"office"} == set(BY_NAME)


def test_the_technical_team_is_on_every_campaign_team(client, everyone):
    client.force_login(everyone["tech"])
    assert client.get(reverse("campaigns:meeting_new", kwargs={"slug": CAMPAIGN})).status_code == 200


def test_every_role_of_a_campaign_organisation_is_on_its_team(client, everyone):
    client.force_login(everyone["signer_only"])
    assert client.get(reverse("campaigns:meeting_new", kwargs={"slug": CAMPAIGN})).status_code == 200


def test_the_technical_team_signs_for_no_organisation(client, everyone):
    client.force_login(everyone["tech"])
    assert client.get(reverse("campaigns:sign", kwargs={"slug": STATEMENT})).status_code == 403


def test_a_second_withdrawal_is_refused_with_a_message(client, everyone):
    signature = _astefir_signature()
    services.statement_publish(actor=everyone["tech"], statement=_statement())
    client.force_login(everyone["signatory"])
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
