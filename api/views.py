"""A read-only JSON API of published projects and member organisations, paginated and filterable like
the 4W view, described by an OpenAPI document at /api/openapi.json."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.text import search_terms
from members.models import Organisation
from projects import fourw
from projects.models import Project

MAX_PAGE_SIZE = 100
LANGS = [code for code, _name in settings.LANGUAGES]


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, meant for partners' tools
    return response


def _texts(obj, field):
    return {code: getattr(obj, f"{field}_{code}") for code in LANGS if getattr(obj, f"{field}_{code}")}


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
        "people": {k: getattr(p, k) for k in ("targeted_total", "reached_total", *Project.BREAKDOWN, *Project.GROUPS)},
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


@require_GET
def projects(request):
    selection = fourw.Selection.from_query(request.GET, None)
    queryset = selection.projects()
    for term in search_terms(request.GET.get("q", "")[:200]):
        queryset = queryset.filter(search_text__contains=term)
    queryset = queryset.select_related("organisation").prefetch_related("sectors", "places", "outputs").order_by("pk")
    return _page(request, queryset, _project)


@require_GET
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


@require_GET
def organisations(request):
    queryset = Organisation.objects.public().select_related("region").prefetch_related("sectors").order_by("slug")
    for term in search_terms(request.GET.get("q", "")[:200]):
        queryset = queryset.filter(search_text__contains=term)
    if request.GET.get("region"):
        queryset = queryset.filter(region__slug=request.GET["region"])
    if request.GET.get("sector"):
        queryset = queryset.filter(sectors__slug=request.GET["sector"])
    return _page(request, queryset, _organisation)


@require_GET
def organisation(request, slug):
    try:
        item = Organisation.objects.public().select_related("region").prefetch_related("sectors").get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return _json(_organisation(item))


def _parameter(name, description, schema_type="string", fmt=None):
    schema = {"type": schema_type}
    if fmt:
        schema["format"] = fmt
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGING = [
    _parameter("page", "Page number, from 1.", "integer"),
    _parameter("page_size", f"Items per page, at most {MAX_PAGE_SIZE}.", "integer"),
]
FILTERS = [
    _parameter("q", "Words to find in titles and descriptions (Arabic and Kurmanji spelling variants match)."),
    _parameter("region", "Region slug."),
    _parameter("place", "P-code of a governorate, district or sub-district."),
    _parameter("sector", "Sector slug."),
    _parameter("organisation", "Organisation slug."),
    _parameter("status", "planned, ongoing, completed, cancelled or suspended."),
    _parameter("from", "Projects still running on or after this date.", fmt="date"),
    _parameter("to", "Projects started on or before this date.", fmt="date"),
]


def _list_response(item_ref):
    return {
        "200": {
            "description": "A page of results.",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "count": {"type": "integer"},
                            "page": {"type": "integer"},
                            "pages": {"type": "integer"},
                            "results": {"type": "array", "items": {"$ref": item_ref}},
                        },
                    }
                }
            },
        }
    }


OPENAPI = {
    "openapi": "3.0.3",
    "info": {
        "title": "CivNet public API",
        "version": "1",
        "description": "Published projects and member organisations of the coalition. Read-only.",
    },
    "paths": {
        "/api/projects/": {
            "get": {
                "summary": "Published projects",
                "parameters": FILTERS + PAGING,
                "responses": _list_response("#/components/schemas/Project"),
            }
        },
        "/api/projects/{code}/": {
            "get": {
                "summary": "One published project",
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "The project.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Project"}}},
                    },
                    "404": {"description": "No published project with this code."},
                },
            }
        },
        "/api/organisations/": {
            "get": {
                "summary": "Member organisations",
                "parameters": FILTERS[:1] + [FILTERS[1], FILTERS[3]] + PAGING,
                "responses": _list_response("#/components/schemas/Organisation"),
            }
        },
        "/api/organisations/{slug}/": {
            "get": {
                "summary": "One member organisation",
                "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "The organisation.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organisation"}}},
                    },
                    "404": {"description": "No member organisation with this slug."},
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Texts": {
                "type": "object",
                "description": "Text by language code (ar, ku, syr, en).",
                "additionalProperties": {"type": "string"},
            },
            "Project": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "url": {"type": "string"},
                    "organisation": {"type": "string"},
                    "title": {"$ref": "#/components/schemas/Texts"},
                    "description": {"$ref": "#/components/schemas/Texts"},
                    "status": {"type": "string"},
                    **{
                        f: {"type": "string", "format": "date", "nullable": True}
                        for f in ("planned_start", "planned_end", "actual_start", "actual_end")
                    },
                    "sectors": {"type": "array", "items": {"type": "object"}},
                    "places": {"type": "array", "items": {"type": "object"}},
                    "people": {"type": "object", "additionalProperties": {"type": "integer", "nullable": True}},
                    "outputs": {"type": "array", "items": {"type": "object"}},
                },
            },
            "Organisation": {
                "type": "object",
                "properties": {
                    "slug": {"type": "string"},
                    "url": {"type": "string"},
                    "name": {"$ref": "#/components/schemas/Texts"},
                    "acronym": {"type": "string"},
                    "status": {"type": "string"},
                    "region": {"type": "string"},
                    "sectors": {"type": "array", "items": {"type": "string"}},
                    "founded_on": {"type": "string", "format": "date", "nullable": True},
                    "contacts": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
        }
    },
}


@require_GET
def openapi(request):
    return _json(OPENAPI)
