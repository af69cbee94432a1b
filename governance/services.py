"""Every write of governance: assemblies (agenda, documents, invitations, attendance, minutes), candidacy rules,
elections and their steps, nominations and consent, the committee's roll changes, counts, tie settlements,
sign-offs, publication (which seats the winners in their body) and complaints. Each in a transaction, each
audited; a refusal writes nothing.

Steps of an election are conditional updates (`filter(status=old).update(status=new)`), so of two people pressing
the same button only one moves it. The counting committee, not the technical team, controls the count: every
committee act checks here that the actor sits on this election's committee and uses two-factor sign-in."""

import datetime
import json
import uuid

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.models import AuditEvent
from core.permissions import is_technical_team
from core.services import Refused
from governance import belenios, notifications, selectors, uploads
from governance.models import (
    AgendaItem,
    Assembly,
    AssemblyDocument,
    Attendance,
    CandidacyRules,
    Channel,
    CommitteeMember,
    Complaint,
    CountEntry,
    Election,
    InvitedOrganisation,
    Nomination,
    OnlineBallot,
    OnlineChannel,
    PartialDecryption,
    RollEntry,
    SignOff,
    Tally,
    TallySheet,
    TieResolution,
    TrusteeKey,
    VoterCredential,
    roll_fingerprint,
)
from members.models import Affiliation, Mandate, Organisation

A = AuditEvent.Action


def _technical_team(actor) -> None:
    if not is_technical_team(actor):
        raise Refused(_("Only the technical team prepares assemblies and elections."))


def _committee(actor, election: Election) -> CommitteeMember:
    """The actor's seat on this election's committee; anyone else is refused, the technical team included."""
    member = selectors.committee_member(actor, election)
    if member is None:
        raise Refused(_("Only a member of this election's counting committee may do this."))
    if not selectors.has_totp(actor):
        raise Refused(_("Committee members act with two-factor sign-in: set up an authenticator app first."))
    return member


def _lock(election: Election) -> Election:
    return Election.objects.select_for_update().get(pk=election.pk)


def reauthenticated(user, secret: str) -> bool:
    """The person typed a current code of their authenticator app, or their password. A six-digit answer is tried
    as a code first: checking a password costs a deliberate fraction of a second."""
    if not secret:
        return False
    code = secret.strip()
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None and code.isdigit() and len(code) == 6 and TOTP(totp).validate_code(code):
        return True
    return user.check_password(secret)


# --- assemblies ----------------------------------------------------------------------------------------------------


@transaction.atomic
def assembly_save(*, actor, assembly: Assembly, fields: dict) -> Assembly:
    _technical_team(actor)
    creating = assembly.pk is None
    if not creating and assembly.status == Assembly.Status.CLOSED:
        raise Refused(_("A closed assembly cannot be changed."))
    for key, value in fields.items():
        setattr(assembly, key, value)
    assembly.save()
    audit.record(actor=actor, action=A.ASSEMBLY_SAVED, target=assembly, data={"fields": sorted(fields)})
    return assembly


@transaction.atomic
def agenda_item_save(*, actor, assembly: Assembly, item: AgendaItem | None, fields: dict) -> AgendaItem:
    """An agenda item, or the decision and open vote recorded on it during the session."""
    _technical_team(actor)
    if assembly.status == Assembly.Status.CLOSED:
        raise Refused(_("A closed assembly cannot be changed."))
    votes = [fields.get(k) for k in ("votes_for", "votes_against", "abstentions")]
    if any(v is not None for v in votes):
        if any(v is None for v in votes):
            raise Refused(_("Give the votes for, against and the abstentions, or none of them."))
        if any(v < 0 for v in votes):
            raise Refused(_("Votes cannot be negative."))
        present = Attendance.objects.filter(assembly=assembly, has_vote=True).count()
        if sum(votes) > present:
            raise Refused(
                _("%(votes)s votes were given, but only %(present)s organisations present have the vote.")
                % {"votes": sum(votes), "present": present}
            )
    item = item or AgendaItem(assembly=assembly)
    for key, value in fields.items():
        setattr(item, key, value)
    item.save()
    audit.record(actor=actor, action=A.ASSEMBLY_AGENDA_SAVED, target=assembly, data={"fields": sorted(fields)})
    return item


@transaction.atomic
def document_add(*, actor, assembly: Assembly, title: str, data: bytes, filename: str, is_public: bool):
    _technical_team(actor)
    cleaned, kind = uploads.clean(data)
    document = AssemblyDocument.objects.create(
        assembly=assembly,
        title=title,
        filename=filename[:200],
        content_type=kind,
        data=cleaned,
        is_public=is_public,
        uploaded_by=actor,
    )
    audit.record(actor=actor, action=A.ASSEMBLY_DOCUMENT_ADDED, target=assembly, data={"note": title})
    return document


@transaction.atomic
def assembly_invite(*, actor, assembly: Assembly) -> int:
    """Invite the member organisations (and suspended members, who attend without the vote) of the assembly's
    region, or of all regions; the list is frozen once the assembly is in session."""
    _technical_team(actor)
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.status != Assembly.Status.PREPARING:
        raise Refused(_("The invited organisations are frozen once the assembly is in session."))
    organisations = Organisation.objects.filter(status__in=Organisation.PUBLIC_STATUSES)
    if assembly.region_id:
        organisations = organisations.filter(region_id=assembly.region_id)
    InvitedOrganisation.objects.filter(assembly=assembly).exclude(organisation__in=organisations).delete()
    have = set(InvitedOrganisation.objects.filter(assembly=assembly).values_list("organisation_id", flat=True))
    InvitedOrganisation.objects.bulk_create(
        [InvitedOrganisation(assembly=assembly, organisation=o) for o in organisations if o.pk not in have]
    )
    count = InvitedOrganisation.objects.filter(assembly=assembly).count()
    audit.record(actor=actor, action=A.ASSEMBLY_INVITED, target=assembly, data={"note": str(count)})
    return count


@transaction.atomic
def attendance_record(
    *, actor, assembly: Assembly, organisation: Organisation, representative_name: str, present: bool = True
) -> Attendance | None:
    """On the day: the organisation is present (and who represents it) or, corrected, not present. An invited
    member in good standing has the vote; a suspended member attends without it."""
    _technical_team(actor)
    if assembly.status != Assembly.Status.IN_SESSION:
        raise Refused(_("Attendance is recorded while the assembly is in session."))
    if not InvitedOrganisation.objects.filter(assembly=assembly, organisation=organisation).exists():
        raise Refused(_("This organisation was not invited to the assembly."))
    if assembly.elections.filter(roll_frozen_at__isnull=False).exists() and not present:
        raise Refused(_("Voting has opened: the roll is frozen, and only the counting committee may change it."))
    if not present:
        Attendance.objects.filter(assembly=assembly, organisation=organisation).delete()
        attendance = None
    else:
        if not representative_name.strip():
            raise Refused(_("Write the name of the organisation's representative."))
        attendance, _created = Attendance.objects.update_or_create(
            assembly=assembly,
            organisation=organisation,
            defaults={
                "representative_name": representative_name.strip(),
                "has_vote": organisation.status == Organisation.Status.MEMBER,
                "recorded_by": actor,
            },
        )
    audit.record(
        actor=actor,
        action=A.ASSEMBLY_ATTENDANCE,
        target=assembly,
        data={"organisation": organisation.slug, "status": "present" if present else "absent"},
    )
    return attendance


ASSEMBLY_STEPS = {
    Assembly.Status.IN_SESSION: Assembly.Status.PREPARING,
    Assembly.Status.CLOSED: Assembly.Status.IN_SESSION,
}


@transaction.atomic
def assembly_advance(*, actor, assembly: Assembly, to: str) -> Assembly:
    _technical_team(actor)
    if to not in ASSEMBLY_STEPS:
        raise Refused(_("An assembly goes from preparation to session to closed."))
    if to == Assembly.Status.IN_SESSION and not assembly.invited.exists():
        raise Refused(_("Invite the member organisations before opening the session."))
    if to == Assembly.Status.CLOSED and assembly.elections.filter(status__in=("nominations", "voting")).exists():
        raise Refused(_("An election of this assembly is still open: close its voting first."))
    if not Assembly.objects.filter(pk=assembly.pk, status=ASSEMBLY_STEPS[to]).update(status=to):
        raise Refused(_("The assembly has already moved on; reload the page."))
    assembly.refresh_from_db()
    audit.record(
        actor=actor, action=A.ASSEMBLY_STATUS_CHANGED, target=assembly, data={"from": ASSEMBLY_STEPS[to], "to": to}
    )
    return assembly


@transaction.atomic
def minutes_publish(*, actor, assembly: Assembly, texts: dict[str, str]) -> Assembly:
    _technical_team(actor)
    if not any(t.strip() for t in texts.values()):
        raise Refused(_("Write the minutes in at least one language."))
    for lang, text in texts.items():
        setattr(assembly, f"minutes_{lang}", text)
    assembly.minutes_published_at = timezone.now()
    assembly.save()
    audit.record(actor=actor, action=A.ASSEMBLY_MINUTES_PUBLISHED, target=assembly)
    return assembly


# --- candidacy rules and elections --------------------------------------------------------------------------------


@transaction.atomic
def rules_create(*, actor, fields: dict) -> CandidacyRules:
    _technical_team(actor)
    number = (CandidacyRules.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
    rules = CandidacyRules.objects.create(number=number, created_by=actor, **fields)
    audit.record(actor=actor, action=A.CANDIDACY_RULES_VERSIONED, target=rules, data={"version": number})
    return rules


@transaction.atomic
def election_save(*, actor, election: Election, fields: dict) -> Election:
    _technical_team(actor)
    if election.pk is not None:
        election = _lock(election)
        if election.status != Election.Status.PREPARING:
            raise Refused(_("An election cannot be changed once its nominations have opened."))
        if (
            "committee_threshold" in fields
            and fields["committee_threshold"] != election.committee_threshold
            and OnlineChannel.objects.filter(election=election).exists()
        ):
            raise Refused(_("The online channel is enabled: its key was made for this threshold, which stays."))
    for key, value in fields.items():
        setattr(election, key, value)
    election.save()
    audit.record(actor=actor, action=A.ELECTION_SAVED, target=election, data={"fields": sorted(fields)})
    return election


@transaction.atomic
def committee_add(*, actor, election: Election, person, organisation: Organisation) -> CommitteeMember:
    """The assembly chose this person, present for this organisation, to monitor and count the votes."""
    _technical_team(actor)
    election = _lock(election)
    if election.reached(Election.Status.VOTING):
        raise Refused(_("The committee is formed before voting opens."))
    if OnlineChannel.objects.filter(election=election).exists():
        raise Refused(_("The online channel is enabled: its committee holds the key and cannot change."))
    if not InvitedOrganisation.objects.filter(assembly=election.assembly, organisation=organisation).exists():
        raise Refused(_("Committee members come from the organisations taking part in the assembly."))
    if not Affiliation.objects.filter(person=person, organisation=organisation).exists():
        raise Refused(_("This person holds no role in that organisation."))
    if (
        election.rules.committee_cannot_stand
        and election.nominations.filter(person=person, withdrawn_at__isnull=True).exists()
    ):
        raise Refused(_("This person is a candidate and cannot sit on the counting committee."))
    try:
        with transaction.atomic():
            member = CommitteeMember.objects.create(election=election, person=person, organisation=organisation)
    except IntegrityError:
        raise Refused(_("This person is already on the committee.")) from None
    audit.record(
        actor=actor,
        action=A.ELECTION_COMMITTEE_ADDED,
        target=election,
        data={"person": person.email, "organisation": organisation.slug},
    )
    return member


def _freeze_roll(election: Election) -> None:
    present = Attendance.objects.filter(assembly=election.assembly, has_vote=True).select_related("organisation")
    RollEntry.objects.bulk_create(
        [
            RollEntry(election=election, organisation=a.organisation, representative_name=a.representative_name)
            for a in present
        ]
    )
    Election.objects.filter(pk=election.pk).update(
        roll_frozen_at=timezone.now(),
        roll_fingerprint=roll_fingerprint(election.slug, [a.organisation.slug for a in present]),
    )


@transaction.atomic
def election_advance(*, actor, election: Election, to: str) -> Election:
    """Open nominations or voting (the technical team), or close voting for the count (the committee). Each step
    only from the one before, and only when nothing blocks it; opening voting freezes the roll."""
    if to in (Election.Status.NOMINATIONS, Election.Status.VOTING):
        _technical_team(actor)
    elif to == Election.Status.COUNTING:
        _committee(actor, election)
    else:
        raise Refused(_("This step is taken by signing off or publishing."))
    election = _lock(election)
    blocking = selectors.blocking_only(selectors.blocking_problems(election, to))
    if blocking:
        raise Refused(" ".join(p.text for p in blocking))
    before = Election.ORDER[Election.ORDER.index(to) - 1]
    if not Election.objects.filter(pk=election.pk, status=before).update(status=to):
        raise Refused(_("The election has already moved on; reload the page."))
    data = {"from": before, "to": to}
    if to == Election.Status.VOTING:
        _freeze_roll(election)
        election.refresh_from_db()
        data["fingerprint"] = election.roll_fingerprint
        data["note"] = ", ".join(f"{m.person.email}/{m.organisation.slug}" for m in selectors.conflicts(election))
    election.refresh_from_db()
    if to == Election.Status.VOTING:
        _open_online(actor, election)
    elif to == Election.Status.COUNTING:
        _online_tally(actor, election)
    audit.record(actor=actor, action=A.ELECTION_STATUS_CHANGED, target=election, data=data)
    return election


# --- nominations ----------------------------------------------------------------------------------------------------


@transaction.atomic
def nominate(*, actor, election: Election, organisation: Organisation, person, texts: dict[str, str]) -> Nomination:
    """An organisation's admin puts one of its people forward; the person consents from their own account."""
    election = _lock(election)
    if election.status != Election.Status.NOMINATIONS or (
        election.nominations_close_at and election.nominations_close_at <= timezone.now()
    ):
        raise Refused(_("Nominations are not open in this election."))
    if not Affiliation.objects.filter(person=actor, organisation=organisation, role=Affiliation.Role.ADMIN).exists():
        raise Refused(_("Only an admin of the organisation may nominate for it."))
    if not InvitedOrganisation.objects.filter(assembly=election.assembly, organisation=organisation).exists():
        raise Refused(_("Only organisations invited to the assembly nominate candidates."))
    if not Affiliation.objects.filter(person=person, organisation=organisation).exists():
        raise Refused(_("Nominate someone who holds a role in your organisation."))
    if not any(t.strip() for t in texts.values()):
        raise Refused(_("Write the candidate's statement in at least one language."))
    nomination = Nomination(election=election, organisation=organisation, person=person, nominated_by=actor)
    for lang, text in texts.items():
        setattr(nomination, f"statement_{lang}", text)
    nomination.checks = selectors.nomination_checks(nomination)
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        raise Refused(_("This person is already nominated in this election.")) from None
    audit.record(
        actor=actor,
        action=A.ELECTION_NOMINATED,
        target=election,
        data={"organisation": organisation.slug, "person": person.email},
    )
    transaction.on_commit(lambda: notifications.nominated(nomination), robust=True)
    return nomination


@transaction.atomic
def consent(*, actor, nomination: Nomination, show_name: bool) -> Nomination:
    nomination = Nomination.objects.select_for_update().select_related("election").get(pk=nomination.pk)
    if actor.pk != nomination.person_id:
        raise Refused(_("Only the nominated person may consent, from their own account."))
    if nomination.election.status != Election.Status.NOMINATIONS or nomination.withdrawn_at:
        raise Refused(_("Consent is given while nominations are open."))
    nomination.consent_at = timezone.now()
    nomination.show_name_publicly = show_name
    nomination.checks = selectors.nomination_checks(nomination)
    nomination.save(update_fields=["consent_at", "show_name_publicly", "checks"])
    audit.record(
        actor=actor,
        action=A.ELECTION_CONSENTED,
        target=nomination.election,
        data={"organisation": nomination.organisation.slug, "status": "public_name" if show_name else "name_withheld"},
    )
    return nomination


@transaction.atomic
def withdraw(*, actor, nomination: Nomination, reason: str = "") -> Nomination:
    """The nominated person, or an admin of the organisation that nominated them, takes the nomination back while
    nominations are open (once voting opens the ballot is printed). The organisation may then nominate again."""
    nomination = Nomination.objects.select_for_update().select_related("election", "organisation").get(pk=nomination.pk)
    if (
        actor.pk != nomination.person_id
        and not Affiliation.objects.filter(
            person=actor, organisation=nomination.organisation, role=Affiliation.Role.ADMIN
        ).exists()
    ):
        raise Refused(_("Only the nominated person or an admin of their organisation may withdraw the nomination."))
    if nomination.withdrawn_at:
        raise Refused(_("This nomination was already withdrawn."))
    if nomination.election.status != Election.Status.NOMINATIONS:
        raise Refused(_("A nomination is withdrawn while nominations are open; once voting opens, ask the committee."))
    nomination.withdrawn_at = timezone.now()
    nomination.save(update_fields=["withdrawn_at"])
    by_candidate = actor.pk == nomination.person_id
    audit.record(
        actor=actor,
        action=A.ELECTION_WITHDRAWN,
        target=nomination.election,
        data={
            "organisation": nomination.organisation.slug,
            "person": nomination.person.email,
            "status": "by_candidate" if by_candidate else "by_organisation",
            "reason": reason.strip()[:500],
        },
    )
    transaction.on_commit(lambda: notifications.withdrawn(nomination, by_candidate=by_candidate), robust=True)
    return nomination


@transaction.atomic
def override(*, actor, nomination: Nomination, reason: str) -> Nomination:
    """The committee lets a candidate stand despite a failed check, with its reason on the record."""
    nomination = Nomination.objects.select_for_update().select_related("election").get(pk=nomination.pk)
    _committee(actor, nomination.election)
    if nomination.election.reached(Election.Status.COUNTING):
        raise Refused(_("Checks are overridden before the count."))
    if nomination.checks_pass:
        raise Refused(_("Every check passed: there is nothing to override."))
    if len(reason.strip()) < 10:
        raise Refused(_("Give the committee's reason in a sentence."))
    nomination.override_reason = reason.strip()
    nomination.overridden_by = actor
    nomination.save(update_fields=["override_reason", "overridden_by"])
    failed = [r for r, c in nomination.checks.items() if not c.get("ok")]
    audit.record(
        actor=actor,
        action=A.ELECTION_OVERRIDDEN,
        target=nomination.election,
        data={"organisation": nomination.organisation.slug, "reason": reason.strip(), "note": ", ".join(failed)},
    )
    return nomination


# --- the roll after freezing ----------------------------------------------------------------------------------------


@transaction.atomic
def roll_change(
    *, actor, election: Election, organisation: Organisation, representative_name: str, add: bool, reason: str
) -> Election:
    member = _committee(actor, election)
    election = _lock(election)
    if election.status not in (Election.Status.VOTING, Election.Status.COUNTING) or election.tallies.exists():
        raise Refused(_("The roll changes only between the opening of voting and the accepted count."))
    if len(reason.strip()) < 10:
        raise Refused(_("Give the committee's reason in a sentence."))
    before = election.roll_fingerprint
    if add:
        if organisation.status != Organisation.Status.MEMBER:
            raise Refused(_("Only a member organisation in good standing has a vote."))
        if not representative_name.strip():
            raise Refused(_("Write the name of the organisation's representative."))
        _entry, created = RollEntry.objects.get_or_create(
            election=election,
            organisation=organisation,
            defaults={"representative_name": representative_name.strip(), "added_after_freeze": True},
        )
        if not created:
            raise Refused(_("This organisation is already on the roll."))
    elif not RollEntry.objects.filter(election=election, organisation=organisation).delete()[0]:
        raise Refused(_("This organisation is not on the roll."))
    elif election.status == Election.Status.VOTING and OnlineChannel.objects.filter(election=election).exists():
        _revoke(election.online, organisation, reason.strip())  # its online ballot no longer counts
    after = roll_fingerprint(election.slug, selectors.roll_slugs(election))
    Election.objects.filter(pk=election.pk).update(roll_fingerprint=after)
    audit.record(
        actor=actor,
        action=A.ELECTION_ROLL_CHANGED,
        target=election,
        data={
            "organisation": organisation.slug,
            "status": "added" if add else "removed",
            "reason": reason.strip(),
            "from": before,
            "fingerprint": after,
            "note": member.organisation.slug,
        },
    )
    election.refresh_from_db()
    return election


# --- the count -------------------------------------------------------------------------------------------------------


def _check_figures(election: Election, ballots: int, blank: int, invalid: int, votes: dict[str, int]) -> None:
    codes = {str(n.code) for n in selectors.candidates(election)}
    if set(votes) != codes:
        raise Refused(_("Give the votes of every candidate on the ballot, and of no one else."))
    figures = [ballots, blank, invalid, *votes.values()]
    if any(not isinstance(n, int) or n < 0 for n in figures):
        raise Refused(_("Counts cannot be negative."))
    voters = election.roll.count() - selectors.online_voters(election)
    if ballots > voters:
        raise Refused(
            _("%(ballots)s ballots were counted, but only %(voters)s organisations on the roll can vote.")
            % {"ballots": ballots, "voters": voters}
        )
    if blank and not election.allow_blank:
        raise Refused(_("This election does not allow blank ballots: count them as invalid."))
    if blank + invalid > ballots:
        raise Refused(_("Blank and invalid ballots together exceed the ballots cast."))
    valid = ballots - blank - invalid
    if any(n > valid for n in votes.values()):
        raise Refused(_("A candidate has more votes than there are valid ballots."))
    if sum(votes.values()) > valid * election.seats:
        raise Refused(
            _("The votes add up to %(votes)s, more than %(seats)s per valid ballot (%(valid)s valid ballots).")
            % {"votes": sum(votes.values()), "seats": election.seats, "valid": valid}
        )
    if valid and sum(votes.values()) == 0:
        raise Refused(_("There are valid ballots but no votes: check the figures."))


@transaction.atomic
def count_enter(
    *, actor, election: Election, ballots: int, blank: int, invalid: int, votes: dict[str, int], channel=Channel.PAPER
) -> CountEntry:
    """One committee member's count. When a second member's entry of the same attempt arrives, the two are
    compared: equal, the count is accepted (the tally); different, both are kept as disagreeing and both members
    enter again (the next attempt). The technical team cannot enter or change a count."""
    _committee(actor, election)
    election = _lock(election)
    if election.status != Election.Status.COUNTING:
        raise Refused(_("Counts are entered once voting has closed, before the result is signed."))
    if channel != Channel.PAPER:
        raise Refused(_("Only paper ballots are counted by hand."))
    if Tally.objects.filter(election=election, channel=channel).exists():
        raise Refused(_("The count has already been accepted; it cannot be changed."))
    votes = {str(k): v for k, v in votes.items()}
    _check_figures(election, ballots, blank, invalid, votes)
    entries = CountEntry.objects.filter(election=election, channel=channel)
    attempt = entries.aggregate(n=Max("attempt"))["n"] or 1
    current = list(entries.filter(attempt=attempt))
    if any(e.outcome == CountEntry.Outcome.DISAGREED for e in current):
        attempt, current = attempt + 1, []
    if any(e.entered_by_id == actor.pk for e in current):
        raise Refused(_("You have entered this count already: another member of the committee enters it too."))
    entry = CountEntry.objects.create(
        election=election,
        channel=channel,
        attempt=attempt,
        entered_by=actor,
        ballots=ballots,
        blank=blank,
        invalid=invalid,
        votes=votes,
    )
    outcome = CountEntry.Outcome.WAITING
    if current:
        first = current[0]
        outcome = CountEntry.Outcome.AGREED if first.figures() == entry.figures() else CountEntry.Outcome.DISAGREED
        CountEntry.objects.filter(pk__in=[first.pk, entry.pk]).update(outcome=outcome)
        entry.outcome = outcome
        if outcome == CountEntry.Outcome.AGREED:
            Tally.objects.create(
                election=election, channel=channel, ballots=ballots, blank=blank, invalid=invalid, votes=votes
            )
    audit.record(
        actor=actor,
        action=A.ELECTION_COUNT_ENTERED,
        target=election,
        data={"attempt": attempt, "status": outcome, "channel": channel},
    )
    return entry


@transaction.atomic
def tally_sheet_add(*, actor, election: Election, data: bytes) -> TallySheet:
    _committee(actor, election)
    if not election.reached(Election.Status.COUNTING):
        raise Refused(_("The tally sheet is attached once the count has started."))
    cleaned, kind = uploads.clean(data, images_only=True)
    sheet = TallySheet.objects.create(election=election, content_type=kind, data=cleaned, uploaded_by=actor)
    audit.record(actor=actor, action=A.ELECTION_TALLY_SHEET, target=election)
    return sheet


# --- ties ------------------------------------------------------------------------------------------------------------


@transaction.atomic
def tie_draw(*, actor, election: Election, drawn_codes: list[str], note: str) -> TieResolution:
    """The committee drew lots between the tied candidates, as the rule set before voting says; it records who won
    the draw."""
    _committee(actor, election)
    election = _lock(election)
    if election.status != Election.Status.COUNTING or election.tie_rule != Election.TieRule.DRAW:
        raise Refused(_("A draw settles a tie only in an election whose rule is a draw, during the count."))
    standing = selectors.standings(election)
    if not standing.tie_open:
        raise Refused(_("There is no tie to settle."))
    tied = {str(n.code) for n in standing.tied}
    drawn = {str(c) for c in drawn_codes}
    if not drawn <= tied or len(drawn) != standing.tied_seats:
        raise Refused(
            _("Choose exactly %(n)s of the tied candidates: those who won the draw.") % {"n": standing.tied_seats}
        )
    resolution = TieResolution.objects.create(
        election=election,
        rule=Election.TieRule.DRAW,
        tied=sorted(tied),
        drawn=sorted(drawn),
        note=note.strip(),
        recorded_by=actor,
    )
    audit.record(
        actor=actor, action=A.ELECTION_TIE_RESOLVED, target=election, data={"note": note.strip(), "status": "draw"}
    )
    return resolution


@transaction.atomic
def tie_runoff(*, actor, election: Election) -> Election:
    """The tied candidates go to a run-off for the contested seats: a new election of the same assembly, body and
    roll, open for voting at once and counted by the same committee. This election publishes the clear winners."""
    _committee(actor, election)
    election = _lock(election)
    if election.status != Election.Status.COUNTING or election.tie_rule != Election.TieRule.RUNOFF:
        raise Refused(_("A run-off settles a tie only in an election whose rule is a run-off, during the count."))
    standing = selectors.standings(election)
    if not standing.tie_open:
        raise Refused(_("There is no tie to settle."))
    runoff = Election.objects.create(
        slug=f"{election.slug[:40]}-runoff-{uuid.uuid4().hex[:6]}",
        assembly=election.assembly,
        body=election.body,
        title_en=f"{election.title_en} — run-off" if election.title_en else "",
        title_ar=f"{election.title_ar} — جولة إعادة" if election.title_ar else "",
        seats=standing.tied_seats,
        term_months=election.term_months,
        tie_rule=Election.TieRule.DRAW,
        allow_blank=election.allow_blank,
        rules=election.rules,
        committee_threshold=election.committee_threshold,
        complaint_days=election.complaint_days,
        status=Election.Status.VOTING,
        runoff_of=election,
        roll_frozen_at=timezone.now(),
        original_language=election.original_language,
    )
    for member in election.committee.all():
        CommitteeMember.objects.create(election=runoff, person=member.person, organisation=member.organisation)
    for nomination in standing.tied:
        Nomination.objects.create(
            election=runoff,
            organisation=nomination.organisation,
            person=nomination.person,
            nominated_by=nomination.nominated_by,
            consent_at=nomination.consent_at,
            show_name_publicly=nomination.show_name_publicly,
            checks=nomination.checks,
            override_reason=nomination.override_reason,
            original_language=nomination.original_language,
            **{f"statement_{lang}": getattr(nomination, f"statement_{lang}") for lang in ("ar", "ku", "syr", "en")},
        )
    entries = list(election.roll.all())
    RollEntry.objects.bulk_create(
        [
            RollEntry(election=runoff, organisation_id=e.organisation_id, representative_name=e.representative_name)
            for e in entries
        ]
    )
    Election.objects.filter(pk=runoff.pk).update(
        roll_fingerprint=roll_fingerprint(runoff.slug, selectors.roll_slugs(runoff))
    )
    TieResolution.objects.create(
        election=election,
        rule=Election.TieRule.RUNOFF,
        tied=sorted(str(n.code) for n in standing.tied),
        runoff=runoff,
        recorded_by=actor,
    )
    audit.record(
        actor=actor, action=A.ELECTION_TIE_RESOLVED, target=election, data={"status": "runoff", "note": runoff.slug}
    )
    runoff.refresh_from_db()
    return runoff


# --- sign-off and publication ------------------------------------------------------------------------------------------


@transaction.atomic
def sign_off(*, actor, election: Election, secret: str) -> SignOff:
    """A committee member signs the result off, re-entering their password or an authenticator code. When the
    threshold is reached the election is signed (a conditional update: the threshold's signer moves it once)."""
    member = _committee(actor, election)
    if not reauthenticated(actor, secret):
        raise Refused(_("This is neither your password nor a valid authenticator code."))
    election = _lock(election)
    blocking = selectors.blocking_only(selectors.blocking_problems(election, Election.Status.SIGNED))
    if blocking:
        raise Refused(" ".join(p.text for p in blocking))
    try:
        with transaction.atomic():
            signoff = SignOff.objects.create(election=election, member=member)
    except IntegrityError:
        raise Refused(_("You have already signed this result off.")) from None
    signed = SignOff.objects.filter(election=election).count()
    data = {"signed": signed}
    if signed >= election.committee_threshold and Election.objects.filter(
        pk=election.pk, status=Election.Status.COUNTING
    ).update(status=Election.Status.SIGNED, signed_at=timezone.now()):
        data["to"] = Election.Status.SIGNED
    audit.record(actor=actor, action=A.ELECTION_SIGNED_OFF, target=election, data=data)
    return signoff


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def result_of(election: Election, standing) -> dict:
    tallies = list(election.tallies.all())
    channels = {t.channel: {"ballots": t.ballots, "blank": t.blank, "invalid": t.invalid} for t in tallies}
    winners = {n.pk for n in standing.winners}
    tie = selectors._tie_of(election)
    return {
        "channels": channels,
        "ballots": sum(c["ballots"] for c in channels.values()),
        "blank": sum(c["blank"] for c in channels.values()),
        "invalid": sum(c["invalid"] for c in channels.values()),
        "roll_fingerprint": election.roll_fingerprint,
        "candidates": [
            {
                "nomination": str(n.code),
                "organisation": n.organisation.slug,
                "name": n.person.full_name if n.show_name_publicly else None,
                "votes": by_channel,
                "total": total,
                "elected": n.pk in winners,
            }
            for n, by_channel, total in standing.rows
        ],
        "tie": {
            "rule": tie.rule,
            "tied": tie.tied,
            "drawn": tie.drawn,
            "runoff": tie.runoff.slug if tie.runoff else None,
        }
        if tie
        else None,
    }


@transaction.atomic
def publish(*, actor, election: Election) -> list[Mandate]:
    """Publish the signed result and seat the winners: one mandate each in the body, for the term from the
    assembly's day; their names public only if they agreed when they consented. Past mandates stay as they are."""
    _committee(actor, election)
    election = _lock(election)
    blocking = selectors.blocking_only(selectors.blocking_problems(election, Election.Status.PUBLISHED))
    if blocking:
        raise Refused(" ".join(p.text for p in blocking))
    standing = selectors.standings(election)
    now = timezone.now()
    if not Election.objects.filter(pk=election.pk, status=Election.Status.SIGNED).update(
        status=Election.Status.PUBLISHED,
        published_at=now,
        complaints_until=now + datetime.timedelta(days=election.complaint_days),
        result=result_of(election, standing),
    ):
        raise Refused(_("The result has already been published."))
    starts = timezone.localdate(election.assembly.starts_at)
    ends = _add_months(starts, election.term_months) - datetime.timedelta(days=1) if election.term_months else None
    mandates = [
        Mandate.objects.create(
            body=election.body,
            person=n.person,
            organisation=n.organisation,
            role=Mandate.Role.MEMBER,
            starts_on=starts,
            ends_on=ends,
            show_person_publicly=n.show_name_publicly,
        )
        for n in standing.winners
    ]
    election.refresh_from_db()
    audit.record(
        actor=actor,
        action=A.ELECTION_PUBLISHED,
        target=election,
        data={"fingerprint": election.roll_fingerprint, "to": Election.Status.PUBLISHED},
    )
    for mandate in mandates:
        audit.record(
            actor=actor,
            action=A.MANDATE_ADDED,
            target=election.body,
            data={
                "mandate": mandate.pk,
                "person": mandate.person.email,
                "role": mandate.role,
                "starts_on": str(starts),
                "ends_on": str(ends) if ends else "",
            },
        )
    return mandates


# --- complaints ----------------------------------------------------------------------------------------------------


@transaction.atomic
def complaint_submit(*, actor, election: Election, organisation: Organisation, text: str) -> Complaint:
    if election.status != Election.Status.PUBLISHED or not election.complaints_until:
        raise Refused(_("Complaints are lodged after the result is published."))
    if timezone.now() > election.complaints_until:
        raise Refused(_("The time for complaints has ended."))
    if not Affiliation.objects.filter(
        person=actor, organisation=organisation, role__in=(Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE)
    ).exists():
        raise Refused(_("Only an admin or the delegate of the organisation may complain for it."))
    if not RollEntry.objects.filter(election=election, organisation=organisation).exists():
        raise Refused(_("Only organisations on the roll may complain about the election."))
    if not text.strip():
        raise Refused(_("Write the complaint."))
    complaint = Complaint.objects.create(
        election=election, organisation=organisation, submitted_by=actor, text=text.strip()
    )
    audit.record(actor=actor, action=A.ELECTION_COMPLAINT, target=election, data={"organisation": organisation.slug})
    return complaint


@transaction.atomic
def complaint_decide(*, actor, complaint: Complaint, decision: str, upheld: bool) -> Complaint:
    _committee(actor, complaint.election)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.decided_at:
        raise Refused(_("This complaint has already been decided."))
    if not decision.strip():
        raise Refused(_("Write the committee's decision."))
    complaint.decision, complaint.upheld = decision.strip(), upheld
    complaint.decided_by, complaint.decided_at = actor, timezone.now()
    complaint.save(update_fields=["decision", "upheld", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action=A.ELECTION_COMPLAINT_DECIDED,
        target=complaint.election,
        data={"organisation": complaint.organisation.slug, "status": "upheld" if upheld else "dismissed"},
    )
    return complaint


# --- the online channel (verifiable online ballots, Belenios 2.0) ---------------------------------------------------
#
# The cryptography is governance/belenios.py; here, who may do each step and when. Every key step and partial
# decryption is made in the member's own browser (or with belenios-tool): the server receives only what the
# specification publishes, checks it (group membership, signatures, proofs) and relays it.


class OnlineRefused(Refused):
    """A refusal of the online channel, with belenios.py's machine reason (`replay`, `bad_proof`, …) kept for the
    audit trail and the tests beside the translated message."""

    def __init__(self, message, reason: str = ""):
        super().__init__(message)
        self.reason = reason


def _online(election: Election, *, lock=False):
    channels = OnlineChannel.objects.select_for_update() if lock else OnlineChannel.objects
    channel = channels.filter(election=election).first()
    if channel is None:
        raise Refused(_("This election has no online ballots."))
    return channel


def _refusal(error: belenios.Refused) -> OnlineRefused:
    return OnlineRefused(selectors.online_reason_text(error.reason), error.reason)


@transaction.atomic
def online_enable(*, actor, election: Election, credential_authority: CommitteeMember) -> OnlineChannel:
    """The technical team gives an election an online channel before voting opens. The committee, complete by now,
    becomes the trustees (threshold t = the sign-offs needed), numbered in the order they joined."""
    _technical_team(actor)
    election = _lock(election)
    if election.reached(Election.Status.VOTING):
        raise Refused(_("The online channel is enabled before voting opens."))
    if OnlineChannel.objects.filter(election=election).exists():
        raise Refused(_("This election already has online ballots."))
    members = list(election.committee.order_by("added_at", "id"))
    if len(members) < 3:
        raise Refused(_("Form the counting committee (at least 3 members) first: its members hold the key."))
    if election.committee_threshold > len(members):
        raise Refused(_("More sign-offs are needed than the committee has members."))
    if credential_authority.election_id != election.pk:
        raise Refused(_("The credential authority is a member of this election's committee."))
    channel = OnlineChannel.objects.create(
        election=election,
        uuid=belenios.generate_token(),
        threshold=election.committee_threshold,
        credential_authority=credential_authority,
        enabled_by=actor,
    )
    TrusteeKey.objects.bulk_create(
        [TrusteeKey(channel=channel, member=m, index=i) for i, m in enumerate(members, start=1)]
    )
    audit.record(
        actor=actor,
        action=A.ONLINE_ENABLED,
        target=election,
        data={"note": f"{channel.threshold}/{len(members)}", "person": credential_authority.person.email},
    )
    return channel


TRUSTEE_STEPS = {"certificate": 1, "polynomial": 3, "voutput": 5}


def _json_object(text: str) -> dict:
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        value = None
    if not isinstance(value, dict):
        raise OnlineRefused(_("This is not the JSON the step produces: paste or upload the whole file."), "malformed")
    return value


@transaction.atomic
def trustee_step(*, actor, election: Election, step: str, message: str) -> TrusteeKey:
    """A committee member's key step (§3.1.1, §4.6): 1 the certificate, 3 the polynomial (once every certificate is
    in), 5 the voutput (once every polynomial is in). Each is checked before it is kept; with the last voutput the
    server combines the election key (threshold parameters) and checks it."""
    member = _committee(actor, election)
    channel = _online(election, lock=True)
    if election.reached(Election.Status.VOTING) or channel.key_ready:
        raise Refused(_("The election key is complete: its steps are over."))
    if step not in TRUSTEE_STEPS:
        raise Refused(_("Unknown key step."))
    keys = list(channel.keys.select_related("member__person"))
    mine = next(k for k in keys if k.member_id == member.pk)
    if mine.step != TRUSTEE_STEPS[step]:
        raise Refused(_("This is not your next key step: reload the page to see where you are."))
    group = belenios.get_group(channel.group)
    value = _json_object(message.strip())
    canonical = belenios.dumps(value)
    try:
        if step == "certificate":
            keys_of = belenios.cert_keys(group, value)
            for other in keys:
                if other.certificate and belenios.cert_keys(group, json.loads(other.certificate)) == keys_of:
                    raise OnlineRefused(_("This certificate was already sent by another member."), "duplicate")
            mine.certificate = canonical
        else:
            certs = [json.loads(k.certificate) for k in keys if k.certificate]
            if len(certs) < len(keys):
                raise Refused(_("Wait until every member has sent a certificate."))
            if step == "polynomial":
                if set(value) != {"polynomial", "secrets", "coefexps"}:
                    raise OnlineRefused(_("This is not a polynomial (step 3)."), "malformed")
                belenios.check_polynomial(group, certs, mine.index - 1, value)
                coefexps = json.loads(value["coefexps"]["message"]).get("coefexps")
                if not isinstance(coefexps, list) or len(coefexps) != channel.threshold:
                    raise OnlineRefused(
                        _("The polynomial was made for another threshold: it must be %(t)s.")
                        % {"t": channel.threshold},
                        "bad_threshold",
                    )
                mine.polynomial = canonical
            else:
                polynomials = [json.loads(k.polynomial) for k in keys if k.polynomial]
                if len(polynomials) < len(keys):
                    raise Refused(_("Wait until every member has sent a polynomial."))
                if set(value) != {"private_key", "public_key"}:
                    raise OnlineRefused(_("This is not a voutput (step 5)."), "malformed")
                belenios.check_voutput(group, certs, polynomials, mine.index - 1, value)
                mine.voutput = canonical
    except belenios.Refused as error:
        raise _refusal(error) from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise OnlineRefused(
            _("This is not the JSON the step produces: paste or upload the whole file."), "malformed"
        ) from None
    mine.save()
    audit.record(
        actor=actor, action=A.ONLINE_TRUSTEE_STEP, target=election, data={"status": step, "note": str(mine.index)}
    )
    if step == "voutput" and all(k.voutput for k in keys):
        certs = [json.loads(k.certificate) for k in keys]
        polynomials = [json.loads(k.polynomial) for k in keys]
        voutputs = [json.loads(k.voutput) for k in keys]
        trustees = [["Pedersen", belenios.threshold_parameters(group, certs, polynomials, voutputs)]]
        belenios.check_trustees(group, trustees)
        channel.trustees = belenios.dumps(trustees)
        channel.save(update_fields=["trustees"])
        audit.record(actor=actor, action=A.ONLINE_KEY_READY, target=election, data={"note": channel.uuid})
    return mine


def _open_online(actor, election: Election) -> None:
    """When voting opens, the Belenios election parameters are fixed: uuid, group, the combined key, one approval
    question "choose up to k" (k = seats, blank if the election allows it), the candidates in the ballot's order."""
    channel = OnlineChannel.objects.select_for_update().filter(election=election).first()
    if channel is None:
        return
    group = belenios.get_group(channel.group)
    public_key = belenios.check_trustees(group, json.loads(channel.trustees))
    people = selectors.candidates(election)
    answers = [selectors.candidate_label(n) for n in people]
    k = min(election.seats, len(answers))
    title = str(election) or election.slug
    channel.election_raw = belenios.make_election(
        uuid=channel.uuid,
        name=title,
        description=f"CivNet election {election.slug}; roll fingerprint {election.roll_fingerprint}",
        questions=[belenios.question(f"{title} (1-{k})", answers, min=1, max=k, blank=election.allow_blank)],
        public_key=public_key,
        group=group,
    )
    channel.candidate_codes = [str(n.code) for n in people]
    channel.opened_at = timezone.now()
    channel.save(update_fields=["election_raw", "candidate_codes", "opened_at"])
    audit.record(
        actor=actor,
        action=A.ONLINE_OPENED,
        target=election,
        data={"fingerprint": belenios.sha256_b64(channel.election_raw), "note": channel.uuid},
    )


@transaction.atomic
def credentials_upload(*, actor, election: Election, credentials: dict[str, str]) -> int:
    """The credential authority's public credentials, one per organisation on the frozen roll without a live one:
    {organisation slug: public credential}. The private credentials stayed in the authority's browser."""
    member = _committee(actor, election)
    channel = _online(election, lock=True)
    if channel.credential_authority_id != member.pk:
        raise Refused(_("Only the committee's credential authority issues credentials."))
    if election.status != Election.Status.VOTING or not channel.election_raw:
        raise Refused(_("Credentials are issued while voting is open, for the frozen roll."))
    if not credentials:
        raise Refused(_("No credential was received: make them in the browser first."))
    roll = {e.organisation.slug: e.organisation for e in election.roll.select_related("organisation")}
    live = set(channel.credentials.filter(revoked_at__isnull=True).values_list("organisation__slug", flat=True))
    group = belenios.get_group(channel.group)
    known = set(channel.credentials.values_list("public_credential", flat=True))
    rows = []
    for slug, public in credentials.items():
        if slug not in roll:
            raise Refused(_("%(slug)s is not on the roll.") % {"slug": slug})
        if slug in live:
            raise Refused(_("%(slug)s already has a credential: revoke it first.") % {"slug": slug})
        try:
            group.element(public, "public credential")
        except belenios.Refused as error:
            raise _refusal(error) from None
        if public in known:
            raise OnlineRefused(_("A public credential was sent twice."), "duplicate_credential")
        known.add(public)
        rows.append(
            VoterCredential(channel=channel, organisation=roll[slug], public_credential=public, issued_by=actor)
        )
    VoterCredential.objects.bulk_create(rows)
    audit.record(actor=actor, action=A.ONLINE_CREDENTIALS, target=election, data={"note": str(len(rows))})
    return len(rows)


def _revoke(channel: OnlineChannel, organisation: Organisation, reason: str) -> bool:
    return bool(
        VoterCredential.objects.filter(channel=channel, organisation=organisation, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason
        )
    )


@transaction.atomic
def credential_revoke(*, actor, election: Election, organisation: Organisation, reason: str) -> None:
    """The committee revokes an organisation's credential (a lost or taken slip): its ballot no longer counts and
    new ballots with it are refused; the credential authority may then issue a new one."""
    _committee(actor, election)
    channel = _online(election, lock=True)
    if election.status != Election.Status.VOTING:
        raise Refused(_("Credentials are revoked while voting is open."))
    if len(reason.strip()) < 10:
        raise Refused(_("Give the committee's reason in a sentence."))
    if not _revoke(channel, organisation, reason.strip()):
        raise Refused(_("This organisation has no credential to revoke."))
    audit.record(
        actor=actor,
        action=A.ONLINE_CREDENTIAL_REVOKED,
        target=election,
        data={"organisation": organisation.slug, "reason": reason.strip()},
    )


def voter_organisations(user, election: Election):
    """The organisations on the roll for which this person may vote online: admins and delegates of the
    organisation (who of them votes is the organisation's business; one ballot per organisation counts)."""
    return organisations_for_vote(user).filter(pk__in=election.roll.values("organisation"))


def organisations_for_vote(user):
    return Organisation.objects.filter(
        affiliations__person=user,
        affiliations__role__in=(Affiliation.Role.ADMIN, Affiliation.Role.DELEGATE),
        status=Organisation.Status.MEMBER,
    ).distinct()


def ballot_cast(*, actor, election: Election, organisation: Organisation, raw: str) -> OnlineBallot:
    """Receive a ballot (§3.2 step 3): from an admin or delegate of an organisation on the roll, signed in with
    two-factor; for this election, signed with the organisation's live credential, every element in the group,
    every proof valid, never received before. It replaces the organisation's earlier ballot (revote). The proofs
    are checked before the lock (they take a fraction of a second); everything else under it."""
    if not selectors.has_totp(actor):
        raise Refused(_("Voting online needs two-factor sign-in: set up an authenticator app first."))
    if not voter_organisations(actor, election).filter(pk=organisation.pk).exists():
        raise Refused(_("Only an admin or delegate of an organisation on the roll votes for it."))
    channel = _online(election)
    if election.status != Election.Status.VOTING or not channel.election_raw:
        raise Refused(_("Online voting is not open."))
    if not isinstance(raw, str) or not raw.strip():
        raise OnlineRefused(selectors.online_reason_text("no_ballot"), "no_ballot")
    raw = raw.strip()
    tracker = belenios.ballot_tracker(raw)
    try:
        parsed = json.loads(raw)
        claimed = parsed.get("credential")
    except (ValueError, AttributeError):
        raise OnlineRefused(selectors.online_reason_text("malformed"), "malformed") from None
    e = selectors.online_election(channel)
    if parsed.get("election_uuid") != e.uuid or parsed.get("election_hash") != e.fingerprint:
        raise OnlineRefused(selectors.online_reason_text("wrong_election"), "wrong_election")
    live = VoterCredential.objects.filter(channel=channel, organisation=organisation, revoked_at__isnull=True).first()
    if OnlineBallot.objects.filter(channel=channel, tracker=tracker).exists():
        raise OnlineRefused(selectors.online_reason_text("replay"), "replay")
    if live is None or claimed != live.public_credential:
        revoked = VoterCredential.objects.filter(
            channel=channel, public_credential=claimed, revoked_at__isnull=False
        ).exists()
        reason = "revoked_credential" if revoked else "unknown_credential"
        raise OnlineRefused(selectors.online_reason_text(reason), reason)
    try:
        belenios.verify_ballot(e, raw)
    except belenios.Refused as error:
        raise _refusal(error) from None
    return _store_ballot(actor, election, channel.pk, live.pk, raw, tracker)


@transaction.atomic
def _store_ballot(actor, election, channel_pk, credential_pk, raw, tracker) -> OnlineBallot:
    channel = OnlineChannel.objects.select_for_update().get(pk=channel_pk)
    election = Election.objects.get(pk=election.pk)
    credential = VoterCredential.objects.get(pk=credential_pk)
    if election.status != Election.Status.VOTING:
        raise Refused(_("Online voting is not open."))
    if credential.revoked_at is not None:
        raise OnlineRefused(selectors.online_reason_text("revoked_credential"), "revoked_credential")
    if OnlineBallot.objects.filter(channel=channel, tracker=tracker).exists():
        raise OnlineRefused(selectors.online_reason_text("replay"), "replay")
    replaced = OnlineBallot.objects.filter(credential=credential, replaced_at__isnull=True).update(
        replaced_at=timezone.now()
    )
    ballot = OnlineBallot.objects.create(
        channel=channel, credential=credential, raw=raw, tracker=tracker, cast_by=actor
    )
    audit.record(
        actor=actor,
        action=A.ONLINE_BALLOT_CAST,
        target=election,
        data={"organisation": credential.organisation.slug, "status": "revote" if replaced else "first"},
    )
    return ballot


def ballot_refused(*, actor, election: Election, organisation: Organisation | None, reason: str) -> None:
    """Keep a refused ballot on the audit trail (tampering shows there), outside the refused write."""
    audit.record(
        actor=actor,
        action=A.ONLINE_BALLOT_REFUSED,
        target=election,
        data={"organisation": organisation.slug if organisation else "", "reason": reason},
    )


def _online_tally(actor, election: Election) -> None:
    """When voting closes: the encrypted tally of the last ballot of every live credential (§4.16)."""
    channel = OnlineChannel.objects.select_for_update().filter(election=election).first()
    if channel is None or not channel.election_raw:
        return
    e = selectors.online_election(channel)
    items = [(1, selectors.ballot_ciphertexts(b.raw)) for b in selectors.counted_ballots(channel)]
    channel.encrypted_tally = belenios.dumps(belenios.encrypted_tally(e, items))
    channel.num_tallied = channel.total_weight = len(items)
    channel.tallied_at = timezone.now()
    channel.save(update_fields=["encrypted_tally", "num_tallied", "total_weight", "tallied_at"])
    audit.record(actor=actor, action=A.ONLINE_TALLIED, target=election, data={"note": str(len(items))})


@transaction.atomic
def decryption_upload(*, actor, election: Election, raw: str) -> PartialDecryption:
    """A committee member's partial decryption (§4.18), made in their browser (or by belenios-tool) with their key:
    checked (every factor in the group, every proof) against their verification key. With t valid ones, the
    server combines them (§4.19) and records the online channel's tally: the sign-off and publication follow."""
    member = _committee(actor, election)
    channel = _online(election, lock=True)
    if election.status != Election.Status.COUNTING or not channel.tallied_at:
        raise Refused(_("Partial decryptions are sent once voting has closed and the tally is computed."))
    if channel.decrypted_at:
        raise Refused(_("The online ballots are already decrypted."))
    trustee = TrusteeKey.objects.get(channel=channel, member=member)
    if PartialDecryption.objects.filter(trustee=trustee).exists():
        raise Refused(_("You have already sent your partial decryption."))
    value = _json_object(raw.strip() if isinstance(raw, str) else "")
    if set(value) == {"owner", "payload"} and isinstance(value["payload"], dict):
        value = value["payload"]  # belenios-tool's owned form
    e = selectors.online_election(channel)
    tally = json.loads(channel.encrypted_tally)
    public = json.loads(trustee.voutput)["public_key"]["public_key"]
    try:
        belenios.check_partial_decryption(e, tally, int(public), value)
    except belenios.Refused as error:
        raise _refusal(error) from None
    decryption = PartialDecryption.objects.create(channel=channel, trustee=trustee, raw=belenios.dumps(value))
    audit.record(actor=actor, action=A.ONLINE_DECRYPTION, target=election, data={"note": str(trustee.index)})
    shares = {d.trustee.index: json.loads(d.raw) for d in channel.decryptions.select_related("trustee")}
    if len(shares) >= channel.threshold:
        result = belenios.compute_result(e, tally, channel.total_weight, json.loads(channel.trustees), shares)
        channel.result_raw = belenios.dumps(result)
        channel.decrypted_at = timezone.now()
        channel.save(update_fields=["result_raw", "decrypted_at"])
        row = result["result"][0]
        blank = row[0] if election.allow_blank else 0
        counts = row[1:] if election.allow_blank else row
        Tally.objects.create(
            election=election,
            channel=Channel.ONLINE,
            ballots=channel.num_tallied,
            blank=blank,
            invalid=0,
            votes={code: n for code, n in zip(channel.candidate_codes, counts, strict=True)},
        )
        audit.record(
            actor=actor,
            action=A.ONLINE_RESULT,
            target=election,
            data={"note": f"{channel.num_tallied}", "status": "decrypted"},
        )
    return decryption
