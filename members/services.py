"""Every write to organisations, memberships, affiliations, applications and seats in the coalition's bodies
goes through here: one transaction, an explicit actor, an audit event."""

import datetime
import re
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalition.models import Body
from core import audit, reference
from core.i18n import LANGUAGE_CODES
from core.models import AuditEvent
from core.permissions import is_technical_team
from core.services import Refused
from core.validators import one_line
from members import notifications
from members.models import (
    Affiliation,
    Application,
    Invitation,
    Mandate,
    MembershipChange,
    NameChange,
    Organisation,
    validate_founded_on,
)
from members.names import visible
from members.selectors import find_same_name, find_similar

User = get_user_model()

# Organisations whose names are on the public record, in the directory or under statements they signed: their
# own people's renames wait for the technical team.
REVIEWED_STATUSES = (Organisation.Status.MEMBER, Organisation.Status.SUSPENDED, Organisation.Status.WITHDRAWN)


class DuplicateName(Refused):
    """Another organisation already has this name, or one a reader could take for it (members.names). It is named
    only if it is public: an applicant's name is not."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.is_public = organisation.status in Organisation.PUBLIC_STATUSES
        if self.is_public:
            message = _("An organisation with this name is already registered: %(name)s.") % {"name": organisation.name}
        else:
            message = _("An organisation with this name has already applied or is registered.")
        super().__init__(message)


def _check_fields(fields: dict) -> None:
    """The rules of the forms, for every door (forms, imports, scripts): names on one line without invisible
    characters, a founding date that can be true."""
    try:
        for field in NameChange.FIELDS:
            one_line(fields.get(field) or "")
        validate_founded_on(fields.get("founded_on"))
    except ValidationError as error:
        raise Refused(error.messages[0]) from None


def unique_slug(latin_name: str, *, exclude_pk=None) -> str:
    base = slugify(latin_name)[:100] or "organisation"
    slug, n = base, 1
    taken = Organisation.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True)
    taken = set(taken)
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _set_status(*, organisation, status, actor, reason=""):
    organisation.status = status
    organisation.status_since = timezone.now()
    MembershipChange.objects.create(organisation=organisation, status=status, reason=reason, actor=actor)


@transaction.atomic
def organisation_apply(
    *,
    fields: dict,
    sectors,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    message: str = "",
    language: str = "ar",
) -> Application:
    """A public application to join: the organisation waits as an applicant for the technical team."""
    _check_fields(fields)
    organisation = Organisation(**fields)
    duplicate = find_same_name(organisation)
    if duplicate:
        raise DuplicateName(duplicate)
    organisation.slug = unique_slug(organisation.name_en or organisation.name_ku)
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    organisation.sectors.set(sectors)
    MembershipChange.objects.create(organisation=organisation, status=Organisation.Status.APPLICANT)
    application = Application.objects.create(
        organisation=organisation,
        contact_name=contact_name,
        contact_email=contact_email.lower(),
        contact_phone=contact_phone,
        message=message,
        language=language,
    )
    application.possible_duplicates.set(find_similar(organisation))
    audit.record(
        actor=None, action=AuditEvent.Action.APPLICATION_SUBMITTED, target=organisation, data={"contact": contact_email}
    )
    _send_to_applicant(application, lambda: notifications.application_received(application))
    return application


def _send_to_applicant(application: Application, send) -> None:
    """An email to the applicant once the transaction is committed. Whether it left, or why not, is kept on the
    application (and on this object, for the view that called the service): the decision stands either way."""

    def sent():
        application.email_sent_at, application.email_error = timezone.now(), ""
        Application.objects.filter(pk=application.pk).update(email_sent_at=application.email_sent_at, email_error="")

    def failed(reason: str):
        application.email_error = reason
        Application.objects.filter(pk=application.pk).update(email_error=reason)

    notifications.after_commit(send, sent=sent, failed=failed)


def _person_for(email: str, full_name: str):
    """The account of this email address, created (without a password yet) when there is none."""
    person = User.objects.filter(email__iexact=email).first()
    if person is not None:
        return person, False
    return User.objects.create_user(email.strip().lower(), None, full_name=full_name), True


def _decide(*, actor, application: Application, status: str, reason: str) -> Application:
    """Record the decision once: a concurrent second decision finds the application decided."""
    application = Application.objects.select_for_update().select_related("organisation").get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise Refused(_("This application has already been decided."))
    accepted = status == Application.Status.ACCEPTED
    organisation = application.organisation
    _set_status(
        organisation=organisation,
        status=Organisation.Status.MEMBER if accepted else Organisation.Status.REJECTED,
        actor=actor,
        reason=reason or "application accepted",
    )
    organisation.save(update_fields=["status", "status_since"])
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.decision_reason = reason
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    return application


def _send_decision(application: Application, person=None) -> None:
    """The email that tells the applicant the decision; on acceptance it carries a link to choose a password
    while the admin's account has none."""
    if application.status == Application.Status.ACCEPTED:
        needs_password = not person.has_usable_password()
        _send_to_applicant(application, lambda: notifications.application_accepted(application, person, needs_password))
    else:
        _send_to_applicant(application, lambda: notifications.application_rejected(application))


@transaction.atomic
def application_accept(*, actor, application: Application) -> Application:
    """Accept an application: the organisation becomes a member and its contact person its first admin. When the
    email cannot be sent, the application says why (`email_error`) and the technical team may send it again."""
    application = _decide(actor=actor, application=application, status=Application.Status.ACCEPTED, reason="")
    organisation = application.organisation
    person, _new_account = _person_for(application.contact_email, application.contact_name)
    Affiliation.objects.get_or_create(person=person, organisation=organisation, role=Affiliation.Role.ADMIN)
    audit.record(
        actor=actor, action=AuditEvent.Action.APPLICATION_ACCEPTED, target=organisation, data={"admin": person.email}
    )
    _send_decision(application, person)
    return application


@transaction.atomic
def application_reject(*, actor, application: Application, reason: str) -> Application:
    application = _decide(actor=actor, application=application, status=Application.Status.REJECTED, reason=reason)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.APPLICATION_REJECTED,
        target=application.organisation,
        data={"reason": reason},
    )
    _send_decision(application)
    return application


@transaction.atomic
def application_email_resend(*, actor, application: Application) -> Application:
    """Send the decision's email again (after a mail server failure, or a lost message); on acceptance with a fresh
    link to choose a password while the admin has none."""
    application = Application.objects.select_for_update().select_related("organisation").get(pk=application.pk)
    person = None
    if application.status == Application.Status.ACCEPTED:
        person = User.objects.filter(email__iexact=application.contact_email).first()
    if application.status == Application.Status.PENDING or (
        application.status == Application.Status.ACCEPTED and person is None
    ):
        raise Refused(_("There is no decision email to send for this application."))
    audit.record(
        actor=actor,
        action=AuditEvent.Action.APPLICATION_EMAIL_RESENT,
        target=application.organisation,
        data={"to": application.contact_email, "status": application.status},
    )
    _send_decision(application, person)
    return application


@transaction.atomic
def organisation_set_status(*, actor, organisation: Organisation, status: str, reason: str) -> Organisation:
    allowed = {
        Organisation.Status.MEMBER: {Organisation.Status.SUSPENDED, Organisation.Status.WITHDRAWN},
        Organisation.Status.SUSPENDED: {Organisation.Status.MEMBER, Organisation.Status.WITHDRAWN},
        Organisation.Status.WITHDRAWN: {Organisation.Status.MEMBER},
    }
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if status not in allowed.get(organisation.status, set()):
        raise Refused(
            _("An organisation cannot go from “%(old)s” to “%(new)s”.")
            % {"old": organisation.get_status_display(), "new": Organisation.Status(status).label}
        )
    old = organisation.status
    _set_status(organisation=organisation, status=status, actor=actor, reason=reason)
    organisation.save(update_fields=["status", "status_since"])
    reference.bump("projects")  # a member's projects appear or disappear
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ORGANISATION_STATUS_CHANGED,
        target=organisation,
        data={"from": old, "to": status, "reason": reason},
    )
    return organisation


def rename_needs_review(actor, organisation: Organisation) -> bool:
    """An organisation's own people rename an organisation on the public record through the technical team. The
    technical team, and scripts run by the operators (no actor), rename at once."""
    return actor is not None and not is_technical_team(actor) and organisation.status in REVIEWED_STATUSES


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, fields: dict, sectors=None) -> Organisation:
    """Save an organisation's profile. New names of an organisation on the public record wait as a `NameChange`
    for the technical team (see rename_needs_review) while everything else is saved; the old names stay public."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _check_fields(fields)
    renamed = {k: v for k, v in fields.items() if k in NameChange.FIELDS and getattr(organisation, k) != v}
    if renamed and rename_needs_review(actor, organisation):
        _name_change_request(actor=actor, organisation=organisation, after=renamed)
        fields = {k: v for k, v in fields.items() if k not in renamed}
    changed = sorted(k for k, v in fields.items() if getattr(organisation, k) != v)
    for key, value in fields.items():
        setattr(organisation, key, value)
    duplicate = find_same_name(organisation)
    if duplicate:
        raise DuplicateName(duplicate)
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    if sectors is not None:
        before = set(organisation.sectors.values_list("pk", flat=True))
        organisation.sectors.set(sectors)
        if before != {s.pk for s in sectors}:
            changed.append("sectors")
    if changed:
        audit.record(
            actor=actor, action=AuditEvent.Action.ORGANISATION_UPDATED, target=organisation, data={"fields": changed}
        )
    return organisation


def _name_change_request(*, actor, organisation: Organisation, after: dict) -> NameChange:
    probe = Organisation(pk=organisation.pk, **{f: getattr(organisation, f) for f in NameChange.FIELDS})
    for key, value in after.items():
        setattr(probe, key, value)
    duplicate = find_same_name(probe)
    if duplicate:
        raise DuplicateName(duplicate)
    # One request waits at a time: a newer one replaces it, and the replaced one stays in the history.
    NameChange.objects.filter(organisation=organisation, status=NameChange.Status.PENDING).update(
        status=NameChange.Status.REPLACED, decided_at=timezone.now()
    )
    change = NameChange.objects.create(
        organisation=organisation,
        before={key: getattr(organisation, key) for key in after},
        after=after,
        requested_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ORGANISATION_RENAME_REQUESTED,
        target=organisation,
        data={"name_change": str(change.code), "before": change.before, "after": change.after},
    )
    notifications.after_commit(lambda: notifications.name_change_to_review(change))
    return change


def _pending_name_change(name_change: NameChange) -> NameChange:
    name_change = NameChange.objects.select_for_update().select_related("organisation").get(pk=name_change.pk)
    if name_change.status != NameChange.Status.PENDING:
        raise Refused(_("This name change has already been decided."))
    return name_change


@transaction.atomic
def name_change_accept(*, actor, name_change: NameChange) -> NameChange:
    """The technical team accepts a new name: it is public from now on. Refused if another organisation has
    taken a name a reader could confuse with it in the meantime."""
    name_change = _pending_name_change(name_change)
    organisation = Organisation.objects.select_for_update().get(pk=name_change.organisation_id)
    for key, value in name_change.after.items():
        setattr(organisation, key, value)
    duplicate = find_same_name(organisation)
    if duplicate:
        raise DuplicateName(duplicate)
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    name_change.status, name_change.decided_by, name_change.decided_at = (
        NameChange.Status.ACCEPTED,
        actor,
        timezone.now(),
    )
    name_change.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ORGANISATION_RENAME_ACCEPTED,
        target=organisation,
        data={"name_change": str(name_change.code), "before": name_change.before, "after": name_change.after},
    )
    return name_change


@transaction.atomic
def name_change_refuse(*, actor, name_change: NameChange, reason: str) -> NameChange:
    """The technical team refuses a new name; the organisation's people read the reason on their profile page."""
    name_change = _pending_name_change(name_change)
    name_change.status, name_change.decided_by, name_change.decided_at, name_change.reason = (
        NameChange.Status.REFUSED,
        actor,
        timezone.now(),
        reason,
    )
    name_change.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ORGANISATION_RENAME_REFUSED,
        target=name_change.organisation,
        data={"name_change": str(name_change.code), "after": name_change.after, "reason": reason},
    )
    return name_change


def _send_invitation(invitation: Invitation, token: str) -> None:
    def sent():
        invitation.email_error = ""
        Invitation.objects.filter(pk=invitation.pk).update(email_error="")

    def failed(reason: str):
        invitation.email_error = reason
        Invitation.objects.filter(pk=invitation.pk).update(email_error=reason)

    notifications.after_commit(lambda: notifications.invitation(invitation, token), sent=sent, failed=failed)


@transaction.atomic
def invitation_send(*, actor, organisation: Organisation, email: str, role: str, language: str) -> Invitation:
    """An organisation admin invites an email address to a role. The person gets the role only by accepting
    through the link emailed to that address; the admin sees the address, never whose account it is. Inviting
    the same address to the same role again sends a new link, and the old one stops working."""
    email = email.strip().lower()
    if Affiliation.objects.filter(organisation=organisation, person__email__iexact=email, role=role).exists():
        raise Refused(_("This person already has this role."))
    token = secrets.token_urlsafe(32)
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, email=email, role=role, status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email, role=role)
    invitation.token_hash = Invitation.hash_token(token)
    invitation.language = language
    invitation.invited_by = actor
    invitation.sent_at = timezone.now()
    invitation.email_error = ""
    invitation.save()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.AFFILIATION_INVITED,
        target=organisation,
        data={"email": email, "role": role, "invitation": str(invitation.code)},
    )
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_cancel(*, actor, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise Refused(_("This invitation is no longer waiting."))
    invitation.status, invitation.decided_at = Invitation.Status.CANCELLED, timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.AFFILIATION_INVITATION_CANCELLED,
        target=invitation.organisation,
        data={"email": invitation.email, "role": invitation.role, "invitation": str(invitation.code)},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, person=None, full_name: str = "", password: str = "") -> Affiliation:
    """The invited person accepts: signed in with the invited address (`person`), or, when the address has no
    account yet, with the name and password that create it. Following the emailed link proved the address."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if not invitation.is_open:
        raise Refused(_("This invitation is no longer valid. Ask the organisation's admin for a new one."))
    if person is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise Refused(_("An account already uses this address: sign in to accept the invitation."))
        person = User.objects.create_user(invitation.email, password, full_name=full_name)
    elif person.email.lower() != invitation.email:
        raise Refused(_("This invitation was sent to another email address. Sign out, then open the link again."))
    EmailAddress.objects.update_or_create(
        user=person, email__iexact=person.email, defaults={"email": person.email, "verified": True, "primary": True}
    )
    affiliation, _created = Affiliation.objects.get_or_create(
        person=person, organisation=invitation.organisation, role=invitation.role
    )
    invitation.status, invitation.accepted_by, invitation.decided_at = (
        Invitation.Status.ACCEPTED,
        person,
        timezone.now(),
    )
    invitation.save(update_fields=["status", "accepted_by", "decided_at"])
    audit.record(
        actor=person,
        action=AuditEvent.Action.AFFILIATION_ADDED,
        target=invitation.organisation,
        data={
            "person": person.email,
            "role": invitation.role,
            "invitation": str(invitation.code),
            "invited_by": getattr(invitation.invited_by, "email", ""),
        },
    )
    return affiliation


@transaction.atomic
def affiliation_remove(*, actor, affiliation: Affiliation) -> None:
    organisation = affiliation.organisation
    if affiliation.role == Affiliation.Role.ADMIN:
        admins = Affiliation.objects.select_for_update().filter(organisation=organisation, role=Affiliation.Role.ADMIN)
        if admins.count() <= 1:
            raise Refused(_("An organisation needs at least one admin."))
    audit.record(
        actor=actor,
        action=AuditEvent.Action.AFFILIATION_REMOVED,
        target=organisation,
        data={"person": affiliation.person.email, "role": affiliation.role},
    )
    affiliation.delete()


@transaction.atomic
def organisation_propose(*, actor, name: str, region, iati_identifier: str = "") -> Organisation:
    """An organisation met in an imported file: recorded as an applicant, for the technical team to review. Its
    name is kept as a reader sees it (no invisible characters) and found among existing names as in
    find_same_name, look-alikes included."""
    given, name = name, " ".join(visible(name).split())
    latin = bool(re.search(r"[A-Za-z]", name))
    probe = Organisation(name_en=given if latin else "", name_ar="" if latin else given)
    existing = find_same_name(probe)
    if existing:
        return existing
    organisation = Organisation(
        name_en=name if latin else "",
        name_ar="" if latin else name,
        region=region,
        iati_identifier=iati_identifier,
        original_language="en" if latin else "ar",
    )
    organisation.slug = unique_slug(name if latin else iati_identifier or "organisation")
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    MembershipChange.objects.create(
        organisation=organisation, status=Organisation.Status.APPLICANT, reason="proposed by an import"
    )
    audit.record(
        actor=actor, action=AuditEvent.Action.ORGANISATION_PROPOSED, target=organisation, data={"iati": iati_identifier}
    )
    return organisation


@transaction.atomic
def mandate_add(
    *,
    actor,
    body: Body,
    person,
    organisation: Organisation | None,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    show_person_publicly: bool = False,
) -> Mandate:
    if ends_on and ends_on < starts_on:
        raise Refused(_("A seat cannot end before it starts."))
    mandate = Mandate.objects.create(
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        show_person_publicly=show_person_publicly,
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.MANDATE_ADDED,
        target=body,
        data={"mandate": mandate.pk, "person": person.email, "role": role, "starts_on": str(starts_on)},
    )
    return mandate


@transaction.atomic
def mandate_end(*, actor, mandate: Mandate, ends_on: datetime.date, reason: str) -> Mandate:
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.ends_on and mandate.ends_on < ends_on:
        raise Refused(_("This seat has already ended."))
    if ends_on < mandate.starts_on:
        raise Refused(_("A seat cannot end before it starts."))
    mandate.ends_on = ends_on
    mandate.end_reason = reason
    mandate.save(update_fields=["ends_on", "end_reason"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.MANDATE_ENDED,
        target=mandate.body,
        data={"mandate": mandate.pk, "person": mandate.person.email, "ends_on": str(ends_on), "reason": reason},
    )
    return mandate


@transaction.atomic
def person_language_set(*, actor, language: str) -> None:
    """The language CivNet writes to the person in, as they chose it on "My organisations"; it stays until they
    choose another (signing in on a page in another language no longer changes it). A preference of their own,
    not a consequential write: not audited."""
    if language not in LANGUAGE_CODES:
        raise Refused(_("Choose one of CivNet's languages."))
    User.objects.filter(pk=actor.pk).update(language=language, language_chosen=True)
    actor.language, actor.language_chosen = language, True
