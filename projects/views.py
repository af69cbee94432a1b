"""Projects' public pages: the registry of published projects and each project's page."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pagination import capped_page
from projects import selectors

PAGE_SIZE = 20


@require_safe
def registry(request):
    query = request.GET.get("q", "")[:200]
    sector = request.GET.get("sector", "")[:50]
    error = ""
    projects = selectors.registry(query=query, sector=sector)
    if sector and sector not in {s.slug for s in selectors.sectors()}:
        # An unknown sector selects nothing, and says so.
        error = _("“%(text)s” is not a sector of the coalition.") % {"text": sector}
        projects = projects.none()
    page = capped_page(projects, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "projects/registry.html",
        {"page": page, "query": query, "sector": sector, "sectors": selectors.sectors(), "error": error},
        status=400 if error else 200,
    )


@require_safe
def detail(request, code):
    project = get_object_or_404(
        selectors.published_projects().prefetch_related("outputs", "partners", "links"), code=code
    )
    return render(request, "projects/detail.html", {"project": project})
