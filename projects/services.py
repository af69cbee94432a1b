"""Every write to projects: created from a form, a confirmed extraction proposal or an import; submitted,
published or returned; and the changes to a published project, which wait as a revision until the technical
team approves or returns them. Each in a transaction, with an audit event."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, reference
from core.i18n import LANGUAGE_CODES, all_texts
from core.models import AuditEvent
from core.services import Refused
from core.text import normalise
from core.validators import invisible_characters, no_invisible_characters
from members.models import Sector
from projects import selectors, validation
from projects.currencies import currency_code
from projects.models import Link, Output, Partner, Project, ProjectRevision

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
RELATED = ("outputs", "partners", "links")


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


def _check_input(fields: dict, outputs, partners, links) -> None:
    """The rules every door obeys, whatever its form or reader checked before: names and titles are one line
    with no invisible character (a direction override makes one name pose as another), descriptions carry no
    direction override, a budget is not negative and its currency is in IATI's list."""
    texts = [(name, value) for name, value in fields.items() if isinstance(value, str)]
    for key, rows, names in (
        ("outputs", outputs, ("unit", "description")),
        ("partners", partners, ("name",)),
        ("links", links, ("title", "url")),
    ):
        texts += [(key, row.get(name) or "") for row in rows or [] for name in names]
    try:
        for name, value in texts:
            no_invisible_characters(value, multiline=name.startswith("description_"))
        if fields.get("currency"):
            currency_code(fields["currency"])
    except ValidationError as error:
        raise Refused(error.messages[0]) from None
    if fields.get("budget") is not None and fields["budget"] < 0:
        raise Refused(_("A budget cannot be negative."))


def _rows(key: str, items) -> list[tuple]:
    """Outputs, partners or links, as model objects or dicts, in a form that compares equal when they are."""
    names = {
        "outputs": ("quantity", "unit", "description"),
        "partners": ("name", "role"),
        "links": ("kind", "url", "title"),
    }
    rows = []
    for item in items:
        get = item.get if isinstance(item, dict) else lambda name, item=item: getattr(item, name)
        row = tuple(get(name) or "" for name in names[key])
        if key == "outputs":
            row = (Decimal(str(row[0])).normalize(), *row[1:])
        rows.append(row)
    return rows


def _current_related(project: Project, key: str) -> list:
    return list(getattr(project, key).order_by("pk"))


def _changed(project: Project, fields: dict, sectors=None, places=None, outputs=None, partners=None, links=None) -> set:
    """The names of what a change would change: fields, and sectors, places, outputs, partners or links (None:
    left as they are)."""
    changed = {name for name, value in fields.items() if getattr(project, name) != value}
    if sectors is not None and set(project.sectors.all()) != set(sectors):
        changed.add("sectors")
    if places is not None and set(project.places.all()) != set(places):
        changed.add("places")
    for key, items in zip(RELATED, (outputs, partners, links), strict=True):
        if items is not None and _rows(key, _current_related(project, key)) != _rows(key, items):
            changed.add(key)
    return changed


def _refuse_unpublishable(project: Project, fields: dict, sectors, places, flags: list) -> None:
    values = {name: getattr(project, name) for name in SIMPLE_FIELDS} | {
        k: v for k, v in fields.items() if k in SIMPLE_FIELDS
    }
    values["sectors"] = list(project.sectors.all()) if sectors is None else sectors
    values["places"] = list(project.places.all()) if places is None else places
    problems = validation.blocking(validation.check(values, flags=flags))
    if problems:
        raise NotPublishable(problems)


def _write(project: Project, *, fields, sectors=None, places=None, outputs=None, partners=None, links=None) -> set:
    """Apply a change to a project (a new one, one not published, or a revision the technical team approved);
    a published project must stay publishable. Returns the names of what changed."""
    creating = project.pk is None
    changed = set() if creating else _changed(project, fields, sectors, places, outputs, partners, links)
    if not creating:
        project.flags = _remaining_flags(project.flags, changed)
    if project.review_state == Project.Review.PUBLISHED:
        _refuse_unpublishable(project, fields, sectors, places, project.flags)
    for key, value in fields.items():
        setattr(project, key, value)
    project.search_text = _search_text(project)
    project.save()
    if sectors is not None:
        project.sectors.set(sectors)
    if places is not None:
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
    return changed


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
    source: str = ProjectRevision.Source.FORM,
) -> Project:
    """Create or update a project. A change to a published project is not applied: it waits as a revision for
    the technical team (see `revision_propose`), and the published version stays public meanwhile. `source` says
    which door the change came through (the form, a 4W table, an IATI file)."""
    _check_input(fields, outputs, partners, links)
    related = {"outputs": outputs, "partners": partners, "links": links}
    if project is None:
        if not any(str(fields.get(f"title_{code}") or "").strip() for code in LANGUAGE_CODES):
            # An untitled draft could not be found again in the organisation's list.
            raise Refused(_("Give the project a title, in any language, before saving it."))
        project = Project(organisation=organisation, created_by=actor, flags=list(flags or []), source_text=source_text)
        _write(project, fields=fields, sectors=sectors, places=places, **related)
        audit.record(
            actor=actor,
            action=audit_action or AuditEvent.Action.PROJECT_CREATED,
            target=project,
            data={"organisation": organisation.slug},
        )
        return project
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.review_state == Project.Review.PUBLISHED:
        revision_propose(
            actor=actor, project=project, source=source, fields=fields, sectors=sectors, places=places, **related
        )
        return project
    changed = _write(project, fields=fields, sectors=sectors, places=places, **related)
    audit.record(
        actor=actor,
        action=audit_action or AuditEvent.Action.PROJECT_UPDATED,
        target=project,
        data={"organisation": organisation.slug, "fields": sorted(changed)},
    )
    return project


@transaction.atomic
def revision_propose(
    *, actor, project: Project, source: str, fields: dict, sectors, places, outputs=None, partners=None, links=None
) -> ProjectRevision | None:
    """Record a change to a published project for review. It joins the change already waiting, if any (one
    per project); what equals the published version is left out, and a change that leaves nothing different
    withdraws the waiting one. The proposed version must be publishable, as the published one is."""
    _check_input(fields, outputs, partners, links)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.review_state != Project.Review.PUBLISHED:
        raise Refused(_("Only a published project's changes wait for review."))
    pending = ProjectRevision.objects.filter(project=project, state=ProjectRevision.State.PENDING).first()
    base = selectors.revision_values(pending) if pending else {"fields": {}}
    proposal = {"fields": {**base["fields"], **fields}, "sectors": sectors, "places": places}
    for key, items in zip(RELATED, (outputs, partners, links), strict=True):
        proposal[key] = items if items is not None else base.get(key)
    changed = _changed(project, **proposal)
    if not changed:
        if pending:
            ProjectRevision.objects.filter(pk=pending.pk).update(
                state=ProjectRevision.State.WITHDRAWN, decided_by=actor, decided_at=timezone.now()
            )
            audit.record(
                actor=actor,
                action=AuditEvent.Action.PROJECT_CHANGE_PROPOSED,
                target=project,
                data={"organisation": project.organisation.slug, "fields": [], "withdrawn": pending.pk},
            )
        return None
    _refuse_unpublishable(
        project,
        proposal["fields"],
        proposal["sectors"],
        proposal["places"],
        _remaining_flags(project.flags, changed),
    )
    stored = {"fields": {k: v for k, v in proposal["fields"].items() if k in changed}}
    for key in ("sectors", "places"):
        if key in changed:
            stored[key] = [item.pk for item in proposal[key]]
    for key in RELATED:
        if key in changed:
            stored[key] = [dict(item) for item in proposal[key]]
    revision = pending or ProjectRevision(project=project)
    revision.proposed = stored
    revision.source = source
    revision.proposed_by = actor if getattr(actor, "pk", None) else None
    revision.proposed_at = timezone.now()
    revision.save()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.PROJECT_CHANGE_PROPOSED,
        target=project,
        data={"organisation": project.organisation.slug, "fields": sorted(changed), "source": source},
    )
    return revision


@transaction.atomic
def revision_approve(*, actor, revision: ProjectRevision) -> Project:
    """Apply a waiting change to the published project. A conditional update: of two reviewers deciding at once,
    one wins; the other is told nothing waits any more."""
    decided = ProjectRevision.objects.filter(pk=revision.pk, state=ProjectRevision.State.PENDING).update(
        state=ProjectRevision.State.APPROVED, decided_by=actor, decided_at=timezone.now()
    )
    if not decided:
        raise Refused(_("No change waits for review on this project."))
    project = Project.objects.select_for_update().get(pk=revision.project_id)
    if project.review_state != Project.Review.PUBLISHED:
        raise Refused(_("Only a published project's changes wait for review."))
    values = selectors.revision_values(revision)
    changed = _write(project, **values)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.PROJECT_CHANGE_APPROVED,
        target=project,
        data={"organisation": project.organisation.slug, "fields": sorted(changed), "revision": revision.pk},
    )
    return project


@transaction.atomic
def revision_return(*, actor, revision: ProjectRevision, comment: str) -> ProjectRevision:
    """Return a waiting change to the organisation with a comment; the published version stays as it is."""
    decided = ProjectRevision.objects.filter(pk=revision.pk, state=ProjectRevision.State.PENDING).update(
        state=ProjectRevision.State.RETURNED, decided_by=actor, decided_at=timezone.now(), comment=comment
    )
    if not decided:
        raise Refused(_("No change waits for review on this project."))
    revision.refresh_from_db()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.PROJECT_CHANGE_RETURNED,
        target=revision.project,
        data={"organisation": revision.project.organisation.slug, "comment": comment, "revision": revision.pk},
    )
    return revision


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
    """Return a project to its organisation; a published one leaves the public pages, and a change that waited
    for review goes back with it (the organisation now edits the project itself)."""
    updated = Project.objects.filter(
        pk=project.pk, review_state__in=(Project.Review.SUBMITTED, Project.Review.PUBLISHED)
    ).update(review_state=Project.Review.RETURNED, review_comment=comment, published_at=None)
    if not updated:
        raise Refused(_("Only a submitted or published project can be returned."))
    ProjectRevision.objects.filter(project=project, state=ProjectRevision.State.PENDING).update(
        state=ProjectRevision.State.RETURNED, decided_by=actor, decided_at=timezone.now(), comment=comment
    )
    project.refresh_from_db()
    reference.bump("projects")
    audit.record(actor=actor, action=AuditEvent.Action.PROJECT_RETURNED, target=project, data={"comment": comment})
    return project


@transaction.atomic
def project_delete(*, actor, project: Project) -> None:
    """Delete a draft (or a project returned before it was ever published) with its outputs, partners and links.
    The audit event keeps its title and organisation; a project that was public once is never deleted."""
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    if not selectors.deletable(project):
        raise Refused(_("Only a draft that was never published can be deleted."))
    audit.record(
        actor=actor,
        action=AuditEvent.Action.PROJECT_DELETED,
        target=project,
        data={
            "organisation": project.organisation.slug,
            "code": project.code,
            "title": next((t for t in all_texts(project, "title") if t), ""),
            "state": project.review_state,
        },
    )
    project.delete()
    reference.bump("projects")


def proposal_fields(proposal) -> dict:
    """The model fields a confirmed extraction proposal fills in."""
    fields = {k: v.value for k, v in proposal.fields.items() if k in SIMPLE_FIELDS}
    for name, value in fields.items():
        if name.startswith("title_") and isinstance(value, str):
            # A title is cut from a pasted paragraph, whose direction marks and line breaks (allowed in a text,
            # never a direction override: the paste form refuses those) have no place in a one-line title.
            hidden = set(invisible_characters(value))
            fields[name] = " ".join("".join(ch for ch in value if ch.isspace() or ch not in hidden).split())
    return fields | {"original_language": proposal.language}


@transaction.atomic
def project_from_proposal(*, actor, organisation, proposal, text: str) -> Project:
    """A draft from a confirmed extraction proposal, with its flags and the paragraph it came from. Always a new
    project: pasted text never changes an existing one."""
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
