"""Governance through its services: the quorum, the steps of an election and what blocks them, nominations and
their checks, the frozen roll, the count entered twice, the sign-off threshold, ties by either rule, publication
seating the winners, complaints; refusals write nothing, and every write is audited."""

import datetime
import hashlib
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone, translation

from core.models import AuditEvent
from core.services import Refused
from governance import selectors, services, uploads
from governance.models import (
    AgendaItem,
    Assembly,
    CandidacyRules,
    CountEntry,
    Election,
    Nomination,
    RollEntry,
    SignOff,
    Tally,
    roll_canonical,
    roll_fingerprint,
)
from members.models import Mandate, Organisation
from tests import governance_setup as gs
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals below are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


A = AuditEvent.Action


def _refused(call, *, match=None):
    before = AuditEvent.objects.count()
    with pytest.raises(Refused) as refused:
        call()
    assert AuditEvent.objects.count() == before, "a refusal recorded an event"
    if match:
        with translation.override("en"):
            assert match in str(refused.value.message)
    return refused.value


# --- quorum ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eligible", "numerator", "denominator", "more_than", "needed"),
    [
        (20, 1, 2, False, 10),  # exactly half meets "at least half"
        (20, 1, 2, True, 11),  # "more than half" needs one more
        (19, 1, 2, False, 10),
        (19, 1, 2, True, 10),
        (3, 2, 3, False, 2),
        (0, 1, 2, False, 0),
    ],
)
def test_quorum_arithmetic(eligible, numerator, denominator, more_than, needed):
    assert selectors.needed_for_quorum(eligible, numerator, denominator, more_than) == needed


def test_quorum_exactly_half_and_suspended_members_not_counted(demo):
    setup = gs.build(status="nominations")
    tech, assembly = setup.tech, setup.assembly
    services.assembly_advance(actor=tech, assembly=assembly, to=Assembly.Status.IN_SESSION)
    members = setup.organisations
    eligible = len(members)
    assert selectors.quorum(assembly).eligible == eligible
    half = -(-eligible // 2)
    for organisation in members[: half - 1]:
        services.attendance_record(actor=tech, assembly=assembly, organisation=organisation, representative_name="R")
    assert not selectors.quorum(assembly).met
    services.attendance_record(actor=tech, assembly=assembly, organisation=members[half - 1], representative_name="R")
    assert selectors.quorum(assembly).met  # at least half
    Assembly.objects.filter(pk=assembly.pk).update(quorum_more_than=True)
    assembly.refresh_from_db()
    if eligible % 2 == 0:
        assert not selectors.quorum(assembly).met  # exactly half is not more than half
    # A present member suspended since the invitation neither counts among the eligible nor among the present.
    Organisation.objects.filter(pk=members[0].pk).update(status=Organisation.Status.SUSPENDED)
    quorum = selectors.quorum(assembly)
    assert quorum.eligible == eligible - 1
    assert quorum.present == half - 1


def test_a_suspended_organisation_attends_without_the_vote(demo):
    setup = gs.build(status="nominations")
    organisation = setup.organisations[-1]
    Organisation.objects.filter(pk=organisation.pk).update(status=Organisation.Status.SUSPENDED)
    organisation.refresh_from_db()
    services.assembly_advance(actor=setup.tech, assembly=setup.assembly, to=Assembly.Status.IN_SESSION)
    attendance = services.attendance_record(
        actor=setup.tech, assembly=setup.assembly, organisation=organisation, representative_name="R"
    )
    assert attendance.has_vote is False
    assert selectors.quorum(setup.assembly).present == 0


def test_attendance_is_one_row_per_organisation_and_only_in_session(demo):
    setup = gs.build(status="nominations")
    organisation = setup.organisations[0]
    _refused(
        lambda: services.attendance_record(
            actor=setup.tech, assembly=setup.assembly, organisation=organisation, representative_name="R"
        ),
        match="in session",
    )
    services.assembly_advance(actor=setup.tech, assembly=setup.assembly, to=Assembly.Status.IN_SESSION)
    for name in ("First", "Second"):
        services.attendance_record(
            actor=setup.tech, assembly=setup.assembly, organisation=organisation, representative_name=name
        )
    rows = setup.assembly.attendance.filter(organisation=organisation)
    assert rows.count() == 1 and rows.get().representative_name == "Second"


def test_agenda_vote_cannot_exceed_the_organisations_present(demo):
    setup = gs.build(status="in_session", present=3)
    _refused(
        lambda: services.agenda_item_save(
            actor=setup.tech,
            assembly=setup.assembly,
            item=None,
            fields={"order": 1, "title_en": "X", "votes_for": 3, "votes_against": 1, "abstentions": 0},
        ),
        match="only 3",
    )
    assert not AgendaItem.objects.filter(assembly=setup.assembly).exists()
    item = services.agenda_item_save(
        actor=setup.tech,
        assembly=setup.assembly,
        item=None,
        fields={
            "order": 1,
            "title_en": "X",
            "decision_en": "Agreed",
            "votes_for": 2,
            "votes_against": 1,
            "abstentions": 0,
        },
    )
    assert item.has_vote


# --- steps and what blocks them --------------------------------------------------------------------------------------


def test_voting_cannot_open_without_quorum_and_the_page_lists_why(demo):
    setup = gs.build(status="in_session", present=1)
    problems = selectors.blocking_only(selectors.blocking_problems(setup.election, Election.Status.VOTING))
    assert any("quorum" in p.text for p in problems)
    _refused(
        lambda: services.election_advance(actor=setup.tech, election=setup.election, to=Election.Status.VOTING),
        match="quorum",
    )
    assert setup.refresh().status == Election.Status.NOMINATIONS
    assert not setup.election.roll.exists()


def test_committee_must_be_three_from_different_organisations(demo):
    setup = gs.build(status="preparing")
    problems = [p.text for p in selectors.blocking_problems(setup.election, Election.Status.VOTING)]
    assert not any("at least 3" in p for p in problems)
    setup.election.committee.last().delete()
    problems = [p.text for p in selectors.blocking_problems(setup.election, Election.Status.VOTING)]
    assert any("at least 3" in p for p in problems)


def test_a_step_moves_once_and_only_from_the_step_before(demo):
    setup = gs.build(status="preparing")
    services.election_advance(actor=setup.tech, election=setup.election, to=Election.Status.NOMINATIONS)
    _refused(
        lambda: services.election_advance(actor=setup.tech, election=setup.refresh(), to=Election.Status.NOMINATIONS)
    )
    # The technical team cannot close voting (the committee's step), nor sign or publish.
    _refused(lambda: services.election_advance(actor=setup.tech, election=setup.election, to=Election.Status.COUNTING))
    _refused(lambda: services.election_advance(actor=setup.tech, election=setup.election, to=Election.Status.PUBLISHED))


def test_opening_voting_freezes_the_roll_with_a_recomputable_fingerprint(demo):
    setup = gs.build(status="voting")
    election = setup.election
    slugs = sorted(o.slug for o in setup.organisations)
    assert sorted(election.roll.values_list("organisation__slug", flat=True)) == slugs
    text = "civnet-roll-v1\n" + f"election:{election.slug}\n" + "".join(f"{s}\n" for s in slugs)
    assert election.roll_fingerprint == hashlib.sha256(text.encode()).hexdigest()
    assert roll_canonical(election.slug, reversed(slugs)) == text  # order-independent
    event = (
        AuditEvent.objects.filter(action=A.ELECTION_STATUS_CHANGED, target_id=str(election.pk)).order_by("pk").last()
    )
    assert event.data["fingerprint"] == election.roll_fingerprint


def test_only_the_committee_changes_the_frozen_roll_and_the_change_is_logged(demo):
    setup = gs.build(status="voting", present=12)
    outsider = setup.organisations[-1]
    _refused(
        lambda: services.roll_change(
            actor=setup.tech,
            election=setup.election,
            organisation=outsider,
            representative_name="Late",
            add=True,
            reason="Arrived late, checked by us.",
        )
    )
    before = setup.election.roll_fingerprint
    services.roll_change(
        actor=setup.committee[1],
        election=setup.election,
        organisation=outsider,
        representative_name="Late",
        add=True,
        reason="Arrived late, checked by us.",
    )
    election = setup.refresh()
    assert election.roll_fingerprint != before
    assert election.roll_fingerprint == roll_fingerprint(election.slug, selectors.roll_slugs(election))
    event = AuditEvent.objects.filter(action=A.ELECTION_ROLL_CHANGED).order_by("pk").last()
    assert event.data["from"] == before and event.data["fingerprint"] == election.roll_fingerprint
    # Once the tally is accepted the roll is closed.
    services.election_advance(actor=setup.committee[0], election=election, to=Election.Status.COUNTING)
    gs.count_twice(setup, 5, 0, 0, 3, 2, 1)
    _refused(
        lambda: services.roll_change(
            actor=setup.committee[1],
            election=setup.refresh(),
            organisation=outsider,
            representative_name="",
            add=False,
            reason="Entered by mistake, sorry.",
        )
    )


# --- nominations ---------------------------------------------------------------------------------------------------


def test_nomination_checks_consent_and_override(demo):
    setup = gs.build(status="nominations", candidates=1)
    organisation = setup.candidates[0].organisation
    admin = gs.user("second-admin@example.org", organisation=organisation, role="admin")
    other = gs.user("second-candidate@example.org", organisation=organisation)
    nomination = services.nominate(
        actor=admin, election=setup.election, organisation=organisation, person=other, texts={"ar": "بيان"}
    )
    assert nomination.checks["one_per_organisation"] == {"ok": False}
    assert not nomination.is_candidate
    # Consent is the person's own act.
    _refused(lambda: services.consent(actor=admin, nomination=nomination, show_name=True))
    services.consent(actor=other, nomination=nomination, show_name=False)
    nomination.refresh_from_db()
    assert nomination.consent_at and not nomination.is_candidate
    # The technical team cannot override; the committee can, with a reason.
    _refused(lambda: services.override(actor=setup.tech, nomination=nomination, reason="Because we say so."))
    _refused(lambda: services.override(actor=setup.committee[0], nomination=nomination, reason="short"))
    services.override(actor=setup.committee[0], nomination=nomination, reason="The assembly agreed to two seats here.")
    nomination.refresh_from_db()
    assert nomination.is_candidate and nomination.overridden_by == setup.committee[0]


def test_a_nomination_is_withdrawn_by_its_person_or_organisation_while_nominations_are_open(demo):
    setup = gs.build(status="nominations", candidates=2)
    first, second = setup.candidates
    organisation = first.organisation
    admin, stranger = first.nominated_by, second.nominated_by  # admins of the two organisations
    _refused(lambda: services.withdraw(actor=stranger, nomination=first), match="Only the nominated person")
    _refused(lambda: services.withdraw(actor=setup.tech, nomination=first), match="Only the nominated person")
    services.withdraw(actor=first.person, nomination=first, reason="I moved to Raqqa.")
    first.refresh_from_db()
    assert first.withdrawn_at and not first.is_candidate
    assert first not in selectors.candidates(setup.refresh())
    event = AuditEvent.objects.filter(action=A.ELECTION_WITHDRAWN).latest("pk")
    assert event.data["status"] == "by_candidate" and event.data["reason"] == "I moved to Raqqa."
    _refused(lambda: services.withdraw(actor=admin, nomination=first), match="already withdrawn")
    # The organisation puts the same person forward again, and withdraws that nomination itself.
    again = services.nominate(
        actor=admin, election=setup.election, organisation=organisation, person=first.person, texts={"en": "Again."}
    )
    services.withdraw(actor=admin, nomination=again)
    assert AuditEvent.objects.filter(action=A.ELECTION_WITHDRAWN).latest("pk").data["status"] == "by_organisation"
    # Once voting opens the ballot is fixed: withdrawing is refused and nothing changes.
    voting = gs.build(status="voting", candidates=2)
    nomination = voting.candidates[0]
    _refused(lambda: services.withdraw(actor=nomination.person, nomination=nomination), match="once voting opens")
    nomination.refresh_from_db()
    assert nomination.withdrawn_at is None and nomination.is_candidate


def _mail(smtp, address, count):
    for _ in range(100):
        if len(smtp.to(address)) >= count:
            return smtp.body(smtp.to(address)[count - 1])
        time.sleep(0.05)
    raise AssertionError(f"no message {count} for {address}")


def test_nominated_people_are_asked_by_email_and_a_withdrawal_is_told_to_the_other_side(
    demo, smtp, django_capture_on_commit_callbacks
):
    setup = gs.build(status="nominations", candidates=1)
    organisation = setup.candidates[0].organisation
    admin = setup.candidates[0].nominated_by
    admin.language = "en"
    admin.save(update_fields=["language"])
    person = gs.user("emailed-candidate@example.org", organisation=organisation)
    person.language = "ar"
    person.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nominate(
            actor=admin, election=setup.election, organisation=organisation, person=person, texts={"en": "Hi"}
        )
    body = _mail(smtp, person.email, 1)  # in the person's language, with the link to consent in it
    assert f"/ar/elections/{setup.election.slug}/nominations/{nomination.code}/consent/" in body
    assert "رشّحتك" in body and "nominated you" not in body
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(actor=person, nomination=nomination)
    body = _mail(smtp, admin.email, 1)  # the admin who nominated, in English
    assert "withdrew from the election" in body and f"/en/elections/{setup.election.slug}/" in body
    with django_capture_on_commit_callbacks(execute=True):
        again = services.nominate(
            actor=admin, election=setup.election, organisation=organisation, person=person, texts={"en": "Hi"}
        )
        services.withdraw(actor=admin, nomination=again)
    assert "سحبت" in _mail(smtp, person.email, 3)  # the organisation withdrew it: the person is told
    assert len(smtp.to(admin.email)) == 1  # nobody is told of their own act


def test_good_standing_and_committee_checks(demo):
    setup = gs.build(status="preparing")
    rules = gs.rules(months=6)
    Election.objects.filter(pk=setup.election.pk).update(rules=rules)
    services.election_advance(actor=setup.tech, election=setup.refresh(), to=Election.Status.NOMINATIONS)
    organisation = setup.organisations[5]
    Organisation.objects.filter(pk=organisation.pk).update(status_since=timezone.now() - datetime.timedelta(days=30))
    organisation.refresh_from_db()
    admin = gs.user("gs-admin@example.org", organisation=organisation, role="admin")
    person = gs.user("gs-person@example.org", organisation=organisation)
    nomination = services.nominate(
        actor=admin, election=setup.election, organisation=organisation, person=person, texts={"en": "Hi"}
    )
    assert nomination.checks["good_standing"] == {"ok": False}
    # A committee member may be nominated by their organisation but fails the check.
    committee_org = setup.organisations[0]
    committee_admin = gs.user("c-admin@example.org", organisation=committee_org, role="admin")
    nomination = services.nominate(
        actor=committee_admin,
        election=setup.election,
        organisation=committee_org,
        person=setup.committee[0],
        texts={"en": "Hi"},
    )
    assert nomination.checks["not_on_committee"] == {"ok": False}


def test_nominating_is_refused_outside_the_window_and_for_non_admins(demo):
    setup = gs.build(status="preparing")
    organisation = setup.organisations[4]
    admin = gs.user("w-admin@example.org", organisation=organisation, role="admin")
    delegate = gs.user("w-delegate@example.org", organisation=organisation)
    call = lambda actor: services.nominate(  # noqa: E731
        actor=actor, election=setup.election, organisation=organisation, person=delegate, texts={"en": "x"}
    )
    _refused(lambda: call(admin), match="not open")
    services.election_advance(actor=setup.tech, election=setup.election, to=Election.Status.NOMINATIONS)
    setup.refresh()
    _refused(lambda: call(delegate), match="admin")
    Election.objects.filter(pk=setup.election.pk).update(
        nominations_close_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    setup.refresh()
    _refused(lambda: call(admin), match="not open")
    assert not Nomination.objects.filter(election=setup.election).exists()


def test_rules_versions_are_immutable(demo):
    rules = gs.rules()
    rules.text_en = "Changed"
    with pytest.raises(ValueError):
        rules.save()
    newer = gs.rules()
    assert newer.number == rules.number + 1
    assert CandidacyRules.objects.get(pk=rules.pk).text_en == "Test rules."


# --- the double entry -----------------------------------------------------------------------------------------------


def test_two_agreeing_entries_are_accepted(demo):
    setup = gs.build()
    first, second = setup.committee[:2]
    entry = services.count_enter(
        actor=first, election=setup.election, ballots=10, blank=1, invalid=1, votes=gs.votes(setup, 6, 5, 4)
    )
    assert entry.outcome == CountEntry.Outcome.WAITING and not Tally.objects.filter(election=setup.election).exists()
    _refused(
        lambda: services.count_enter(
            actor=first, election=setup.election, ballots=10, blank=1, invalid=1, votes=gs.votes(setup, 6, 5, 4)
        ),
        match="already",
    )
    entry = services.count_enter(
        actor=second, election=setup.election, ballots=10, blank=1, invalid=1, votes=gs.votes(setup, 6, 5, 4)
    )
    assert entry.outcome == CountEntry.Outcome.AGREED
    tally = Tally.objects.get(election=setup.election, channel="paper")
    assert (tally.ballots, tally.blank, tally.invalid) == (10, 1, 1)
    assert set(CountEntry.objects.filter(election=setup.election).values_list("outcome", flat=True)) == {"agreed"}
    # Accepted: nobody changes it, the committee included.
    _refused(
        lambda: services.count_enter(
            actor=setup.committee[2],
            election=setup.election,
            ballots=10,
            blank=0,
            invalid=0,
            votes=gs.votes(setup, 6, 5, 4),
        ),
        match="already been accepted",
    )


def test_disagreeing_entries_are_kept_and_both_enter_again(demo):
    setup = gs.build()
    first, second = setup.committee[:2]
    services.count_enter(
        actor=first, election=setup.election, ballots=10, blank=0, invalid=0, votes=gs.votes(setup, 6, 5, 4)
    )
    entry = services.count_enter(
        actor=second, election=setup.election, ballots=10, blank=0, invalid=0, votes=gs.votes(setup, 6, 4, 5)
    )
    assert entry.outcome == CountEntry.Outcome.DISAGREED
    assert not Tally.objects.filter(election=setup.election).exists()
    # Attempt 2: the first member may enter again; the disagreement stays in the record.
    services.count_enter(
        actor=first, election=setup.election, ballots=10, blank=0, invalid=0, votes=gs.votes(setup, 6, 5, 4)
    )
    services.count_enter(
        actor=second, election=setup.election, ballots=10, blank=0, invalid=0, votes=gs.votes(setup, 6, 5, 4)
    )
    entries = CountEntry.objects.filter(election=setup.election).order_by("attempt", "pk")
    assert [(e.attempt, e.outcome) for e in entries] == [
        (1, "disagreed"),
        (1, "disagreed"),
        (2, "agreed"),
        (2, "agreed"),
    ]
    assert Tally.objects.filter(election=setup.election).count() == 1
    events = AuditEvent.objects.filter(action=A.ELECTION_COUNT_ENTERED, target_id=str(setup.election.pk))
    assert [e.data["status"] for e in events.order_by("pk")] == ["waiting", "disagreed", "waiting", "agreed"]


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ((10, -1, 0, (6, 5, 4)), "negative"),
        ((10, 0, 0, (-1, 5, 4)), "negative"),
        ((999, 0, 0, (6, 5, 4)), "organisations on the roll"),
        ((10, 6, 5, (1, 0, 0)), "exceed the ballots"),
        ((10, 0, 0, (11, 0, 0)), "more votes than there are valid ballots"),
        ((10, 0, 0, (10, 10, 1)), "more than 2 per valid ballot"),
        ((10, 0, 0, (0, 0, 0)), "no votes"),
    ],
)
def test_inconsistent_counts_are_refused_and_nothing_is_written(demo, figures, message):
    setup = gs.build()
    ballots, blank, invalid, votes = figures
    _refused(
        lambda: services.count_enter(
            actor=setup.committee[0],
            election=setup.election,
            ballots=ballots,
            blank=blank,
            invalid=invalid,
            votes=gs.votes(setup, *votes),
        ),
        match=message,
    )
    assert not CountEntry.objects.filter(election=setup.election).exists()


def test_votes_must_name_exactly_the_candidates(demo):
    setup = gs.build()
    votes = gs.votes(setup, 1, 1, 1)
    votes.pop(next(iter(votes)))
    _refused(
        lambda: services.count_enter(
            actor=setup.committee[0], election=setup.election, ballots=3, blank=0, invalid=0, votes=votes
        )
    )
    _refused(
        lambda: services.count_enter(
            actor=setup.committee[0],
            election=setup.election,
            ballots=3,
            blank=0,
            invalid=0,
            votes={**gs.votes(setup, 1, 1, 1), "someone-else": 1},
        )
    )


def test_blank_ballots_refused_when_not_allowed(demo):
    setup = gs.build(allow_blank=False)
    _refused(
        lambda: services.count_enter(
            actor=setup.committee[0],
            election=setup.election,
            ballots=5,
            blank=1,
            invalid=0,
            votes=gs.votes(setup, 3, 2, 1),
        ),
        match="blank",
    )


def test_technical_team_and_outsiders_cannot_enter_or_change_counts(demo, people):
    setup = gs.build()
    other = gs.build(status="counting")  # its committee is another election's
    for actor in (setup.tech, people["astefir_admin"], other.committee[0]):
        _refused(
            lambda actor=actor: services.count_enter(
                actor=actor, election=setup.election, ballots=5, blank=0, invalid=0, votes=gs.votes(setup, 3, 2, 1)
            ),
            match="counting committee",
        )
    assert not CountEntry.objects.filter(election=setup.election).exists()


def test_committee_members_need_two_factor(demo):
    setup = gs.build()
    setup.committee[0].authenticator_set.all().delete()
    _refused(
        lambda: services.count_enter(
            actor=setup.committee[0],
            election=setup.election,
            ballots=5,
            blank=0,
            invalid=0,
            votes=gs.votes(setup, 3, 2, 1),
        ),
        match="two-factor",
    )


# --- sign-off, ties, publication ---------------------------------------------------------------------------------------


def test_threshold_sign_off_with_reauthentication(demo):
    setup = gs.build(threshold=2)
    # Nothing to sign before the count is accepted.
    _refused(
        lambda: services.sign_off(actor=setup.committee[0], election=setup.election, secret=PASSWORD), match="accepted"
    )
    gs.count_twice(setup, 10, 1, 0, 7, 5, 2)
    _refused(
        lambda: services.sign_off(actor=setup.committee[0], election=setup.election, secret="wrong"), match="password"
    )
    assert not SignOff.objects.filter(election=setup.election).exists()
    services.sign_off(actor=setup.committee[0], election=setup.election, secret=PASSWORD)
    assert setup.refresh().status == Election.Status.COUNTING  # t − 1 is not enough
    _refused(lambda: services.publish(actor=setup.committee[0], election=setup.election), match="sign-offs")
    _refused(
        lambda: services.sign_off(actor=setup.committee[0], election=setup.election, secret=PASSWORD), match="already"
    )
    _refused(lambda: services.sign_off(actor=setup.tech, election=setup.election, secret=PASSWORD))
    services.sign_off(actor=setup.committee[1], election=setup.election, secret=PASSWORD)
    assert setup.refresh().status == Election.Status.SIGNED
    # The remaining member may still sign before publication.
    services.sign_off(actor=setup.committee[2], election=setup.election, secret=PASSWORD)
    assert setup.election.signoffs.count() == 3


def test_sign_off_accepts_an_authenticator_code(demo):
    setup = gs.build(threshold=2)
    gs.count_twice(setup, 10, 1, 0, 7, 5, 2)
    member = setup.committee[0]
    code = format_hotp_value(hotp_value(gs.SECRETS[member.email], int(time.time()) // 30))
    services.sign_off(actor=member, election=setup.election, secret=code)
    assert setup.election.signoffs.count() == 1


def test_publication_seats_the_winners_in_the_body(demo, client):
    setup = gs.build(seats=2)
    gs.count_twice(setup, 10, 1, 0, 7, 5, 2)
    gs.sign_all(setup)
    body = setup.election.body
    past = body.mandates.count()
    mandates = services.publish(actor=setup.committee[0], election=setup.refresh())
    election = setup.refresh()
    assert election.status == Election.Status.PUBLISHED and election.complaints_until
    winners = setup.candidates[:2]
    assert {(m.person_id, m.organisation_id) for m in mandates} == {(n.person_id, n.organisation_id) for n in winners}
    assert body.mandates.count() == past + 2
    mandate = Mandate.objects.get(pk=mandates[0].pk)
    assert mandate.starts_on == timezone.localdate(setup.assembly.starts_at)
    assert mandate.ends_on == mandate.starts_on.replace(year=mandate.starts_on.year + 2) - datetime.timedelta(days=1)
    assert [m.show_person_publicly for m in mandates] == [winners[0].show_name_publicly, winners[1].show_name_publicly]
    assert [c["elected"] for c in election.result["candidates"]] == [True, True, False]
    assert election.result["roll_fingerprint"] == election.roll_fingerprint
    # The body page shows them at once; a name only where the person agreed.
    html = client.get(f"/en/bodies/{body.slug}/").content.decode()
    shown = winners[0].person.full_name  # index 0 agreed (show_name=True)
    hidden = winners[1].person.full_name
    assert shown in html and hidden not in html
    actions = set(AuditEvent.objects.filter(target_id=str(election.pk)).values_list("action", flat=True))
    assert {
        A.ELECTION_SAVED,
        A.ELECTION_COMMITTEE_ADDED,
        A.ELECTION_STATUS_CHANGED,
        A.ELECTION_NOMINATED,
        A.ELECTION_CONSENTED,
        A.ELECTION_COUNT_ENTERED,
        A.ELECTION_SIGNED_OFF,
        A.ELECTION_PUBLISHED,
    } <= actions
    assert AuditEvent.objects.filter(action=A.MANDATE_ADDED, target_id=str(body.pk)).count() >= 2
    _refused(lambda: services.publish(actor=setup.committee[0], election=election))
    assert body.mandates.count() == past + 2


def test_tie_settled_by_the_committees_draw(demo):
    setup = gs.build(seats=2, tie_rule=Election.TieRule.DRAW)
    gs.count_twice(setup, 10, 0, 0, 8, 5, 5)
    standing = selectors.standings(setup.election)
    assert standing.tie_open and standing.tied_seats == 1 and len(standing.tied) == 2
    problems = selectors.blocking_only(selectors.blocking_problems(setup.election, Election.Status.SIGNED))
    assert any("tie" in p.text for p in problems)
    _refused(lambda: services.sign_off(actor=setup.committee[0], election=setup.election, secret=PASSWORD), match="tie")
    tied = [str(n.code) for n in standing.tied]
    _refused(
        lambda: services.tie_draw(actor=setup.committee[0], election=setup.election, drawn_codes=tied, note="x"),
        match="exactly 1",
    )
    _refused(lambda: services.tie_draw(actor=setup.tech, election=setup.election, drawn_codes=tied[:1], note="x"))
    services.tie_draw(
        actor=setup.committee[0], election=setup.election, drawn_codes=tied[1:], note="Two folded papers in a box."
    )
    standing = selectors.standings(setup.refresh())
    assert not standing.tie_open
    assert [str(n.code) for n in standing.winners] == [str(setup.candidates[0].code), tied[1]]
    gs.sign_all(setup)
    services.publish(actor=setup.committee[0], election=setup.refresh())
    assert setup.refresh().result["tie"]["drawn"] == [tied[1]]


def test_tie_settled_by_a_runoff(demo):
    setup = gs.build(seats=2, tie_rule=Election.TieRule.RUNOFF)
    gs.count_twice(setup, 10, 0, 0, 8, 5, 5)
    runoff = services.tie_runoff(actor=setup.committee[0], election=setup.election)
    assert runoff.status == Election.Status.VOTING and runoff.seats == 1 and runoff.runoff_of == setup.election
    assert runoff.roll.count() == setup.election.roll.count()
    assert {n.person_id for n in selectors.candidates(runoff)} == {c.person_id for c in setup.candidates[1:]}
    assert runoff.committee.count() == 3
    # The first election publishes its clear winner; the run-off fills the contested seat.
    gs.sign_all(setup)
    services.publish(actor=setup.committee[0], election=setup.refresh())
    assert [c["elected"] for c in setup.refresh().result["candidates"]] == [True, False, False]
    services.election_advance(actor=setup.committee[0], election=runoff, to=Election.Status.COUNTING)
    runoff.refresh_from_db()
    codes = [str(n.code) for n in selectors.candidates(runoff)]
    for member in setup.committee[:2]:
        services.count_enter(
            actor=member, election=runoff, ballots=10, blank=0, invalid=0, votes=dict(zip(codes, (6, 4), strict=True))
        )
    for member in setup.committee[:2]:
        services.sign_off(actor=member, election=runoff, secret=PASSWORD)
    runoff.refresh_from_db()
    mandates = services.publish(actor=setup.committee[0], election=runoff)
    assert len(mandates) == 1


def test_regional_seats_go_to_the_regions_candidates_first(demo):
    setup = gs.build(seats=2, status="counting")
    raqqa = Organisation.objects.filter(region__slug="raqqa", status="member").first()
    # Reserve one seat for Raqqa: the third candidate moves there (by organisation), and wins it despite fewer votes.
    Nomination.objects.filter(pk=setup.candidates[2].pk).update(organisation=raqqa)
    Election.objects.filter(pk=setup.election.pk).update(regional_seats={"raqqa": 1})
    gs.count_twice(setup, 10, 0, 0, 8, 5, 2)
    standing = selectors.standings(setup.refresh())
    assert {n.pk for n in standing.winners} == {setup.candidates[0].pk, setup.candidates[2].pk}


# --- complaints and uploads -----------------------------------------------------------------------------------------


def test_complaints_within_the_window_decided_by_the_committee(demo):
    setup = gs.build(seats=2)
    gs.count_twice(setup, 10, 1, 0, 7, 5, 2)
    gs.sign_all(setup)
    services.publish(actor=setup.committee[0], election=setup.refresh())
    organisation = setup.organisations[0]
    admin = gs.user("complainer@example.org", organisation=organisation, role="admin")
    complaint = services.complaint_submit(
        actor=admin, election=setup.refresh(), organisation=organisation, text="Late count."
    )
    _refused(lambda: services.complaint_decide(actor=setup.tech, complaint=complaint, decision="No", upheld=False))
    services.complaint_decide(
        actor=setup.committee[1], complaint=complaint, decision="The count was on time.", upheld=False
    )
    complaint.refresh_from_db()
    assert complaint.decided_by == setup.committee[1] and complaint.upheld is False
    Election.objects.filter(pk=setup.election.pk).update(
        complaints_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    _refused(
        lambda: services.complaint_submit(
            actor=admin, election=setup.refresh(), organisation=organisation, text="Again."
        ),
        match="ended",
    )


JPEG_WITH_GPS = (
    b"\xff\xd8"
    + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xe1\x00\x17Exif\x00\x00GPS 36.3N 40.1E"
    + b"\xff\xfe\x00\x0aComment!"
    + b"\xff\xdb\x00\x04\x00\x00"
    + b"\xff\xda\x00\x02"
    + b"pixels"
    + b"\xff\xd9"
)


def test_uploaded_photos_lose_their_location(demo):
    cleaned, kind = uploads.clean(JPEG_WITH_GPS, images_only=True)
    assert kind == "image/jpeg"
    assert b"GPS" not in cleaned and b"Exif" not in cleaned and b"Comment" not in cleaned
    assert b"JFIF" in cleaned and cleaned.endswith(b"pixels\xff\xd9")
    png = uploads.PNG_SIGNATURE + b"".join(
        len(data).to_bytes(4, "big") + kind + data + b"\0\0\0\0"
        for kind, data in (
            (b"IHDR", b"x" * 13),
            (b"eXIf", b"GPS here"),
            (b"tEXt", b"Location"),
            (b"IDAT", b"px"),
            (b"IEND", b""),
        )
    )
    cleaned, _kind = uploads.clean(png)
    assert b"GPS" not in cleaned and b"Location" not in cleaned and b"IDAT" in cleaned
    with pytest.raises(Refused):
        uploads.clean(b"GIF89a....")
    with pytest.raises(Refused):
        uploads.clean(b"%PDF-1.7", images_only=True)


def test_tally_sheet_is_stored_without_metadata(demo):
    setup = gs.build()
    sheet = services.tally_sheet_add(actor=setup.committee[0], election=setup.election, data=JPEG_WITH_GPS)
    assert b"GPS" not in bytes(sheet.data)
    _refused(lambda: services.tally_sheet_add(actor=setup.tech, election=setup.election, data=JPEG_WITH_GPS))


def test_roll_entries_unique_per_organisation(demo):
    setup = gs.build(status="voting")
    assert (
        RollEntry.objects.filter(election=setup.election).values("organisation").distinct().count()
        == setup.election.roll.count()
    )
