"""Every write to projects: created from a form, a confirmed extraction proposal or an import; submitted,
published or returned. Each in a transaction, with an audit event."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, reference
from core.i18n import LANGUAGE_CODES, all_texts
from core.models import AuditEvent
from core.services import Refused
from core.text import normalise
from members.models import Sector
from projects import validation
from projects.models import Link, Output, Partner, Project

SIMPLE_FIELDS = (
    "original_language",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    *Project.COUNT_FIELDS,
    "budget",
    "currency",
    *(f"{f}_{c}" for f in ("title", "description") for c in LANGUAGE_CODES),
)


class NotPublishable(Refused):
    """The project still has blocking problems; `problems` lists them for the page to show."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(str(p.message) for p in problems))


def values_of(project: Project) -> dict:
    values = {name: getattr(project, name) for name in SIMPLE_FIELDS}
    values["sectors"] = list(project.sectors.all())
    values["places"] = list(project.places.all())
    return values


def issues_before_publishing(project: Project) -> list[validation.Problem]:
    return validation.check(values_of(project), flags=project.flags)


def _search_text(project: Project) -> str:
    texts = [
        *all_texts(project, "title"),
        *all_texts(project, "description"),
        project.organisation.name_en,
        project.organisation.name_ar,
    ]
    return " " + normalise(" ".join(texts)) + " "


def _remaining_flags(flags: list, changed: set[str]) -> list:
    """A flag goes once its field was set by a person (a corrected date, a chosen place)."""
    return [f for f in flags if f["field"] not in changed]


@transaction.atomic
def project_save(
    *,
    actor,
    organisation,
    fields: dict,
    sectors,
    places,
    outputs=None,
    partners=None,
    links=None,
    project: Project | None = None,
    flags=None,
    source_text: str = "",
    audit_action: AuditEvent.Action | None = None,
) -> Project:
    """Create or update a project. A published project must stay publishable."""
    creating = project is None
    if creating:
        project = Project(organisation=organisation, created_by=actor, flags=list(flags or []), source_text=source_text)
        changed = set()
    else:
        project = Project.objects.select_for_update().get(pk=project.pk)
        changed = {k for k, v in fields.items() if getattr(project, k) != v}
        if set(project.sectors.all()) != set(sectors):
            changed.add("sectors")
        if set(project.places.all()) != set(places):
            changed.add("places")
        project.flags = _remaining_flags(project.flags, changed)
    for key, value in fields.items():
        setattr(project, key, value)
    if project.review_state == Project.Review.PUBLISHED:
        values = {name: getattr(project, name) for name in SIMPLE_FIELDS} | {"sectors": sectors, "places": places}
        problems = validation.blocking(validation.check(values, flags=project.flags))
        if problems:
            raise NotPublishable(problems)
    project.search_text = _search_text(project)
    project.save()
    project.sectors.set(sectors)
    project.places.set(places)
    if outputs is not None:
        project.outputs.all().delete()
        Output.objects.bulk_create([Output(project=project, order=i, **o) for i, o in enumerate(outputs)])
    if partners is not None:
        project.partners.all().delete()
        Partner.objects.bulk_create([Partner(project=project, **p) for p in partners])
    if links is not None:
        project.links.all().delete()
        Link.objects.bulk_create([Link(project=project, **link) for link in links])
    reference.bump("projects")
    audit.record(
        actor=actor,
        action=audit_action or (AuditEvent.Action.PROJECT_CREATED if creating else AuditEvent.Action.PROJECT_UPDATED),
        target=project,
        data={"organisation": organisation.slug, "fields": sorted(changed)}
        if not creating
        else {"organisation": organisation.slug},
    )
    return project


@transaction.atomic
def project_submit(*, actor, project: Project) -> Project:
    problems = validation.blocking(issues_before_publishing(project))
    if problems:
        raise NotPublishable(problems)
    updated = Project.objects.filter(
        pk=project.pk, review_state__in=(Project.Review.DRAFT, Project.Review.RETURNED)
    ).update(review_state=Project.Review.SUBMITTED, updated_at=timezone.now())
    if not updated:
        raise Refused(_("Only a draft or returned project can be submitted."))
    project.refresh_from_db()
    reference.bump("projects")
    audit.record(actor=actor, action=AuditEvent.Action.PROJECT_SUBMITTED, target=project)
    return project


@transaction.atomic
def project_publish(*, actor, project: Project) -> Project:
    problems = validation.blocking(issues_before_publishing(project))
    if problems:
        raise NotPublishable(problems)
    # A conditional update: of two reviewers deciding at once, one wins.
    updated = Project.objects.filter(pk=project.pk, review_state=Project.Review.SUBMITTED).update(
        review_state=Project.Review.PUBLISHED, published_at=timezone.now(), review_comment=""
    )
    if not updated:
        raise Refused(_("Only a submitted project can be published."))
    project.refresh_from_db()
    reference.bump("projects")
    audit.record(actor=actor, action=AuditEvent.Action.PROJECT_PUBLISHED, target=project)
    return project


@transaction.atomic
def project_return(*, actor, project: Project, comment: str) -> Project:
    updated = Project.objects.filter(
        pk=project.pk, review_state__in=(Project.Review.SUBMITTED, Project.Review.PUBLISHED)
    ).update(review_state=Project.Review.RETURNED, review_comment=comment, published_at=None)
    if not updated:
        raise Refused(_("Only a submitted or published project can be returned."))
    project.refresh_from_db()
    reference.bump("projects")
    audit.record(actor=actor, action=AuditEvent.Action.PROJECT_RETURNED, target=project, data={"comment": comment})
    return project


def proposal_fields(proposal) -> dict:
    """The model fields a confirmed extraction proposal fills in."""
    return {k: v.value for k, v in proposal.fields.items() if k in SIMPLE_FIELDS} | {
        "original_language": proposal.language
    }


@transaction.atomic
def project_from_proposal(*, actor, organisation, proposal, text: str) -> Project:
    """A draft from a confirmed extraction proposal, with its flags and the paragraph it came from."""
    sectors = list(Sector.objects.filter(slug__in=[slug for slug, _f in proposal.sectors]))
    outputs = [
        {"quantity": o["quantity"], "unit": o["unit"][:60], "description": o["description"][:300]}
        for o in proposal.outputs
    ]
    return project_save(
        actor=actor,
        organisation=organisation,
        fields=proposal_fields(proposal),
        sectors=sectors,
        places=[f.value for f in proposal.places],
        outputs=outputs,
        flags=proposal.flags,
        source_text=proposal.text,
        audit_action=AuditEvent.Action.PROJECT_EXTRACTED,
    )
