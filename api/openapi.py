"""The OpenAPI 3 description of the JSON API, served at /api/openapi.json."""

from core.i18n import LANGUAGE_CODES
from projects.models import Project

MAX_PAGE_SIZE = 100


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
    _parameter("status", f"{', '.join(Project.Status.values[:-1])} or {Project.Status.values[-1]}."),
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
        },
        "400": {
            "description": "A filter names nothing known (a P-code not in the gazetteer, an invalid date); "
            "`errors` says what is wrong with each such parameter.",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"errors": {"type": "object", "additionalProperties": {"type": "string"}}},
                    }
                }
            },
        },
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
                "description": f"Text by language code ({', '.join(LANGUAGE_CODES)}).",
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
