"""Reads about projects that pages of this and other apps reuse: published projects, the registry's
search, the technical team's review queue and an organisation's portfolio."""

from django.db.models import Prefetch

from core import reference
from core.text import search_terms
from members.models import Sector
from places.models import Place
from projects.models import Project


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
    """Projects in one review state, the latest changed first, for the technical team."""
    return Project.objects.filter(review_state=state).select_related("organisation").order_by("-updated_at")[:200]


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
