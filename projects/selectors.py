"""Reads about projects used by other apps' pages."""

from projects.models import Project


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
