"""Every write about advocacy: proposals and ballots, campaigns, statement versions and signatures,
meetings and follow-ups. Each in a transaction, each audited."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import notifications, selectors
from campaigns.models import (
    Ballot,
    Campaign,
    FollowUp,
    IssueProposal,
    IssueRound,
    Meeting,
    Signature,
    Statement,
    StatementVersion,
    TimelineEvent,
    fingerprint,
)
from core import audit
from core.models import AuditEvent
from core.services import Refused
from members.models import Affiliation, Organisation


def _has_role(user, organisation, *roles: Affiliation.Role) -> bool:
    """The last word on acting for an organisation; views check the same roles earlier (permissions.NEEDS)."""
    return Affiliation.objects.filter(person=user, organisation=organisation, role__in=roles).exists()


# --- choosing the issue ---------------------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor, fields: dict) -> IssueRound:
    issue_round = IssueRound.objects.create(**fields)
    audit.record(actor=actor, action=AuditEvent.Action.ROUND_CREATED, target=issue_round)
    return issue_round


@transaction.atomic
def round_update(*, actor, issue_round: IssueRound, fields: dict) -> IssueRound:
    issue_round = IssueRound.objects.select_for_update().get(pk=issue_round.pk)
    if issue_round.phase() in ("voting", "closed", "concluded"):
        raise Refused(_("A round cannot be changed once voting has started."))
    for key, value in fields.items():
        setattr(issue_round, key, value)
    issue_round.save()
    audit.record(
        actor=actor, action=AuditEvent.Action.ROUND_UPDATED, target=issue_round, data={"fields": sorted(fields)}
    )
    return issue_round


@transaction.atomic
def proposal_submit(*, actor, issue_round: IssueRound, organisation: Organisation, fields: dict) -> IssueProposal:
    if issue_round.phase() != "proposing":
        raise Refused(_("Proposals are accepted only while the round is open for proposals."))
    if organisation.status != Organisation.Status.MEMBER or organisation.region_id != issue_round.region_id:
        raise Refused(_("Only member organisations of the region may propose issues."))
    if not _has_role(actor, organisation, Affiliation.Role.ADMIN, Affiliation.Role.EDITOR, Affiliation.Role.DELEGATE):
        raise Refused(_("You may not propose issues for this organisation."))
    proposal = IssueProposal.objects.create(round=issue_round, organisation=organisation, proposed_by=actor, **fields)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ROUND_PROPOSAL_SUBMITTED,
        target=issue_round,
        data={"organisation": organisation.slug, "proposal": proposal.pk},
    )
    return proposal


@transaction.atomic
def ballot_cast(*, actor, issue_round: IssueRound, organisation: Organisation, approvals) -> Ballot:
    if issue_round.phase() != "voting":
        raise Refused(_("Voting is not open in this round."))
    if organisation.status != Organisation.Status.MEMBER or organisation.region_id != issue_round.region_id:
        raise Refused(_("Only member organisations of the region vote in its round."))
    if not _has_role(actor, organisation, Affiliation.Role.DELEGATE):
        raise Refused(_("Only the organisation's delegate may vote for it."))
    approvals = list(approvals)
    if not approvals or any(p.round_id != issue_round.pk for p in approvals):
        raise Refused(_("Approve at least one of this round's proposals."))
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(round=issue_round, organisation=organisation, delegate=actor)
    except IntegrityError:
        raise Refused(_("Your organisation has already voted in this round.")) from None
    ballot.approvals.set(approvals)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ROUND_BALLOT_CAST,
        target=issue_round,
        data={"organisation": organisation.slug, "approvals": [p.pk for p in approvals]},
    )
    return ballot


@transaction.atomic
def round_conclude(*, actor, issue_round: IssueRound, campaign_slug: str) -> Campaign:
    issue_round = IssueRound.objects.select_for_update().get(pk=issue_round.pk)
    if issue_round.phase() != "closed":
        raise Refused(_("A round is concluded once its voting has closed."))
    results = selectors.round_results(issue_round)
    if not results or results[0][1] == 0:
        raise Refused(_("No proposal received any approval."))
    winner = results[0][0]
    issue_round.winner = winner
    issue_round.concluded_at = timezone.now()
    issue_round.save(update_fields=["winner", "concluded_at"])
    campaign = Campaign.objects.create(
        slug=campaign_slug,
        title_en=winner.title,
        original_language="en",
        issue_round=issue_round,
        issue_en=winner.problem,
        status=Campaign.Status.PREPARING,
    )
    campaign.regions.set([issue_round.region])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ROUND_CONCLUDED,
        target=issue_round,
        data={"winner": winner.pk, "counts": {p.pk: n for p, n in results}, "campaign": campaign.slug},
    )
    return campaign


# --- statements ----------------------------------------------------------------------------------------


@transaction.atomic
def statement_save(*, actor, statement: Statement, fields: dict) -> Statement:
    """The statement's titles, campaign and deadline; its text lives in versions."""
    creating = statement.pk is None
    for key, value in fields.items():
        setattr(statement, key, value)
    statement.save()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.STATEMENT_CREATED if creating else AuditEvent.Action.STATEMENT_UPDATED,
        target=statement,
        data={"fields": sorted(fields)},
    )
    return statement


@transaction.atomic
def statement_draft(*, actor, statement: Statement, texts: dict[str, str]) -> StatementVersion:
    """Write the text being prepared: the unfrozen version, created after the last frozen one."""
    version = statement.versions.filter(frozen_at__isnull=True).first()
    if version is None:
        number = (statement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = StatementVersion(statement=statement, number=number)
    for lang, text in texts.items():
        setattr(version, f"text_{lang}", text)
    version.save()
    audit.record(
        actor=actor, action=AuditEvent.Action.STATEMENT_DRAFTED, target=statement, data={"version": version.number}
    )
    return version


@transaction.atomic
def statement_freeze(*, actor, statement: Statement) -> StatementVersion:
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    version = statement.versions.filter(frozen_at__isnull=True).first()
    if version is None or not any(t.strip() for t in version.texts().values()):
        raise Refused(_("There is no new text to freeze."))
    previous = statement.current_version()
    StatementVersion.objects.filter(pk=version.pk).update(
        frozen_at=timezone.now(), frozen_by=actor, fingerprint=fingerprint(version.texts())
    )
    version.refresh_from_db()
    if statement.status == Statement.Status.DRAFT:
        statement.status = Statement.Status.OPEN
        statement.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.STATEMENT_VERSION_FROZEN,
        target=statement,
        data={"version": version.number, "fingerprint": version.fingerprint},
    )
    if previous is not None:
        earlier = list(previous.signatures.filter(withdrawn_at__isnull=True).select_related("organisation"))
        transaction.on_commit(lambda: notifications.sign_again(statement, version, earlier))
    return version


@transaction.atomic
def statement_publish(*, actor, statement: Statement) -> Statement:
    updated = Statement.objects.filter(pk=statement.pk, status=Statement.Status.OPEN).update(
        status=Statement.Status.PUBLISHED, published_at=timezone.now()
    )
    if not updated:
        raise Refused(_("Only a statement open for signatures can be published."))
    statement.refresh_from_db()
    audit.record(actor=actor, action=AuditEvent.Action.STATEMENT_PUBLISHED, target=statement)
    return statement


@transaction.atomic
def statement_sign(
    *,
    actor,
    statement: Statement,
    version_id: int,
    fingerprint_seen: str,
    organisation: Organisation,
    visibility: str,
) -> tuple[Signature, bool]:
    """Sign for an organisation. Returns (signature, created); a second signature of the same
    organisation on the same version is the first one, never an error."""
    statement = Statement.objects.get(pk=statement.pk)
    version = statement.current_version()
    if version is None or version.pk != version_id:
        raise Refused(
            _("This version of the text is not the one open for signatures: read the current text and sign again.")
        )
    if fingerprint_seen != version.fingerprint:
        raise Refused(_("The fingerprint does not match the text open for signatures."))
    if statement.status != Statement.Status.OPEN:
        raise Refused(_("This statement is not open for signatures."))
    if statement.deadline and timezone.now() > statement.deadline:
        raise Refused(_("The deadline for signing this statement has passed."))
    if organisation.status != Organisation.Status.MEMBER:
        raise Refused(_("Only member organisations in good standing can sign."))
    if not _has_role(actor, organisation, Affiliation.Role.SIGNATORY):
        raise Refused(_("Only a signatory of the organisation can sign for it."))
    existing = Signature.objects.filter(version=version, organisation=organisation).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                version=version, organisation=organisation, signed_by=actor, visibility=visibility
            )
    except IntegrityError:  # another signatory of the organisation was a moment faster
        return Signature.objects.get(version=version, organisation=organisation), False
    audit.record(
        actor=actor,
        action=AuditEvent.Action.STATEMENT_SIGNED,
        target=statement,
        data={"organisation": organisation.slug, "version": version.number, "visibility": visibility},
    )
    transaction.on_commit(lambda: notifications.signature_receipt(signature))
    return signature, True


@transaction.atomic
def signature_withdraw(*, actor, signature: Signature, reason: str = "") -> None:
    signature = (
        Signature.objects.select_for_update().select_related("version__statement", "organisation").get(pk=signature.pk)
    )
    statement = signature.version.statement
    if not _has_role(actor, signature.organisation, Affiliation.Role.SIGNATORY, Affiliation.Role.ADMIN):
        raise Refused(_("Only a signatory or an admin of the organisation can withdraw its signature."))
    if signature.withdrawn_at:
        raise Refused(_("This signature was already withdrawn."))
    data = {"organisation": signature.organisation.slug, "version": signature.version.number, "reason": reason}
    if statement.status == Statement.Status.PUBLISHED:
        signature.withdrawn_at = timezone.now()
        signature.withdrawal_reason = reason
        signature.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        audit.record(actor=actor, action=AuditEvent.Action.STATEMENT_SIGNATURE_WITHDRAWN, target=statement, data=data)
    else:
        audit.record(actor=actor, action=AuditEvent.Action.STATEMENT_SIGNATURE_REMOVED, target=statement, data=data)
        signature.delete()


@transaction.atomic
def signature_takedown(*, actor, signature: Signature, reason: str) -> Signature:
    """Hide an organisation's name for its safety: always possible, always audited."""
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    signature.taken_down_at = timezone.now()
    signature.takedown_reason = reason
    signature.save(update_fields=["taken_down_at", "takedown_reason"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.STATEMENT_SIGNATURE_TAKEN_DOWN,
        target=signature.version.statement,
        data={"organisation": signature.organisation.slug, "reason": reason},
    )
    return signature


# --- campaigns, timeline, meetings ---------------------------------------------------------------------


@transaction.atomic
def campaign_save(*, actor, campaign: Campaign, fields: dict, regions=None, organisations=None) -> Campaign:
    creating = campaign.pk is None
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.save()
    if regions is not None:
        campaign.regions.set(regions)
    if organisations is not None:
        campaign.organisations.set(organisations)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.CAMPAIGN_CREATED if creating else AuditEvent.Action.CAMPAIGN_UPDATED,
        target=campaign,
    )
    return campaign


@transaction.atomic
def event_add(*, actor, campaign: Campaign, fields: dict) -> TimelineEvent:
    event = TimelineEvent.objects.create(campaign=campaign, **fields)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.CAMPAIGN_EVENT_ADDED,
        target=campaign,
        data={"event": event.pk, "kind": event.kind},
    )
    return event


@transaction.atomic
def meeting_save(*, actor, campaign: Campaign, fields: dict, organisations, promises=()) -> Meeting:
    meeting = Meeting.objects.create(campaign=campaign, created_by=actor, **fields)
    meeting.organisations.set(organisations)
    for promise in promises:
        FollowUp.objects.create(meeting=meeting, **promise)
    audit.record(
        actor=actor, action=AuditEvent.Action.CAMPAIGN_MEETING_RECORDED, target=campaign, data={"meeting": meeting.pk}
    )
    return meeting


@transaction.atomic
def follow_up_set_status(*, actor, follow_up: FollowUp, status: str) -> FollowUp:
    old = follow_up.status
    follow_up.status = status
    follow_up.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.CAMPAIGN_FOLLOW_UP_STATUS,
        target=follow_up.meeting.campaign,
        data={"follow_up": follow_up.pk, "from": old, "to": status},
    )
    return follow_up
