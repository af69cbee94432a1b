"""Projects' public pages: the registry of published projects and each project's page."""

from django.shortcuts import get_object_or_404, render

from core.pagination import capped_page
from projects import selectors

PAGE_SIZE = 20


def registry(request):
    query = request.GET.get("q", "")[:200]
    sector = request.GET.get("sector", "")
    page = capped_page(selectors.registry(query=query, sector=sector), request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "projects/registry.html",
        {"page": page, "query": query, "sector": sector, "sectors": selectors.sectors()},
    )


def detail(request, code):
    project = get_object_or_404(
        selectors.published_projects().prefetch_related("outputs", "partners", "links"), code=code
    )
    return render(request, "projects/detail.html", {"project": project})
