"""Every write to organisations, memberships, affiliations, applications and seats in the coalition's bodies
goes through here: one transaction, an explicit actor, an audit event."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalition.models import Body
from core import audit, reference
from core.models import AuditEvent
from core.services import Refused
from core.text import normalise
from members import notifications
from members.models import Affiliation, Application, Mandate, MembershipChange, Organisation

User = get_user_model()

# Words that say what kind of organisation it is, not which one; dropped when looking for duplicates.
_GENERIC = set(
    normalise(
        "organization organisation association foundation center centre initiative team network for of the and "
        "development rekxistina komeleya navenda ji bo "
        "منظمة جمعية مؤسسة مركز مبادرة فريق شبكة لل ال و من اجل التنمية"
    ).split()
)


class DuplicateName(Refused):
    """Another organisation already has this name (after search normalisation)."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        super().__init__(
            _("An organisation with this name is already registered: %(name)s.") % {"name": organisation.name}
        )


def _core_words(name: str) -> frozenset[str]:
    words = []
    for word in normalise(name).split():
        for prefix in ("وال", "لل", "ال", "و"):
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        words.append(word)
    return frozenset(w for w in words if w not in _GENERIC and "ال" + w not in _GENERIC)


def _alike(a: frozenset, b: frozenset) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def find_same_name(organisation: Organisation) -> Organisation | None:
    """Another organisation whose name, once normalised, is exactly one of this one's names."""
    names = organisation.normalised_names()
    if not names:
        return None
    others = Organisation.objects.exclude(pk=organisation.pk).exclude(status=Organisation.Status.REJECTED)
    query = Q()
    for name in names:
        query |= Q(search_text__contains=f" {name} ")
    for other in others.filter(query):
        if names & other.normalised_names():
            return other
    return None


def find_similar(organisation: Organisation) -> list[Organisation]:
    """Organisations whose names share most of their distinctive words: flagged, not refused."""
    mine = [_core_words(n) for n in organisation.normalised_names()]
    words = {w for ws in mine for w in ws}
    if not words:
        return []
    query = Q()
    for word in words:
        query |= Q(search_text__contains=word)
    found = []
    for other in Organisation.objects.exclude(pk=organisation.pk).filter(query)[:200]:
        theirs = [_core_words(n) for n in other.normalised_names()]
        if any(_alike(a, b) for a in mine for b in theirs):
            found.append(other)
    return found


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
    transaction.on_commit(lambda: notifications.application_received(application))
    return application


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


@transaction.atomic
def application_accept(*, actor, application: Application) -> Application:
    application = _decide(actor=actor, application=application, status=Application.Status.ACCEPTED, reason="")
    organisation = application.organisation
    person, new_account = _person_for(application.contact_email, application.contact_name)
    Affiliation.objects.get_or_create(person=person, organisation=organisation, role=Affiliation.Role.ADMIN)
    audit.record(
        actor=actor, action=AuditEvent.Action.APPLICATION_ACCEPTED, target=organisation, data={"admin": person.email}
    )
    transaction.on_commit(lambda: notifications.application_accepted(application, person, new_account))
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
    transaction.on_commit(lambda: notifications.application_rejected(application))
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


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, fields: dict, sectors=None) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
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


@transaction.atomic
def affiliation_add(*, actor, organisation: Organisation, email: str, full_name: str, role: str) -> Affiliation:
    """An organisation admin gives a person a role; a new person gets an invitation to set a password."""
    person, new_account = _person_for(email, full_name)
    affiliation, created = Affiliation.objects.get_or_create(person=person, organisation=organisation, role=role)
    if created:
        audit.record(
            actor=actor,
            action=AuditEvent.Action.AFFILIATION_ADDED,
            target=organisation,
            data={"person": email, "role": role},
        )
        lang = translation.get_language()
        transaction.on_commit(lambda: notifications.person_invited(affiliation, new_account, lang))
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
    """An organisation met in an imported file: recorded as an applicant, for the technical team to review."""
    latin = bool(re.search(r"[A-Za-z]", name))
    organisation = Organisation(
        name_en=name if latin else "",
        name_ar="" if latin else name,
        region=region,
        iati_identifier=iati_identifier,
        original_language="en" if latin else "ar",
    )
    existing = find_same_name(organisation)
    if existing:
        return existing
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
