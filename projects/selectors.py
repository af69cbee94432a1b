"""Reads about projects that pages of this and other apps reuse: published projects, the registry's
search, the technical team's review queue, an organisation's portfolio, and the changes to published projects
that wait for review (their values, and what each would change)."""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from core import reference
from core.i18n import LANGUAGE_CODES, language_name
from core.models import AuditEvent
from core.text import search_terms
from members.models import Sector
from places.models import Place
from projects.models import Link, Partner, Project, ProjectRevision

# The review queue of changes to published projects, beside the queues of each review state.
CHANGES = "changes"


def sectors() -> list[Sector]:
    """The coalition's sectors, kept in memory for a minute (the same cache every app's pages use)."""
    return reference.cached("sectors", lambda: list(Sector.objects.all()))


def published_projects():
    """Published projects with what a list shows: organisation, sectors and place names."""
    return (
        Project.objects.published()
        .select_related("organisation")
        .prefetch_related(
            "sectors",
            Prefetch("places", queryset=Place.objects.only("pk", "pcode", "name_ar", "name_en", "name_ku", "name_syr")),
        )
    )


def registry(*, query: str = "", sector: str = ""):
    """The public registry: published projects matching every word of `query` and the sector's slug,
    the latest first."""
    projects = published_projects()
    for term in search_terms(query):
        projects = projects.filter(search_text__contains=term)
    if sector:
        projects = projects.filter(sectors__slug=sector)
    return projects.order_by("-actual_start", "-pk")


def review_queue(state: str):
    """Projects in one review state, the latest changed first, for the technical team; `CHANGES`: the published
    projects whose changes wait for review, the oldest waiting first."""
    if state == CHANGES:
        return (
            Project.objects.filter(revisions__state=ProjectRevision.State.PENDING)
            .select_related("organisation")
            .order_by("revisions__proposed_at")[:200]
        )
    return Project.objects.filter(review_state=state).select_related("organisation").order_by("-updated_at")[:200]


def organisation_projects(organisation):
    """An organisation's projects for its editors, the latest first, each marked when a change waits for review."""
    waiting = ProjectRevision.objects.filter(project=OuterRef("pk"), state=ProjectRevision.State.PENDING)
    return (
        organisation.projects.annotate(change_waiting=Exists(waiting))
        .prefetch_related("sectors", "places")
        .order_by("-created_at")
    )


def was_published(project) -> bool:
    """Whether the project was ever public: published now, or once (a returned project keeps its audit events
    and its reviewed changes)."""
    if project.review_state == Project.Review.PUBLISHED or project.published_at:
        return True
    return (
        ProjectRevision.objects.filter(project=project).exists()
        or AuditEvent.objects.filter(
            target_type=Project._meta.label_lower,
            target_id=str(project.pk),
            action=AuditEvent.Action.PROJECT_PUBLISHED,
        ).exists()
    )


def deletable(project) -> bool:
    """A draft, or a project returned before it was ever published: its organisation may delete it. What was
    public once stays on record (the technical team returns it instead)."""
    if project is None or project.pk is None:
        return False
    return project.review_state in (Project.Review.DRAFT, Project.Review.RETURNED) and not was_published(project)


def pending_revision(project) -> ProjectRevision | None:
    """The change to a published project that waits for review, if any."""
    if project is None or project.pk is None:
        return None
    return ProjectRevision.objects.filter(project=project, state=ProjectRevision.State.PENDING).first()


def returned_revision(project) -> ProjectRevision | None:
    """The organisation's latest change, when the technical team returned it (its comment says why)."""
    latest = ProjectRevision.objects.filter(project=project).order_by("-proposed_at", "-pk").first()
    return latest if latest and latest.state == ProjectRevision.State.RETURNED else None


def revision_values(revision: ProjectRevision) -> dict:
    """What a revision sets, as Python values: `fields` (dates, decimals ...), `sectors` and `places` (objects),
    and `outputs`, `partners`, `links` (lists of dicts); a key the revision leaves as it is is None."""
    proposed = revision.proposed
    fields = {name: Project._meta.get_field(name).to_python(value) for name, value in proposed["fields"].items()}
    values = {"fields": fields, "sectors": None, "places": None, "outputs": None, "partners": None, "links": None}
    if proposed.get("sectors") is not None:
        values["sectors"] = list(Sector.objects.filter(pk__in=proposed["sectors"]))
    if proposed.get("places") is not None:
        values["places"] = list(Place.objects.filter(pk__in=proposed["places"]))
    if proposed.get("outputs") is not None:
        values["outputs"] = [{**o, "quantity": Decimal(str(o["quantity"]))} for o in proposed["outputs"]]
    for key in ("partners", "links"):
        if proposed.get(key) is not None:
            values[key] = [dict(item) for item in proposed[key]]
    return values


class Change(NamedTuple):
    """One line of a review: what a field is, its published value and the proposed one (None: empty)."""

    label: str
    before: object
    after: object

    @property
    def many(self) -> bool:
        """Sectors, places, outputs, partners and links are lists, shown one item a line."""
        return isinstance(self.after, list)


def _label(name: str) -> str:
    field, _sep, code = name.rpartition("_")
    if field in ("title", "description") and code in LANGUAGE_CODES:
        label = _("Title (%(language)s)") if field == "title" else _("Description (%(language)s)")
        return label % {"language": language_name(code)}
    return str(Project._meta.get_field(name).verbose_name)


def _readable(name: str, value):
    if value is None or value == "":
        return None
    if name == "status":
        return Project.Status(value).label
    if name == "original_language":
        return language_name(value)
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")  # day-first in every language
    return value


def _output(o) -> str:
    return f"{Decimal(str(o['quantity'])).normalize():f} {o['unit']} {o.get('description', '')}".strip()


def _partner(p) -> str:
    return f"{p['name']} ({Partner.Role(p['role']).label})"


def _link(link) -> str:
    return " ".join(filter(None, [str(Link.Kind(link["kind"]).label) + ":", link.get("title", ""), link["url"]]))


def revision_changes(revision: ProjectRevision) -> list[Change]:
    """What the revision would change, field by field: (label, published value, proposed value), in the form's
    order; lists (sectors, places, outputs, partners, links) as their items' names."""
    project = revision.project
    values = revision_values(revision)
    rows = []
    order = [f.name for f in Project._meta.get_fields()]
    for name in sorted(values["fields"], key=lambda n: order.index(n) if n in order else len(order)):
        before, after = getattr(project, name), values["fields"][name]
        if before != after:
            rows.append(Change(_label(name), _readable(name, before), _readable(name, after)))
    for key, label, show in (
        ("sectors", _("Sectors"), lambda s: str(s.name)),
        ("places", _("Places"), lambda p: f"{p.name} ({p.pcode})" if p.pcode else str(p.name)),
    ):
        after = values[key]
        if after is not None:
            before = list(getattr(project, key).all())
            if set(before) != set(after):
                rows.append(Change(label, [show(x) for x in before], [show(x) for x in after]))
    for key, label, show, current in (
        (
            "outputs",
            _("Outputs"),
            _output,
            lambda o: {"quantity": o.quantity, "unit": o.unit, "description": o.description},
        ),
        ("partners", _("Partners and donors"), _partner, lambda p: {"name": p.name, "role": p.role}),
        (
            "links",
            _("Articles, photos and videos"),
            _link,
            lambda lk: {"kind": lk.kind, "url": lk.url, "title": lk.title},
        ),
    ):
        after = values[key]
        if after is not None:
            before = [show(current(x)) for x in getattr(project, key).order_by("pk")]
            after = [show(x) for x in after]
            if before != after:
                rows.append(Change(label, before, after))
    return rows


def portfolio(organisation) -> list[dict]:
    """Published projects grouped by sector, with each group's totals, as the seed's "Achievements"."""
    projects = Project.objects.published().filter(organisation=organisation).prefetch_related("sectors")
    groups: dict = {}
    for project in projects:
        for sector in project.sectors.all():
            group = groups.setdefault(sector, {"sector": sector, "projects": [], "reached": 0})
            group["projects"].append(project)
            group["reached"] += project.reached_total or 0
    return sorted(groups.values(), key=lambda g: (g["sector"].order, g["sector"].slug))
