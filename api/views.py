"""A read-only JSON API of published projects and member organisations, paginated and filterable like
the 4W view, described by an OpenAPI document at /api/openapi.json (api.openapi). A filter naming nothing
known (a P-code not in the gazetteer, an invalid date) is a 400 that says which, never every project."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from api.openapi import MAX_PAGE_SIZE, OPENAPI
from core.i18n import LANGUAGE_CODES
from core.text import search_terms
from fourw.selectors import Selection
from members.models import Organisation
from projects.models import Project


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, meant for partners' tools
    return response


def _texts(obj, field):
    return {code: getattr(obj, f"{field}_{code}") for code in LANGUAGE_CODES if getattr(obj, f"{field}_{code}")}


def _project(p) -> dict:
    return {
        "code": p.code,
        "url": reverse("projects:detail", args=[p.code]),
        "organisation": p.organisation.slug,
        "title": _texts(p, "title"),
        "description": _texts(p, "description"),
        "status": p.status,
        "planned_start": p.planned_start,
        "planned_end": p.planned_end,
        "actual_start": p.actual_start,
        "actual_end": p.actual_end,
        "sectors": [{"slug": s.slug, "cluster": s.iasc_cluster, "dac": s.dac_code} for s in p.sectors.all()],
        "places": [
            {"pcode": pl.pcode, "name": {"en": pl.name_en, "ar": pl.name_ar}, "level": pl.level}
            for pl in p.places.all()
        ],
        "people": {k: getattr(p, k) for k in Project.COUNT_FIELDS},
        "outputs": [
            {"quantity": float(o.quantity), "unit": o.unit, "description": o.description} for o in p.outputs.all()
        ],
    }


def _organisation(o) -> dict:
    return {
        "slug": o.slug,
        "url": reverse("members:profile", args=[o.slug]),
        "name": _texts(o, "name"),
        "acronym": o.acronym,
        "status": o.status,
        "region": o.region.slug,
        "sectors": [s.slug for s in o.sectors.all()],
        "founded_on": o.founded_on,
        "contacts": dict(o.published_contacts()),
    }


def _page(request, queryset, render):
    try:
        size = min(max(int(request.GET.get("page_size", 20)), 1), MAX_PAGE_SIZE)
    except ValueError:
        size = 20
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    return _json(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [render(item) for item in page.object_list],
        }
    )


@require_safe
def projects(request):
    selection = Selection.from_query(request.GET)
    if selection.errors:
        return _json({"errors": selection.errors}, status=400)
    queryset = selection.projects()
    for term in search_terms(request.GET.get("q", "")[:200]):
        queryset = queryset.filter(search_text__contains=term)
    queryset = queryset.select_related("organisation").prefetch_related("sectors", "places", "outputs").order_by("pk")
    return _page(request, queryset, _project)


@require_safe
def project(request, code):
    try:
        item = (
            Project.objects.published()
            .select_related("organisation")
            .prefetch_related("sectors", "places", "outputs")
            .get(code=code)
        )
    except Project.DoesNotExist:
        raise Http404 from None
    return _json(_project(item))


@require_safe
def organisations(request):
    # The same checks as the projects' filters, for the two this list has.
    errors = {k: v for k, v in Selection.from_query(request.GET).errors.items() if k in ("region", "sector")}
    if errors:
        return _json({"errors": errors}, status=400)
    queryset = Organisation.objects.public().select_related("region").prefetch_related("sectors").order_by("slug")
    for term in search_terms(request.GET.get("q", "")[:200]):
        queryset = queryset.filter(search_text__contains=term)
    if request.GET.get("region"):
        queryset = queryset.filter(region__slug=request.GET["region"])
    if request.GET.get("sector"):
        queryset = queryset.filter(sectors__slug=request.GET["sector"])
    return _page(request, queryset, _organisation)


@require_safe
def organisation(request, slug):
    try:
        item = Organisation.objects.public().select_related("region").prefetch_related("sectors").get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return _json(_organisation(item))


@require_safe
def openapi(request):
    return _json(OPENAPI)
